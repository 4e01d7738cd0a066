# Attachments kept in SQLite as BLOBs, next to a legacy `title` column holding Latin-1 bytes that a decode with the
# default text_factory (str) refuses: the user sets conn.text_factory = bytes, so every TEXT value comes back as bytes
# too, and decodes some of them by hand. Blobs go to a declared BINARY column and to undeclared columns: bytes, an
# empty blob, a bytearray the user built (str() of it in an undeclared column), zero-filled zeroblob(), and a blob
# that is valid UTF-8. A sha1 of each blob is the key of a second table.
import hashlib
import sqlite3

from fivetran_connector_sdk import Connector, Logging as log, Operations as op


def source():
    conn = sqlite3.connect(":memory:")
    conn.execute("CREATE TABLE attachments (id INTEGER PRIMARY KEY, title TEXT, mime TEXT, body BLOB, size INTEGER)")
    rows = [
        (1, "caf\xe9".encode("latin-1"), "text/plain", b"hello", 5),
        (2, "na\xefve r\xe9sum\xe9".encode("latin-1"), "image/png", b"\x89PNG\r\n\x1a\n\x00\x00", 10),
        (3, "plain", "application/octet-stream", b"", 0),
        (4, None, None, None, None),
        (5, "UTF-8 ok \u2713".encode("utf-8"), "text/plain", "\u00fcber".encode("utf-8"), 5),
        (6, b"", "", bytes(range(256))[:32], 32),
    ]
    conn.executemany("INSERT INTO attachments VALUES (?, CAST(? AS TEXT), ?, ?, ?)", rows)
    conn.execute("INSERT INTO attachments VALUES (7, 'zero', 'x', zeroblob(4), 4)")
    conn.commit()
    return conn


def schema(configuration):
    return [{"table": "attachments", "primary_key": ["id"], "columns": {"body": "BINARY", "title": "STRING"}}]


def update(configuration, state):
    conn = source()
    try:
        conn.execute("SELECT title FROM attachments").fetchall()
    except sqlite3.OperationalError as e:
        log.warning(f"default text_factory: {e}")
    conn.text_factory = bytes
    for rid, title, mime, body, size in conn.execute("SELECT * FROM attachments ORDER BY id"):
        record = {"id": rid, "title": title, "mime": mime, "body": body, "size": size}
        op.upsert("attachments", record)
        if body is not None:
            digest = hashlib.sha1(body).hexdigest()
            edited = bytearray(body)
            edited.extend(b"!")
            op.upsert("blobs", {"sha1": digest, "raw": body, "edited": bytes(edited), "edited_repr": edited,
                                "as_text": body.decode("utf-8", "replace"), "length": len(body)})
    op.checkpoint({"attachments": 7})
    conn.text_factory = lambda b: b.decode("latin-1")
    for rid, title, mime in conn.execute("SELECT id, title, mime FROM attachments WHERE title IS NOT NULL ORDER BY id"):
        op.update("attachments", {"id": rid, "title": title, "mime": mime or None})
    op.delete("blobs", {"sha1": hashlib.sha1(b"").hexdigest()})
    op.checkpoint({"attachments": 7, "titles": "latin-1"})


connector = Connector(update=update, schema=schema)
