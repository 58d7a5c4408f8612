"""pages of the desktop interface."""
