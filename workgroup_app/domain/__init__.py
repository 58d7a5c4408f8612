"""Pure rules of the product: entities, enums, validation, numbering, clocks (stdlib only)."""
