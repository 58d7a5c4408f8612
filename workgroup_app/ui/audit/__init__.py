"""The Audit page's parts: the entries' model, the filter bar, the details of one entry."""
