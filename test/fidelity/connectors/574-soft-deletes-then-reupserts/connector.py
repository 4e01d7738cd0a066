# A CRM whose change feed marks records deleted and sometimes brings them back (restored from the recycle bin), read
# in three runs; the connector hands op.delete the feed's whole record, as users often do, not just the key. Run 1
# loads accounts and deletes two by key; run 2 restores one with fewer fields, updates one deleted in run 1 (never
# restored), deletes one with its record (`deleted_at`, `deleted_by`: new columns) then again by key, and one never
# seen; run 3 restores, deletes with the record and updates the same key in one checkpoint, upserts a deleted
# account whose key and ARR are spelled as text, and deletes with records whose extra values change type.
import os

from fivetran_connector_sdk import Connector, Logging as log, Operations as op

RUNS = os.path.join(os.path.dirname(os.path.abspath(__file__)), "runs.txt")
try:
    with open(RUNS, encoding="utf-8") as f:
        RUN = int(f.read()) + 1
except FileNotFoundError:
    RUN = 1
with open(RUNS, "w", encoding="utf-8") as f:
    f.write(str(RUN))

FEED = {
    1: [("upsert", {"id": i, "name": f"Account {i}", "owner": "sam", "arr": 1000 * i, "active": True}) for i in range(1, 8)]
       + [("delete", {"id": 2}), ("delete", {"id": 5})],
    2: [("upsert", {"id": 2, "name": "Account 2 (restored)"}),
        ("update", {"id": 5, "owner": "kim"}),
        ("delete", {"id": 6, "name": "Account 6", "owner": "sam", "deleted_at": "2024-04-01T09:00:00Z", "deleted_by": 42}),
        ("delete", {"id": 6}),
        ("delete", {"id": 99, "deleted_at": "2024-04-01T09:05:00Z"}),
        ("update", {"id": 1, "arr": 1500, "active": False})],
    3: [("upsert", {"id": 6, "name": "Account 6", "owner": "lee", "arr": 6000, "active": True}),
        ("delete", {"id": 6, "owner": "lee", "deleted_at": "2024-05-01T10:00:00Z", "deleted_by": "sso:lee"}),
        ("update", {"id": 6, "owner": "max"}),
        ("upsert", {"id": "5", "name": "Account 5", "owner": "kim", "arr": "5000", "active": True}),
        ("delete", {"id": 1, "name": "", "deleted_at": None}),
        ("upsert", {"id": 1, "name": "Account 1"}),
        ("delete", {"id": 3, "arr": 3000, "active": False, "deleted_at": 1714557600})],
}


def schema(configuration):
    return [{"table": "accounts", "primary_key": ["id"],
             "columns": {"id": "INT", "arr": "LONG", "active": "BOOLEAN"}}]


def update(configuration, state):
    seq = state.get("seq", 0)
    for kind, rec in FEED[RUN]:
        getattr(op, kind)("accounts", rec)
        seq += 1
        if seq % 4 == 0:
            op.checkpoint({"seq": seq})
    op.checkpoint({"seq": seq, "run": RUN})
    log.info(f"run {RUN}: feed position {seq}")


connector = Connector(update=update, schema=schema)
