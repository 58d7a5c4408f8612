"""office exchange: offices, peers, receipts, quarantine (local); the conflicts log (replicated)

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-28
"""

import sqlalchemy as sa
from alembic import op

revision = '0005'
down_revision = '0004'
branch_labels = None
depends_on = None


def upgrade() -> None:
    # Adds tables only. The one replicated table is new, so bundles of schema 4 still apply.
    op.create_table('office',
    sa.Column('site_id', sa.String(length=36), nullable=False),
    sa.Column('name', sa.String(length=300), nullable=False),
    sa.Column('region', sa.String(length=300), nullable=False),
    sa.Column('country', sa.String(length=2), nullable=False),
    sa.Column('network', sa.String(length=100), nullable=False),
    sa.Column('sign_public', sa.String(length=100), nullable=False),
    sa.Column('enc_public', sa.String(length=100), nullable=False),
    sa.Column('ca_der', sa.LargeBinary(), nullable=True),
    sa.Column('fingerprint', sa.String(length=100), nullable=False),
    sa.Column('is_self', sa.Boolean(), nullable=False),
    sa.Column('added_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('revoked_at', sa.DateTime(timezone=True), nullable=True),
    sa.PrimaryKeyConstraint('site_id', name=op.f('pk_office'))
    )
    op.create_table('sync_conflict',
    sa.Column('table_name', sa.String(length=60), nullable=False),
    sa.Column('row_id', sa.String(length=36), nullable=False),
    sa.Column('column', sa.String(length=60), nullable=False),
    sa.Column('kept_value', sa.Text(), nullable=False),
    sa.Column('kept_hlc', sa.Integer(), nullable=False),
    sa.Column('kept_site', sa.String(length=36), nullable=False),
    sa.Column('lost_value', sa.Text(), nullable=False),
    sa.Column('lost_hlc', sa.Integer(), nullable=False),
    sa.Column('lost_site', sa.String(length=36), nullable=False),
    sa.Column('restored_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('origin_office_id', sa.String(length=36), nullable=False),
    sa.Column('deleted', sa.Boolean(), server_default='0', nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_sync_conflict'))
    )
    with op.batch_alter_table('sync_conflict', schema=None) as batch_op:
        batch_op.create_index('ix_sync_conflict_row', ['table_name', 'row_id'], unique=False)

    op.create_table('sync_origin',
    sa.Column('site_id', sa.String(length=36), nullable=False),
    sa.Column('max_hlc', sa.Integer(), nullable=False),
    sa.PrimaryKeyConstraint('site_id', name=op.f('pk_sync_origin'))
    )
    op.create_table('sync_peer',
    sa.Column('site_id', sa.String(length=36), nullable=False),
    sa.Column('out_seq', sa.Integer(), nullable=False),
    sa.Column('sent_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('sent_head', sa.Integer(), nullable=False),
    sa.Column('acked_base', sa.Integer(), nullable=False),
    sa.Column('in_seq', sa.Integer(), nullable=False),
    sa.Column('applied_head', sa.Integer(), nullable=False),
    sa.Column('received_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('received_created', sa.DateTime(timezone=True), nullable=True),
    sa.Column('epoch', sa.String(length=60), nullable=False),
    sa.Column('resend_seq', sa.Integer(), nullable=False),
    sa.PrimaryKeyConstraint('site_id', name=op.f('pk_sync_peer'))
    )
    op.create_table('sync_quarantine',
    sa.Column('bundle_id', sa.String(length=36), nullable=False),
    sa.Column('sender', sa.String(length=36), nullable=False),
    sa.Column('channel_seq', sa.Integer(), nullable=False),
    sa.Column('base_version', sa.Integer(), nullable=False),
    sa.Column('head_version', sa.Integer(), nullable=False),
    sa.Column('file_name', sa.String(length=300), nullable=False),
    sa.Column('held_at', sa.DateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('bundle_id', name=op.f('pk_sync_quarantine'))
    )
    op.create_table('sync_receipt',
    sa.Column('bundle_id', sa.String(length=36), nullable=False),
    sa.Column('sender', sa.String(length=36), nullable=False),
    sa.Column('channel_seq', sa.Integer(), nullable=False),
    sa.Column('base_version', sa.Integer(), nullable=False),
    sa.Column('head_version', sa.Integer(), nullable=False),
    sa.Column('rows', sa.Integer(), nullable=False),
    sa.Column('epoch', sa.String(length=60), nullable=False),
    sa.Column('applied_at', sa.DateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('bundle_id', name=op.f('pk_sync_receipt'))
    )
    with op.batch_alter_table('sync_receipt', schema=None) as batch_op:
        batch_op.create_index('ix_sync_receipt_sender', ['sender', 'channel_seq'], unique=False)


def downgrade() -> None:
    # Offices exchange data across versions: migrations only ever add, never go back.
    raise RuntimeError("downgrades are not supported")
