"""Before the session (issue 13, part A): the convocation as PDF/A with its annexes, sent by e-mail
with an .ics invitation, the reminder on the day, and the avis de séance for the public.

Sending is the only network step; everything else (the PDF, the .ics, the avis) works offline.
"""
