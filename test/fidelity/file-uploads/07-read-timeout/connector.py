# A stream whose read() never returns: the SDK gives each read() FILE_UPLOAD_READ_TIMEOUT_SEC (300 s) on a worker
# thread, then raises TimeoutError and leaves that thread blocked. The timeout is lowered to 1 s here, under
# whichever SDK runs this, so the case takes a second. The file and row before the checkpoint stay; the sync fails.
import io
import threading

from fivetran_connector_sdk import Connector, FileUpload, Operations as op

try:  # the real SDK reads the module global at each upload
    import fivetran_connector_sdk_cli.file_upload as _timeout_home

    _timeout_home.FILE_UPLOAD_READ_TIMEOUT_SEC = 1
except ImportError:  # the embedded engine's harness
    import fivetran_connector_sdk._files as _timeout_home

    _timeout_home.READ_TIMEOUT_SEC = 1


class NeverReturns:
    def read(self, size=-1):
        # Never set: the read blocks for good, so only the timeout can end it (the thread is a daemon).
        threading.Event().wait()
        return b""


def update(configuration, state):
    op.upsert("t", {"id": "ok"}, file=FileUpload(path="ok.bin", stream=io.BytesIO(b"ok")))
    op.checkpoint({"n": 1})
    op.upsert("t", {"id": "stuck"}, file=FileUpload(path="stuck.bin", stream=NeverReturns()))
    op.upsert("t", {"id": "never"})


connector = Connector(update=update, schema=lambda c: [{"table": "t", "primary_key": ["id"]}])
