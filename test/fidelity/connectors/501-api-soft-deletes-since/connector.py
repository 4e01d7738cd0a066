# Two runs against a local API that reports changes since a timestamp, soft-deleted records flagged `deleted: true`:
# the connector deletes those and upserts the rest, declared types for the timestamps, cursor in state.
import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlparse

import requests
from fivetran_connector_sdk import Connector, Operations as op

try:
    with open("runs.txt", encoding="utf-8") as f:
        RUN = int(f.read()) + 1
except FileNotFoundError:
    RUN = 1
with open("runs.txt", "w", encoding="utf-8") as f:
    f.write(str(RUN))

CHANGES = [{"id": i, "email": f"u{i}@x.io", "modified": f"2024-06-01T10:0{i}:00.000Z", "deleted": False,
            "signup": f"2023-0{i}-1{i}"} for i in range(1, 7)]
if RUN == 2:
    CHANGES += [{"id": 2, "modified": "2024-06-02T08:00:00.000Z", "deleted": True},
                {"id": 5, "email": "five@new.io", "modified": "2024-06-02T09:00:00.000Z", "deleted": False,
                 "signup": "2023-05-15"},
                {"id": 99, "modified": "2024-06-02T09:30:00.000Z", "deleted": True}]


class Api(BaseHTTPRequestHandler):
    def log_message(self, *args):
        pass

    def do_GET(self):
        since = parse_qs(urlparse(self.path).query).get("since", [""])[0]
        body = json.dumps([c for c in CHANGES if c["modified"] > since]).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.end_headers()
        self.wfile.write(body)


SERVER = ThreadingHTTPServer(("127.0.0.1", 0), Api)
threading.Thread(target=SERVER.serve_forever, daemon=True).start()


def schema(configuration):
    return [{"table": "users", "primary_key": ["id"],
             "columns": {"id": "LONG", "modified": "UTC_DATETIME", "signup": "NAIVE_DATE", "deleted": "BOOLEAN"}}]


def update(configuration, state):
    since = state.get("since", "")
    rows = requests.get(f"http://127.0.0.1:{SERVER.server_address[1]}/users", params={"since": since}, timeout=10).json()
    for row in rows:
        if row.pop("deleted"):
            op.delete("users", {"id": row["id"]})
        else:
            op.upsert("users", row)
        since = max(since, row["modified"])
    op.checkpoint({"since": since})


connector = Connector(update=update, schema=schema)
