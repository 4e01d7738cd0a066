# Two runs of an API connector: the first gets a read timeout (retried after a warning), then a 500 on the third
# page, and `raise_for_status()` raises `requests.HTTPError` uncaught after two checkpoints: the sync fails with its
# text. The second run starts from the state the first one checkpointed and finishes. The server listens on a free
# port; the connector reaches it as a proxy for `http://api.example.test`, so no port is in the error's text.
import json
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlparse

import requests
from fivetran_connector_sdk import Connector, Logging as log, Operations as op

ORDERS = [{"order_id": f"o-{i:03d}", "amount": round(i * 10.25, 2), "customer": {"id": i % 4, "vip": i % 3 == 0},
           "note": None if i % 2 else "gift"} for i in range(1, 15)]
EVENTS = {"fail_page": 0, "slow": 1}


class Api(BaseHTTPRequestHandler):
    def log_message(self, *args):
        pass

    def do_GET(self):
        url = urlparse(self.path)
        page = int(parse_qs(url.query).get("page", ["1"])[0])
        if page == 2 and EVENTS["slow"]:
            EVENTS["slow"] -= 1
            time.sleep(1.5)
        if page == EVENTS["fail_page"]:
            body = b'{"error": "internal"}'
            self.send_response(500)
        else:
            data = ORDERS[(page - 1) * 4:page * 4]
            body = json.dumps({"orders": data, "has_more": page * 4 < len(ORDERS)}).encode()
            self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


class Server(ThreadingHTTPServer):
    def handle_error(self, request, client_address):
        pass


SERVER = Server(("127.0.0.1", 0), Api)
threading.Thread(target=SERVER.serve_forever, daemon=True).start()
PROXIES = {"http": f"http://127.0.0.1:{SERVER.server_address[1]}"}


def update(configuration, state):
    page = state.get("next_page", 1)
    EVENTS["fail_page"] = 3 if not state else 0
    log.info(f"starting at page {page}")
    while True:
        try:
            r = requests.get("http://api.example.test/v1/orders", params={"page": page}, proxies=PROXIES, timeout=0.5)
        except requests.exceptions.Timeout as e:
            log.warning(f"page {page} timed out ({type(e).__name__}), retrying")
            continue
        r.raise_for_status()
        body = r.json()
        for order in body["orders"]:
            op.upsert("orders", order)
        page += 1
        op.checkpoint({"next_page": page})
        if not body["has_more"]:
            break


connector = Connector(update=update)
