# Every type schema() accepts in SDK 3.0, with values of the Python types each one takes.
import datetime

from fivetran_connector_sdk import Connector, Logging as log, Operations as op


def schema(configuration):
    return [
        {
            "table": "all_types",
            "primary_key": ["id"],
            "columns": {
                "id": "INT",
                "flag": "BOOLEAN",
                "small": "SHORT",
                "big": "LONG",
                "price": {"type": "DECIMAL", "precision": 10, "scale": 2},
                "ratio": "FLOAT",
                "precise": "DOUBLE",
                "day": "NAIVE_DATE",
                "moment": "NAIVE_DATETIME",
                "instant": "UTC_DATETIME",
                "raw": "BINARY",
                "doc": "XML",
                "label": "STRING",
                "payload": "JSON",
            },
        }
    ]


def update(configuration, state):
    base = datetime.datetime(2024, 2, 28, 23, 30, 15, 125000)
    for i in range(12):
        op.upsert(
            "all_types",
            {
                "id": i,
                "flag": i % 2 == 0,
                "small": i * 100 - 500,
                "big": 9_000_000_000 + i,
                "price": f"{i}.{i:02d}",
                "ratio": i / 4,
                "precise": i / 3,
                "day": (base + datetime.timedelta(days=i)).date(),
                "moment": base + datetime.timedelta(hours=i),
                "instant": (base + datetime.timedelta(minutes=i)).replace(tzinfo=datetime.timezone.utc),
                "raw": bytes([i, 255 - i, 0]),
                "doc": f"<row n=\"{i}\"/>",
                "label": f"row {i}",
                "payload": {"n": i, "tags": ["a", "b"][: i % 3], "nested": {"ok": True}},
            },
        )
    # The same types given as strings, the way many APIs deliver them.
    op.upsert(
        "all_types",
        {
            "id": 100,
            "flag": "1",
            "small": "7",
            "big": "-42",
            "price": "-0.50",
            "ratio": "2.5",
            "precise": "1e-3",
            "day": "2023-12-31",
            "moment": "2023-12-31T08:00:00.5",
            "instant": "2023-12-31T08:00:00+02:00",
            "raw": bytearray(b"text"),
            "doc": "<a/>",
            "label": 12345,
            "payload": "just a string",
        },
    )
    # Nulls everywhere but the key.
    op.upsert("all_types", {"id": 101})
    log.info("declared types written")
    op.checkpoint({"done": True})


connector = Connector(update=update, schema=schema)
