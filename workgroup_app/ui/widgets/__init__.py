"""widgets of the desktop interface."""
