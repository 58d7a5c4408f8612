"""Use cases: small functions (input, unit of work, actor) -> DTO. No Qt, no SQLAlchemy."""
