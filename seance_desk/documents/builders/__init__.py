"""The procès-verbal and the other documents the law requires, built from the session's journal.

`document.py` is the contract between the builders (which turn the journal into documents, in pure
Python) and the renderer (ReportLab, in seance_desk/documents/pdf), so each can change without the other.
Builders escape plain text put into a Paragraph (&, <, > as &amp; &lt; &gt;); KeyValues, Table and
Heading texts are plain, unescaped text.
"""
