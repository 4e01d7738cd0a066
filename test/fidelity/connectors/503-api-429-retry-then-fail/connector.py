# A local API rate-limits with 429 and Retry-After: 0; the connector retries up to three times per page with
# requests' own HTTPAdapter/urllib3 Retry. The third page always answers 503, so after two checkpointed pages the
# sync fails with the connector's own message.
import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlparse

import requests
from requests.adapters import HTTPAdapter
from urllib3.util.retry import Retry
from fivetran_connector_sdk import Connector, Operations as op

HITS = {}


class Api(BaseHTTPRequestHandler):
    def log_message(self, *args):
        pass

    def do_GET(self):
        page = int(parse_qs(urlparse(self.path).query).get("page", ["1"])[0])
        HITS[page] = HITS.get(page, 0) + 1
        if page == 3 or HITS[page] == 1:
            self.send_response(503 if page == 3 else 429)
            self.send_header("Retry-After", "0")
            self.end_headers()
            return
        body = json.dumps({"items": [{"id": page * 10 + k, "page": page} for k in range(3)]}).encode()
        self.send_response(200)
        self.end_headers()
        self.wfile.write(body)


SERVER = ThreadingHTTPServer(("127.0.0.1", 0), Api)
threading.Thread(target=SERVER.serve_forever, daemon=True).start()


def update(configuration, state):
    session = requests.Session()
    retry = Retry(total=3, backoff_factor=0, status_forcelist=[429, 503], respect_retry_after_header=True,
                  raise_on_status=False)
    session.mount("http://", HTTPAdapter(max_retries=retry))
    page = state.get("page", 1)
    while True:
        resp = session.get(f"http://127.0.0.1:{SERVER.server_address[1]}/items", params={"page": page}, timeout=10)
        if resp.status_code != 200:
            raise RuntimeError(f"API gave {resp.status_code} for page {page} after {HITS[page]} attempts")
        for item in resp.json()["items"]:
            op.upsert("items", item)
        page += 1
        op.checkpoint({"page": page})


connector = Connector(update=update)
