"""initial schema

Revision ID: 0001
Revises:
Create Date: 2026-11-27 19:02:53.629551
"""

import sqlalchemy as sa
from alembic import op

revision = '0001'
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('agency',
    sa.Column('name', sa.String(length=300), nullable=False),
    sa.Column('short_name', sa.String(length=60), nullable=False),
    sa.Column('kind', sa.String(length=40), nullable=False),
    sa.Column('region', sa.String(length=500), nullable=False),
    sa.Column('name_key', sa.String(length=400), nullable=False),
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('origin_office_id', sa.String(length=36), nullable=False),
    sa.Column('deleted', sa.Boolean(), server_default='0', nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_agency'))
    )
    with op.batch_alter_table('agency', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_agency_name_key'), ['name_key'], unique=False)

    op.create_table('local_state',
    sa.Column('key', sa.String(length=100), nullable=False),
    sa.Column('value', sa.Text(), nullable=False),
    sa.PrimaryKeyConstraint('key', name=op.f('pk_local_state'))
    )
    op.create_table('sync_change',
    sa.Column('table_name', sa.String(length=60), nullable=False),
    sa.Column('row_id', sa.String(length=36), nullable=False),
    sa.Column('local_version', sa.Integer(), nullable=False),
    sa.Column('field_clocks', sa.Text(), nullable=False),
    sa.PrimaryKeyConstraint('table_name', 'row_id', name=op.f('pk_sync_change'))
    )
    with op.batch_alter_table('sync_change', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_sync_change_local_version'), ['local_version'], unique=False)

    op.create_table('person',
    sa.Column('full_name', sa.String(length=300), nullable=False),
    sa.Column('position', sa.String(length=500), nullable=False),
    sa.Column('agency_id', sa.String(length=36), nullable=True),
    sa.Column('phone', sa.String(length=100), nullable=False),
    sa.Column('email', sa.String(length=200), nullable=False),
    sa.Column('name_key', sa.String(length=400), nullable=False),
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('origin_office_id', sa.String(length=36), nullable=False),
    sa.Column('deleted', sa.Boolean(), server_default='0', nullable=False),
    sa.ForeignKeyConstraint(['agency_id'], ['agency.id'], name=op.f('fk_person_agency_id_agency')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_person'))
    )
    with op.batch_alter_table('person', schema=None) as batch_op:
        batch_op.create_index('ix_person_agency', ['agency_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_person_name_key'), ['name_key'], unique=False)

    op.create_table('workgroup',
    sa.Column('name', sa.String(length=300), nullable=False),
    sa.Column('region', sa.String(length=500), nullable=False),
    sa.Column('legal_basis', sa.Text(), nullable=False),
    sa.Column('established_on', sa.Date(), nullable=True),
    sa.Column('chair_id', sa.String(length=36), nullable=True),
    sa.Column('deputy_chair_id', sa.String(length=36), nullable=True),
    sa.Column('secretary_id', sa.String(length=36), nullable=True),
    sa.Column('name_key', sa.String(length=400), nullable=False),
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('origin_office_id', sa.String(length=36), nullable=False),
    sa.Column('deleted', sa.Boolean(), server_default='0', nullable=False),
    sa.ForeignKeyConstraint(['chair_id'], ['person.id'], name=op.f('fk_workgroup_chair_id_person')),
    sa.ForeignKeyConstraint(['deputy_chair_id'], ['person.id'], name=op.f('fk_workgroup_deputy_chair_id_person')),
    sa.ForeignKeyConstraint(['secretary_id'], ['person.id'], name=op.f('fk_workgroup_secretary_id_person')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_workgroup'))
    )
    with op.batch_alter_table('workgroup', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_workgroup_name_key'), ['name_key'], unique=False)

    op.create_table('meeting',
    sa.Column('workgroup_id', sa.String(length=36), nullable=False),
    sa.Column('number', sa.Integer(), nullable=False),
    sa.Column('year', sa.Integer(), nullable=False),
    sa.Column('held_on', sa.Date(), nullable=False),
    sa.Column('starts_at', sa.Time(), nullable=True),
    sa.Column('venue', sa.String(length=500), nullable=False),
    sa.Column('status', sa.String(length=20), nullable=False),
    sa.Column('chair_id', sa.String(length=36), nullable=True),
    sa.Column('secretary_id', sa.String(length=36), nullable=True),
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('origin_office_id', sa.String(length=36), nullable=False),
    sa.Column('deleted', sa.Boolean(), server_default='0', nullable=False),
    sa.ForeignKeyConstraint(['chair_id'], ['person.id'], name=op.f('fk_meeting_chair_id_person')),
    sa.ForeignKeyConstraint(['secretary_id'], ['person.id'], name=op.f('fk_meeting_secretary_id_person')),
    sa.ForeignKeyConstraint(['workgroup_id'], ['workgroup.id'], name=op.f('fk_meeting_workgroup_id_workgroup')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_meeting'))
    )
    with op.batch_alter_table('meeting', schema=None) as batch_op:
        batch_op.create_index('ix_meeting_held_on', ['held_on'], unique=False)
        batch_op.create_index('ix_meeting_number', ['workgroup_id', 'year', 'number'], unique=False)

    op.create_table('workgroup_member',
    sa.Column('workgroup_id', sa.String(length=36), nullable=False),
    sa.Column('person_id', sa.String(length=36), nullable=False),
    sa.Column('role', sa.String(length=40), nullable=False),
    sa.Column('since', sa.Date(), nullable=True),
    sa.Column('until', sa.Date(), nullable=True),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('origin_office_id', sa.String(length=36), nullable=False),
    sa.Column('deleted', sa.Boolean(), server_default='0', nullable=False),
    sa.ForeignKeyConstraint(['person_id'], ['person.id'], name=op.f('fk_workgroup_member_person_id_person')),
    sa.ForeignKeyConstraint(['workgroup_id'], ['workgroup.id'], name=op.f('fk_workgroup_member_workgroup_id_workgroup')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_workgroup_member'))
    )
    with op.batch_alter_table('workgroup_member', schema=None) as batch_op:
        batch_op.create_index('ix_workgroup_member_group', ['workgroup_id'], unique=False)

    op.create_table('agenda_item',
    sa.Column('meeting_id', sa.String(length=36), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('title', sa.Text(), nullable=False),
    sa.Column('dissent', sa.Text(), nullable=False),
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('origin_office_id', sa.String(length=36), nullable=False),
    sa.Column('deleted', sa.Boolean(), server_default='0', nullable=False),
    sa.ForeignKeyConstraint(['meeting_id'], ['meeting.id'], name=op.f('fk_agenda_item_meeting_id_meeting')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_agenda_item'))
    )
    with op.batch_alter_table('agenda_item', schema=None) as batch_op:
        batch_op.create_index('ix_agenda_item_meeting', ['meeting_id'], unique=False)

    op.create_table('attendee',
    sa.Column('meeting_id', sa.String(length=36), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=20), nullable=False),
    sa.Column('person_id', sa.String(length=36), nullable=True),
    sa.Column('present', sa.Boolean(), nullable=False),
    sa.Column('substitute_id', sa.String(length=36), nullable=True),
    sa.Column('guest_name', sa.String(length=500), nullable=False),
    sa.Column('guest_position', sa.String(length=500), nullable=False),
    sa.Column('guest_organisation', sa.String(length=500), nullable=False),
    sa.Column('note', sa.String(length=500), nullable=False),
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('origin_office_id', sa.String(length=36), nullable=False),
    sa.Column('deleted', sa.Boolean(), server_default='0', nullable=False),
    sa.ForeignKeyConstraint(['meeting_id'], ['meeting.id'], name=op.f('fk_attendee_meeting_id_meeting')),
    sa.ForeignKeyConstraint(['person_id'], ['person.id'], name=op.f('fk_attendee_person_id_person')),
    sa.ForeignKeyConstraint(['substitute_id'], ['person.id'], name=op.f('fk_attendee_substitute_id_person')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_attendee'))
    )
    with op.batch_alter_table('attendee', schema=None) as batch_op:
        batch_op.create_index('ix_attendee_meeting', ['meeting_id'], unique=False)

    op.create_table('decision',
    sa.Column('agenda_item_id', sa.String(length=36), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('text', sa.Text(), nullable=False),
    sa.Column('responsible_agency_id', sa.String(length=36), nullable=True),
    sa.Column('due_date', sa.Date(), nullable=True),
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('origin_office_id', sa.String(length=36), nullable=False),
    sa.Column('deleted', sa.Boolean(), server_default='0', nullable=False),
    sa.ForeignKeyConstraint(['agenda_item_id'], ['agenda_item.id'], name=op.f('fk_decision_agenda_item_id_agenda_item')),
    sa.ForeignKeyConstraint(['responsible_agency_id'], ['agency.id'], name=op.f('fk_decision_responsible_agency_id_agency')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_decision'))
    )
    with op.batch_alter_table('decision', schema=None) as batch_op:
        batch_op.create_index('ix_decision_item', ['agenda_item_id'], unique=False)

    op.create_table('speech',
    sa.Column('agenda_item_id', sa.String(length=36), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('section', sa.String(length=20), nullable=False),
    sa.Column('person_id', sa.String(length=36), nullable=True),
    sa.Column('speaker_name', sa.String(length=500), nullable=False),
    sa.Column('speaker_position', sa.String(length=500), nullable=False),
    sa.Column('text', sa.Text(), nullable=False),
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('origin_office_id', sa.String(length=36), nullable=False),
    sa.Column('deleted', sa.Boolean(), server_default='0', nullable=False),
    sa.ForeignKeyConstraint(['agenda_item_id'], ['agenda_item.id'], name=op.f('fk_speech_agenda_item_id_agenda_item')),
    sa.ForeignKeyConstraint(['person_id'], ['person.id'], name=op.f('fk_speech_person_id_person')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_speech'))
    )
    with op.batch_alter_table('speech', schema=None) as batch_op:
        batch_op.create_index('ix_speech_item', ['agenda_item_id'], unique=False)



def downgrade() -> None:
    # Offices exchange data across versions: migrations only ever add, never go back.
    raise RuntimeError("downgrades are not supported")
