"""The pure domain: assembly, agenda, events, the law's rules, and SessionState = fold(events).

Nothing here imports Qt, SQLAlchemy or ReportLab (a test enforces it).
"""
