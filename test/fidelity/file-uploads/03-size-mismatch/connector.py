# A stream shorter than expected_bytes fails the sync, even when the connector catches the error: the next
# operation raises it again. The file before the checkpoint stays; the short one is not stored.
import io

from fivetran_connector_sdk import Connector, FileUpload, Operations as op


def update(configuration, state):
    op.upsert("t", {"id": "ok"}, file=FileUpload(path="ok.bin", stream=io.BytesIO(b"ok")))
    op.checkpoint({"n": 1})
    try:
        op.upsert("t", {"id": "short"}, file=FileUpload(path="short.bin", stream=io.BytesIO(b"ab"), expected_bytes=5))
    except Exception:
        pass
    op.upsert("t", {"id": "after"})


connector = Connector(update=update, schema=lambda c: [{"table": "t", "primary_key": ["id"]}])
