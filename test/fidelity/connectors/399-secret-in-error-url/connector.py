# An API key passed in the query string (as many APIs take it), and requests' raise_for_status() on a 401 from a
# local server: the HTTPError's text holds the URL with the key (re-raised with the random port written PORT).
import threading
from http.server import BaseHTTPRequestHandler, HTTPServer

import requests
from fivetran_connector_sdk import Connector, Operations as op


class Api(BaseHTTPRequestHandler):
    def log_message(self, *args):
        pass

    def do_GET(self):
        self.send_response(401)
        self.send_header("Content-Type", "application/json")
        self.end_headers()
        self.wfile.write(b'{"error": "invalid key"}')


def update(configuration: dict, state: dict):
    server = HTTPServer(("127.0.0.1", 0), Api)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    op.upsert("t", {"id": 1})
    op.checkpoint({"a": 1})
    url = f"http://127.0.0.1:{server.server_port}/v1/items"
    r = requests.get(url, params={"api_key": configuration["api_key"], "page": 2}, timeout=10)
    server.shutdown()
    try:
        r.raise_for_status()
    except requests.HTTPError as e:
        # The port is a free one, different each run: the message keeps the rest as requests wrote it.
        raise requests.HTTPError(str(e).replace(f":{server.server_port}/", ":PORT/")) from None


connector = Connector(update=update)
