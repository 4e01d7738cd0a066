# Objects from the standard library handed over as they are: uuid.UUID as a key (without a type, STRING, and its
# .bytes in BINARY), updated and deleted by its text and by the object, pathlib paths, ipaddress addresses and
# networks, a UUID in BINARY and JSON (refused), urllib's parse results and a Fraction; the state holds str() of them.
import fractions
import ipaddress
import pathlib
import urllib.parse
import uuid

from fivetran_connector_sdk import Connector, Operations as op

IDS = [uuid.UUID("12345678-1234-5678-1234-567812345678"), uuid.UUID(int=0), uuid.UUID(int=(1 << 128) - 1),
       uuid.uuid5(uuid.NAMESPACE_DNS, "example.com"), uuid.UUID("{00010203-0405-0607-0809-0A0B0C0D0E0F}")]
OTHERS = [pathlib.PurePosixPath("/var/data/report.csv"), pathlib.PurePosixPath("relative/dir/"),
          pathlib.PureWindowsPath(r"C:\Users\me\file.txt"), ipaddress.ip_address("192.168.0.1"),
          ipaddress.ip_address("::ffff:10.0.0.1"), ipaddress.ip_network("10.0.0.0/8"),
          ipaddress.ip_interface("fe80::1%eth0/64"), urllib.parse.urlsplit("https://h/p?q=1#f"),
          fractions.Fraction(22, 7)]


def attempt(outcomes, fn, *args):
    try:
        fn(*args)
        outcomes.append("ok")
    except Exception as e:
        outcomes.append("%s: %s" % (type(e).__name__, e))


def update(configuration, state):
    outcomes = []
    for i, u in enumerate(IDS):
        attempt(outcomes, op.upsert, "customers", {"id": u, "n": i, "id_text": u, "id_bytes": u.bytes})
        attempt(outcomes, op.upsert, "by_string", {"id": u, "n": i})
        attempt(outcomes, op.upsert, "keyless", {"id": u, "hex": u.hex})
        attempt(outcomes, op.upsert, "refused", {"n": i, "raw": u})
        attempt(outcomes, op.upsert, "refused", {"n": 100 + i, "doc": {"id": u}})
    op.checkpoint({"last_id": str(IDS[-1])})
    attempt(outcomes, op.update, "customers", {"id": str(IDS[0]), "n": 100})
    attempt(outcomes, op.update, "by_string", {"id": IDS[1], "n": 101})
    attempt(outcomes, op.delete, "customers", {"id": IDS[2]})
    attempt(outcomes, op.delete, "by_string", {"id": str(IDS[3]).upper()})
    for i, v in enumerate(OTHERS):
        attempt(outcomes, op.upsert, "things", {"id": i, "value": v, "text": v})
        attempt(outcomes, op.upsert, "things_keyless", {"value": v})
    op.checkpoint({"last_id": str(IDS[-1]), "paths": [str(p) for p in OTHERS[:3]], "ip": str(OTHERS[3])})
    for i, o in enumerate(outcomes):
        op.upsert("outcomes", {"i": i, "outcome": o})


def schema(configuration):
    return [
        {"table": "customers", "primary_key": ["id"], "columns": {"id_text": "STRING", "id_bytes": "BINARY"}},
        {"table": "by_string", "primary_key": ["id"], "columns": {"id": "STRING"}},
        {"table": "refused", "primary_key": ["n"], "columns": {"raw": "BINARY", "doc": "JSON"}},
        {"table": "things", "primary_key": ["id"], "columns": {"text": "STRING"}},
        {"table": "outcomes", "primary_key": ["i"]},
    ]


connector = Connector(update=update, schema=schema)
