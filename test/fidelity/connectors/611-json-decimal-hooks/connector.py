# A JSON price feed (a file written next to a temp dir at run time) read with json.load(parse_float=Decimal,
# parse_int=..., parse_constant=Decimal, object_pairs_hook=OrderedDict), as a user careful about money would. The
# values are Decimal and OrderedDict: declared DECIMAL refuses a Decimal (caught, sent as str), FLOAT and DOUBLE take
# it, an undeclared Decimal is written as its text, an OrderedDict is a dict, a nested Decimal makes json.dumps fail
# (caught, then the user converts with a default=str encoder round trip). Duplicate keys in an object stay in the
# pairs list the user keeps too.
import decimal
import json
import os
import tempfile
from collections import OrderedDict
from decimal import Decimal

from fivetran_connector_sdk import Connector, Logging as log, Operations as op

FEED = """{"currency": "EUR", "generated": 1717000000, "prices": [
  {"sku": "P1", "price": 19.99, "cost": 12.5, "ratio": 1.0, "qty": 3, "attrs": {"w": 1.25, "tags": ["a"]}},
  {"sku": "P2", "price": 0.10, "cost": 1e-7, "ratio": 2.50E+3, "qty": 12345678901234567890, "attrs": {}},
  {"sku": "P3", "price": -0.0, "cost": 100, "ratio": NaN, "qty": -1, "attrs": {"nested": {"v": 3.000}}},
  {"sku": "P4", "price": 1.5, "cost": Infinity, "ratio": -Infinity, "qty": 0, "attrs": null, "dup": 1, "dup": 2.0},
  {"sku": "P5", "price": 3.14159265358979323846, "cost": 1E+2, "ratio": 0.1, "qty": 7, "attrs": [1.5, {"x": 0.5}]}
]}"""


def big_int(text):
    value = int(text)
    return Decimal(text) if abs(value) > 2 ** 53 else value


def schema(configuration):
    return [{"table": "prices", "primary_key": ["sku"],
             "columns": {"price": {"type": "DECIMAL", "precision": 20, "scale": 6}, "cost": "FLOAT", "ratio": "DOUBLE", "attrs": "JSON"}}]


def update(configuration, state):
    with tempfile.TemporaryDirectory() as tmp:
        path = os.path.join(tmp, "feed.json")
        with open(path, "w", encoding="utf-8") as f:
            f.write(FEED)
        with open(path, encoding="utf-8") as f:
            feed = json.load(f, parse_float=Decimal, parse_int=big_int, parse_constant=Decimal,
                             object_pairs_hook=OrderedDict)
        with open(path, encoding="utf-8") as f:
            pairs = json.load(f, object_pairs_hook=lambda p: p)
    log.info(f"{len(feed['prices'])} prices in {feed['currency']}")
    for item, item_pairs in zip(feed["prices"], pairs[2][1]):
        item["currency"] = feed["currency"]
        item["pairs"] = [k for k, _ in item_pairs]
        try:
            op.upsert("prices", item)
        except TypeError as e:
            log.warning(f"{item['sku']}: {e}")
            item["price"] = str(item["price"])
            try:
                op.upsert("prices", item)
            except TypeError as e2:
                log.warning(f"{item['sku']} again: {e2}")
                item["attrs"] = json.loads(json.dumps(item["attrs"], default=str))
                op.upsert("prices", item)
        op.upsert("prices_raw", OrderedDict(item))
    op.checkpoint({"generated": feed["generated"], "precision": decimal.getcontext().prec})
    op.upsert("feed", {"id": 1, "generated": feed["generated"], "count": Decimal(len(feed["prices"])),
                       "total": sum(p["cost"] for p in feed["prices"][:3])})
    op.checkpoint({"generated": feed["generated"], "done": True})


connector = Connector(update=update, schema=schema)
