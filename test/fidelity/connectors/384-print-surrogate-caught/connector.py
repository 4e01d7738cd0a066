# print() of a name holding a lone surrogate, caught (UnicodeEncodeError, recorded), then to stderr, then uncaught.
import json
import sys

from fivetran_connector_sdk import Connector, Operations as op


def update(configuration: dict, state: dict):
    name = json.loads('"Ann \\ud83d!"')
    try:
        print("user", name)
        op.upsert("outcomes", {"id": 1, "ok": True})
    except UnicodeEncodeError as e:
        op.upsert("outcomes", {"id": 1, "ok": False, "error": str(e)})
    try:
        print("user", name, file=sys.stderr)
        op.upsert("outcomes", {"id": 2, "ok": True})
    except UnicodeEncodeError as e:
        op.upsert("outcomes", {"id": 2, "ok": False, "error": str(e)})
    op.checkpoint({"n": 2})
    print(f"processing {name}")


connector = Connector(update=update)
