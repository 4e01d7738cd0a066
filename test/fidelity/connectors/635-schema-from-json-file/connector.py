# schema() read from a JSON file kept next to connector.py (`tables.json`, named in configuration.json): types in
# every case spelling the SDK accepts, DECIMAL as a dict with a lower-case or capitalised type, a composite key
# listed in another order than its columns, a table with no key and a space in its name, and columns named by years
# and numbers ("2024", "2023", "10"), in a table written and one declared only.
import base64
import json
import os

from fivetran_connector_sdk import Connector, Operations as op

HERE = os.path.dirname(os.path.abspath(__file__))


def load(configuration):
    with open(os.path.join(HERE, configuration["schema_file"]), encoding="utf-8") as f:
        return json.load(f)["tables"]


def schema(configuration):
    return [{"table": name, **spec} for name, spec in load(configuration).items()]


def update(configuration, state):
    for i in range(1, 6):
        op.upsert("invoices", {
            "invoice_no": f"INV-{i:04d}", "customer_id": str(i % 2 + 1), "total": f"{i * 19.995:.3f}", "tax": f"{0.07 * i:.5f}",
            "issued": f"2024-02-{i:02d}", "paid_at": f"2024-02-{i:02d}T10:00:00+02:00" if i % 2 else None,
            "lines": [{"sku": "A", "qty": i}], "pdf": base64.b64decode("JVBERi0="), "is_paid": i % 2 == 1,
            "weight": 1.1 * i, "score": 1 / 3 * i, "qty": i, "ref": 2 ** 40 + i, "raw": f"<inv n='{i}'/>",
            "seen": f"2024-02-{i:02d} 08:30:00.123456"})
    for i in (1, 2):
        op.upsert("customers", {"id": i, "name": f"Customer {i}", "credit": 10 ** 20 + i})
    op.update("invoices", {"invoice_no": "INV-0002", "customer_id": 1, "total": "0.005"})
    op.delete("invoices", {"customer_id": "2", "invoice_no": "INV-0003"})
    for region, base in (("eu", 1.5), ("us", 2.25)):
        op.upsert("revenue by year", {"region": region, "2024": base * 2, "2023": base, "10": 10, "total": base * 3})
    op.upsert("audit log", {"at": "2024-02-01T00:00:00Z", "event": "sync"})
    for region, base in (("eu", 1.5), ("us", 2.25)):
        op.upsert("revenue by year", {"region": region, "2024": base * 2, "2023": base, "10": 10, "total": base * 3})
    op.upsert("audit log", {"at": "2024-02-01T00:00:00Z", "event": "sync"})
    op.checkpoint({"file": configuration["schema_file"], "tables": sorted(load(configuration))})


connector = Connector(update=update, schema=schema)
