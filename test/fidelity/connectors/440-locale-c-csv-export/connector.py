# Export a CSV copy of what we sync (for the finance team). The locale is pinned to C so that number formatting
# doesn't change with whoever runs it.
import csv
import locale
import os

from fivetran_connector_sdk import Connector, Logging as log, Operations as op

locale.setlocale(locale.LC_ALL, "C")

CUSTOMERS = [{"id": 1, "name": "Zoë"}, {"id": 2, "name": "Café Noir"}, {"id": 3, "name": "Bob"}]


def update(configuration, state):
    log.info("encoding for exports: " + locale.getpreferredencoding(False))
    os.makedirs("files", exist_ok=True)
    with open("files/customers.csv", "w", newline="") as f:
        w = csv.DictWriter(f, fieldnames=["id", "name"])
        w.writeheader()
        for c in CUSTOMERS:
            w.writerow(c)
            op.upsert("customers", c)
    op.checkpoint({"exported": len(CUSTOMERS)})


connector = Connector(update=update)
