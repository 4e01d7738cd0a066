"""File uploads (`op.upsert(table, row, file=FileUpload(...))`), as SDK 3.0.0 and its core 0.1.0 do them under
`fivetran debug` (docs/sdk-3.1.md, "File uploads"): the stream is read in 2 MB chunks into a temporary file next to
its target, which is moved to `files/storage/<destination schema>/<table as given>/<path>` when the stream ends;
then the row goes out with `_fivetran_file_path` set to the path, and Node logs and counts the upload.

The file is written here, in the connector's process, rather than sent over the operation channel: it never has to
be encoded, and a 2 MB chunk never sits in a pipe. Standard library only.
"""
import os
import queue
import tempfile
import threading
from dataclasses import dataclass
from typing import Optional

try:
    from typing import Protocol, runtime_checkable
except ImportError:  # Python < 3.8 is not supported by the SDK either; keep the module importable
    Protocol = object

    def runtime_checkable(cls):
        return cls

FILE_PATH_COLUMN = "_fivetran_file_path"
CHUNK_SIZE = 2 * 1024 * 1024
JAVA_LONG_MAX_VALUE = 2 ** 63 - 1
STORAGE_DIR = "storage"

# Seconds one stream.read() may take, as the SDK's FILE_UPLOAD_READ_TIMEOUT_SEC (300). Looked up at each upload, so
# that a connector can lower it by assignment, as it can the SDK's.
READ_TIMEOUT_SEC = 300
# What the end of an upload gives its reading thread to finish: after a timeout it may never return from read().
_READER_JOIN_SEC = 0.1


@runtime_checkable
class ByteStream(Protocol):
    """A binary read-only stream."""

    def read(self, size: int = -1) -> bytes: ...


@dataclass(frozen=True)
class FileUpload:
    path: str
    stream: ByteStream
    expected_bytes: Optional[int] = None

    def __post_init__(self):
        # As in the SDK: the path is trimmed when the object is made, so the row and the folder see the trimmed path.
        if isinstance(self.path, str):
            object.__setattr__(self, "path", self.path.strip())


def validate(upload):
    """The SDK's validate_file_upload_if_present, with its messages (ValueError, which does not fail the sync)."""
    path = upload.path
    if not isinstance(path, str):
        raise ValueError("Invalid file path: expected a string, but received %s." % type(path).__name__)
    if not path:
        raise ValueError("Invalid file path: path cannot be empty or contain only whitespace.")
    if "\x00" in path:
        raise ValueError("Invalid file path: path contains null bytes (\\x00), which are not allowed. "
                         "Remove any null characters from the file path.")
    if path.endswith("/"):
        raise ValueError("Invalid file path '%s': path cannot end with a slash. Did you mean '%s'? "
                         "File paths must point to a file, not a directory." % (path, path.rstrip("/")))
    if "//" in path:
        raise ValueError("Invalid file path '%s': path contains double slashes (//). "
                         "Use single slashes to separate path segments." % path)
    if not isinstance(upload.stream, ByteStream):
        raise ValueError("Invalid stream: object of type '%s' does not have a read() method. The stream must be a "
                         "file-like object with a read(size) method, such as an open file handle or io.BytesIO."
                         % type(upload.stream).__name__)
    expected = upload.expected_bytes
    if expected is None:
        return
    if type(expected) is not int:
        raise ValueError("Invalid expected_bytes: expected an integer, but received %s. "
                         "If you know the file size, provide it as an integer (in bytes)." % type(expected).__name__)
    if expected < 0:
        raise ValueError("Invalid expected_bytes: %d is negative. File size must be zero or a positive integer. "
                         "If the file size is unknown, omit the expected_bytes parameter." % expected)
    if expected > JAVA_LONG_MAX_VALUE:
        raise ValueError("Invalid expected_bytes: %d exceeds maximum allowed size of %s bytes (%.2f GB). "
                         "If your file is larger than this limit, please contact Fivetran support."
                         % (expected, format(JAVA_LONG_MAX_VALUE, ","), JAVA_LONG_MAX_VALUE / (1024 ** 3)))


class UploadError(Exception):
    """What the SDK's core raises for an upload it refuses (an SdkException there): it fails the sync."""


def resolve(directory, schema, table, file_path):
    """The core's resolve_path: each component of schema, table and path is a folder level ("\\" splits too), `..`
    and `.` are escaped, and the result must stay inside `directory`."""
    path = directory
    for raw in (schema, table, file_path):
        for component in raw.replace("\\", "/").split("/"):
            if component:
                path = os.path.join(path, "__dotdot__" if component == ".." else "__dot__" if component == "." else component)
    root = os.path.normpath(directory)
    if os.path.commonpath([root, os.path.normpath(path)]) != root:
        raise ValueError("Resolved upload path %s escapes configured directory %s" % (os.path.normpath(path), root))
    return path


class _Upload:
    def __init__(self, key, target, expected):
        self.key = key
        self.target = target
        self.expected = expected
        self.received = 0
        fd, self.temp = tempfile.mkstemp(dir=os.path.dirname(target), prefix=os.path.basename(target), suffix=".tmp")
        self.out = os.fdopen(fd, "wb")

    def abort(self):
        try:
            self.out.close()
        finally:
            if os.path.exists(self.temp):
                os.unlink(self.temp)


class FileStore:
    """The core's FileStore. At most one upload is open: one whose stream failed after its first 2 MB chunk stays
    open, as in the SDK, and the next upload of another file fails the sync."""

    def __init__(self, project_dir):
        self.project = os.path.realpath(project_dir)
        self.directory = os.path.join(project_dir, "files", STORAGE_DIR)
        self.active = None

    def _inside(self, path):
        real = os.path.realpath(path)
        return os.path.commonpath([self.project, real]) == self.project

    def _open(self, key, expected):
        schema, table, file_path = key
        try:
            target = resolve(self.directory, schema, table, file_path)
            # Security: files/, files/storage or a folder under it that is a link (left by the connector or by hand)
            # must not take the file, or the folders made for it, outside the connector folder: each existing part is
            # checked against the folder's real path before anything is created, and the result again after.
            part = os.path.dirname(target)
            while not os.path.lexists(part) and part != os.path.dirname(part):
                part = os.path.dirname(part)
            if not self._inside(part):
                raise ValueError("upload folder %s is outside %s" % (os.path.realpath(part), self.project))
            os.makedirs(os.path.dirname(target), exist_ok=True)
            real_root = os.path.realpath(self.directory)
            real_dir = os.path.realpath(os.path.dirname(target))
            if not self._inside(real_root) or os.path.commonpath([real_root, real_dir]) != real_root:
                raise ValueError("upload folder %s is outside %s" % (real_dir, real_root))
            return _Upload(key, target, expected)
        except (OSError, ValueError) as e:
            raise UploadError("File upload failed for file: %s" % file_path) from e

    def store(self, schema, table, upload):
        """Reads `upload.stream` into place; returns the target path."""
        key = (schema, table, upload.path)
        reader = _TimedReader(upload.stream, READ_TIMEOUT_SEC)
        try:
            while True:
                # A read error (or timeout) before the first chunk leaves nothing open; after it, the upload stays open
                # (and keeps the expected size of the call that opened it), as the SDK's core does. The core sees an
                # upload only once its first chunk is read, so a stream that fails at once reports its own error even
                # while another upload is open.
                data = read_chunk(reader.read, CHUNK_SIZE)
                if self.active is not None and self.active.key != key:
                    self.abort()
                    raise UploadError("Multiple file uploads detected. Only one file upload can be active at a time.")
                if self.active is None:
                    self.active = self._open(key, upload.expected_bytes)
                if data:
                    self.active.out.write(data)
                    self.active.received += len(data)
                    continue
                active, self.active = self.active, None
                if active.expected is not None and active.received != active.expected:
                    active.abort()
                    raise UploadError("File upload received %d bytes for file: %s, expected %d bytes."
                                      % (active.received, file_path_of(active), active.expected))
                try:
                    active.out.close()
                    os.replace(active.temp, active.target)
                except OSError as e:
                    active.abort()
                    raise UploadError("File upload failed for file: %s" % file_path_of(active)) from e
                return active.target
        finally:
            reader.close()

    def abort(self):
        active, self.active = self.active, None
        if active is not None:
            active.abort()


def file_path_of(upload):
    return upload.key[2]


def read_chunk(read, size):
    """The SDK's _read_next_chunk: up to `size` bytes from `read(n)`, looping over short reads; b"" at the end."""
    buffer = bytearray()
    while len(buffer) < size:
        piece = read(size - len(buffer))
        if not isinstance(piece, bytes):
            raise TypeError("Invalid stream.read() return type: expected bytes, but received %s. The stream's read() "
                            "method must return bytes, not strings or other types. If reading from a file, ensure "
                            "it's opened in binary mode with 'rb'." % type(piece).__name__)
        if not piece:
            break
        buffer.extend(piece)
    return bytes(buffer)


class _TimedReader:
    """The stream's read() calls, made on a thread of their own so that the connector's thread can stop waiting:
    Python cannot interrupt a read() that hangs (a stalled socket, a pipe nobody writes to), and without a limit it
    would hold the sync, and the upload lock, until the run's own timeout. As in the SDK, the thread is a daemon
    and is left behind when a read times out; the stream is not closed, since it belongs to the connector."""

    _DONE = object()

    def __init__(self, stream, timeout):
        self._timeout = timeout
        self._sizes = queue.SimpleQueue()
        self._replies = queue.SimpleQueue()
        self._thread = threading.Thread(target=self._serve, args=(stream,), name="connector-sdk-file-read",
                                        daemon=True)
        self._thread.start()

    def _serve(self, stream):
        sizes, replies = self._sizes, self._replies
        while True:
            size = sizes.get()
            if size is self._DONE:
                return
            # Exception, not BaseException, as in the SDK: a SystemExit or KeyboardInterrupt from read() ends this
            # thread, and the connector's thread sees a timeout.
            try:
                replies.put((stream.read(size), None))
            except Exception as e:
                replies.put((None, e))

    def read(self, size):
        self._sizes.put(size)
        try:
            data, error = self._replies.get(timeout=self._timeout)
        except queue.Empty:
            raise TimeoutError("File upload timed out: stream.read() did not return within %s seconds." % (self._timeout,))
        if error is not None:
            raise error
        return data

    def close(self):
        # A thread still inside read() gets the stop request once (if ever) read() returns; it is not waited for.
        self._sizes.put(self._DONE)
        self._thread.join(_READER_JOIN_SEC)
