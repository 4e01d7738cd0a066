# Two runs of a connector paging a local API by the `next` URL in each body (requests.Session, params on the first
# call only), storing the last next URL's cursor in state. The API's data grows between runs (runs.txt): the second
# run resumes from the stored cursor and picks up new and edited records.
import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlparse

import requests
from fivetran_connector_sdk import Connector, Logging as log, Operations as op

try:
    with open("runs.txt", encoding="utf-8") as f:
        RUN = int(f.read()) + 1
except FileNotFoundError:
    RUN = 1
with open("runs.txt", "w", encoding="utf-8") as f:
    f.write(str(RUN))

RECORDS = [{"id": i, "seq": i, "title": f"post {i}", "score": i * 1.5, "author": {"id": i % 3, "name": f"a{i % 3}"}}
           for i in range(1, 12 if RUN == 1 else 16)]
if RUN == 2:
    RECORDS.append({"id": 3, "seq": 16, "title": "post 3 (edited)", "score": None, "author": None})


class Api(BaseHTTPRequestHandler):
    def log_message(self, *args):
        pass

    def do_GET(self):
        q = parse_qs(urlparse(self.path).query)
        after = int(q.get("after", ["0"])[0])
        limit = int(q.get("limit", ["4"])[0])
        page = [r for r in RECORDS if r["seq"] > after][:limit]
        base = f"http://127.0.0.1:{self.server.server_address[1]}/posts"
        nxt = f"{base}?after={page[-1]['seq']}&limit={limit}" if len(page) == limit else None
        body = json.dumps({"results": page, "next": nxt}).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


SERVER = ThreadingHTTPServer(("127.0.0.1", 0), Api)
threading.Thread(target=SERVER.serve_forever, daemon=True).start()


def update(configuration, state):
    session = requests.Session()
    url = f"http://127.0.0.1:{SERVER.server_address[1]}/posts"
    params = {"after": state.get("after", 0), "limit": 4}
    pages = 0
    while url:
        resp = session.get(url, params=params, timeout=10)
        resp.raise_for_status()
        data = resp.json()
        params = None
        pages += 1
        for rec in data["results"]:
            op.upsert("posts", rec)
            state["after"] = rec["seq"]
        op.checkpoint(state)
        url = data["next"]
    log.info(f"{pages} pages")


connector = Connector(update=update)
