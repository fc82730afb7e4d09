"""The window's frame: main window, controller, settings, shortcuts, the dialog service, colours."""
