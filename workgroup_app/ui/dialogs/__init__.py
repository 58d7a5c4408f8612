"""dialogs of the desktop interface."""
