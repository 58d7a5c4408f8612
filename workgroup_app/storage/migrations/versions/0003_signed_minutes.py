"""signed minutes: protocol versions, their steps, and the certificates this office holds

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-27
"""

import sqlalchemy as sa
from alembic import op

revision = '0003'
down_revision = '0002'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('signing_certificate',
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('kind', sa.String(length=20), nullable=False),
    sa.Column('person_id', sa.String(length=36), nullable=True),
    sa.Column('role', sa.String(length=20), nullable=True),
    sa.Column('subject', sa.String(length=500), nullable=False),
    sa.Column('issuer', sa.String(length=500), nullable=False),
    sa.Column('fingerprint', sa.String(length=64), nullable=False),
    sa.Column('not_before', sa.DateTime(timezone=True), nullable=False),
    sa.Column('not_after', sa.DateTime(timezone=True), nullable=False),
    sa.Column('der', sa.LargeBinary(), nullable=False),
    sa.Column('key_file', sa.String(length=200), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_signing_certificate')),
    sa.UniqueConstraint('fingerprint', name=op.f('uq_signing_certificate_fingerprint'))
    )
    with op.batch_alter_table('signing_certificate', schema=None) as batch_op:
        batch_op.create_index('ix_signing_certificate_person', ['person_id', 'role'], unique=False)

    op.create_table('minutes',
    sa.Column('meeting_id', sa.String(length=36), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('lang', sa.String(length=2), nullable=False),
    sa.Column('include_execution', sa.Boolean(), nullable=False),
    sa.Column('supersedes_id', sa.String(length=36), nullable=True),
    sa.Column('amendment_reason', sa.Text(), nullable=False),
    sa.Column('status', sa.String(length=20), nullable=False),
    sa.Column('pdf_sha256', sa.String(length=64), nullable=False),
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('origin_office_id', sa.String(length=36), nullable=False),
    sa.Column('deleted', sa.Boolean(), server_default='0', nullable=False),
    sa.ForeignKeyConstraint(['meeting_id'], ['meeting.id'], name=op.f('fk_minutes_meeting_id_meeting')),
    sa.ForeignKeyConstraint(['supersedes_id'], ['minutes.id'], name=op.f('fk_minutes_supersedes_id_minutes')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_minutes'))
    )
    with op.batch_alter_table('minutes', schema=None) as batch_op:
        batch_op.create_index('ix_minutes_meeting', ['meeting_id', 'version'], unique=False)

    op.create_table('minutes_event',
    sa.Column('minutes_id', sa.String(length=36), nullable=False),
    sa.Column('seq', sa.Integer(), nullable=False),
    sa.Column('step', sa.String(length=20), nullable=False),
    sa.Column('at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('author', sa.String(length=200), nullable=False),
    sa.Column('reason', sa.Text(), nullable=False),
    sa.Column('pdf_sha256', sa.String(length=64), nullable=False),
    sa.Column('signer', sa.String(length=500), nullable=False),
    sa.Column('fingerprint', sa.String(length=64), nullable=False),
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('origin_office_id', sa.String(length=36), nullable=False),
    sa.Column('deleted', sa.Boolean(), server_default='0', nullable=False),
    sa.ForeignKeyConstraint(['minutes_id'], ['minutes.id'], name=op.f('fk_minutes_event_minutes_id_minutes')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_minutes_event'))
    )
    with op.batch_alter_table('minutes_event', schema=None) as batch_op:
        batch_op.create_index('ix_minutes_event_minutes', ['minutes_id', 'seq'], unique=False)



def downgrade() -> None:
    # Offices exchange data across versions: migrations only ever add, never go back.
    raise RuntimeError("downgrades are not supported")
