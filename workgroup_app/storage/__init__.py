"""The only package that imports SQLAlchemy: models, store, unit of work, queries, migrations."""
