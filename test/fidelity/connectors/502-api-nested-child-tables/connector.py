# A local API returns orders with nested line items and a list of tags; the connector writes the order, each line
# into `order_lines` keyed by (order_id, line_no), each tag into `order_tags`, and the raw order as JSON. Page cursor
# (an opaque token) kept in state between pages.
import json
import threading
from decimal import Decimal
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlparse

import requests
from fivetran_connector_sdk import Connector, Operations as op

ORDERS = [{"id": f"ord_{i:03d}", "total": f"{i * 12.345:.3f}", "currency": "EUR" if i % 2 else "usd",
           "placed_at": f"2024-02-{i:02d}T0{i % 10}:15:00+01:00",
           "lines": [{"sku": f"SKU-{j}", "qty": j, "price": j * 1.1} for j in range(1, i % 3 + 2)],
           "tags": ["gift", "rush", "vip"][: i % 4]} for i in range(1, 10)]


class Api(BaseHTTPRequestHandler):
    def log_message(self, *args):
        pass

    def do_GET(self):
        token = parse_qs(urlparse(self.path).query).get("page_token", ["0"])[0]
        start = int(token, 16)
        body = json.dumps({"orders": ORDERS[start:start + 4],
                           "next_page_token": format(start + 4, "x") if start + 4 < len(ORDERS) else ""}).encode()
        self.send_response(200)
        self.end_headers()
        self.wfile.write(body)


SERVER = ThreadingHTTPServer(("127.0.0.1", 0), Api)
threading.Thread(target=SERVER.serve_forever, daemon=True).start()


def schema(configuration):
    return [
        {"table": "orders", "primary_key": ["id"],
         "columns": {"id": "STRING", "total": {"type": "DECIMAL", "precision": 12, "scale": 2},
                     "placed_at": "UTC_DATETIME", "raw": "JSON"}},
        {"table": "order_lines", "primary_key": ["order_id", "line_no"], "columns": {"price": "FLOAT"}},
        {"table": "order_tags", "primary_key": ["order_id", "tag"]},
    ]


def update(configuration, state):
    token = state.get("page_token", "0")
    while token:
        resp = requests.get(f"http://127.0.0.1:{SERVER.server_address[1]}/orders", params={"page_token": token}, timeout=10)
        data = resp.json(parse_float=Decimal)
        for order in data["orders"]:
            op.upsert("orders", {"id": order["id"], "total": order["total"], "currency": order["currency"].upper(),
                                 "placed_at": order["placed_at"], "raw": order})
            for n, line in enumerate(order["lines"], start=1):
                op.upsert("order_lines", {"order_id": order["id"], "line_no": n, **line})
            for tag in order["tags"]:
                op.upsert("order_tags", {"order_id": order["id"], "tag": tag})
        token = data["next_page_token"]
        op.checkpoint({"page_token": token})


connector = Connector(update=update, schema=schema)
