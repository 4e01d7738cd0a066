# A small wrapper type for encrypted payloads: a bytes subclass that shows itself as hex and whose __bytes__ gives
# the decrypted bytes. Without a type the SDK stores the bytes it holds; in BINARY it calls bytes(), so __bytes__
# counts; in STRING it is str(); in JSON it is refused. Keyed by it, key-less, updated and deleted.
from fivetran_connector_sdk import Connector, Operations as op

KEY = 0x5A


class Ciphertext(bytes):
    def __str__(self):
        return "cipher:" + self.hex()

    def __repr__(self):
        return "Ciphertext(%d bytes)" % len(self)

    def __bytes__(self):
        return bytes(b ^ KEY for b in self)


def seal(plain):
    return Ciphertext(bytes(b ^ KEY for b in plain))


PAYLOADS = [seal(b"hello"), seal(b""), seal(b"\x00\xff"), seal("caf\u00e9".encode()), Ciphertext(b"raw")]


def attempt(kind, table, row, outcomes):
    try:
        getattr(op, kind)(table, row)
        outcomes.append("ok")
    except Exception as e:
        outcomes.append("%s: %s" % (type(e).__name__, e))


def update(configuration, state):
    outcomes = []
    for i, p in enumerate(PAYLOADS):
        attempt("upsert", "messages", {"id": i, "body": p, "as_binary": p, "as_text": p}, outcomes)
        attempt("upsert", "by_body", {"body": p, "n": i}, outcomes)
        attempt("upsert", "keyless", {"body": p, "n": i % 2}, outcomes)
        attempt("upsert", "as_json", {"id": i, "doc": p}, outcomes)
    op.checkpoint({"step": 1})
    attempt("update", "by_body", {"body": PAYLOADS[0], "n": 100}, outcomes)
    attempt("update", "by_body", {"body": bytes(PAYLOADS[2]), "n": 200}, outcomes)  # the decrypted bytes: another key
    attempt("delete", "by_body", {"body": b"raw"}, outcomes)
    attempt("upsert", "messages", {"id": 9, "as_binary": memoryview(b"mv")}, outcomes)
    attempt("upsert", "messages", {"id": 10, "body": bytearray(PAYLOADS[0])}, outcomes)
    for i, o in enumerate(outcomes):
        op.upsert("outcomes", {"i": i, "outcome": o})
    op.checkpoint({"step": 2})


def schema(configuration):
    return [
        {"table": "messages", "primary_key": ["id"], "columns": {"as_binary": "BINARY", "as_text": "STRING"}},
        {"table": "by_body", "primary_key": ["body"]},
        {"table": "as_json", "primary_key": ["id"], "columns": {"doc": "JSON"}},
    ]


connector = Connector(update=update, schema=schema)
