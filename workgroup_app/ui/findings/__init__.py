"""The Findings page: register, filters, detail, dialogs."""
