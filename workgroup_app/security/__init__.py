"""Keys, certificates, PDF signing and verification (pyHanko), the OS keyring (DESIGN §6)."""
