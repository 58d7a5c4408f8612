"""Alembic environment: migrations run on the connection the application hands over."""

from alembic import context
from sqlalchemy import create_engine

from workgroup_app.storage.models import Base

connection = context.config.attributes.get("connection")


def run(conn: object) -> None:
    context.configure(connection=conn, target_metadata=Base.metadata, render_as_batch=True,
                      compare_type=True)
    with context.begin_transaction():
        context.run_migrations()


if connection is not None:
    run(connection)
else:  # `alembic -x url=... revision --autogenerate` during development
    url = context.get_x_argument(as_dictionary=True).get("url", "sqlite:///:memory:")
    with create_engine(url).connect() as conn:
        run(conn)
