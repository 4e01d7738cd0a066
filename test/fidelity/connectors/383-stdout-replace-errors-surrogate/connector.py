# connector.py sets stdout to replace what it cannot encode (a common "fix" for UnicodeEncodeError on Windows), then
# logs and prints names that hold a lone surrogate (JSON text with a cut emoji, "\ud83d", decodes to one).
import json
import sys

sys.stdout.reconfigure(errors="replace")

from fivetran_connector_sdk import Connector, Logging as log, Operations as op  # noqa: E402


def update(configuration: dict, state: dict):
    users = json.loads('[{"id": 1, "name": "Ann \\ud83d"}, {"id": 2, "name": "Bob"}]')
    for u in users:
        log.info(f"syncing user {u['name']}")
        print(f"user {u['name']}")
        op.upsert("users", {"id": u["id"], "name_len": len(u["name"])})
    log.warning("done with \udcff")
    op.checkpoint({"users": len(users)})


connector = Connector(update=update)
