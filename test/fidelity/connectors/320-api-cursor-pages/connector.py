# Two runs of an API connector as a new user writes one: a tiny HTTP server on 127.0.0.1 (a free port, started at
# import in a daemon thread) serves items by opaque cursor, sorted by an ISO `updated_at`; `requests` pages through
# it, upserts each item as `response.json()` gives it (floats, big ints, nulls, nested objects, lists) and
# checkpoints after each page the last `updated_at` and the page cursor. A 429 with `Retry-After: 1` answers the
# first request of the second page. The first run stops after `max_pages` pages; the second goes on from the state.
import base64
import json
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlparse

import requests
from fivetran_connector_sdk import Connector, Logging as log, Operations as op

ITEMS = []
for i in range(1, 24):
    ITEMS.append({
        "id": i,
        "name": f"item {i}" if i % 5 else None,
        "price": [0.1, 19.99, 1e-7, 2.5, 100.0, 1 / 3][i % 6],
        "stock": [0, 2 ** 53 + 1, 12345678901234567890, -7][i % 4],
        "updated_at": "2024-03-%02dT%02d:%02d:00Z" % (1 + i // 10, i % 24, (i * 7) % 60),
        "address": {"city": "Zürich" if i % 2 else "東京", "geo": [47.37, 8.54 + i / 100], "zip": None},
        "tags": ["a", "b"][: i % 3],
    })
ITEMS.sort(key=lambda r: (r["updated_at"], r["id"]))
HITS = {"429": 0}


class Api(BaseHTTPRequestHandler):
    def log_message(self, *args):
        pass

    def do_GET(self):
        q = parse_qs(urlparse(self.path).query)
        since = q.get("updated_since", [""])[0]
        offset = int(base64.b64decode(q["cursor"][0]).decode()) if "cursor" in q else 0
        if offset and HITS["429"] == 0:
            HITS["429"] += 1
            self.send_response(429)
            self.send_header("Retry-After", "1")
            self.end_headers()
            return
        rows = [r for r in ITEMS if r["updated_at"] > since]
        page = rows[offset:offset + 5]
        nxt = base64.b64encode(str(offset + 5).encode()).decode() if offset + 5 < len(rows) else None
        body = json.dumps({"data": page, "next_cursor": nxt}).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.end_headers()
        self.wfile.write(body)


SERVER = ThreadingHTTPServer(("127.0.0.1", 0), Api)
threading.Thread(target=SERVER.serve_forever, daemon=True).start()
BASE = f"http://127.0.0.1:{SERVER.server_address[1]}"


def get(session, params):
    while True:
        r = session.get(BASE + "/items", params=params, timeout=10)
        if r.status_code == 429:
            wait = int(r.headers.get("Retry-After", "1"))
            log.warning(f"rate limited, retrying in {wait}s")
            time.sleep(wait)
            continue
        r.raise_for_status()
        return r.json()


def schema(configuration):
    return [{"table": "items", "primary_key": ["id"], "columns": {"id": "INT", "updated_at": "UTC_DATETIME"}}]


def update(configuration, state):
    max_pages = int(configuration.get("max_pages", "0")) if not state else 0
    since = state.get("updated_since", "")
    log.info(f"syncing items updated after {since or 'the beginning'}")
    session = requests.Session()
    params = {"updated_since": since}
    pages = 0
    while True:
        body = get(session, params)
        for item in body["data"]:
            op.upsert("items", item)
            since = item["updated_at"]
        pages += 1
        op.checkpoint({"updated_since": since, "pages": state.get("pages", 0) + pages})
        if not body["next_cursor"]:
            break
        if max_pages and pages >= max_pages:
            log.severe(f"stopping after {pages} pages")
            return
        params = {"updated_since": state.get("updated_since", ""), "cursor": body["next_cursor"]}
    log.info(f"done after {pages} pages")


connector = Connector(update=update, schema=schema)
