# Output sent to a log file opened without an encoding argument other than ASCII, while a report is written: the SDK
# prints the connector's log lines there too, and its own prefix (with an emoji) cannot be encoded; the first log
# fails (caught, recorded), and after stdout is restored the sync goes on.
import os
import sys

from fivetran_connector_sdk import Connector, Logging as log, Operations as op


def update(configuration: dict, state: dict):
    path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "files", "report.log")
    saved = sys.stdout
    with open(path, "w", encoding="ascii") as f:
        sys.stdout = f
        try:
            print("report start")
            log.info("plain ascii line")
            op.upsert("outcomes", {"id": 1, "ok": True})
        except UnicodeEncodeError as e:
            op.upsert("outcomes", {"id": 1, "ok": False, "error": str(e)})
        finally:
            sys.stdout = saved
    log.info("caf\u00e9 is fine on the real stdout")
    op.checkpoint({"done": True})


connector = Connector(update=update)
