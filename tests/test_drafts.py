"""Drafts in the database: saved, replaced, per user and kind, discarded."""

from __future__ import annotations

import sqlite3

from medios.db import Database
from medios.services import drafts
from medios.services.structure import StructureSummary, create_mediator, list_mediators


def test_a_draft_is_saved_replaced_and_discarded_per_user(db: Database, structure: StructureSummary) -> None:
    (alice,) = list_mediators(db)
    bob = create_mediator(db, "Bob Durand")
    assert drafts.load_draft(db, alice.id, drafts.INTERVENTION) is None
    drafts.save_draft(db, alice.id, drafts.INTERVENTION, {"duration": "20"})
    drafts.save_draft(db, alice.id, drafts.INTERVENTION, {"duration": "25", "notes": "é"})
    drafts.save_draft(db, bob.id, drafts.INTERVENTION, {"duration": "5"})
    got = drafts.load_draft(db, alice.id, drafts.INTERVENTION)
    assert got is not None and got.payload == {"duration": "25", "notes": "é"} and got.target_id is None
    assert drafts.load_draft(db, alice.id, "action") is None
    con = sqlite3.connect(db.path)
    assert con.execute("SELECT count(*) FROM draft").fetchone() == (2,)  # replaced, not added
    con.close()
    assert drafts.discard_draft(db, alice.id, drafts.INTERVENTION) == 1
    assert drafts.load_draft(db, alice.id, drafts.INTERVENTION) is None
    bobs = drafts.load_draft(db, bob.id, drafts.INTERVENTION)
    assert bobs is not None and bobs.payload == {"duration": "5"}


def test_an_unreadable_payload_is_no_draft(db: Database, structure: StructureSummary) -> None:
    (alice,) = list_mediators(db)
    drafts.save_draft(db, alice.id, drafts.INTERVENTION, {"a": 1})
    con = sqlite3.connect(db.path)
    con.execute("UPDATE draft SET payload = 'not json'")
    con.commit()
    con.close()
    assert drafts.load_draft(db, alice.id, drafts.INTERVENTION) is None
