"""The `workgroup` command line: one module per command group, never importing the GUI."""
