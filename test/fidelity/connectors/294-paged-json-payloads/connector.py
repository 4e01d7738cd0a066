# The connector a newcomer writes first: pages of an API as JSON text parsed with json.loads, a cursor kept in the
# state, parent rows with nested objects and child rows from lists of dicts; numbers as the API spells them (1e-7,
# 1E+20, 2.50, a 25-digit integer, -0, 1.0), nulls, nested lists, dates in several spellings.
import json
from fivetran_connector_sdk import Connector, Operations as op, Logging as log

PAGES = [
    '''{"data": [{"id": 1, "name": "Ada", "score": 1e-7, "big": 1E+20, "price": 2.50, "ref": 1234567890123456789012345,
        "zero": -0, "one": 1.0, "created": "2024-01-02T03:04:05Z", "address": {"city": "Paris", "geo": [48.85, 2.35]},
        "orders": [{"oid": "A1", "total": 10.10, "at": "2024-01-02 03:04:05"}, {"oid": "A2", "total": null, "at": "2024/01/03"}]},
       {"id": 2, "name": null, "score": -1.5E-300, "big": 9007199254740993, "price": 3, "ref": "0012", "zero": 0.0,
        "one": 1, "created": "2024-01-02T03:04:05.123+02:00", "address": null, "orders": []}],
     "next": 2}''',
    '''{"data": [{"id": 3, "name": "C\\u00e9line \\ud83d\\ude00", "score": 0.1, "big": 1.7976931348623157e308, "price": 12,
        "ref": 7, "zero": false, "one": "1", "created": "Tue, 02 Jan 2024 03:04:05 GMT", "address": {"city": "", "geo": []},
        "orders": [{"oid": "C1", "total": 1e2, "at": "2024-01-02T03:04:05.123456789Z", "items": [{"sku": 1}, null, 3]}]},
       {"id": 1, "name": "Ada L.", "score": 2e-7, "big": 1e20, "price": 2.5, "ref": 1, "zero": -0.0, "one": 1.0,
        "created": "2024-01-02", "address": {"city": "Paris", "geo": [48.85, 2.35], "extra": {"a": {"b": [1, {"c": null}]}}},
        "orders": [{"oid": "A1", "total": 10.1, "at": "20240102T030405Z"}]}],
     "next": null}''',
]


def update(configuration, state):
    page = state.get("page", 1)
    while page is not None:
        payload = json.loads(PAGES[page - 1])
        for user in payload["data"]:
            orders = user.pop("orders")
            op.upsert("users", user)
            for o in orders:
                op.upsert("orders", {"user_id": user["id"], **o})
        log.info("page %d done" % page)
        page = payload["next"]
        op.checkpoint({"page": page, "last": payload["data"][-1]["created"]})


def schema(configuration):
    return [{"table": "users", "primary_key": ["id"]}, {"table": "orders", "primary_key": ["user_id", "oid"]}]


connector = Connector(update=update, schema=schema)
