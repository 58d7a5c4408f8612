"""Exchange between offline offices on removable media (DESIGN §5, docs/sync-format.md).

Built so far (issue 6 groundwork): strict JSON and canonical base64 for everything read from a
bundle, and the chunked payload encryption. Bundles, keys, export and import follow.
"""
