# A ticketing API served locally (http.server on 127.0.0.1, port 0), read incrementally by `updated_since` with a page
# token, the cursor kept in state after each page. The API's data change between runs (runs.txt counts them). Before
# run 3 the user rewinds files/state.json by hand to an older cursor, so run 3 reads tickets again: unchanged ones,
# edited ones, and their status events again into a key-less table.
import json
import threading
import urllib.request
from http.server import BaseHTTPRequestHandler, HTTPServer
from urllib.parse import parse_qs, urlencode, urlparse

from fivetran_connector_sdk import Connector, Logging as log, Operations as op

try:
    with open("runs.txt", encoding="utf-8") as f:
        RUN = int(f.read()) + 1
except FileNotFoundError:
    RUN = 1
with open("runs.txt", "w", encoding="utf-8") as f:
    f.write(str(RUN))


def tickets_for(run):
    tickets = {}
    for i in range(1, 11):
        tickets[i] = {"id": i, "subject": f"Printer {i} jams", "status": "open", "priority": i % 3,
                      "updated_at": f"2024-03-01T00:00:{i:02d}Z"}
    if run >= 2:
        tickets[2].update(status="closed", updated_at="2024-03-02T08:00:00Z", priority=None)
        tickets[11] = {"id": 11, "subject": "VPN down", "status": "open", "priority": 2,
                       "updated_at": "2024-03-02T09:00:00Z", "tags": ["network", "urgent"]}
    if run >= 3:
        tickets[5].update(status="pending", updated_at="2024-03-03T10:00:00Z", priority=1.5)
        tickets[12] = {"id": 12, "subject": "Café machine", "status": "open", "priority": "high",
                       "updated_at": "2024-03-03T11:00:00Z"}
    return sorted(tickets.values(), key=lambda t: (t["updated_at"], t["id"]))


TICKETS = tickets_for(RUN)


class Api(BaseHTTPRequestHandler):
    def log_message(self, *args):
        pass

    def do_GET(self):
        q = parse_qs(urlparse(self.path).query)
        since = q.get("updated_since", [""])[0]
        limit = int(q.get("limit", ["3"])[0])
        offset = int(q.get("page_token", ["0"])[0])
        matching = [t for t in TICKETS if t["updated_at"] > since]
        page = matching[offset:offset + limit]
        token = str(offset + limit) if offset + limit < len(matching) else None
        body = json.dumps({"tickets": page, "next_page_token": token}).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.end_headers()
        self.wfile.write(body)


SERVER = HTTPServer(("127.0.0.1", 0), Api)
threading.Thread(target=SERVER.serve_forever, daemon=True).start()


def schema(configuration):
    return [
        {"table": "tickets", "primary_key": ["id"], "columns": {"id": "INT", "updated_at": "UTC_DATETIME"}},
        {"table": "ticket_events"},
    ]


def update(configuration, state):
    base = f"http://127.0.0.1:{SERVER.server_address[1]}/tickets"
    since = state.get("cursor", "")
    log.info(f"run {RUN} from cursor {since!r}")
    token = None
    pages = 0
    while True:
        params = {"updated_since": since, "limit": configuration["page_size"]}
        if token:
            params["page_token"] = token
        with urllib.request.urlopen(f"{base}?{urlencode(params)}", timeout=10) as resp:
            data = json.load(resp)
        pages += 1
        for t in data["tickets"]:
            op.upsert("tickets", t)
            op.upsert("ticket_events", {"ticket_id": t["id"], "status": t["status"], "at": t["updated_at"]})
            state["cursor"] = max(state.get("cursor", ""), t["updated_at"])
        state["pages"] = state.get("pages", 0) + 1
        op.checkpoint(state)
        token = data["next_page_token"]
        if not token:
            break
    log.info(f"{pages} pages")


connector = Connector(update=update, schema=schema)
