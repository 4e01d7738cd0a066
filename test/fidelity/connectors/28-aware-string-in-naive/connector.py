# An aware datetime string for a NAIVE_DATETIME column: strptime refuses the offset inside op.upsert().
from fivetran_connector_sdk import Connector, Operations as op, Logging as log


def schema(configuration):
    return [{"table": "events", "primary_key": ["id"], "columns": {"id": "INT", "at": "NAIVE_DATETIME"}}]


def update(configuration, state):
    op.upsert("events", {"id": 1, "at": "2024-05-01T10:00:00"})
    for i, text in enumerate(["2024-05-01T10:00:00+02:00", "2024-05-01T10:00:00Z", "yesterday"], start=2):
        try:
            op.upsert("events", {"id": i, "at": text})
        except ValueError as e:
            log.info("refused %d" % i)
    op.upsert("events", {"id": 9, "at": " 2024-05-01 10:00:00.5 "})
    op.checkpoint({"n": 2})


connector = Connector(update=update, schema=schema)
