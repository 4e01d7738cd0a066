# A CSV export (saved by Excel: UTF-8 with a BOM, CRLF, quoted newlines) read with csv.DictReader. Opened with
# encoding="utf-8", the first header is "\ufeffsku", so row["sku"] is missing: the user's first pass logs that and
# re-reads with "utf-8-sig". The header repeats "price" (DictReader keeps the last), a row with extra fields puts
# them in a list under the key None (restkey), a short row gets None (restval), empty fields are "". The None key is
# refused by the SDK; the user catches that and then moves the extras to "extra". The declared key is "sku".
import csv
import os
import tempfile

from fivetran_connector_sdk import Connector, Logging as log, Operations as op

CSV_TEXT = (
    "\ufeffsku,Name,price,price,In Stock,notes\r\n"
    "A-1,Kettle,10,12.50,yes,\"line one\r\nline two\"\r\n"
    "A-2,Toaster,,15,no,\r\n"
    "A-3,\"Mixer, hand\",7,7.0,,\"quote \"\"inside\"\"\"\r\n"
    "A-4,Blender,20,21,yes,ok,EXTRA1,EXTRA2\r\n"
    "A-5,Grill,5\r\n"
    "\r\n"
    "A-6,Ünïcödé,1e2,0x10,1,   padded   \r\n"
    "A-2,Toaster v2,,16,no,relisted\r\n"
)


def schema(configuration):
    return [{"table": "products", "primary_key": ["sku"], "columns": {"sku": "STRING", "In Stock": "STRING"}}]


def update(configuration, state):
    with tempfile.TemporaryDirectory() as tmp:
        path = os.path.join(tmp, "export.csv")
        with open(path, "w", encoding="utf-8", newline="") as f:
            f.write(CSV_TEXT)
        with open(path, encoding="utf-8", newline="") as f:
            reader = csv.DictReader(f)
            log.info(f"fieldnames with utf-8: {reader.fieldnames}")
            first = next(reader)
            if "sku" not in first:
                log.warning("no sku column; the file has a BOM")
        with open(path, encoding="utf-8-sig", newline="") as f:
            reader = csv.DictReader(f)
            for row in reader:
                try:
                    op.upsert("products", row)
                except Exception as e:
                    log.warning(f"{row['sku']}: {type(e).__name__}: {e}")
                    row["extra"] = row.pop(None)
                    op.upsert("products", row)
            log.info(f"{reader.line_num} lines")
        op.checkpoint({"file": "export.csv", "bom": True})
        # Raw rows, with the header kept as a list column.
        with open(path, encoding="utf-8-sig", newline="") as f:
            rows = list(csv.reader(f))
        header = rows[0]
        for n, fields in enumerate(rows[1:], 1):
            op.upsert("raw_lines", {"n": n, "fields": fields, "width": len(fields), "header": header, "blank": not fields})
        op.checkpoint({"file": "export.csv", "bom": True, "raw": len(rows)})


connector = Connector(update=update, schema=schema)
