"""The Actions page's parts: the register model, filter bar, detail pane and dialogs."""
