# What the SDK refuses before anything is stored: each error is caught and written to a table, so the warehouse
# dump compares the exact messages. None of them fails the sync.
import io

from fivetran_connector_sdk import Connector, FileUpload, Operations as op


class NoRead:
    pass


class TextStream:
    def read(self, size=-1):
        return "text"


class Broken:
    def read(self, size=-1):
        raise OSError("disk gone")


CASES = [
    ("empty", lambda: FileUpload(path="", stream=io.BytesIO(b"x"))),
    ("blank", lambda: FileUpload(path="   ", stream=io.BytesIO(b"x"))),
    ("nul", lambda: FileUpload(path="a\x00b", stream=io.BytesIO(b"x"))),
    ("trailing slash", lambda: FileUpload(path="dir/", stream=io.BytesIO(b"x"))),
    ("double slash", lambda: FileUpload(path="a//b", stream=io.BytesIO(b"x"))),
    ("path not str", lambda: FileUpload(path=123, stream=io.BytesIO(b"x"))),
    ("no read", lambda: FileUpload(path="a", stream=NoRead())),
    ("bytes as stream", lambda: FileUpload(path="a", stream=b"raw")),
    ("expected float", lambda: FileUpload(path="a", stream=io.BytesIO(b"x"), expected_bytes=1.0)),
    ("expected bool", lambda: FileUpload(path="a", stream=io.BytesIO(b"x"), expected_bytes=True)),
    ("expected negative", lambda: FileUpload(path="a", stream=io.BytesIO(b"x"), expected_bytes=-1)),
    ("expected too big", lambda: FileUpload(path="a", stream=io.BytesIO(b"x"), expected_bytes=2 ** 63)),
    ("not a FileUpload", lambda: "path.txt"),
    ("text stream", lambda: FileUpload(path="text.bin", stream=TextStream())),
    ("stream raises", lambda: FileUpload(path="broken.bin", stream=Broken())),
]


def update(configuration, state):
    for name, make in CASES:
        try:
            op.upsert("uploads", {"case": name}, file=make())
            outcome = "stored"
        except Exception as e:
            outcome = "%s: %s" % (type(e).__name__, e)
        op.upsert("outcomes", {"case": name, "outcome": outcome})
    for name, call in (
        ("bad table name", lambda: op.upsert("", {"id": 1}, file=FileUpload(path="a", stream=io.BytesIO(b"x")))),
        ("bad schema", lambda: op.upsert("t", {"id": 1}, schema=" ", file=FileUpload(path="a", stream=io.BytesIO(b"x")))),
        ("missing stream", lambda: FileUpload("p")),
    ):
        try:
            call()
            outcome = "no error"
        except Exception as e:
            outcome = "%s: %s" % (type(e).__name__, e)
        op.upsert("outcomes", {"case": name, "outcome": outcome})
    upload = FileUpload(" p ", io.BytesIO(b"q"))
    op.upsert("outcomes", {"case": "fields", "outcome": "%r %r" % (upload.path, upload.expected_bytes)})
    op.upsert("uploads", {"case": "ok"}, file=FileUpload(path="ok.txt", stream=io.BytesIO(b"ok")))
    op.checkpoint({"done": True})


connector = Connector(update=update)
