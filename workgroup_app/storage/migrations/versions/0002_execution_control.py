"""execution control

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-27
"""

import sqlalchemy as sa
from alembic import op

revision = '0002'
down_revision = '0001'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('blob',
    sa.Column('sha256', sa.String(length=64), nullable=False),
    sa.Column('size', sa.Integer(), nullable=False),
    sa.Column('data', sa.LargeBinary(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('sha256', name=op.f('pk_blob'))
    )
    op.create_table('calendar_override',
    sa.Column('country', sa.String(length=2), nullable=False),
    sa.Column('day', sa.Date(), nullable=False),
    sa.Column('kind', sa.String(length=20), nullable=False),
    sa.Column('note', sa.String(length=500), nullable=False),
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('origin_office_id', sa.String(length=36), nullable=False),
    sa.Column('deleted', sa.Boolean(), server_default='0', nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_calendar_override'))
    )
    with op.batch_alter_table('calendar_override', schema=None) as batch_op:
        batch_op.create_index('ix_calendar_override_day', ['country', 'day'], unique=False)

    op.create_table('action',
    sa.Column('text', sa.Text(), nullable=False),
    sa.Column('agency_id', sa.String(length=36), nullable=True),
    sa.Column('assigned_on', sa.Date(), nullable=False),
    sa.Column('deadline_rule', sa.String(length=20), nullable=False),
    sa.Column('deadline_days', sa.Integer(), nullable=False),
    sa.Column('deadline', sa.Date(), nullable=False),
    sa.Column('nominal_deadline', sa.Date(), nullable=True),
    sa.Column('official_id', sa.String(length=36), nullable=True),
    sa.Column('controller_id', sa.String(length=36), nullable=True),
    sa.Column('source', sa.String(length=20), nullable=False),
    sa.Column('decision_id', sa.String(length=36), nullable=True),
    sa.Column('meeting_id', sa.String(length=36), nullable=True),
    sa.Column('workgroup_id', sa.String(length=36), nullable=True),
    sa.Column('recurrence', sa.String(length=20), nullable=False),
    sa.Column('recur_until', sa.Date(), nullable=True),
    sa.Column('series_id', sa.String(length=36), nullable=True),
    sa.Column('occurrence', sa.Integer(), nullable=False),
    sa.Column('status', sa.String(length=20), nullable=False),
    sa.Column('current_deadline', sa.Date(), nullable=False),
    sa.Column('current_agency_id', sa.String(length=36), nullable=True),
    sa.Column('current_official_id', sa.String(length=36), nullable=True),
    sa.Column('extensions', sa.Integer(), nullable=False),
    sa.Column('reported_on', sa.Date(), nullable=True),
    sa.Column('done_on', sa.Date(), nullable=True),
    sa.Column('text_key', sa.Text(), nullable=False),
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('origin_office_id', sa.String(length=36), nullable=False),
    sa.Column('deleted', sa.Boolean(), server_default='0', nullable=False),
    sa.ForeignKeyConstraint(['agency_id'], ['agency.id'], name=op.f('fk_action_agency_id_agency')),
    sa.ForeignKeyConstraint(['controller_id'], ['person.id'], name=op.f('fk_action_controller_id_person')),
    sa.ForeignKeyConstraint(['current_agency_id'], ['agency.id'], name=op.f('fk_action_current_agency_id_agency')),
    sa.ForeignKeyConstraint(['current_official_id'], ['person.id'], name=op.f('fk_action_current_official_id_person')),
    sa.ForeignKeyConstraint(['decision_id'], ['decision.id'], name=op.f('fk_action_decision_id_decision')),
    sa.ForeignKeyConstraint(['meeting_id'], ['meeting.id'], name=op.f('fk_action_meeting_id_meeting')),
    sa.ForeignKeyConstraint(['official_id'], ['person.id'], name=op.f('fk_action_official_id_person')),
    sa.ForeignKeyConstraint(['workgroup_id'], ['workgroup.id'], name=op.f('fk_action_workgroup_id_workgroup')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_action'))
    )
    with op.batch_alter_table('action', schema=None) as batch_op:
        batch_op.create_index('ix_action_active', ['current_deadline'], unique=False, sqlite_where=sa.text("status IN ('open', 'reported')"), postgresql_where=sa.text("status IN ('open', 'reported')"))
        batch_op.create_index('ix_action_active_agency', ['current_agency_id', 'current_deadline', 'status', 'deleted'], unique=False, sqlite_where=sa.text("status IN ('open', 'reported')"), postgresql_where=sa.text("status IN ('open', 'reported')"))
        batch_op.create_index('ix_action_active_workgroup', ['workgroup_id', 'current_deadline', 'status', 'deleted'], unique=False, sqlite_where=sa.text("status IN ('open', 'reported')"), postgresql_where=sa.text("status IN ('open', 'reported')"))
        batch_op.create_index('ix_action_agency', ['current_agency_id', 'status'], unique=False)
        batch_op.create_index('ix_action_assigned_on', ['assigned_on'], unique=False)
        batch_op.create_index('ix_action_controller', ['controller_id'], unique=False)
        batch_op.create_index('ix_action_deadline', ['current_deadline', 'id'], unique=False)
        batch_op.create_index('ix_action_decision', ['decision_id'], unique=False)
        batch_op.create_index('ix_action_done_on', ['done_on'], unique=False)
        batch_op.create_index('ix_action_series', ['series_id'], unique=False)
        batch_op.create_index('ix_action_workgroup', ['workgroup_id'], unique=False)

    op.create_table('action_co_agency',
    sa.Column('action_id', sa.String(length=36), nullable=False),
    sa.Column('agency_id', sa.String(length=36), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('origin_office_id', sa.String(length=36), nullable=False),
    sa.Column('deleted', sa.Boolean(), server_default='0', nullable=False),
    sa.ForeignKeyConstraint(['action_id'], ['action.id'], name=op.f('fk_action_co_agency_action_id_action')),
    sa.ForeignKeyConstraint(['agency_id'], ['agency.id'], name=op.f('fk_action_co_agency_agency_id_agency')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_action_co_agency'))
    )
    with op.batch_alter_table('action_co_agency', schema=None) as batch_op:
        batch_op.create_index('ix_action_co_agency_action', ['action_id'], unique=False)

    op.create_table('action_event',
    sa.Column('action_id', sa.String(length=36), nullable=False),
    sa.Column('seq', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=20), nullable=False),
    sa.Column('happened_on', sa.Date(), nullable=False),
    sa.Column('text', sa.Text(), nullable=False),
    sa.Column('deadline', sa.Date(), nullable=True),
    sa.Column('agency_id', sa.String(length=36), nullable=True),
    sa.Column('person_id', sa.String(length=36), nullable=True),
    sa.Column('attachment_name', sa.String(length=300), nullable=False),
    sa.Column('attachment_sha256', sa.String(length=64), nullable=False),
    sa.Column('author', sa.String(length=200), nullable=False),
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('origin_office_id', sa.String(length=36), nullable=False),
    sa.Column('deleted', sa.Boolean(), server_default='0', nullable=False),
    sa.ForeignKeyConstraint(['action_id'], ['action.id'], name=op.f('fk_action_event_action_id_action')),
    sa.ForeignKeyConstraint(['agency_id'], ['agency.id'], name=op.f('fk_action_event_agency_id_agency')),
    sa.ForeignKeyConstraint(['person_id'], ['person.id'], name=op.f('fk_action_event_person_id_person')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_action_event'))
    )
    with op.batch_alter_table('action_event', schema=None) as batch_op:
        batch_op.create_index('ix_action_event_action', ['action_id', 'seq'], unique=False)



def downgrade() -> None:
    # Offices exchange data across versions: migrations only ever add, never go back.
    raise RuntimeError("downgrades are not supported")
