"""The operation channel: one JSON object per line, written to a file descriptor the runner opened.

Encoding is on the hot path (a benchmark sync writes 200,000 rows), so a row costs one pass over its top-level
values plus one C-accelerated json encode. Values JSON would lose are tagged as {"$ft": kind, "v": text}; the
Node side (src/protocol.ts) documents the tags. Nested values in dict/list columns are encoded as the
SDK encodes them (json.dumps with no fallback), so an unserialisable nested value fails the same way.
"""
import atexit
import base64
import datetime
import decimal
import io
import json
import os
import threading
import time

_out = None
_lock = threading.Lock()
_last_flush = 0.0
# The writer thread's queue when it carries the channel; None while lines go straight to the descriptor.
_queue = None

# Plain C encoder. ensure_ascii keeps lone surrogates from breaking the UTF-8 pipe; allow_nan=False because
# JavaScript's JSON.parse rejects NaN tokens (top-level NaN is tagged before it gets here).
_encoder = json.JSONEncoder(separators=(",", ":"), allow_nan=False, check_circular=False)
_encode = _encoder.encode
try:
    # JSONEncoder.encode builds this same C encoder again on every call; a row is encoded by one made once.
    _c_encode = json.encoder.c_make_encoder(None, _encoder.default, json.encoder.encode_basestring_ascii, None,
                                            ":", ",", False, False, False)

    def _encode_obj(obj):
        return "".join(_c_encode(obj, 0))
except (AttributeError, TypeError):  # an interpreter without the C accelerator
    _encode_obj = _encode

_PLAIN = frozenset((str, bool, type(None), dict, list))
_MAX_SAFE = 2 ** 53


class NotSerializable(TypeError):
    """A value the channel cannot carry. Subclasses TypeError so connector code that catches TypeError still does."""


def open_channel(fd):
    global _out, _queue
    _widen(fd)
    _queue = _Queue.start(fd)
    if _queue is None:
        _out = _direct(fd)
        return
    _out = io.TextIOWrapper(_queue, encoding="utf-8", newline="\n")
    # Hands the queue 64 KB at a time: one Python call per few hundred rows, not per row.
    _out._CHUNK_SIZE = _CHUNK
    if hasattr(os, "register_at_fork"):
        os.register_at_fork(after_in_child=_after_fork)
    atexit.register(_drain_quietly)


def _direct(fd):
    return io.open(fd, "w", encoding="utf-8", buffering=_CHUNK, newline="\n", closefd=False)


def _after_fork():
    """A forked child has no writer thread; what it sends goes straight to the channel, as before threads."""
    global _out, _queue, _lock
    if _queue is not None:
        fd = _queue.fd
        _queue = None
        _lock = threading.Lock()
        _out = _direct(fd)


_CHUNK = 1 << 16
# How far (in encoded lines, counting those being written) the connector may run ahead of the runner, about
# 20,000 benchmark rows; Python's peak memory grows by up to this much while the runner lags. With a stock
# wmem_max the benchmark sync took ~8% less time with 4 MB. 8 MB saved a few percent more but lifted the
# benchmark's Python peak from 17 to 25 MB in the runs where the runner fell that far behind (its "Python memory
# flat" check then failed); 2 MB saved less.
_LIMIT = 4 << 20
# At most this much per system call, so room frees up while a large backlog goes out.
_WRITE_MAX = 1 << 20


class _Queue:
    """Stands in for the buffered file under _out: the TextIOWrapper hands it encoded lines in chunks. The runner
    stops reading while it writes a batch to DuckDB, and a socket's send buffer is capped by net.core.wmem_max
    (about 425 KB on a stock Linux, 2,000 rows): with plain writes the connector would stop too. A chunk goes
    straight into the socket while it has room; once it is full, chunks queue (up to _LIMIT bytes) for a thread
    of our own that waits on the socket instead of the connector."""

    # TextIOWrapper asks whether its buffer is closed at every write; a class attribute answers quickest.
    closed = False

    def __init__(self, fd):
        self.fd = fd
        self.limit = _LIMIT
        # Reentrant: a signal handler that ends the process (os._exit drains) may interrupt a write holding it.
        self._cond = threading.Condition(threading.RLock())
        self._chunks = []
        self._held = 0  # bytes queued or being written: what _LIMIT bounds
        self._handed = 0  # bytes handed over since the start; a drain waits for _written to reach it
        self._written = 0
        self._error = None
        self._waiting = False
        self._sock = None
        try:
            import socket

            self._dontwait = socket.MSG_DONTWAIT
            dup = os.dup(fd)
            try:
                self._sock = socket.socket(fileno=dup)
            except OSError:
                os.close(dup)
        except (ImportError, AttributeError, OSError):
            pass
        # Without a socket (or MSG_DONTWAIT), every chunk goes through the thread.
        try:
            self._iov_max = max(1, min(os.sysconf("SC_IOV_MAX"), 1024))
        except (AttributeError, ValueError, OSError):
            self._iov_max = 16

    @classmethod
    def start(cls, fd):
        """The queue with its thread running, or None where lines should go straight to the descriptor."""
        if not hasattr(os, "writev"):
            return None
        queue = cls(fd)
        ready = threading.Event()
        try:
            threading.Thread(target=queue._run, args=(ready,), name="ftmcp-channel", daemon=True).start()
        except RuntimeError:  # no thread to be had
            if queue._sock is not None:
                queue._sock.close()
            return None
        # Memory: the thread's first allocation sets up its malloc arena; under memory_limit_mb (RLIMIT_AS) that
        # must be counted before the limit is set, not against the connector's share.
        ready.wait(5)
        return queue

    def readable(self):
        return False

    def writable(self):
        return True

    def seekable(self):
        return False

    def write(self, b):
        if type(b) is not bytes:
            b = bytes(b)
        n = len(b)
        with self._cond:
            if self._error is not None:
                raise self._failure()
            if self._held == 0 and self._sock is not None:
                # Nothing queued, so order allows it: into the socket without waiting, as far as it has room.
                # Handing every chunk to the thread would cost the connector a GIL handover each time.
                try:
                    sent = self._sock.send(b, self._dontwait)
                except BlockingIOError:
                    sent = 0
                except OSError as e:
                    self._error = e
                    raise self._failure() from None
                self._handed += sent
                self._written += sent
                if sent == n:
                    return n
                b = memoryview(b)[sent:]
                n -= sent
            self._chunks.append(b)
            self._held += n
            self._handed += n
            if self._waiting:
                self._cond.notify_all()
            # Backpressure: past the limit the connector waits for the runner, as it would on a full socket. The
            # chunk is queued first, so a shape declared under _lock is never overtaken by another thread's row.
            while self._held > self.limit and self._error is None:
                self._cond.wait()
            if self._error is not None:
                raise self._failure()
        return n

    def flush(self):
        pass

    def close(self):
        pass  # the descriptor is the runner's; as with closefd=False, it stays open

    def drain(self):
        """Waits until everything handed over so far is in the channel; raises what the writing raised."""
        with self._cond:
            target = self._handed
            while self._written < target and self._error is None:
                self._cond.wait()
            if self._error is not None:
                raise self._failure()

    def _failure(self):
        e = self._error
        # A new exception each time: raising the same one again would chain every traceback onto it.
        return OSError(e.errno, e.strerror) if isinstance(e, OSError) and e.errno else e

    def _run(self, ready):
        bytearray(1 << 12)
        ready.set()
        cond = self._cond
        try:
            while True:
                with cond:
                    while not self._chunks:
                        self._waiting = True
                        cond.wait()
                    self._waiting = False
                    # Everything queued at once: this thread waits for the GIL at each wake-up (up to the 5 ms
                    # switch interval while the connector computes), so it cannot afford a wake-up per chunk.
                    chunks = self._chunks
                    self._chunks = []
                self._write_all(chunks)
        except BaseException as e:  # noqa: B902 - whatever stops the writing must reach the connector
            with cond:
                self._error = e
                self._chunks = []
                self._held = 0
                cond.notify_all()

    def _write_all(self, chunks):
        """Writes the chunks, letting go of each once written: memory stays at what _held counts."""
        fd = self.fd
        chunks.reverse()
        while chunks:
            group = []
            size = 0
            while chunks and len(group) < self._iov_max and size < _WRITE_MAX:
                group.append(chunks.pop())
                size += len(group[-1])
            while group:
                try:
                    n = os.writev(fd, group)
                except MemoryError:
                    # Near memory_limit_mb writev's own arrays may not fit; a plain write needs none.
                    n = os.write(fd, group[0])
                with self._cond:
                    self._held -= n
                    self._written += n
                    self._cond.notify_all()
                # A partial write (a signal): drop what went out and go on from there.
                while group and n >= len(group[0]):
                    n -= len(group[0])
                    del group[0]
                if n:
                    group[0] = memoryview(group[0])[n:]


def _widen(fd):
    """A larger buffer on the channel lets the connector run ahead while the runner writes to DuckDB, instead of
    stopping at each pause. Node hands fd 3 over as a Unix socket: its send buffer (SO_SNDBUF, 208 KB by default,
    about a thousand rows) grows up to the kernel's net.core.wmem_max. A pipe grows with F_SETPIPE_SZ (Linux,
    1 MB). Where neither works, the default stays."""
    import socket

    dup = os.dup(fd)
    try:
        sock = socket.socket(fileno=dup)
    except OSError:
        os.close(dup)
        sock = None
    if sock is not None:
        try:
            # The kernel caps the request at wmem_max (and doubles it for its own bookkeeping).
            sock.setsockopt(socket.SOL_SOCKET, socket.SO_SNDBUF, 4 << 20)
        except OSError:
            pass
        finally:
            sock.close()
        return
    try:
        import fcntl

        fcntl.fcntl(fd, 1031, 1 << 20)
    except Exception:
        pass


def _write(line):
    with _lock:
        _out.write(line)


def flush():
    """Passes on what is buffered. With the writer thread this does not wait for the runner: see drain()."""
    global _last_flush
    with _lock:
        if _out is not None:
            _out.flush()
    _last_flush = time.monotonic()


def drain():
    """Returns once every line written so far is in the channel: the process may end next (os._exit) and lose
    nothing the runner should see, as when each flush() wrote to the socket itself."""
    flush()
    wait_passed_on()


def wait_passed_on():
    """Returns once what flush() or a full buffer passed on is in the channel; lines still in the buffer stay there.
    Before the writer thread, that was what had reached the socket at any moment."""
    queue = _queue
    if queue is not None:
        queue.drain()


def _drain_quietly():
    try:
        drain()
    except Exception:
        pass


def _tag(v, t):
    if t is float:
        if v != v:
            return {"$ft": "float", "v": "NaN"}
        if v in (float("inf"), float("-inf")):
            return {"$ft": "float", "v": "Infinity" if v > 0 else "-Infinity"}
        return {"$ft": "float", "v": v}
    if t is int or isinstance(v, int):
        if isinstance(v, bool):
            return v
        return {"$ft": "int", "v": str(v)} if (v >= _MAX_SAFE or v <= -_MAX_SAFE) else int(v)
    if isinstance(v, datetime.datetime):
        if v.tzinfo is not None and v.tzinfo.utcoffset(v) is not None:
            return {"$ft": "datetime", "v": v.isoformat()}
        return {"$ft": "naive_datetime", "v": v.isoformat()}
    if isinstance(v, datetime.date):
        return {"$ft": "date", "v": v.isoformat()}
    if isinstance(v, decimal.Decimal):
        return {"$ft": "decimal", "v": str(v)}
    if isinstance(v, (bytes, bytearray, memoryview)):
        return {"$ft": "bytes", "v": base64.b64encode(bytes(v)).decode("ascii")}
    if isinstance(v, float):
        return _tag(float(v), float)
    if isinstance(v, (dict, list, str)):
        return v
    if isinstance(v, tuple):
        return list(v)
    # The SDK stores any other value of an undeclared column as its str() (UUID, enums, custom objects).
    return str(v)


def _tagged(data):
    """The row with the values JSON would lose tagged (a copy only when one is)."""
    if not isinstance(data, dict):
        raise NotSerializable("row data must be a dict, got " + type(data).__name__)
    out = None
    for k, v in data.items():
        t = type(v)
        if t in _PLAIN:
            continue
        if t is int and -_MAX_SAFE < v < _MAX_SAFE:
            continue
        # A finite float (v - v is 0) with a fraction (v % 1.0 is not 0) is sent as it is; no method call.
        if t is float and v - v == 0 and v % 1.0:
            continue
        if out is None:
            out = dict(data)
        out[k] = _tag(v, t)
    return data if out is None else out


def _check_names(row):
    for k in row:
        if type(k) is not str:
            raise NotSerializable("column names must be strings, got " + type(k).__name__ + " " + repr(k))


def _encode_json(value):
    try:
        return _encode_obj(value)
    except TypeError as e:
        raise NotSerializable(str(e)) from None
    except ValueError:
        # A NaN or infinity nested in a dict/list column: Core stores such a value as NULL.
        return json.dumps(_nan_to_none(value), separators=(",", ":"), allow_nan=False)


def _encode_row(data):
    row = _tagged(data)
    _check_names(row)
    return _encode_json(row)


def _nan_to_none(v):
    if isinstance(v, float) and (v != v or v - v != 0):
        return None
    if isinstance(v, dict):
        return {k: _nan_to_none(x) for k, x in v.items()}
    if isinstance(v, list):
        return [_nan_to_none(x) for x in v]
    return v


_ROW_PREFIX = {t: '{"t":"%s","table":' % t for t in ("upsert", "update", "delete")}
# The start of a row record per (operation, table name, schema): a sync writes few tables many times.
_prefixes = {}
# A row goes as its values in a list, with the id of its shape (its column names, in order), sent once in a
# {"t":"shape"} record: the runner parses and maps an array faster than an object, and the names keep Python's
# order (an object's integer-like keys would come first in JavaScript).
_shapes = {}


def _shape(names):
    with _lock:
        sid = _shapes.get(names)
        if sid is None:
            _check_names(names)
            sid = len(_shapes)
            _shapes[names] = sid
            # Written under the same lock as the registration: a row of this shape from another thread comes after.
            _out.write('{"t":"shape","id":%d,"cols":%s}\n' % (sid, _encode_obj(list(names))))
        return sid


def row(kind, table, data, schema=None):
    prefix = _prefixes.get((kind, table, schema))
    if prefix is None:
        prefix = _ROW_PREFIX[kind] + _encode(table) + ("" if schema is None else ',"schema":' + _encode(schema)) + ',"shape":'
        _prefixes[(kind, table, schema)] = prefix
    values = _tagged(data)
    names = tuple(values)
    sid = _shapes.get(names)
    if sid is None:
        sid = _shape(names)
    _write(prefix + str(sid) + ',"values":' + _encode_json(list(values.values())) + "}\n")


def row_line(kind, table, data, schema=None):
    """The record of a row, not yet written: an upsert with a file encodes its row before the file is read."""
    return _ROW_PREFIX[kind] + _encode(table) + ("" if schema is None else ',"schema":' + _encode(schema)) + ',"data":' + _encode_row(data) + "}\n"


def write_line(line):
    _write(line)


def file_uploaded(table, schema, path, target):
    """A file stored under files/storage; the row that names it follows."""
    rec = {"t": "file", "table": table, "path": path, "target": target}
    if schema is not None:
        rec["schema"] = schema
    record(rec)


def truncate(table, schema=None):
    _write('{"t":"truncate","table":' + _encode(table) + ("" if schema is None else ',"schema":' + _encode(schema)) + "}\n")


def checkpoint(state):
    if not isinstance(state, dict):
        raise NotSerializable("checkpoint state must be a dict, got " + type(state).__name__)
    try:
        text = json.dumps(state, separators=(",", ":"))
    except TypeError as e:
        raise NotSerializable(str(e)) from None
    _write('{"t":"checkpoint","state":' + text + "}\n")
    flush()


def record(obj):
    """Any other record (start, schema, warning, error, end); rare, so passed on at once."""
    _write(json.dumps(obj, separators=(",", ":"), default=str) + "\n")
    flush()


def warning(message):
    record({"t": "warning", "message": message})


def log(level, message):
    _write(json.dumps({"t": "log", "level": level, "message": message}, separators=(",", ":"), default=str) + "\n")
    # Logs should reach the user while the connector waits on an API, but a connector that logs every row
    # must not pay a system call per line.
    if time.monotonic() - _last_flush > 0.05:
        flush()
