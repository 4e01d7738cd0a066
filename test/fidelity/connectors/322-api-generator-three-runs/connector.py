# Three runs of a generator-style API connector (`yield op.*`): the server's clock is the run number, so each run
# sees what "happened" since the last one: new contacts, edits of earlier ones (a later `updated_at`) and deletions
# (`deleted: true`, synced as `op.delete`). The state holds an ISO timestamp cursor (parsed with `fromisoformat`,
# written back with `isoformat()`) and the run count; each run adds rows.
import json
import threading
from datetime import datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlparse

import requests
from fivetran_connector_sdk import Connector, Logging as log, Operations as op

# (visible from run, id, updated_at, fields); a later version of an id replaces the earlier one.
VERSIONS = [
    (1, 1, "2024-05-01T08:00:00Z", {"email": "ann@example.com", "score": 1.5, "plan": "free"}),
    (1, 2, "2024-05-01T09:30:00Z", {"email": "bob@example.com", "score": None, "plan": "pro"}),
    (1, 3, "2024-05-01T09:30:00Z", {"email": "cy@example.com", "score": 3, "plan": "free"}),
    (2, 4, "2024-05-02T00:00:00.250Z", {"email": "dee@example.com", "score": 4.25, "plan": "team", "seats": 5}),
    (2, 1, "2024-05-02T07:15:00Z", {"email": "ann@example.org", "score": 2.5, "plan": "pro"}),
    (3, 2, "2024-05-03T11:00:00Z", {"deleted": True}),
    (3, 5, "2024-05-03T12:00:00+00:00", {"email": "eve@example.com", "score": -0.5, "plan": "free", "seats": None}),
    (3, 6, "2024-05-03T12:00:00Z", {"email": "fay@example.com", "score": 1e-3, "plan": {"name": "custom", "seats": 40}}),
]
CLOCK = {"run": 1}


class Api(BaseHTTPRequestHandler):
    def log_message(self, *args):
        pass

    def do_GET(self):
        since = parse_qs(urlparse(self.path).query).get("since", [None])[0]
        latest = {}
        for run, cid, at, fields in VERSIONS:
            if run <= CLOCK["run"]:
                latest[cid] = {"id": cid, "updated_at": at, **fields}
        rows = [r for r in latest.values() if since is None or parse(r["updated_at"]) > parse(since)]
        rows.sort(key=lambda r: (parse(r["updated_at"]), r["id"]))
        body = json.dumps({"contacts": rows}).encode()
        self.send_response(200)
        self.end_headers()
        self.wfile.write(body)


def parse(text):
    return datetime.fromisoformat(text.replace("Z", "+00:00"))


SERVER = ThreadingHTTPServer(("127.0.0.1", 0), Api)
threading.Thread(target=SERVER.serve_forever, daemon=True).start()
URL = f"http://127.0.0.1:{SERVER.server_address[1]}/contacts"


def schema(configuration):
    return [{"table": "contacts", "primary_key": ["id"], "columns": {"id": "LONG", "updated_at": "UTC_DATETIME"}}]


def update(configuration, state):
    CLOCK["run"] = state.get("runs", 0) + 1
    since = state.get("cursor")
    params = {"since": since} if since else {}
    contacts = requests.get(URL, params=params, timeout=5).json()["contacts"]
    log.info(f"run {CLOCK['run']}: {len(contacts)} changed contacts since {since}")
    cursor = parse(since) if since else None
    for c in contacts:
        if c.get("deleted"):
            log.warning(f"contact {c['id']} was deleted")
            yield op.delete("contacts", {"id": c["id"]})
        else:
            yield op.upsert("contacts", c)
        cursor = max(cursor, parse(c["updated_at"])) if cursor else parse(c["updated_at"])
    yield op.checkpoint({"cursor": cursor.isoformat(), "runs": CLOCK["run"]})


connector = Connector(update=update, schema=schema)
