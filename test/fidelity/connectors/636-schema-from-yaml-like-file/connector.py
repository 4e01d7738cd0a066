# A small hand-written reader for a YAML-like schema.yml beside connector.py (no PyYAML): list items, quoted names,
# flow lists for keys, and `decimal(p, s)` turned into the SDK's DECIMAL dict. The parsed tables are returned as a
# tuple, and update() writes rows whose keys are listed in another order than the file's columns.
import os
import re

from fivetran_connector_sdk import Connector, Operations as op

HERE = os.path.dirname(os.path.abspath(__file__))


def unquote(text):
    text = text.strip()
    return text[1:-1] if len(text) >= 2 and text[0] == text[-1] == '"' else text


def column_type(text):
    m = re.fullmatch(r"decimal\((\d+),\s*(\d+)\)", text.strip(), re.I)
    if m:
        return {"type": "DECIMAL", "precision": int(m.group(1)), "scale": int(m.group(2))}
    return text.strip()


def read_schema():
    tables, current, section = [], None, None
    with open(os.path.join(HERE, "schema.yml"), encoding="utf-8") as f:
        for line in f:
            if not line.strip() or line.lstrip().startswith("#") or line.strip() == "tables:":
                continue
            stripped = line.strip()
            if stripped.startswith("- name:"):
                current = {"table": unquote(stripped[len("- name:"):])}
                tables.append(current)
                section = None
            elif stripped.startswith("primary_key:"):
                items = stripped[len("primary_key:"):].strip().strip("[]")
                current["primary_key"] = [unquote(x) for x in items.split(",")]
            elif stripped == "columns:":
                section = current.setdefault("columns", {})
            elif section is not None:
                name, _, kind = stripped.rpartition(":")
                section[unquote(name)] = column_type(kind)
    return tuple(tables)


def schema(configuration):
    return read_schema()


def update(configuration, state):
    for i in range(1, 5):
        op.upsert("Orders", {"placed": f"2024-03-0{i}T12:00:00Z", "amount": f"{i * 10.005:.3f}", "Line No": i % 2,
                             "order_id": i // 2})
    op.update("Orders", {"Line No": 1, "order_id": 0, "amount": "1.5"})
    op.delete("Orders", {"order_id": 2, "Line No": 0})
    for i in range(3):
        op.upsert("order-events", {"id": f"e{i}", "payload": {"n": i, "tags": ["x"] * i}, "event.type": "created",
                                   "2nd_try": "1" if i else "0"})
    op.upsert("🚚 shipments", {"tracking": "1Z999", "weight_kg": 2.5})
    op.checkpoint({"tables": [t["table"] for t in read_schema()]})


connector = Connector(update=update, schema=schema)
