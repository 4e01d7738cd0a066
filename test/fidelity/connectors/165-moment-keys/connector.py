# Keys that are dates and timestamps: undeclared text keys ("2024-01-01", "2024-01-01T00:00:00Z"), declared
# NAIVE_DATE and UTC_DATETIME keys named by updates and deletes in another spelling (+00:00 for Z, a fraction .000).
from fivetran_connector_sdk import Connector, Operations as op


def schema(configuration):
    return [{"table": "days", "primary_key": ["day"], "columns": {"day": "NAIVE_DATE"}},
            {"table": "moments", "primary_key": ["at"], "columns": {"at": "UTC_DATETIME"}},
            {"table": "loose", "primary_key": ["day", "at"]}]


def update(configuration, state):
    for d in range(1, 4):
        day = "2024-01-0%d" % d
        at = day + "T00:00:00Z"
        op.upsert("days", {"day": day, "v": d})
        op.upsert("moments", {"at": at, "v": d})
        op.upsert("loose", {"day": day, "at": at, "v": d})
    op.checkpoint({"step": 1})
    op.update("days", {"day": "2024-01-01", "v": 10})
    op.update("moments", {"at": "2024-01-01T00:00:00+00:00", "v": 10})
    op.delete("moments", {"at": "2024-01-02T00:00:00.000Z"})
    op.update("loose", {"day": "2024-01-01", "at": "2024-01-01T00:00:00Z", "v": 10})
    op.delete("loose", {"day": "2024-01-02", "at": "2024-01-02T00:00:00+00:00"})
    op.upsert("moments", {"at": "2024-01-03T01:00:00+01:00", "v": 30})
    op.checkpoint({"step": 2})


connector = Connector(update=update, schema=schema)
