"""The operation channel: one JSON object per line, written to a file descriptor the runner opened.

A row's values are converted here, at the op call, as the SDK converts them (_values.py), and go as the cells
src/protocol.ts documents; a checkpoint's state goes as the text the SDK keeps in state.json. Encoding is on
the hot path (a benchmark sync writes 200,000 rows): a row of a shape seen before, whose values are of the types
a generated function of that shape knows, is checked, encoded and (without a primary key) hashed by that one
function (_Fast.direct).
"""
import atexit
import binascii
import io
import json
import os
import re
import tempfile
import threading
import time
import unicodedata

from . import _values

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

_MAX_SAFE = 2 ** 53
# The widest row _Fast.direct() writes (a wider one takes the plan's path), and the names its code gives types.
_FIELDS_PER_DIRECT = 64
_DIRECT_TYPE_NAMES = {str: "Str", int: "Int", float: "Float", bool: "Bool", dict: "Dict", list: "List"}
# The encoded cell of a finite float without a fraction (see _values.float_cell), around its repr().
_FLOAT_TAG = ('{"$ft":"float","v":"', '"}')


is_serialization_error = _values.is_serialization_error


# The channel's descriptor, from which the runner's acknowledgements of checkpoints are read; None when the channel
# is not the runner's (a file, in the writer benchmark), where nobody acknowledges.
_ack_fd = None
_checkpoint_lock = threading.Lock()


def _in_state(e):
    # The runner's hint then speaks of the checkpoint state, not of rows.
    e.in_state = True
    return e


def open_channel(fd):
    global _out, _queue, _ack_fd
    _ack_fd = fd
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
    """A forked child (os.fork(), multiprocessing's fork start method) holds only a copy of the sync, in its own
    memory: under `fivetran debug` what it emits there never reaches the warehouse, and how it ends (sys.exit(), the
    end of update()) reports nothing to the parent's sync (218). So what it would send goes nowhere, a checkpoint
    does not wait for an acknowledgement (the parent's runner sends none for it, and the child must not take the
    parent's), and its log lines go to its stdout, where the SDK prints them."""
    global _out, _queue, _lock, _ack_fd, _in_child
    # The parent's rows not yet written are the parent's to send, as its buffered text is.
    _batch_clear()
    _queue = None
    _lock = threading.Lock()
    _ack_fd = None
    _in_child = True
    _out = io.open(os.open(os.devnull, os.O_WRONLY), "w", encoding="utf-8", buffering=_CHUNK, newline="\n")


# True in a forked child of the connector's process (see _after_fork).
_in_child = False


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


# Rows waiting to go out together as one {"t":"rows"} record: consecutive upserts, updates or deletes of one table
# and row shape share an envelope, so the runner parses one JSON text per batch instead of one per row (JSON.parse
# and the per-record work were a fifth of its CPU in the benchmark). A batch goes out before any other record, when
# it is full, and at every flush, so the order of records is the order of the calls; like the buffered text under
# it, a batch not yet passed on is lost if the process ends without a flush (os._exit, a crash).
_batch_key = None  # (kind, table, schema, shape id) of the rows waiting
_batch_head = ""
_batch = []  # the encoded cells of each row
_batch_ids = []  # their _fivetran_id, for a table without a primary key
# The encoded size of the rows waiting, in a list: a row adds to it in place (a STORE_GLOBAL is a dict update).
_batch_bytes = [0]
_BATCH_ROWS = 256
_BATCH_BYTES = 1 << 16
_FLUSH_AFTER = 0.25
_monotonic = time.monotonic


def _batch_clear():
    global _batch_key, _batch, _batch_ids
    _batch_key = None
    _batch = []
    _batch_ids = []
    _batch_bytes[0] = 0


def _batch_out():
    """Writes the waiting rows as one record (under _lock)."""
    if not _batch:
        return
    ids = _batch_ids
    line = _batch_head + ",".join(_batch) + ("]}\n" if not ids else '],"ids":["' + '","'.join(ids) + '"]}\n')
    _batch_clear()
    _out.write(line)


def _write(line):
    with _lock:
        if _batch:
            _batch_out()
        _out.write(line)


def flush():
    """Passes on what is buffered. With the writer thread this does not wait for the runner: see drain()."""
    global _last_flush
    with _lock:
        if _out is not None:
            if _batch:
                _batch_out()
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


# What the channel knows of each table of the sync, by (source schema or None, table name): the declared types of
# its source columns (their SDK conversion), and whether its rows are keyed by _fivetran_id.
class _Table:
    __slots__ = ("types", "hashed", "announced", "key")

    def __init__(self, types, hashed, key=()):
        self.types = types
        self.hashed = hashed
        self.announced = False
        self.key = key  # the declared primary key's columns


_tables = {}


def declare(tables):
    """The tables schema() declared (as the runner's process_tables returns them)."""
    for t in tables:
        types = {}
        for name, column in (t.get("columns") or {}).items():
            conv = _values.DECLARED.get(column.get("type"))
            if conv is not None:
                kind = column.get("type")
                if str(kind).upper() == "DECIMAL":
                    # The column's DuckDB type, as the writer makes it: the core rounds to that (356).
                    precision = min(max(column.get("precision") or 0, 1), 38)
                    types[name] = (conv, kind, (precision, min(column.get("scale") or 0, precision)))
                else:
                    types[name] = (conv, kind)
        _tables[(t.get("schema"), t["table"])] = _Table(types, not t.get("primary_key"), tuple(t.get("primary_key") or ()))


def _table(table, schema):
    info = _tables.get((schema, table))
    if info is None:
        info = _tables[(schema, table)] = _Table({}, True)
    if not info.announced:
        _announce(table, schema, info)
    return info


def _announce(table, schema, info):
    """The destination names of a table, sent once before its first record: names are renamed with the running
    Python's Unicode tables, not the runner's."""
    from . import _names

    with _lock:
        if info.announced:
            return
        rec = {"t": "table", "table": table, "name": _names.table(table), "dest": _names.schema(schema)}
        if schema is not None:
            rec["schema"] = schema
        if _batch:
            _batch_out()
        _out.write(json.dumps(rec, separators=(",", ":")) + "\n")
        info.announced = True


def _cells(info, data):
    """The row's cells in its column order (see _values), raising what the SDK raises at the call. `data` is a dict
    (see _plain)."""
    types = info.types
    if types:
        cells = []
        append = cells.append
        for k, v in data.items():
            if v is None:
                append(None)
                continue
            conv = types.get(k)
            append(_values.inferred(v) if conv is None else conv[0](v))
        return cells, True
    cells = None
    i = 0
    for v in data.values():
        t = type(v)
        if t is str or t is bool or v is None or (t is int and -_MAX_SAFE < v < _MAX_SAFE) or (t is float and v - v == 0 and v % 1.0):
            i += 1
            continue
        if cells is None:
            cells = list(data.values())
        cells[i] = _values.inferred(v)
        i += 1
    # Text is not checked yet: see _line().
    return (list(data.values()) if cells is None else cells), False


def _slow_text(cells):
    return [_values.text(c) if type(c) is str else c for c in cells]


def _line_values(cells, checked):
    """The encoded cells. Text went unchecked on the fast path: the encoder escapes a NUL as \\u0000 and every
    character past the BMP or lone surrogate as \\udXXX, so only a line showing either is checked cell by cell."""
    enc = _encode_json(cells)
    if not checked and ("\\u0000" in enc or "\\ud" in enc):
        cells = _slow_text(cells)
        enc = _encode_json(cells)
    if "\\u" in enc:
        note_digits(enc)
    return enc, cells


# The digits past ASCII the runner has been told about (at most a few hundred), and Python's own \\d: the characters
# its int(), float(), Decimal() and re read as decimal digits.
_digits_told = set()
_PY_DIGIT = re.compile(r"\d")
_ASCII_DIGITS = frozenset("0123456789")


def note_digits(enc):
    """Tells the runner, before the line goes out, which of the characters past ASCII in an encoded line are decimal
    digits to this Python, and their values: the core reads text with Python's int(), float(), Decimal() and `\\d`,
    which take any Unicode decimal digit, and which characters those are depends on the running Python's Unicode
    version, not the runner's (Kawi digits are one to Node 20 and none to Python 3.11). Only lines past ASCII get here;
    most have no such digit, which one decode and one search tell."""
    # The encoder writes every character past ASCII as an escape (a surrogate pair past the BMP, joined again here).
    text = enc.encode("ascii").decode("unicode_escape")
    if "\\ud" in enc:
        text = text.encode("utf-16", "surrogatepass").decode("utf-16", "replace")
    # One findall in C; a 1.5 KB line of CJK text takes about 17 µs in all (a lookahead or a class without the ASCII
    # digits took 25-27 µs for the search alone).
    found = set(_PY_DIGIT.findall(text))
    found -= _ASCII_DIGITS
    if not found or all(ord(ch) in _digits_told for ch in found):
        return
    with _lock:
        # Checked again, written, and only then marked told, all under the lock: a row of another thread holding the
        # same digit either finds it told (the record is out before it) or sends its own record.
        new = [[ord(ch), unicodedata.decimal(ch)] for ch in sorted(found) if ord(ch) not in _digits_told]
        if not new:
            return
        # Before the rows that hold them: the batch waiting goes out first.
        if _batch:
            _batch_out()
        _out.write(json.dumps({"t": "digits", "digits": new}, separators=(",", ":")) + "\n")
        _digits_told.update(cp for cp, _ in new)


def _check_names(names):
    return tuple(_values.column_name(k) for k in names)


def _encode_json(value):
    try:
        return _encode_obj(value)
    except ValueError:
        # A float NaN or infinity cell goes tagged; a bare one here is a bug of ours, said plainly.
        raise RuntimeError("the channel could not encode a row's cells") from None


# The start of a row record per (operation, table name, schema): a sync writes few tables many times.
_ROW_PREFIX = {t: '{"t":"%s","table":' % t for t in ("upsert", "update", "delete")}
_prefixes = {}
# A row goes as its cells in a list, with the id of its shape (its table and column names, in order), sent once in a
# {"t":"shape"} record with the renamed names and which columns hold 64-bit floats: the runner maps an array
# faster than an object, and the names keep Python's order (an object's integer-like keys come first in JavaScript).
_shapes = {}
# For rows of tables without a primary key: the order their cells are hashed in, by shape id.
_hash_orders = {}


def _shape(info, table, schema, names):
    from . import _names

    key = (table, schema, names)
    with _lock:
        sid = _shapes.get(key)
        if sid is None:
            checked = _check_names(names)
            sid = len(_shapes)
            renamed = [_names.column(n) for n in checked]
            _hash_orders[sid] = _values.HashOrder(renamed)
            rec = {"t": "shape", "id": sid, "cols": list(checked), "names": renamed}
            double = [i for i, n in enumerate(names) if info.types.get(n, (None, None))[1] == "DOUBLE"]
            if double:
                rec["double"] = double
            # Written under the same lock as the registration, and registered only once written: a row of this
            # shape from another thread comes after it.
            if _batch:
                _batch_out()
            _out.write(json.dumps(rec, separators=(",", ":")) + "\n")
            _shapes[key] = sid
        return sid


def _plain(data):
    """The row the SDK reads from something that is not a dict: its items(), once, as a dict (its encoder takes
    nothing else of it). An ElementTree element's items() are its attributes where iterating it gives its children;
    a dict subclass may define items() its own way; anything without items() raises the SDK's AttributeError."""
    return dict(data.items())


def check_row(table, data, schema=None):
    """What row() raises for the row itself (its values, then its column names), sending nothing. The SDK encodes a
    row before its runner takes it, so a row it refuses raises that even where the runner then refuses every call
    (after a refused operation, outside update()); not on the row path, only once the call is refused anyway."""
    info = _tables.get((schema, table)) or _Table({}, True)
    if type(data) is not dict:
        data = _plain(data)
    cells, checked = _cells(info, data)
    _check_names(tuple(data))
    if not checked:
        _slow_text(cells)


def check_state(state):
    """What checkpoint() raises for the state itself, sending nothing (see check_row): the SDK serializes the state
    before its runner takes the checkpoint."""
    try:
        _values.state_text(state)
    except (TypeError, ValueError) as e:
        raise _in_state(e)


def _encoded(info, table, schema, data):
    """A row off the fast path (row() and row_line()), encoded as the SDK encodes it at the call, raising there: its
    names, shape id, encoded cells, cells, and the DECIMAL rounding error its flush will raise (or None; the caller
    notes it once the row is sent). Every such row looks at the decimal context, a shape's first row among them, so
    that a context set at the top of update() is seen before the rows it applies to."""
    cells, checked = _cells(info, data)
    names = tuple(data)
    if not _context_mode:
        note_decimal_context()
    rounding = _in_decimal_context(info, names, cells) if _context_mode else None
    sid = _shapes.get((table, schema, names))
    if sid is None:
        sid = _shape(info, table, schema, names)
    enc, cells = _line_values(cells, checked)
    return names, sid, enc, cells, rounding


def row_line(kind, table, data, schema=None):
    """The record of an upsert, update or delete, encoded as the SDK encodes it at the call (raising there)."""
    info = _table(table, schema)
    if type(data) is not dict:
        data = _plain(data)
    _, sid, enc, cells, rounding = _encoded(info, table, schema, data)
    # The caller sends the line (with its file) or fails the sync: the row is flushed either way.
    if rounding is not None:
        _note_rounding_error(rounding)
    prefix = _prefixes.get((kind, table, schema))
    if prefix is None:
        prefix = _ROW_PREFIX[kind] + _encode(table) + ("" if schema is None else ',"schema":' + _encode(schema)) + ',"shape":'
        _prefixes[(kind, table, schema)] = prefix
    if info.hashed:
        rid = _values.row_hash(_hash_orders[sid], cells)
        return prefix + str(sid) + ',"values":' + enc + ',"id":"' + rid + '"}\n'
    return prefix + str(sid) + ',"values":' + enc + "}\n"


class _Fast:
    """A row shape seen before: what a row of it needs, worked out once. Most connectors send rows of a few shapes.
    Without declared types, a row whose values are plain str, int, float, bool and None needs no conversion, only a
    check that JSON carries each value as Python has it; with them, each column's conversion is kept by position.
    Either skips the general path's loop per value (cachegrind: 7-9% fewer instructions per benchmark row). Before
    either, direct() writes a row whose value types it knows in one generated function (cachegrind, row() of the
    benchmark shapes: key-less 46.9k -> 31.2k instructions, declared 62.1k -> 39.9k)."""

    __slots__ = ("table", "schema", "names", "hash_order", "keys", "convs", "declared", "plans", "directs", "last")

    def __init__(self, table, schema, names, sid, info):
        self.table = table
        self.schema = schema
        self.names = names
        self.hash_order = _hash_orders[sid] if info.hashed else None
        self.keys = {kind: (kind, table, schema, sid) for kind in _ROW_PREFIX}
        # A table with declared types: each column's conversion by position (see _cells()), so a row is converted
        # by one comprehension instead of a lookup per value.
        types = info.types
        self.convs = tuple(types[n][0] if n in types else _values.inferred for n in names) if types else None
        # The declared type of each column (None where it has none), for direct().
        self.declared = tuple(types[n][1] if n in types else None for n in names) if types else None
        # By the tuple of the row's value types: the function telling whether the values travel as they are, or
        # False when a type needs the general path.
        self.plans = {}
        # By the same tuple: the function writing such a row's line (and its id) at once, or False (see direct()).
        self.directs = {}
        # The one of them that wrote the last row it could: tried first, on the row's values as they come.
        self.last = None

    def direct(self, sig):
        """The function for rows whose values have the types `sig` (str, int, float, bool and None, in columns
        without a declared type or with one whose conversion it knows) giving the row's encoded cells, with its
        _fivetran_id for a key-less table, in one call: the encoded text and the hashed text are each one f-string
        of the cells, and a float or an integer is written to text once for both. It returns None for a row it
        does not send as it is (an integer past 2^53, a float that is not finite, text with a NUL or that is not
        UTF-8, a value a conversion refuses): the row then takes the path it took before, which sends or raises
        what the SDK does. False when `sig` holds another type, or the shape is empty or wide."""
        fn = False
        n = len(sig)
        declared = self.declared
        if 0 < n <= _FIELDS_PER_DIRECT:
            # Only integer positions go into the code, as in plan() and HashOrder.text_of().
            lines = ["def go(c):", "    %s, = c" % ", ".join("v%d" % i for i in range(n)),
                     # Called on rows of any types first (see row()): a value of another type sends the row on.
                     "    if %s: return None" % " or ".join(
                         "v%d is not None" % i if t is type(None) else "type(v%d) is not %s" % (i, _DIRECT_TYPE_NAMES.get(t, "X"))
                         for i, t in enumerate(sig)),
                     "    try:"]
            parts = []
            fields = {}
            for i, t in enumerate(sig):
                column = _direct_column(t, declared[i] if declared else None, i)
                if column is None:
                    break
                code, part, fields[i] = column
                lines += ["        " + line for line in code]
                parts.append(part)
            else:
                lines.append('        enc = f"[%s]"' % ",".join(parts))
                # Text is checked on the encoded line, as in row(): see _line_values().
                lines += ["        if U in enc:",
                          "            if U0 in enc or UD in enc: return None",
                          # Past ASCII: the digits among its characters are told first (note_digits).
                          "            N(enc)"]
                scope = dict(_DIRECT_SCOPE)
                order = self.hash_order
                if order is not None:
                    # The text _values.row_hash() hashes (see HashOrder.text_of and _HASH_FIELD): each name, with the
                    # separator before it, is a constant the code names.
                    text = []
                    for k, (name, i) in enumerate(zip(order.names, order.idx)):
                        scope["N%d" % k] = ("\x1f" if k else "") + name + "="
                        text.append("{N%d}" % k + fields[i])
                    lines.append('        return enc, A(H(f"%s".encode()).digest(), newline=False).decode()'
                                 % "".join(text))
                else:
                    lines.append("        return enc, None")
                # A conversion that refuses the value raises again on the row's general path, in column order.
                lines += ["    except Exception:", "        return None"]
                exec("\n".join(lines), scope)
                fn = scope["go"]
        if len(self.directs) < 64:
            self.directs[sig] = fn
        return fn

    def plan(self, sig):
        """The function for rows whose values have the types `sig`, or False when a type needs the general path.
        It returns 1 when every value travels as it is, or 2 when it turned some into their cells in place, as
        _values.inferred() turns them (a float without a fraction, an integer past 2^53, a dict or a list): then the
        cells' types are no longer `sig`."""
        lines = ["def plan(c):", "    out = 1"]
        for i, t in enumerate(sig):
            if t is int:
                # Integers JavaScript holds exactly travel as numbers; others as text (see _values.int_cell).
                lines.append("    if not -S < c[%d] < S: c[%d] = I(c[%d]); out = 2" % (i, i, i))
            elif t is float:
                # A finite float with a fraction survives JSON as it is (see _values.float_cell).
                lines.append("    if not (c[%d] - c[%d] == 0 and c[%d] %% 1.0): c[%d] = F(c[%d]); out = 2" % (i, i, i, i, i))
            elif t is dict or t is list:
                # Raises what the general path raises for it (json.dumps refusing a value inside).
                lines.append("    c[%d] = J(c[%d]); out = 2" % (i, i))
            elif t is not str and t is not bool and t is not type(None):
                plan = False
                break
        else:
            # Only integer positions go into the code.
            lines.append("    return out")
            scope = {"S": _MAX_SAFE, "I": _values.inferred, "F": _values.float_cell, "J": _values.json_cell}
            exec("\n".join(lines), scope)
            plan = scope["plan"]
        if len(self.plans) < 64:
            self.plans[sig] = plan
        return plan


# By (table, schema, column names): rows of a shape already sent (of a dict, with str names); and the last one used.
_fast = {}
_last_fast = None


def row(kind, table, data, schema=None):
    """An upsert, update or delete, encoded as the SDK encodes it at the call (raising there), added to the batch."""
    global _last_fast
    if type(data) is dict:
        names = tuple(data)
        fast = _last_fast
        # Most syncs send one shape after another: an equal tuple of the same (interned) names compares in a few
        # pointer checks, where the dict lookup hashes it.
        if fast is None or fast.table is not table or fast.schema is not schema or fast.names != names:
            fast = _fast.get((table, schema, names))
            if fast is not None:
                _last_fast = fast
        if fast is not None:
            done = None
            go = fast.last
            if go is not None:
                # The function of the value types the shape's last rows had, which checks them itself: most rows
                # have the types of the row before them, and need no tuple of their types.
                done = go(data.values())
            if done is None:
                done = _row_fast(fast, data)
            if done is not None:
                enc, rid = done
                key = fast.keys[kind]
                # _add() inlined: a lock's acquire() and release() cost less than a with block.
                lock = _lock
                lock.acquire()
                try:
                    if key is not _batch_key and key != _batch_key:
                        _batch_start(key)
                    _batch.append(enc)
                    if rid is not None:
                        _batch_ids.append(rid)
                    _batch_bytes[0] += len(enc)
                    if len(_batch) >= _BATCH_ROWS or _batch_bytes[0] >= _BATCH_BYTES:
                        _batch_out()
                finally:
                    lock.release()
                if _monotonic() - _last_flush > _FLUSH_AFTER:
                    flush()
                return
    if type(data) is not dict:
        data = _plain(data)
    info = _table(table, schema)
    names, sid, enc, cells, rounding = _encoded(info, table, schema, data)
    if info.key:
        collides = _key_spellings.get(sid)
        if collides is None:
            collides = _key_spellings[sid] = _spells_key_twice(info.key, names)
        if collides:
            # The package checked the key under its declared spelling; the SDK keeps the first of two names that
            # rename alike, so its null-key check reads the other spelling when it comes first.
            key_check(table, schema, data)
    rid = _values.row_hash(_hash_orders[sid], cells) if info.hashed else None
    _add((kind, table, schema, sid), enc, rid)
    # Only a row that was sent is flushed: its DECIMAL value that will not round fails the next flush.
    if rounding is not None:
        _note_rounding_error(rounding)
    if type(data) is dict and not _context_mode and (table, schema, names) not in _fast and all(type(n) is str for n in names) and not (
        info.key and _key_spellings[sid]
    ):
        _fast[(table, schema, names)] = _Fast(table, schema, names, sid, info)


# Set by the package: key_check(table, schema, data) raises the SDK's null-key error for a row whose key is null once
# renamed. Called from row() for the rows of a shape that spells a key column twice (never put on the fast path).
key_check = None
# Shape id -> whether two of its names rename to the same key column.
_key_spellings = {}


def _spells_key_twice(key, names):
    from . import _names

    wanted = {_names.column(k) for k in key}
    seen = set()
    for name in names:
        if isinstance(name, str):
            renamed = _names.column(name)
            if renamed in wanted:
                if renamed in seen:
                    return True
                seen.add(renamed)
    return False


# The connector's decimal context (356; see _values, "the connector's decimal context"). Once a thread's context is
# seen to differ from the default (at the start of update(), at a checkpoint, or at a row off the fast path, such as
# the first of each shape), every later row goes through the general path, which gives each float of an undeclared
# column its text in the calling thread's context (or the error that context raises), and notes the first DECIMAL
# value whose rounding raises there. Rows sent before that moment have no such text: a context changed inside
# update() after the rows of a shape began counts from the next checkpoint or new shape.
_context_mode = False
# The first exception the core's rounding of a declared DECIMAL value raises in the connector's context: the next
# flush (op.checkpoint(), or the end of update()) raises it, as the SDK's flush does.
_rounding_error = None


def note_decimal_context():
    """Looks at the calling thread's decimal context (at the start of update() and at each checkpoint, where the
    SDK flushes); past the default, later rows carry the texts that context gives."""
    global _context_mode, _last_fast
    if _context_mode or _values.decimal_context_is_default():
        return
    _context_mode = True
    _fast.clear()
    _last_fast = None


def take_rounding_error():
    """The DECIMAL rounding error the next flush raises, once."""
    global _rounding_error
    error, _rounding_error = _rounding_error, None
    return error


def _note_rounding_error(error):
    global _rounding_error
    if _rounding_error is None:
        _rounding_error = error


def _in_decimal_context(info, names, cells):
    """Gives each float of an undeclared column among `cells` (changed in place) its text in the calling thread's
    decimal context; returns the first error the core's rounding of a declared DECIMAL cell raises there, or None."""
    rounding = None
    types = info.types
    for i, name in enumerate(names):
        cell = cells[i]
        conv = types.get(name)
        if conv is None:
            if type(cell) is float:
                value = cell
            elif type(cell) is dict and cell.get("$ft") == "float" and cell["v"] not in ("NaN", "Infinity", "-Infinity"):
                value = float(cell["v"])
            else:
                continue
            try:
                cells[i] = {"$ft": "float", "v": repr(value), "j": _values.float_text_in_context(value)}
            except Exception as e:  # noqa: B902 - what the context traps fails the flush that writes it as text
                cells[i] = {"$ft": "float", "v": repr(value), "e": str(e)}
        elif len(conv) == 3 and rounding is None:
            rounding = _values.decimal_rounding_error(cell, *conv[2])
    return rounding


def _direct_column(t, declared, i):
    """How _Fast.direct() writes the value at position i, of type t, in a column of the declared type (None when
    undeclared): its lines of code, its part of the encoded cells, its field of the hashed text; None when it
    does not know that conversion. Each gives the cell the conversion gives (_values), or leaves the row."""
    if t is type(None):
        # No conversion: a null cell, whatever the type.
        return [], "null", "None"
    v = "v%d" % i
    s = "s%d" % i
    if t is str and declared in (None, "STRING", "XML", "DECIMAL"):
        # A str's text as it is (_values.text) unless it holds a NUL or is not UTF-8: the line check catches both.
        return [], "{E(%s)}" % v, "{%s!r}" % v
    if t is str and declared in _DIRECT_DATES:
        # The conversion's own function, but for its commonest text, which it gives back as it is when it matches
        # its pattern and Python reads it (_values._utc_datetime and _naive_date). The pattern is checked here by
        # its separators alone (one slice: v[4::3] holds the characters at 4, 7, 10, ...): Python's fromisoformat
        # reads only ASCII digits between them, on 3.9 to 3.13, so it accepts the same texts. Where it refuses
        # one, the row takes the convs path.
        length, seps, read, conv = _DIRECT_DATES[declared]
        text = v if length <= 19 else "%s[:19]" % v
        return ["if len(%s) == %d and %s[4::3] == %s and %s(%s): %s = %s" % (v, length, v, seps, read, text, s, v),
                "else: %s = %s(%s)" % (s, conv, v)], "{E(%s)}" % s, "{%s!r}" % s
    if t is int and declared in (None, "LONG"):
        # Integers JavaScript holds exactly travel as numbers (_values.int_cell); the C encoder writes int.__repr__.
        return ["if not -S < %s < S: return None" % v, "%s = str(%s)" % (s, v)], "{%s}" % s, "'{%s}'" % s
    if t is int and declared in ("INT", "SHORT"):
        return ["if not I32L <= %s <= I32H: return None" % v, "%s = str(%s)" % (s, v)], "{%s}" % s, "'{%s}'" % s
    if t is int and declared == "DECIMAL":
        # Its text (digits, nothing to escape).
        return ["%s = str(%s)" % (s, v)], '\\"{%s}\\"' % s, "'{%s}'" % s
    if t is float and declared in (None, "FLOAT", "DOUBLE"):
        # A finite float with a fraction as the C encoder writes it (float.__repr__), one without as
        # _values.float_cell tags it: {"$ft":"float","v":repr}, encoded (the text needs no escaping). What the core
        # reads back from either is the float itself (see _values._read_back).
        return ["%s = repr(%s)" % (s, v), "if %s - %s != 0: return None" % (v, v),
                "j%d = %s if %s %% 1.0 else FT + %s + FE" % (i, s, v, s)], "{j%d}" % i, "{%s}" % s
    if t is bool and declared in (None, "BOOLEAN"):
        return [], "{JB[%s]}" % v, "{B[%s]}" % v
    if (t is dict or t is list) and declared in (None, "JSON"):
        # The cell _values.json_cell gives, encoded: its JSON text as a string. One marked as the connector's own
        # json.dumps's ("own") takes the convs or plan path; json.dumps's refusal raises again there.
        return ["%s = JC(%s)" % (s, v), "if len(%s) != 2: return None" % s, "%s = %s['v']" % (s, s)], \
            "{JT}{E(%s)}{JE}" % s, "{%s!r}" % s
    return None


# For each date type _direct_column() knows: the length of its commonest text, and the names its code gives that
# text's separators, Python's reading of it and the conversion.
_DIRECT_DATES = {"UTC_DATETIME": (20, "SU", "FDT", "CU"), "NAIVE_DATE": (10, "SD", "FD", "CD")}


def _direct_scope():
    import datetime

    return {"S": _MAX_SAFE, "I32L": -(1 << 31), "I32H": (1 << 31) - 1, "E": json.encoder.encode_basestring_ascii,
            "JB": ("false", "true"), "Str": str, "Int": int, "Float": float, "Bool": bool, "Dict": dict, "List": list,
            "X": None, "JC": _values.json_cell, "JT": '{"$ft":"json","v":', "JE": "}",
            "FT": _FLOAT_TAG[0], "FE": _FLOAT_TAG[1], "U": "\\u", "U0": "\\u0000", "UD": "\\ud", "N": note_digits,
            "B": _values._BOOL_TEXT, "H": _values.SHA1, "A": binascii.b2a_base64,
            "SU": "--T::Z", "FDT": datetime.datetime.fromisoformat, "CU": _values._utc_datetime,
            "SD": "--", "FD": datetime.date.fromisoformat, "CD": _values._naive_date}


_DIRECT_SCOPE = _direct_scope()


def _row_fast(fast, data):
    """A row of a shape seen before, by the path its value types take: (its encoded cells, its _fivetran_id or
    None), or None when it needs the general path (which raises what the SDK raises, or sends its text checked)."""
    order = fast.hash_order
    values = list(data.values())
    sig = tuple(map(type, values))
    go = fast.directs.get(sig)
    if go is None:
        go = fast.direct(sig)
    if go and go is not fast.last:
        done = go(values)
        if done is not None:
            fast.last = go
            return done
    convs = fast.convs
    if convs is not None:
        # Raises what the column's conversion raises, as the general path does.
        cells = [None if v is None else f(v) for f, v in zip(convs, values)]
        enc = _encode_json(cells)
        if "\\u" in enc:
            note_digits(enc)
        return enc, None if order is None else _values.row_hash(order, cells)
    plan = fast.plans.get(sig)
    if plan is None:
        plan = fast.plan(sig)
    done = plan(values) if plan else 0
    if not done:
        return None
    enc = _encode_obj(values)
    # Text is checked on the encoded line: see _line_values().
    if "\\u" in enc:
        if "\\u0000" in enc or "\\ud" in enc:
            return None
        note_digits(enc)
    # After a conversion the cells' types are not `sig`: the hash reads them again.
    return enc, None if order is None else _values.row_hash(order, values, sig if done == 1 else None)


def _add(key, enc, rid):
    """Adds an encoded row to the batch. row()'s direct path has this inlined (a call less per row): change both."""
    with _lock:
        if key != _batch_key:
            _batch_start(key)
        _batch.append(enc)
        if rid is not None:
            _batch_ids.append(rid)
        _batch_bytes[0] += len(enc)
        if len(_batch) >= _BATCH_ROWS or _batch_bytes[0] >= _BATCH_BYTES:
            _batch_out()
    # A connector that sends rows slowly (one per API call) has them reach the runner, and run_status, within about
    # a quarter of a second, instead of once 64 KB of them have filled the buffers.
    if _monotonic() - _last_flush > _FLUSH_AFTER:
        flush()


def _batch_start(key):
    """Starts a batch for rows of another operation, table or shape (under _lock), after passing on the last one."""
    global _batch_key, _batch_head
    if _batch:
        _batch_out()
    _batch_key = key
    kind, table, schema, sid = key
    _batch_head = ('{"t":"rows","op":"' + kind + '","table":' + _encode(table)
                   + ("" if schema is None else ',"schema":' + _encode(schema)) + ',"shape":' + str(sid) + ',"rows":[')


def write_line(line):
    _write(line)


def file_uploaded(table, schema, path, target):
    """A file stored under files/storage; the row that names it follows."""
    _table(table, schema)
    rec = {"t": "file", "table": table, "path": path, "target": target}
    if schema is not None:
        rec["schema"] = schema
    record(rec)


def truncate(table, schema=None):
    _table(table, schema)
    _write('{"t":"truncate","table":' + _encode(table) + ("" if schema is None else ',"schema":' + _encode(schema)) + "}\n")


def checkpoint(state):
    """Sends the state as the text the SDK keeps in state.json (and the text its log shows), then waits until the
    runner has committed it and written files/state.json: as in the SDK, the file is on disk when op.checkpoint()
    returns."""
    try:
        kept, shown = _values.state_text(state)
    except (TypeError, ValueError) as e:
        raise _in_state(e)
    _probe_files_dir()
    # One checkpoint at a time, as in the SDK: the acknowledgement read is this checkpoint's.
    global _last_flush
    with _checkpoint_lock:
        _write('{"t":"checkpoint","text":' + _encode(kept) + ',"shown":' + _encode(shown) + "}\n")
        drain()
        _wait_ack()
        # The rows after a checkpoint start a new interval: the wait for the commit is not time they waited.
        _last_flush = time.monotonic()
        _checkpointed[0] = True


# Whether this sync has checkpointed: its end then leaves files/state.json alone (see end_state()).
_checkpointed = [False]


def sync_again():
    """A sync connector.debug() ran while connector.py loaded has ended: `fivetran debug`'s own comes next (555)."""
    _checkpointed[0] = False
# The project's files/ (set by the runner): the SDK writes state.json through a temporary file made there.
files_dir = None


def _probe_files_dir():
    """The SDK writes state.json through `tempfile.mkstemp(dir=files/)`: with files/ gone (the connector removed it,
    400) that raises FileNotFoundError with the temporary file's name, so this does the same then."""
    if files_dir is not None and not os.path.isdir(files_dir):
        fd, path = tempfile.mkstemp(dir=files_dir, suffix=".tmp")
        os.close(fd)
        os.unlink(path)


def end_state(state):
    """The state a sync that never checkpointed writes at its end, as `fivetran debug` writes it then (after the
    final flush): the dict update() was given, with what update() changed in it in place (366, 379), or None for the
    start state when that was empty. Returns the exception json.dumps raised for a value it refuses (378), or writing
    the file raised (files/ removed, 400), which fails the sync there; None otherwise."""
    if _checkpointed[0]:
        return None
    try:
        if state is not None:
            start_state(state)
        _probe_files_dir()
    except (TypeError, ValueError, RecursionError, OSError) as e:
        return e
    return None


def ask(rec):
    """Sends a record the runner answers with one byte (it has the configuration's secrets, or the warehouse is open)
    and returns the answer (b"s": the warehouse keeps the source's names; see src/protocol.ts, Answer). Under the
    checkpoints' lock: a checkpoint from a thread the connector started as it loaded must not read this answer as its
    own."""
    with _checkpoint_lock:
        record(rec)
        drain()
        return _wait_ack()


def _wait_ack():
    """Blocks until the runner answers: one byte per checkpoint committed (or per record sent by ask()). If the commit
    failed the runner stops this process; if the runner is gone, the next write fails."""
    fd = _ack_fd
    if fd is None:
        return
    while True:
        try:
            got = os.read(fd, 1)
        except InterruptedError:
            continue
        except OSError:
            return
        return got


def start_state(state):
    """The state a sync that never checkpoints keeps at its end, as the SDK writes it: its start state."""
    record({"t": "start_state", "text": json.dumps(state or {}, separators=(",", ":"))})


def schema(tables):
    """The schema record: the declared tables with their destination names (renamed here, with this Python's
    Unicode tables)."""
    from . import _names

    out = []
    for t in tables:
        named = dict(t)
        named["name"] = _names.table(t["table"])
        named["dest"] = _names.schema(t.get("schema"))
        columns = list(t.get("primary_key") or []) + list(t.get("columns") or {})
        named["column_names"] = {c: _names.column(c) for c in columns if isinstance(c, str)}
        if "columns" in t:
            # A JSON object read in Node lists integer-like names first ("2024", "10"): the order, as a list.
            named["column_order"] = list(t["columns"])
        out.append(named)
    record({"t": "schema", "tables": out})


def record(obj):
    """Any other record (start, schema, warning, error, end); rare, so passed on at once."""
    _write(json.dumps(obj, separators=(",", ":"), default=str) + "\n")
    flush()


def warning(message):
    record({"t": "warning", "message": message})


def log(level, message):
    if _in_child:
        try:
            print("%s %s" % (level, message), flush=True)
        except Exception:
            pass
        return
    _write(json.dumps({"t": "log", "level": level, "message": message}, separators=(",", ":"), default=str) + "\n")
    # Logs should reach the user while the connector waits on an API, but a connector that logs every row
    # must not pay a system call per line.
    if time.monotonic() - _last_flush > 0.05:
        flush()
