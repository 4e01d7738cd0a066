# A local API that answers 304 Not Modified when the ETag the connector stored in state still matches. Run 1 loads
# the catalogue; run 2 finds it unchanged (304: no rows, the same state checkpointed again, with the time it was
# last checked moved); run 3 finds it changed: a new ETag, items edited, one gone from the payload (deleted), one
# with a nested object where a string was.
import hashlib
import json
import os
import threading
import urllib.error
import urllib.request
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from fivetran_connector_sdk import Connector, Logging as log, Operations as op

RUNS = os.path.join(os.path.dirname(os.path.abspath(__file__)), "runs.txt")
try:
    with open(RUNS, encoding="utf-8") as f:
        RUN = int(f.read()) + 1
except FileNotFoundError:
    RUN = 1
with open(RUNS, "w", encoding="utf-8") as f:
    f.write(str(RUN))

ITEMS = [{"code": f"C{i:03d}", "title": f"Item {i}", "price": {"amount": i * 3, "currency": "EUR"}, "color": "red"}
         for i in range(1, 9)]
if RUN >= 3:
    ITEMS = [dict(it, title=it["title"] + " v2") if it["code"] in ("C001", "C004") else it
             for it in ITEMS if it["code"] != "C006"]
    ITEMS[1] = dict(ITEMS[1], color={"name": "red", "hex": "#f00"})
BODY = json.dumps({"items": ITEMS}, sort_keys=True).encode()
ETAG = '"' + hashlib.sha1(BODY).hexdigest()[:12] + '"'


class Api(BaseHTTPRequestHandler):
    # log_message is left as it is: each request is logged to stderr from the server's thread.
    def do_GET(self):
        if self.headers.get("If-None-Match") == ETAG:
            self.send_response(304)
            self.send_header("ETag", ETAG)
            self.end_headers()
            return
        self.send_response(200)
        self.send_header("ETag", ETAG)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(BODY)))
        self.end_headers()
        self.wfile.write(BODY)


SERVER = ThreadingHTTPServer(("127.0.0.1", 0), Api)
threading.Thread(target=SERVER.serve_forever, daemon=True).start()


def schema(configuration):
    return [{"table": "catalog_items", "primary_key": ["code"], "columns": {"price": "JSON"}}]


def update(configuration, state):
    url = f"http://127.0.0.1:{SERVER.server_address[1]}{configuration['base_path']}"
    req = urllib.request.Request(url)
    if state.get("etag"):
        req.add_header("If-None-Match", state["etag"])
    try:
        with urllib.request.urlopen(req, timeout=10) as resp:
            payload = json.load(resp)
            etag = resp.headers["ETag"]
    except urllib.error.HTTPError as e:
        if e.code != 304:
            raise
        log.info("catalog not modified")
        op.checkpoint(dict(state, checks=state.get("checks", 0) + 1))
        return
    seen = []
    for item in payload["items"]:
        op.upsert("catalog_items", item)
        seen.append(item["code"])
    for code in state.get("codes", []):
        if code not in seen:
            op.delete("catalog_items", {"code": code})
    op.checkpoint({"etag": etag, "codes": seen, "checks": state.get("checks", 0) + 1})


connector = Connector(update=update, schema=schema)
