"""Initial schema: organisation, activity records, référentiel mirror, audit log.

Revision ID: 0001
Revises:
Create Date: 2026-11-25 19:14:44.740703
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0001"
down_revision: str | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "app_setting",
        sa.Column("key", sa.String(length=64), nullable=False),
        sa.Column("value", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("key", name=op.f("pk_app_setting")),
    )
    op.create_table(
        "audit_log",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("at", sa.DateTime(), nullable=False),
        sa.Column("actor_id", sa.Uuid(), nullable=True),
        sa.Column("device_id", sa.String(length=36), nullable=False),
        sa.Column("action", sa.String(length=16), nullable=False),
        sa.Column("table_name", sa.String(length=64), nullable=False),
        sa.Column("record_id", sa.Uuid(), nullable=True),
        sa.Column("changes", sa.Text(), nullable=True),
        sa.CheckConstraint(
            "action IN ('CREATE', 'UPDATE', 'DELETE', 'RESTORE', 'IMPORT')", name=op.f("ck_audit_log_action")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_audit_log")),
    )
    with op.batch_alter_table("audit_log", schema=None) as batch_op:
        batch_op.create_index("ix_audit_log_record_id", ["record_id"], unique=False)

    op.create_table(
        "dispositif",
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("main_domain", sa.String(length=32), nullable=False),
        sa.Column("start_date", sa.Date(), nullable=False),
        sa.Column("end_date", sa.Date(), nullable=True),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("created_by", sa.Uuid(), nullable=True),
        sa.Column("device_id", sa.String(length=36), nullable=False),
        sa.Column("deleted_at", sa.DateTime(), nullable=True),
        sa.Column("vocab_version", sa.String(length=32), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_dispositif")),
        sa.UniqueConstraint("name", name=op.f("uq_dispositif_name")),
    )
    op.create_table(
        "mediator",
        sa.Column("display_name", sa.String(length=200), nullable=False),
        sa.Column("pseudonym", sa.String(length=32), nullable=False),
        sa.Column("role", sa.String(length=32), nullable=False),
        sa.Column("login", sa.String(length=64), nullable=True),
        sa.Column("password_hash", sa.String(length=255), nullable=True),
        sa.Column("weekly_minutes", sa.Integer(), nullable=True),
        sa.Column("contract", sa.String(length=32), nullable=True),
        sa.Column("fte_percent", sa.Integer(), nullable=True),
        sa.Column("start_date", sa.Date(), nullable=True),
        sa.Column("end_date", sa.Date(), nullable=True),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("created_by", sa.Uuid(), nullable=True),
        sa.Column("device_id", sa.String(length=36), nullable=False),
        sa.Column("deleted_at", sa.DateTime(), nullable=True),
        sa.Column("vocab_version", sa.String(length=32), nullable=False),
        sa.CheckConstraint("fte_percent IS NULL OR fte_percent BETWEEN 10 AND 100", name=op.f("ck_mediator_fte")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_mediator")),
        sa.UniqueConstraint("login", name=op.f("uq_mediator_login")),
        sa.UniqueConstraint("pseudonym", name=op.f("uq_mediator_pseudonym")),
    )
    op.create_table(
        "partner",
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("partner_type", sa.String(length=32), nullable=False),
        sa.Column("commune", sa.String(length=5), nullable=True),
        sa.Column("contact_name", sa.String(length=200), nullable=True),
        sa.Column("phone", sa.String(length=40), nullable=True),
        sa.Column("email", sa.String(length=200), nullable=True),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("created_by", sa.Uuid(), nullable=True),
        sa.Column("device_id", sa.String(length=36), nullable=False),
        sa.Column("deleted_at", sa.DateTime(), nullable=True),
        sa.Column("vocab_version", sa.String(length=32), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_partner")),
    )
    op.create_table(
        "qpv_commune",
        sa.Column("qpv_code", sa.String(length=8), nullable=False),
        sa.Column("commune_code", sa.String(length=5), nullable=False),
        sa.Column("vintage", sa.String(length=16), nullable=False),
        sa.PrimaryKeyConstraint("qpv_code", "commune_code", "vintage", name=op.f("pk_qpv_commune")),
    )
    op.create_table(
        "referentiel_version",
        sa.Column("version", sa.String(length=32), nullable=False),
        sa.Column("sequence", sa.Integer(), nullable=False),
        sa.Column("previous", sa.String(length=32), nullable=True),
        sa.Column("published_on", sa.Date(), nullable=False),
        sa.Column("loaded_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("version", name=op.f("pk_referentiel_version")),
        sa.UniqueConstraint("sequence", name=op.f("uq_referentiel_version_sequence")),
    )
    op.create_table(
        "structure",
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("siret", sa.String(length=14), nullable=True),
        sa.Column("observatory_id", sa.String(length=64), nullable=True),
        sa.Column("legal_status", sa.String(length=32), nullable=False),
        sa.Column("afnor_certified_on", sa.Date(), nullable=True),
        sa.Column("hq_commune", sa.String(length=5), nullable=True),
        sa.Column("holiday_calendar", sa.String(length=32), nullable=False),
        sa.Column("notes_enabled", sa.Boolean(), nullable=False),
        sa.Column("person_module_enabled", sa.Boolean(), nullable=False),
        sa.Column("dpia_ref", sa.String(length=100), nullable=True),
        sa.Column("dpia_date", sa.Date(), nullable=True),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("created_by", sa.Uuid(), nullable=True),
        sa.Column("device_id", sa.String(length=36), nullable=False),
        sa.Column("deleted_at", sa.DateTime(), nullable=True),
        sa.Column("vocab_version", sa.String(length=32), nullable=False),
        sa.CheckConstraint("siret IS NULL OR length(siret) = 14", name=op.f("ck_structure_siret_length")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_structure")),
    )
    op.create_table(
        "territory",
        sa.Column("code", sa.String(length=12), nullable=False),
        sa.Column("level", sa.String(length=32), nullable=False),
        sa.Column("label", sa.String(length=200), nullable=False),
        sa.Column("parent_code", sa.String(length=12), nullable=True),
        sa.Column("vintage", sa.String(length=16), nullable=False),
        sa.Column("valid_from", sa.Date(), nullable=True),
        sa.Column("valid_to", sa.Date(), nullable=True),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("created_by", sa.Uuid(), nullable=True),
        sa.Column("device_id", sa.String(length=36), nullable=False),
        sa.Column("deleted_at", sa.DateTime(), nullable=True),
        sa.Column("vocab_version", sa.String(length=32), nullable=False),
        sa.CheckConstraint(
            "level IN ('COMMUNE', 'QPV', 'EPCI', 'DEPARTEMENT', 'REGION')", name=op.f("ck_territory_level")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_territory")),
        sa.UniqueConstraint("level", "code", "vintage", name="uq_territory_level_code_vintage"),
    )
    op.create_table(
        "citer_mapping",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("referentiel_version", sa.String(length=32), nullable=False),
        sa.Column("citer_domain", sa.String(length=32), nullable=False),
        sa.Column("criterion_fr", sa.String(length=200), nullable=False),
        sa.Column("criterion_en", sa.String(length=200), nullable=False),
        sa.Column("source", sa.String(length=32), nullable=False),
        sa.Column("filter", sa.Text(), nullable=False),
        sa.Column("share_of", sa.Text(), nullable=True),
        sa.Column("indicator", sa.String(length=32), nullable=False),
        sa.ForeignKeyConstraint(
            ["referentiel_version"],
            ["referentiel_version.version"],
            name=op.f("fk_citer_mapping_referentiel_version_referentiel_version"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_citer_mapping")),
    )
    op.create_table(
        "dispositif_commissioner",
        sa.Column("dispositif_id", sa.Uuid(), nullable=False),
        sa.Column("partner_id", sa.Uuid(), nullable=False),
        sa.ForeignKeyConstraint(
            ["dispositif_id"],
            ["dispositif.id"],
            name=op.f("fk_dispositif_commissioner_dispositif_id_dispositif"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["partner_id"], ["partner.id"], name=op.f("fk_dispositif_commissioner_partner_id_partner")
        ),
        sa.PrimaryKeyConstraint("dispositif_id", "partner_id", name=op.f("pk_dispositif_commissioner")),
    )
    op.create_table(
        "dispositif_funder",
        sa.Column("dispositif_id", sa.Uuid(), nullable=False),
        sa.Column("funder", sa.String(length=32), nullable=False),
        sa.ForeignKeyConstraint(
            ["dispositif_id"],
            ["dispositif.id"],
            name=op.f("fk_dispositif_funder_dispositif_id_dispositif"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("dispositif_id", "funder", name=op.f("pk_dispositif_funder")),
    )
    op.create_table(
        "dispositif_territory",
        sa.Column("dispositif_id", sa.Uuid(), nullable=False),
        sa.Column("territory_id", sa.Uuid(), nullable=False),
        sa.ForeignKeyConstraint(
            ["dispositif_id"],
            ["dispositif.id"],
            name=op.f("fk_dispositif_territory_dispositif_id_dispositif"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["territory_id"], ["territory.id"], name=op.f("fk_dispositif_territory_territory_id_territory")
        ),
        sa.PrimaryKeyConstraint("dispositif_id", "territory_id", name=op.f("pk_dispositif_territory")),
    )
    op.create_table(
        "dispositif_time_band",
        sa.Column("dispositif_id", sa.Uuid(), nullable=False),
        sa.Column("time_band", sa.String(length=32), nullable=False),
        sa.ForeignKeyConstraint(
            ["dispositif_id"],
            ["dispositif.id"],
            name=op.f("fk_dispositif_time_band_dispositif_id_dispositif"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("dispositif_id", "time_band", name=op.f("pk_dispositif_time_band")),
    )
    op.create_table(
        "mediator_qualification",
        sa.Column("mediator_id", sa.Uuid(), nullable=False),
        sa.Column("qualification", sa.String(length=32), nullable=False),
        sa.ForeignKeyConstraint(
            ["mediator_id"],
            ["mediator.id"],
            name=op.f("fk_mediator_qualification_mediator_id_mediator"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("mediator_id", "qualification", name=op.f("pk_mediator_qualification")),
    )
    op.create_table(
        "partner_meeting",
        sa.Column("date", sa.Date(), nullable=False),
        sa.Column("month", sa.Integer(), nullable=False),
        sa.Column("duration_min", sa.Integer(), nullable=False),
        sa.Column("meeting_type", sa.String(length=32), nullable=False),
        sa.Column("subject", sa.String(length=120), nullable=True),
        sa.Column("dispositif_id", sa.Uuid(), nullable=True),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("created_by", sa.Uuid(), nullable=True),
        sa.Column("device_id", sa.String(length=36), nullable=False),
        sa.Column("deleted_at", sa.DateTime(), nullable=True),
        sa.Column("vocab_version", sa.String(length=32), nullable=False),
        sa.CheckConstraint("duration_min BETWEEN 1 AND 720", name=op.f("ck_partner_meeting_duration")),
        sa.ForeignKeyConstraint(
            ["dispositif_id"], ["dispositif.id"], name=op.f("fk_partner_meeting_dispositif_id_dispositif")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_partner_meeting")),
    )
    with op.batch_alter_table("partner_meeting", schema=None) as batch_op:
        batch_op.create_index(
            "ix_partner_meeting_month",
            ["month", "meeting_type", "duration_min"],
            unique=False,
            sqlite_where=sa.text("deleted_at IS NULL"),
            postgresql_where=sa.text("deleted_at IS NULL"),
        )

    op.create_table(
        "site",
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("place", sa.String(length=32), nullable=False),
        sa.Column("commune", sa.String(length=5), nullable=False),
        sa.Column("qpv", sa.String(length=8), nullable=True),
        sa.Column("uai", sa.String(length=8), nullable=True),
        sa.Column("educ_prio", sa.String(length=32), nullable=True),
        sa.Column("landlord_id", sa.Uuid(), nullable=True),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("created_by", sa.Uuid(), nullable=True),
        sa.Column("device_id", sa.String(length=36), nullable=False),
        sa.Column("deleted_at", sa.DateTime(), nullable=True),
        sa.Column("vocab_version", sa.String(length=32), nullable=False),
        sa.ForeignKeyConstraint(["landlord_id"], ["partner.id"], name=op.f("fk_site_landlord_id_partner")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_site")),
        sa.UniqueConstraint("name", name=op.f("uq_site_name")),
    )
    op.create_table(
        "structure_network",
        sa.Column("structure_id", sa.Uuid(), nullable=False),
        sa.Column("network", sa.String(length=32), nullable=False),
        sa.ForeignKeyConstraint(
            ["structure_id"],
            ["structure.id"],
            name=op.f("fk_structure_network_structure_id_structure"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("structure_id", "network", name=op.f("pk_structure_network")),
    )
    op.create_table(
        "vocabulary_mapping",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("vocab", sa.String(length=32), nullable=False),
        sa.Column("from_version", sa.String(length=32), nullable=False),
        sa.Column("from_code", sa.String(length=32), nullable=False),
        sa.Column("to_version", sa.String(length=32), nullable=False),
        sa.Column("to_code", sa.String(length=32), nullable=True),
        sa.Column("kind", sa.String(length=8), nullable=False),
        sa.Column("is_default", sa.Boolean(), nullable=False),
        sa.CheckConstraint("kind IN ('RENAME', 'SPLIT', 'MERGE', 'RETIRE')", name=op.f("ck_vocabulary_mapping_kind")),
        sa.ForeignKeyConstraint(
            ["to_version"],
            ["referentiel_version.version"],
            name=op.f("fk_vocabulary_mapping_to_version_referentiel_version"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_vocabulary_mapping")),
    )
    op.create_table(
        "vocabulary_term",
        sa.Column("vocab", sa.String(length=32), nullable=False),
        sa.Column("code", sa.String(length=32), nullable=False),
        sa.Column("version", sa.String(length=32), nullable=False),
        sa.Column("label_fr", sa.String(length=200), nullable=False),
        sa.Column("label_en", sa.String(length=200), nullable=False),
        sa.Column("parent_code", sa.String(length=32), nullable=True),
        sa.Column("sort", sa.Integer(), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("sensitive", sa.Boolean(), nullable=False),
        sa.Column("observatory_code", sa.String(length=64), nullable=True),
        sa.ForeignKeyConstraint(
            ["version"], ["referentiel_version.version"], name=op.f("fk_vocabulary_term_version_referentiel_version")
        ),
        sa.PrimaryKeyConstraint("vocab", "code", "version", name=op.f("pk_vocabulary_term")),
    )
    op.create_table(
        "action_collective",
        sa.Column("date", sa.Date(), nullable=False),
        sa.Column("month", sa.Integer(), nullable=False),
        sa.Column("start_time", sa.Time(), nullable=False),
        sa.Column("duration_min", sa.Integer(), nullable=False),
        sa.Column("dispositif_id", sa.Uuid(), nullable=True),
        sa.Column("site_id", sa.Uuid(), nullable=True),
        sa.Column("commune", sa.String(length=5), nullable=False),
        sa.Column("qpv", sa.String(length=8), nullable=True),
        sa.Column("place", sa.String(length=32), nullable=False),
        sa.Column("registre", sa.String(length=32), nullable=False),
        sa.Column("theme", sa.String(length=32), nullable=False),
        sa.Column("title", sa.String(length=120), nullable=True),
        sa.Column("participants", sa.Integer(), nullable=False),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("created_by", sa.Uuid(), nullable=True),
        sa.Column("device_id", sa.String(length=36), nullable=False),
        sa.Column("deleted_at", sa.DateTime(), nullable=True),
        sa.Column("vocab_version", sa.String(length=32), nullable=False),
        sa.CheckConstraint("duration_min BETWEEN 1 AND 720", name=op.f("ck_action_collective_duration")),
        sa.CheckConstraint("participants >= 0", name=op.f("ck_action_collective_participants")),
        sa.ForeignKeyConstraint(
            ["dispositif_id"], ["dispositif.id"], name=op.f("fk_action_collective_dispositif_id_dispositif")
        ),
        sa.ForeignKeyConstraint(["site_id"], ["site.id"], name=op.f("fk_action_collective_site_id_site")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_action_collective")),
    )
    with op.batch_alter_table("action_collective", schema=None) as batch_op:
        batch_op.create_index(
            "ix_action_collective_month",
            ["month", "registre", "theme", "participants"],
            unique=False,
            sqlite_where=sa.text("deleted_at IS NULL"),
            postgresql_where=sa.text("deleted_at IS NULL"),
        )

    op.create_table(
        "meeting_mediator",
        sa.Column("meeting_id", sa.Uuid(), nullable=False),
        sa.Column("mediator_id", sa.Uuid(), nullable=False),
        sa.ForeignKeyConstraint(
            ["mediator_id"], ["mediator.id"], name=op.f("fk_meeting_mediator_mediator_id_mediator")
        ),
        sa.ForeignKeyConstraint(
            ["meeting_id"],
            ["partner_meeting.id"],
            name=op.f("fk_meeting_mediator_meeting_id_partner_meeting"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("meeting_id", "mediator_id", name=op.f("pk_meeting_mediator")),
        sqlite_with_rowid=False,
    )
    op.create_table(
        "meeting_partner",
        sa.Column("meeting_id", sa.Uuid(), nullable=False),
        sa.Column("partner_type", sa.String(length=32), nullable=False),
        sa.ForeignKeyConstraint(
            ["meeting_id"],
            ["partner_meeting.id"],
            name=op.f("fk_meeting_partner_meeting_id_partner_meeting"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("meeting_id", "partner_type", name=op.f("pk_meeting_partner")),
        sqlite_with_rowid=False,
    )
    op.create_table(
        "presence_active",
        sa.Column("date", sa.Date(), nullable=False),
        sa.Column("month", sa.Integer(), nullable=False),
        sa.Column("start_time", sa.Time(), nullable=False),
        sa.Column("end_time", sa.Time(), nullable=False),
        sa.Column("duration_min", sa.Integer(), nullable=False),
        sa.Column("time_band", sa.String(length=32), nullable=False),
        sa.Column("day_type", sa.String(length=32), nullable=False),
        sa.Column("presence_type", sa.String(length=32), nullable=False),
        sa.Column("commune", sa.String(length=5), nullable=False),
        sa.Column("qpv", sa.String(length=8), nullable=True),
        sa.Column("dispositif_id", sa.Uuid(), nullable=True),
        sa.Column("site_id", sa.Uuid(), nullable=True),
        sa.Column("informal_contacts", sa.Integer(), nullable=False),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("created_by", sa.Uuid(), nullable=True),
        sa.Column("device_id", sa.String(length=36), nullable=False),
        sa.Column("deleted_at", sa.DateTime(), nullable=True),
        sa.Column("vocab_version", sa.String(length=32), nullable=False),
        sa.CheckConstraint("duration_min BETWEEN 1 AND 840", name=op.f("ck_presence_active_duration")),
        sa.CheckConstraint("informal_contacts >= 0", name=op.f("ck_presence_active_informal_contacts")),
        sa.ForeignKeyConstraint(
            ["dispositif_id"], ["dispositif.id"], name=op.f("fk_presence_active_dispositif_id_dispositif")
        ),
        sa.ForeignKeyConstraint(["site_id"], ["site.id"], name=op.f("fk_presence_active_site_id_site")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_presence_active")),
    )
    with op.batch_alter_table("presence_active", schema=None) as batch_op:
        batch_op.create_index(
            "ix_presence_active_month",
            ["month", "presence_type", "time_band", "duration_min"],
            unique=False,
            sqlite_where=sa.text("deleted_at IS NULL"),
            postgresql_where=sa.text("deleted_at IS NULL"),
        )

    op.create_table(
        "action_mediator",
        sa.Column("action_id", sa.Uuid(), nullable=False),
        sa.Column("mediator_id", sa.Uuid(), nullable=False),
        sa.ForeignKeyConstraint(
            ["action_id"],
            ["action_collective.id"],
            name=op.f("fk_action_mediator_action_id_action_collective"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(["mediator_id"], ["mediator.id"], name=op.f("fk_action_mediator_mediator_id_mediator")),
        sa.PrimaryKeyConstraint("action_id", "mediator_id", name=op.f("pk_action_mediator")),
        sqlite_with_rowid=False,
    )
    op.create_table(
        "action_partner",
        sa.Column("action_id", sa.Uuid(), nullable=False),
        sa.Column("partner_type", sa.String(length=32), nullable=False),
        sa.Column("partner_id", sa.Uuid(), nullable=True),
        sa.ForeignKeyConstraint(
            ["action_id"],
            ["action_collective.id"],
            name=op.f("fk_action_partner_action_id_action_collective"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(["partner_id"], ["partner.id"], name=op.f("fk_action_partner_partner_id_partner")),
        sa.PrimaryKeyConstraint("action_id", "partner_type", name=op.f("pk_action_partner")),
        sqlite_with_rowid=False,
    )
    op.create_table(
        "action_public",
        sa.Column("action_id", sa.Uuid(), nullable=False),
        sa.Column("public_type", sa.String(length=32), nullable=False),
        sa.Column("age_band", sa.String(length=32), nullable=False),
        sa.Column("sex", sa.String(length=32), nullable=False),
        sa.Column("count", sa.Integer(), nullable=False),
        sa.CheckConstraint("count >= 1", name=op.f("ck_action_public_count")),
        sa.ForeignKeyConstraint(
            ["action_id"],
            ["action_collective.id"],
            name=op.f("fk_action_public_action_id_action_collective"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("action_id", "public_type", "age_band", "sex", name=op.f("pk_action_public")),
        sqlite_with_rowid=False,
    )
    op.create_table(
        "intervention",
        sa.Column("dispositif_id", sa.Uuid(), nullable=True),
        sa.Column("date", sa.Date(), nullable=False),
        sa.Column("month", sa.Integer(), nullable=False),
        sa.Column("start_time", sa.Time(), nullable=False),
        sa.Column("time_band", sa.String(length=32), nullable=False),
        sa.Column("day_type", sa.String(length=32), nullable=False),
        sa.Column("duration_min", sa.Integer(), nullable=False),
        sa.Column("commune", sa.String(length=5), nullable=False),
        sa.Column("qpv", sa.String(length=8), nullable=True),
        sa.Column("site_id", sa.Uuid(), nullable=True),
        sa.Column("place", sa.String(length=32), nullable=False),
        sa.Column("registre", sa.String(length=32), nullable=False),
        sa.Column("sub_registre", sa.String(length=32), nullable=True),
        sa.Column("domain", sa.String(length=32), nullable=False),
        sa.Column("origin", sa.String(length=32), nullable=False),
        sa.Column("modality", sa.String(length=32), nullable=False),
        sa.Column("tension", sa.String(length=32), nullable=False),
        sa.Column("outcome", sa.String(length=32), nullable=False),
        sa.Column("follow_up_of", sa.Uuid(), nullable=True),
        sa.Column("presence_id", sa.Uuid(), nullable=True),
        sa.Column("consent", sa.String(length=32), nullable=False),
        sa.Column("notes", sa.Text(), nullable=True),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("created_by", sa.Uuid(), nullable=True),
        sa.Column("device_id", sa.String(length=36), nullable=False),
        sa.Column("deleted_at", sa.DateTime(), nullable=True),
        sa.Column("vocab_version", sa.String(length=32), nullable=False),
        sa.CheckConstraint("duration_min BETWEEN 1 AND 720", name=op.f("ck_intervention_duration")),
        sa.CheckConstraint("month BETWEEN 190001 AND 299912", name=op.f("ck_intervention_month")),
        sa.ForeignKeyConstraint(
            ["dispositif_id"], ["dispositif.id"], name=op.f("fk_intervention_dispositif_id_dispositif")
        ),
        sa.ForeignKeyConstraint(
            ["follow_up_of"], ["intervention.id"], name=op.f("fk_intervention_follow_up_of_intervention")
        ),
        sa.ForeignKeyConstraint(
            ["presence_id"], ["presence_active.id"], name=op.f("fk_intervention_presence_id_presence_active")
        ),
        sa.ForeignKeyConstraint(["site_id"], ["site.id"], name=op.f("fk_intervention_site_id_site")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_intervention")),
    )
    with op.batch_alter_table("intervention", schema=None) as batch_op:
        batch_op.create_index(
            "ix_intervention_follow_up_of",
            ["follow_up_of"],
            unique=False,
            sqlite_where=sa.text("follow_up_of IS NOT NULL"),
            postgresql_where=sa.text("follow_up_of IS NOT NULL"),
        )
        batch_op.create_index(
            "ix_intervention_month_id",
            ["month", "id"],
            unique=False,
            sqlite_where=sa.text("deleted_at IS NULL"),
            postgresql_where=sa.text("deleted_at IS NULL"),
        )
        batch_op.create_index(
            "ix_intervention_month_place",
            ["month", "place", "time_band", "day_type", "duration_min"],
            unique=False,
            sqlite_where=sa.text("deleted_at IS NULL"),
            postgresql_where=sa.text("deleted_at IS NULL"),
        )
        batch_op.create_index(
            "ix_intervention_month_registre",
            ["month", "registre", "sub_registre", "outcome", "duration_min"],
            unique=False,
            sqlite_where=sa.text("deleted_at IS NULL"),
            postgresql_where=sa.text("deleted_at IS NULL"),
        )
        batch_op.create_index(
            "ix_intervention_month_territory",
            ["month", "commune", "qpv", "domain"],
            unique=False,
            sqlite_where=sa.text("deleted_at IS NULL"),
            postgresql_where=sa.text("deleted_at IS NULL"),
        )
        batch_op.create_index(
            "ix_intervention_presence_id",
            ["presence_id"],
            unique=False,
            sqlite_where=sa.text("presence_id IS NOT NULL"),
            postgresql_where=sa.text("presence_id IS NOT NULL"),
        )
        batch_op.create_index("ix_intervention_updated_at", ["updated_at"], unique=False)

    op.create_table(
        "presence_mediator",
        sa.Column("presence_id", sa.Uuid(), nullable=False),
        sa.Column("mediator_id", sa.Uuid(), nullable=False),
        sa.ForeignKeyConstraint(
            ["mediator_id"], ["mediator.id"], name=op.f("fk_presence_mediator_mediator_id_mediator")
        ),
        sa.ForeignKeyConstraint(
            ["presence_id"],
            ["presence_active.id"],
            name=op.f("fk_presence_mediator_presence_id_presence_active"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("presence_id", "mediator_id", name=op.f("pk_presence_mediator")),
        sqlite_with_rowid=False,
    )
    op.create_table(
        "intervention_mediator",
        sa.Column("intervention_id", sa.Uuid(), nullable=False),
        sa.Column("mediator_id", sa.Uuid(), nullable=False),
        sa.ForeignKeyConstraint(
            ["intervention_id"],
            ["intervention.id"],
            name=op.f("fk_intervention_mediator_intervention_id_intervention"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["mediator_id"], ["mediator.id"], name=op.f("fk_intervention_mediator_mediator_id_mediator")
        ),
        sa.PrimaryKeyConstraint("intervention_id", "mediator_id", name=op.f("pk_intervention_mediator")),
        sqlite_with_rowid=False,
    )
    with op.batch_alter_table("intervention_mediator", schema=None) as batch_op:
        batch_op.create_index("ix_intervention_mediator_mediator_id", ["mediator_id"], unique=False)

    op.create_table(
        "intervention_motif",
        sa.Column("intervention_id", sa.Uuid(), nullable=False),
        sa.Column("motif", sa.String(length=32), nullable=False),
        sa.ForeignKeyConstraint(
            ["intervention_id"],
            ["intervention.id"],
            name=op.f("fk_intervention_motif_intervention_id_intervention"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("intervention_id", "motif", name=op.f("pk_intervention_motif")),
        sqlite_with_rowid=False,
    )
    op.create_table(
        "intervention_partner",
        sa.Column("intervention_id", sa.Uuid(), nullable=False),
        sa.Column("partner_type", sa.String(length=32), nullable=False),
        sa.Column("role", sa.String(length=32), nullable=False),
        sa.Column("partner_id", sa.Uuid(), nullable=True),
        sa.ForeignKeyConstraint(
            ["intervention_id"],
            ["intervention.id"],
            name=op.f("fk_intervention_partner_intervention_id_intervention"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["partner_id"], ["partner.id"], name=op.f("fk_intervention_partner_partner_id_partner")
        ),
        sa.PrimaryKeyConstraint("intervention_id", "partner_type", "role", name=op.f("pk_intervention_partner")),
        sqlite_with_rowid=False,
    )
    op.create_table(
        "intervention_public",
        sa.Column("intervention_id", sa.Uuid(), nullable=False),
        sa.Column("public_type", sa.String(length=32), nullable=False),
        sa.Column("age_band", sa.String(length=32), nullable=False),
        sa.Column("sex", sa.String(length=32), nullable=False),
        sa.Column("count", sa.Integer(), nullable=False),
        sa.CheckConstraint("count >= 1", name=op.f("ck_intervention_public_count")),
        sa.ForeignKeyConstraint(
            ["intervention_id"],
            ["intervention.id"],
            name=op.f("fk_intervention_public_intervention_id_intervention"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint(
            "intervention_id", "public_type", "age_band", "sex", name=op.f("pk_intervention_public")
        ),
        sqlite_with_rowid=False,
    )
    op.create_table(
        "tech_signalement",
        sa.Column("intervention_id", sa.Uuid(), nullable=True),
        sa.Column("presence_id", sa.Uuid(), nullable=True),
        sa.Column("signal_type", sa.String(length=32), nullable=False),
        sa.Column("recipient_type", sa.String(length=32), nullable=False),
        sa.Column("treated", sa.String(length=32), nullable=False),
        sa.Column("sent_on", sa.Date(), nullable=True),
        sa.Column("treated_on", sa.Date(), nullable=True),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("created_by", sa.Uuid(), nullable=True),
        sa.Column("device_id", sa.String(length=36), nullable=False),
        sa.Column("deleted_at", sa.DateTime(), nullable=True),
        sa.Column("vocab_version", sa.String(length=32), nullable=False),
        sa.CheckConstraint(
            "(intervention_id IS NULL) <> (presence_id IS NULL)", name=op.f("ck_tech_signalement_one_parent")
        ),
        sa.ForeignKeyConstraint(
            ["intervention_id"],
            ["intervention.id"],
            name=op.f("fk_tech_signalement_intervention_id_intervention"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["presence_id"],
            ["presence_active.id"],
            name=op.f("fk_tech_signalement_presence_id_presence_active"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_tech_signalement")),
    )
    with op.batch_alter_table("tech_signalement", schema=None) as batch_op:
        batch_op.create_index("ix_tech_signalement_intervention_id", ["intervention_id"], unique=False)
        batch_op.create_index("ix_tech_signalement_presence_id", ["presence_id"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("tech_signalement", schema=None) as batch_op:
        batch_op.drop_index("ix_tech_signalement_presence_id")
        batch_op.drop_index("ix_tech_signalement_intervention_id")

    op.drop_table("tech_signalement")
    op.drop_table("intervention_public")
    op.drop_table("intervention_partner")
    op.drop_table("intervention_motif")
    with op.batch_alter_table("intervention_mediator", schema=None) as batch_op:
        batch_op.drop_index("ix_intervention_mediator_mediator_id")

    op.drop_table("intervention_mediator")
    op.drop_table("presence_mediator")
    with op.batch_alter_table("intervention", schema=None) as batch_op:
        batch_op.drop_index("ix_intervention_updated_at")
        batch_op.drop_index(
            "ix_intervention_presence_id",
            sqlite_where=sa.text("presence_id IS NOT NULL"),
            postgresql_where=sa.text("presence_id IS NOT NULL"),
        )
        batch_op.drop_index(
            "ix_intervention_month_territory",
            sqlite_where=sa.text("deleted_at IS NULL"),
            postgresql_where=sa.text("deleted_at IS NULL"),
        )
        batch_op.drop_index(
            "ix_intervention_month_registre",
            sqlite_where=sa.text("deleted_at IS NULL"),
            postgresql_where=sa.text("deleted_at IS NULL"),
        )
        batch_op.drop_index(
            "ix_intervention_month_place",
            sqlite_where=sa.text("deleted_at IS NULL"),
            postgresql_where=sa.text("deleted_at IS NULL"),
        )
        batch_op.drop_index(
            "ix_intervention_month_id",
            sqlite_where=sa.text("deleted_at IS NULL"),
            postgresql_where=sa.text("deleted_at IS NULL"),
        )
        batch_op.drop_index(
            "ix_intervention_follow_up_of",
            sqlite_where=sa.text("follow_up_of IS NOT NULL"),
            postgresql_where=sa.text("follow_up_of IS NOT NULL"),
        )

    op.drop_table("intervention")
    op.drop_table("action_public")
    op.drop_table("action_partner")
    op.drop_table("action_mediator")
    with op.batch_alter_table("presence_active", schema=None) as batch_op:
        batch_op.drop_index(
            "ix_presence_active_month",
            sqlite_where=sa.text("deleted_at IS NULL"),
            postgresql_where=sa.text("deleted_at IS NULL"),
        )

    op.drop_table("presence_active")
    op.drop_table("meeting_partner")
    op.drop_table("meeting_mediator")
    with op.batch_alter_table("action_collective", schema=None) as batch_op:
        batch_op.drop_index(
            "ix_action_collective_month",
            sqlite_where=sa.text("deleted_at IS NULL"),
            postgresql_where=sa.text("deleted_at IS NULL"),
        )

    op.drop_table("action_collective")
    op.drop_table("vocabulary_term")
    op.drop_table("vocabulary_mapping")
    op.drop_table("structure_network")
    op.drop_table("site")
    with op.batch_alter_table("partner_meeting", schema=None) as batch_op:
        batch_op.drop_index(
            "ix_partner_meeting_month",
            sqlite_where=sa.text("deleted_at IS NULL"),
            postgresql_where=sa.text("deleted_at IS NULL"),
        )

    op.drop_table("partner_meeting")
    op.drop_table("mediator_qualification")
    op.drop_table("dispositif_time_band")
    op.drop_table("dispositif_territory")
    op.drop_table("dispositif_funder")
    op.drop_table("dispositif_commissioner")
    op.drop_table("citer_mapping")
    op.drop_table("territory")
    op.drop_table("structure")
    op.drop_table("referentiel_version")
    op.drop_table("qpv_commune")
    op.drop_table("partner")
    op.drop_table("mediator")
    op.drop_table("dispositif")
    with op.batch_alter_table("audit_log", schema=None) as batch_op:
        batch_op.drop_index("ix_audit_log_record_id")

    op.drop_table("audit_log")
    op.drop_table("app_setting")
