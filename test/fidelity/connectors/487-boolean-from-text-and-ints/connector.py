# BOOLEAN as people send it: bools, "true"/"false" in several cases, "yes"/"no", "1"/"0", "t"/"f", ints 0, 1, 2,
# floats, blanks. Refusals are caught and kept in `refused`.
from fivetran_connector_sdk import Connector, Operations as op

VALUES = [True, False, "true", "false", "TRUE", "False", "yes", "no", "Y", "N", "1", "0", "t", "f", "on", "off",
          1, 0, 2, -1, 1.0, 0.0, "", " true ", None]


def schema(configuration):
    return [{"table": "flags", "primary_key": ["n"], "columns": {"n": "INT", "active": "BOOLEAN"}},
            {"table": "refused", "primary_key": ["n"]}]


def update(configuration, state):
    for n, value in enumerate(VALUES):
        try:
            op.upsert("flags", {"n": n, "active": value, "sent": repr(value)})
        except Exception as e:
            op.upsert("refused", {"n": n, "sent": repr(value), "error": f"{type(e).__name__}: {e}"})
    op.checkpoint({"done": True})


connector = Connector(update=update, schema=schema)
