# logging.captureWarnings(True) so that warnings go through the logging module, a root handler at DEBUG that
# keeps every record it sees while the sync runs, and calls to the SDK's own Logging next to stdlib logging.
# The records kept (logger, level, message with paths made relative) are stored at the end of update().
import logging
import os
import warnings

from fivetran_connector_sdk import Connector, Logging as log, Operations as op

HERE = os.path.dirname(os.path.abspath(__file__))


class Keep(logging.Handler):
    def __init__(self):
        super().__init__()
        self.records = []

    def emit(self, record):
        self.records.append((record.name, record.levelname, record.getMessage().replace(HERE + os.sep, "<here>/")))


keep = Keep()
root = logging.getLogger()
root.addHandler(keep)
root.setLevel(logging.DEBUG)
logging.captureWarnings(True)
warnings.simplefilter("default")
logging.getLogger(__name__).info("loaded as %s", "the connector module")


def update(configuration, state):
    log.info("sdk info")
    log.warning("sdk warning")
    log.fine("sdk fine (deprecated)")
    log.severe("sdk severe (deprecated)")
    warnings.warn("own UserWarning")
    logging.info("stdlib root info")
    for i in range(15):
        op.upsert("things", {"id": i, "even": i % 2 == 0})
        if i % 5 == 4:
            op.checkpoint({"i": i})
    log.fine("sdk fine again")
    for n, (name, level, message) in enumerate(keep.records):
        op.upsert("records", {"n": n, "logger": name, "level": level, "message": message})
    op.checkpoint({"i": 15, "records": len(keep.records)})


connector = Connector(update=update, schema=lambda c: [{"table": "records", "primary_key": ["n"]}])
