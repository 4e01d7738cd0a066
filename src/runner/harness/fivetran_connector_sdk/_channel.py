"""The operation channel: one JSON object per line, written to a file descriptor the runner opened.

Encoding is on the hot path (a benchmark sync writes 200,000 rows), so a row costs one pass over its top-level
values plus one C-accelerated json encode. Values JSON would lose are tagged as {"$ft": kind, "v": text}; the
Node side (src/runner/protocol.ts) documents the tags. Nested values in dict/list columns are encoded as the
SDK encodes them (json.dumps with no fallback), so an unserialisable nested value fails the same way.
"""
import base64
import datetime
import decimal
import json
import os
import threading
import time

_out = None
_lock = threading.Lock()
_last_flush = 0.0

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
    global _out
    import io

    _widen(fd)
    _out = io.open(fd, "w", encoding="utf-8", buffering=1 << 16, newline="\n", closefd=False)


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
    global _last_flush
    with _lock:
        if _out is not None:
            _out.flush()
    _last_flush = time.monotonic()


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
    """Any other record (start, schema, warning, error, end); rare, so flushed at once."""
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
