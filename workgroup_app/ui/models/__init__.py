"""models of the desktop interface."""
