# A vendor ships its data as archives, built here in a temp dir: a gzip'd CSV, a zip holding JSON-lines files (one
# member in a sub-folder, one empty, one with a bad line), and a tar.gz of CSVs whose members are read with
# extractfile() through io.TextIOWrapper. One checkpoint per archive member, the members done kept in state. JSON
# values keep their types (ints, floats, nested objects, null); CSV values are text.
import csv
import gzip
import io
import json
import os
import tarfile
import tempfile
import zipfile

from fivetran_connector_sdk import Connector, Logging as log, Operations as op

ORDERS_CSV = "order_id,customer,total,shipped\n1,acme,10.50,true\n2,globex,,false\n3,initech,7,\n4,\"Umbrella, Inc\",1e3,TRUE\n"
EVENTS = [
    [{"id": 1, "type": "click", "at": "2024-04-01T10:00:00Z", "props": {"x": 1, "y": 2.5}},
     {"id": 2, "type": "view", "at": "2024-04-01T10:00:01.5Z", "props": None, "score": 3}],
    [{"id": 3, "type": "click", "at": "2024-04-02 00:00:00+02:00", "props": {"x": [1, 2]}, "score": 2.75},
     {"id": 2, "type": "view", "at": "2024-04-01T10:00:01.5Z", "score": "high"}],
]
TAR_FILES = {
    "export/customers.csv": "id;name;country\r\n10;Acme;US\r\n11;Globex;\r\n12;Initech;DE\r\n",
    "export/more/customers_2.csv": "id;name;country\r\n13;Umbrella;JP\r\n10;Acme Corp;US\r\n",
}


def build(tmp):
    with gzip.open(os.path.join(tmp, "orders.csv.gz"), "wt", encoding="utf-8", newline="") as f:
        f.write(ORDERS_CSV)
    with zipfile.ZipFile(os.path.join(tmp, "events.zip"), "w", compression=zipfile.ZIP_DEFLATED) as z:
        z.writestr("2024-04-01.jsonl", "\n".join(json.dumps(e) for e in EVENTS[0]) + "\n")
        z.writestr("late/2024-04-02.jsonl", "\n".join(json.dumps(e) for e in EVENTS[1]) + "\n{not json\n")
        z.writestr("empty.jsonl", "")
        z.writestr("late/", "")
    with tarfile.open(os.path.join(tmp, "customers.tar.gz"), "w:gz") as t:
        for name, text in TAR_FILES.items():
            data = text.encode("utf-8")
            info = tarfile.TarInfo(name)
            info.size = len(data)
            info.mtime = 1700000000
            t.addfile(info, io.BytesIO(data))


def schema(configuration):
    return [
        {"table": "orders", "primary_key": ["order_id"], "columns": {"order_id": "INT", "total": "DOUBLE", "shipped": "BOOLEAN"}},
        {"table": "events", "primary_key": ["id"], "columns": {"at": "UTC_DATETIME"}},
    ]


def update(configuration, state):
    done = list(state.get("members", []))
    with tempfile.TemporaryDirectory() as tmp:
        build(tmp)
        with gzip.open(os.path.join(tmp, "orders.csv.gz"), "rt", encoding="utf-8", newline="") as f:
            for row in csv.DictReader(f):
                row["total"] = row["total"] or None
                row["shipped"] = {"true": True, "false": False}.get(row["shipped"].lower())
                op.upsert("orders", row)
        done.append("orders.csv.gz")
        op.checkpoint({"members": done})
        with zipfile.ZipFile(os.path.join(tmp, "events.zip")) as z:
            for info in z.infolist():
                if info.is_dir():
                    continue
                with z.open(info) as raw:
                    for n, line in enumerate(io.TextIOWrapper(raw, encoding="utf-8"), 1):
                        try:
                            event = json.loads(line)
                        except json.JSONDecodeError as e:
                            log.warning(f"{info.filename}:{n}: {e}")
                            continue
                        event["member"] = info.filename
                        event["member_size"] = info.file_size
                        op.upsert("events", event)
                done.append(info.filename)
                op.checkpoint({"members": done})
        with tarfile.open(os.path.join(tmp, "customers.tar.gz"), "r:gz") as t:
            for member in t.getmembers():
                f = t.extractfile(member)
                for row in csv.DictReader(io.TextIOWrapper(f, encoding="utf-8", newline=""), delimiter=";"):
                    row["member"] = member.name
                    row["mtime"] = member.mtime
                    op.upsert("customers", row)
                done.append(member.name)
                op.checkpoint({"members": done})
    log.info(f"{len(done)} members loaded")


connector = Connector(update=update, schema=schema)
