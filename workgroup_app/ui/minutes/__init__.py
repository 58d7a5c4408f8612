"""The minutes of a meeting: the protocol window, signing, and checking signed PDFs."""
