"""Editors shown beside the lists of the directory and workgroup pages."""
