"""The chair's and the clerk's dialogs."""
