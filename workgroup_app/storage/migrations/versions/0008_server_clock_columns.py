"""64-bit clock columns on PostgreSQL: hybrid-clock stamps do not fit a 32-bit INTEGER

Revision ID: 0008
Revises: 0007
Create Date: 2026-11-29

SQLite's INTEGER already holds 64 bits, so a SQLite store is left as it is (nothing is
rebuilt); on PostgreSQL the three columns that hold clock stamps are widened to BIGINT.
"""

import sqlalchemy as sa
from alembic import op

revision = '0008'
down_revision = '0007'
branch_labels = None
depends_on = None

CLOCK_COLUMNS = (("sync_conflict", "kept_hlc"), ("sync_conflict", "lost_hlc"),
                 ("sync_origin", "max_hlc"))


def upgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        return
    for table, column in CLOCK_COLUMNS:
        op.alter_column(table, column, type_=sa.BigInteger(), existing_type=sa.Integer(),
                        existing_nullable=False)


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        return
    for table, column in CLOCK_COLUMNS:
        op.alter_column(table, column, type_=sa.Integer(), existing_type=sa.BigInteger(),
                        existing_nullable=False)
