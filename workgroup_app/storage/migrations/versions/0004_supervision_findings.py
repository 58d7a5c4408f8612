"""supervision findings: findings with their events; actions may come from a finding

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-28
"""

import sqlalchemy as sa
from alembic import op

revision = '0004'
down_revision = '0003'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('finding',
    sa.Column('agency_id', sa.String(length=36), nullable=True),
    sa.Column('official_id', sa.String(length=36), nullable=True),
    sa.Column('inspected_on', sa.Date(), nullable=False),
    sa.Column('subject', sa.Text(), nullable=False),
    sa.Column('violations', sa.Text(), nullable=False),
    sa.Column('legal_norms', sa.Text(), nullable=False),
    sa.Column('workgroup_id', sa.String(length=36), nullable=True),
    sa.Column('meeting_id', sa.String(length=36), nullable=True),
    sa.Column('act_type', sa.String(length=20), nullable=False),
    sa.Column('act_number', sa.String(length=50), nullable=False),
    sa.Column('act_date', sa.Date(), nullable=False),
    sa.Column('act_year', sa.Integer(), nullable=False),
    sa.Column('prosecutor_id', sa.String(length=36), nullable=True),
    sa.Column('addressee', sa.String(length=500), nullable=False),
    sa.Column('response_due', sa.Date(), nullable=True),
    sa.Column('status', sa.String(length=20), nullable=False),
    sa.Column('responded_on', sa.Date(), nullable=True),
    sa.Column('result', sa.String(length=20), nullable=True),
    sa.Column('disciplined', sa.Integer(), nullable=False),
    sa.Column('acts_repealed', sa.Integer(), nullable=False),
    sa.Column('escalation', sa.String(length=20), nullable=True),
    sa.Column('closed_on', sa.Date(), nullable=True),
    sa.Column('text_key', sa.Text(), nullable=False),
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('origin_office_id', sa.String(length=36), nullable=False),
    sa.Column('deleted', sa.Boolean(), server_default='0', nullable=False),
    sa.ForeignKeyConstraint(['agency_id'], ['agency.id'], name=op.f('fk_finding_agency_id_agency')),
    sa.ForeignKeyConstraint(['meeting_id'], ['meeting.id'], name=op.f('fk_finding_meeting_id_meeting')),
    sa.ForeignKeyConstraint(['official_id'], ['person.id'], name=op.f('fk_finding_official_id_person')),
    sa.ForeignKeyConstraint(['prosecutor_id'], ['person.id'], name=op.f('fk_finding_prosecutor_id_person')),
    sa.ForeignKeyConstraint(['workgroup_id'], ['workgroup.id'], name=op.f('fk_finding_workgroup_id_workgroup')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_finding'))
    )
    with op.batch_alter_table('finding', schema=None) as batch_op:
        batch_op.create_index('ix_finding_act_date', ['deleted', 'act_date', 'id'], unique=False)
        batch_op.create_index('ix_finding_type_date', ['act_type', 'act_date', 'id'], unique=False)
        batch_op.create_index('ix_finding_agency', ['agency_id', 'act_date'], unique=False)
        batch_op.create_index('ix_finding_awaiting', ['response_due'], unique=False, postgresql_where=sa.text("status = 'awaiting'"), sqlite_where=sa.text("status = 'awaiting'"))
        batch_op.create_index('ix_finding_number', ['act_type', 'act_year', 'act_number'], unique=False)

    op.create_table('finding_event',
    sa.Column('finding_id', sa.String(length=36), nullable=False),
    sa.Column('seq', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=20), nullable=False),
    sa.Column('happened_on', sa.Date(), nullable=False),
    sa.Column('text', sa.Text(), nullable=False),
    sa.Column('result', sa.String(length=20), nullable=True),
    sa.Column('disciplined', sa.Integer(), nullable=False),
    sa.Column('acts_repealed', sa.Integer(), nullable=False),
    sa.Column('escalation', sa.String(length=20), nullable=True),
    sa.Column('attachment_name', sa.String(length=300), nullable=False),
    sa.Column('attachment_sha256', sa.String(length=64), nullable=False),
    sa.Column('author', sa.String(length=200), nullable=False),
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('origin_office_id', sa.String(length=36), nullable=False),
    sa.Column('deleted', sa.Boolean(), server_default='0', nullable=False),
    sa.ForeignKeyConstraint(['finding_id'], ['finding.id'], name=op.f('fk_finding_event_finding_id_finding')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_finding_event'))
    )
    with op.batch_alter_table('finding_event', schema=None) as batch_op:
        batch_op.create_index('ix_finding_event_finding', ['finding_id', 'seq'], unique=False)

    with op.batch_alter_table('action', schema=None) as batch_op:
        batch_op.add_column(sa.Column('finding_id', sa.String(length=36), nullable=True))
        batch_op.create_index(batch_op.f('ix_action_finding_id'), ['finding_id'], unique=False)



def downgrade() -> None:
    # Offices exchange data across versions: migrations only ever add, never go back.
    raise RuntimeError("downgrades are not supported")
