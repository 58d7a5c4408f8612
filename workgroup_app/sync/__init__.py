"""Exchange between offline offices on removable media (DESIGN §5, docs/sync-format.md).

The bundle format, independent of the store: strict JSON and canonical base64 for everything
read from a bundle (``strict_json``, ``canonical_b64``); the signed envelope with its HPKE key
wrap (``envelope``); the chunked payload encryption (``stream``); the zlib stream of manifest,
row, blob and end records inside it (``payload``); and office cards with their fingerprints
(``card``). Export, import, trust and status are services (``services/offices.py``,
``exchange.py``, ``exchange_import.py``, ``exchange_status.py``); merging rows into the store is
``storage/sync_store.py`` with the rule in ``domain/sync_merge.py``.
"""
