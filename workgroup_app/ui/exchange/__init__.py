"""The Exchange page's parts: this office, trusted offices, the Send and Receive dialogs, the
status of each peer and the conflicts log (issue 6; DESIGN §5)."""
