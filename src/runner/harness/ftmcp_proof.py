"""Record, replay and fault injection for the proof tools of fivetran-connector-mcp (src/proof/).

Installed by ftmcp_run.py before connector.py is imported, when the job carries a "proof" object:

  mode        "live" (the network, as usual), "record" (the network, every exchange kept) or "replay" (the
              recording answers; nothing leaves the machine)
  spool       a private folder of the Node side: exchanges.jsonl (record) and events.jsonl (always) go there,
              one JSON object a line, flushed line by line so a killed run keeps what it did
  recording   replay: the exchanges.jsonl of the recording to serve
  secrets     literal forms of the configuration's secrets (the Node side derives them); they are masked in
              what is written and in the requests a replay matches
  clock       replay: the recording's start time; time.time() and datetime.now() then advance by a fixed step
              per call and time.sleep() only advances them, so a replay is the same run every time
  faults      [{"kind", "at", "times"}]: what to inject at the at-th request (1-based) and the following ones
  crash       {"after_checkpoint": N} or {"at_operation": K}: the process ends as if killed right there
  loop_limit  the same request answered this many times means the connector loops: the run is stopped (off unless set)
  max_requests  more requests than this in the run is a loop too (off unless set)

The hooks sit on http.client, which `requests`, `urllib3` and `urllib` all send through, so a connector needs no
change. Standard library only.
"""
import base64
import datetime as _dt
import difflib
import gzip
import hashlib
import http.client
import io
import json
import os
import socket
import sys
import threading
import time
import zlib
from urllib.parse import unquote_plus, urlsplit, urlunsplit

MASK = "****"
_SECRET_NAME = ("key", "token", "secret", "pass", "auth", "credential", "private", "cert", "session", "cookie", "signature")
_SECRET_HEADERS = ("authorization", "proxy-authorization", "cookie", "set-cookie")
_DROP_RESPONSE_HEADERS = ("content-encoding", "content-length", "transfer-encoding", "connection", "keep-alive")
TRANSIENT = {"429": 429, "500": 500, "502": 502, "503": 503, "401": 401}


class Looped(BaseException):
    """The connector asked for the same thing too often; a BaseException so a broad `except Exception` in the
    connector does not swallow it."""


class Unrecorded(Exception):
    """A replay got a request the recording does not hold (a ConnectionError, as a network failure would be)."""


class _State:
    def __init__(self, spec):
        self.mode = spec.get("mode", "live")
        self.spool = spec.get("spool")
        # Longest first, so a secret that holds another is masked whole.
        # [text, placeholder] pairs: each form of a configuration secret and the placeholder that stands for it in a
        # recording. A replay puts the current configuration's forms back where the placeholders are, so a next-page
        # URL that held the API's address or a key still works. Longest first: a secret that holds another goes whole.
        pairs = [p for p in spec.get("secrets") or [] if isinstance(p, list) and len(p) == 2 and p[0]]
        self.secrets = sorted(pairs, key=lambda p: len(p[0]), reverse=True)
        self.faults = list(spec.get("faults") or [])
        # Off unless asked (fault injection): a connector may poll one URL many times on purpose.
        self.loop_limit = int(spec.get("loop_limit") or 0)
        self.max_requests = int(spec.get("max_requests") or 0)
        self.lock = threading.Lock()
        self.count = 0
        self.seen = {}
        self.last_body = None
        self.replay = {}
        self.replay_all = []
        self.events = None
        self.exchanges = None
        if self.spool:
            self.events = open(os.path.join(self.spool, "events.jsonl"), "a", encoding="utf-8")
            if self.mode == "record":
                self.exchanges = open(os.path.join(self.spool, "exchanges.jsonl"), "a", encoding="utf-8")
        if self.mode == "replay":
            with open(spec["recording"], "r", encoding="utf-8") as f:
                for line in f:
                    if line.strip():
                        ex = json.loads(line)
                        self.replay.setdefault(_key(ex["method"], ex["url"], ex.get("body")), []).append(ex)
                        self.replay_all.append(ex)
            self.served = {}

    def event(self, obj):
        if self.events is None:
            return
        with self.lock:
            self.events.write(json.dumps(obj, separators=(",", ":"), default=str) + "\n")
            self.events.flush()

    def scrub(self, text):
        if not text:
            return text
        for secret, placeholder in self.secrets:
            if secret in text:
                text = text.replace(secret, placeholder)
        return text

    def unscrub(self, data):
        """A recorded body or header with the current configuration's secrets back in place of the placeholders."""
        if not data or b"{{ftmcp." not in data:
            return data
        for secret, placeholder in self.secrets:
            data = data.replace(placeholder.encode("utf-8"), secret.encode("utf-8"))
        return data

    def scrub_body(self, text):
        """A request body as recorded and matched: secrets as placeholders, and the values of form fields and JSON
        members whose names look like credentials masked (a refresh token the API handed out is no configuration
        value, and a replay would send the masked one back)."""
        text = self.scrub(text)
        if not text:
            return text
        stripped = text.strip()
        if stripped[:1] in ("{", "["):
            try:
                return json.dumps(_mask_json(json.loads(stripped)), separators=(",", ":"))
            except ValueError:
                return text
        if "=" in text and not any(c in text for c in " \r\n"):
            return _mask_pairs(text)
        return text

    def scrub_url(self, url):
        url = self.scrub(url)
        parts = urlsplit(url)
        if not parts.query:
            return url
        # Security: a token in the query string is masked by its name too, not only when the configuration held it.
        return urlunsplit((parts.scheme, parts.netloc, parts.path, _mask_pairs(parts.query), parts.fragment))

    def scrub_headers(self, headers):
        out = []
        for k, v in headers:
            low = k.lower()
            # Security: credentials travel in these headers whatever the configuration calls them.
            if low in _SECRET_HEADERS or any(n in low for n in _SECRET_NAME):
                out.append([k, MASK])
            else:
                out.append([k, self.scrub(v)])
        return out


_state = None


def _secret_name(name):
    return any(n in name.lower() for n in _SECRET_NAME)


def _mask_pairs(query):
    """name=value pairs with the values of credential-like names masked; edited in place, so what the connector
    sent keeps its encoding."""
    pairs = []
    for pair in query.split("&"):
        name, eq, _value = pair.partition("=")
        if eq and _secret_name(unquote_plus(name)):
            pair = name + "=" + MASK
        pairs.append(pair)
    return "&".join(pairs)


def _mask_json(value):
    if isinstance(value, dict):
        return {k: (MASK if _secret_name(k) and isinstance(v, (str, int, float)) and not isinstance(v, bool) else _mask_json(v)) for k, v in value.items()}
    if isinstance(value, list):
        return [_mask_json(v) for v in value]
    return value


def _key(method, url, body):
    return "%s %s %s" % (method, url, hashlib.sha256((body or "").encode("utf-8")).hexdigest())


def _text(data):
    """Bytes as text when they are UTF-8 (kept readable), else base64 with a marker."""
    try:
        return data.decode("utf-8"), None
    except UnicodeDecodeError:
        return base64.b64encode(data).decode("ascii"), "base64"


def _untext(text, encoding):
    if text is None:
        return b""
    return base64.b64decode(text) if encoding == "base64" else text.encode("utf-8")


def _parse_request(raw, conn):
    head, _, body = raw.partition(b"\r\n\r\n")
    lines = head.decode("iso-8859-1").split("\r\n")
    method, target = lines[0].split(" ")[:2]
    headers = []
    chunked = False
    for line in lines[1:]:
        if ":" in line:
            k, v = line.split(":", 1)
            headers.append([k.strip(), v.strip()])
            if k.strip().lower() == "transfer-encoding" and "chunked" in v.lower():
                chunked = True
    if chunked:
        body = _dechunk(body)
    host = conn.host if conn.port in (80, 443, None) else "%s:%s" % (conn.host, conn.port)
    scheme = "https" if isinstance(conn, http.client.HTTPSConnection) or conn.default_port == 443 else "http"
    url = target if target.startswith(("http://", "https://")) else "%s://%s%s" % (scheme, host, target)
    return method, url, headers, body


def _dechunk(data):
    out = b""
    while data:
        size_line, _, data = data.partition(b"\r\n")
        size = int(size_line.split(b";")[0] or b"0", 16)
        if size == 0:
            break
        out += data[:size]
        data = data[size + 2:]
    return out


class _FakeSock:
    """What http.client.HTTPResponse reads a response from."""

    def __init__(self, data):
        self._file = io.BytesIO(data)

    def makefile(self, *args, **kwargs):
        return self._file

    def close(self):
        pass


def _response(conn, status, reason, headers, body):
    lines = ["HTTP/1.1 %d %s" % (status, reason or http.client.responses.get(status, ""))]
    for k, v in headers:
        if k.lower() not in _DROP_RESPONSE_HEADERS:
            lines.append("%s: %s" % (k, v))
    lines.append("Content-Length: %d" % len(body))
    raw = ("\r\n".join(lines) + "\r\n\r\n").encode("iso-8859-1", "replace") + body
    resp = http.client.HTTPResponse(_FakeSock(raw), method=conn._method)
    resp.begin()
    return resp


def _idle(conn):
    # The connection is ready for its next request, as after a response read to its end.
    conn._HTTPConnection__state = http.client._CS_IDLE
    conn._HTTPConnection__response = None


def _decode(body, headers):
    enc = ""
    for k, v in headers:
        if k.lower() == "content-encoding":
            enc = v.lower().strip()
    try:
        if enc == "gzip":
            return gzip.decompress(body)
        if enc == "deflate":
            return zlib.decompress(body)
    except (OSError, zlib.error):
        return body
    return body


# ---------------------------------------------------------------- faults


def _main_list(doc):
    """The list of records in a JSON page: the page itself, or its longest list value (one level down)."""
    if isinstance(doc, list):
        return doc, None
    if isinstance(doc, dict):
        best = None
        for k, v in doc.items():
            if isinstance(v, list) and (best is None or len(v) > len(doc[best])):
                best = k
            elif isinstance(v, dict):
                for k2, v2 in v.items():
                    if isinstance(v2, list) and v2 and best is None:
                        return v2, (k, k2)
        if best is not None:
            return doc[best], best
    return None, None


def _set_list(doc, where, items):
    if where is None:
        return items
    if isinstance(where, tuple):
        doc[where[0]][where[1]] = items
    else:
        doc[where] = items
    return doc


def _reshape(kind, fault, body):
    """Applies a data fault to a JSON body; returns the new body, or None when the body is not a JSON page."""
    try:
        doc = json.loads(body.decode("utf-8"))
    except (UnicodeDecodeError, ValueError):
        return None
    items, where = _main_list(doc)
    if items is None:
        return None
    if kind == "empty_page":
        doc = _set_list(doc, where, [])
    else:
        field = fault.get("field")
        for item in items:
            if not isinstance(item, dict):
                continue
            if kind == "new_field":
                item[field or "ftmcp_new_field"] = "added by fault injection"
            elif kind == "removed_field":
                name = field or next((k for k in item if k not in ("id", "updated_at") and not isinstance(item[k], (dict, list))), None)
                item.pop(name, None)
            elif kind == "type_change":
                name = field or next((k for k in item if k != "id" and isinstance(item[k], (int, float)) and not isinstance(item[k], bool)), None)
                if name in item:
                    item[name] = json.dumps(item[name]) if not isinstance(item[name], str) else 0
    return json.dumps(doc).encode("utf-8")


def _fault_for(index):
    for f in _state.faults:
        at = int(f.get("at", 1))
        times = f.get("times", 1)
        if index >= at and (times is None or index < at + int(times)):
            return f
    return None


# ---------------------------------------------------------------- the hooks


_orig = {}


def _send(self, data):
    if isinstance(data, str):
        data = data.encode("iso-8859-1")
    elif hasattr(data, "read"):
        chunks = []
        while True:
            block = data.read(65536)
            if not block:
                break
            chunks.append(block.encode("iso-8859-1") if isinstance(block, str) else block)
        data = b"".join(chunks)
    elif not isinstance(data, (bytes, bytearray)):
        data = b"".join(bytes(c) for c in data)
    buf = getattr(self, "_ftmcp_sent", None)
    self._ftmcp_sent = (buf or b"") + bytes(data)
    if _state.mode != "replay":
        _orig["send"](self, data)
    elif self.sock is None:
        # As http.client's send does: the first write connects (here to nothing).
        self.connect()


def _getresponse(self):
    raw = getattr(self, "_ftmcp_sent", b"") or b""
    self._ftmcp_sent = b""
    method, url, headers, body = _parse_request(raw, self)
    body_text, body_enc = _text(body)
    clean_url = _state.scrub_url(url)
    clean_body = _state.scrub_body(body_text) if body_enc is None else body_text
    with _state.lock:
        _state.count += 1
        index = _state.count
        key = _key(method, clean_url, clean_body)
        _state.seen[key] = _state.seen.get(key, 0) + 1
        times = _state.seen[key]
    host = urlsplit(url).netloc
    event = {"e": "request", "i": index, "method": method, "url": clean_url, "host": host, "repeat": times}
    if _state.loop_limit and times > _state.loop_limit:
        _state.event(dict(event, e="looped"))
        raise Looped("the connector sent %s %s %d times; stopped as a loop (a cursor that does not advance?)" % (method, clean_url, times))
    if _state.max_requests and index > _state.max_requests:
        _state.event(dict(event, e="looped"))
        raise Looped("the connector sent more than %d requests (the last %s %s); stopped as a loop (a page that never ends?)"
                     % (_state.max_requests, method, clean_url))
    fault = _fault_for(index)
    kind = fault.get("kind") if fault else None
    if kind in ("timeout", "reset"):
        if _state.mode != "replay":
            _drop_connection(self)
        _idle(self)
        _state.event(dict(event, fault=kind))
        if kind == "timeout":
            raise socket.timeout("timed out")
        raise ConnectionResetError(104, "Connection reset by peer")
    if kind in TRANSIENT:
        if _state.mode != "replay":
            _orig["getresponse"](self).read()
        _idle(self)
        status = TRANSIENT[kind]
        extra = [["Retry-After", str(fault.get("retry_after", 1))]] if status == 429 else []
        _state.event(dict(event, fault=kind, status=status))
        return _response(self, status, None, [["Content-Type", "application/json"]] + extra,
                         json.dumps({"error": "injected %s" % kind}).encode("utf-8"))
    if _state.mode == "replay":
        ex = _serve(method, clean_url, clean_body)
        status, reason, rheaders = ex["status"], ex.get("reason"), ex.get("headers") or []
        rbody = _state.unscrub(_untext(ex.get("response"), ex.get("response_encoding")))
        rheaders = [[k, _state.unscrub(v.encode("utf-8")).decode("utf-8")] for k, v in rheaders]
        _idle(self)
    else:
        resp = _orig["getresponse"](self)
        rbody = _decode(resp.read(), resp.getheaders())
        status, reason, rheaders = resp.status, resp.reason, [[k, v] for k, v in resp.getheaders()]
        _idle(self)
        if _state.exchanges is not None:
            rtext, renc = _text(rbody)
            line = {"i": index, "method": method, "url": clean_url, "headers_sent": _state.scrub_headers(headers),
                    "body": clean_body if body else None, "body_encoding": body_enc,
                    "status": status, "reason": reason,
                    "headers": _state.scrub_headers([h for h in rheaders if h[0].lower() not in _DROP_RESPONSE_HEADERS]),
                    "response": _state.scrub(rtext) if renc is None else rtext, "response_encoding": renc}
            with _state.lock:
                _state.exchanges.write(json.dumps(line, separators=(",", ":")) + "\n")
                _state.exchanges.flush()
    if kind in ("repeated_page", "cursor_stuck"):
        previous = _state.last_body
        if previous is not None:
            _state.event(dict(event, fault=kind, status=status))
            if kind == "cursor_stuck":
                # Every answer from here on is the page before: its next cursor is the one just asked for.
                fault["times"] = None
            return _response(self, status, reason, rheaders, previous)
    elif kind in ("empty_page", "new_field", "removed_field", "type_change"):
        changed = _reshape(kind, fault, rbody)
        if changed is not None:
            _state.event(dict(event, fault=kind, status=status))
            _state.last_body = rbody
            return _response(self, status, reason, rheaders, changed)
    if 200 <= status < 300:
        _state.last_body = rbody
    _state.event(dict(event, status=status))
    return _response(self, status, reason, rheaders, rbody)


def _serve(method, url, body):
    key = _key(method, url, body)
    queue = _state.replay.get(key)
    if queue:
        n = _state.served.get(key, 0)
        _state.served[key] = n + 1
        # Served in recorded order; once all were served, the last one again (a resumed run asks again).
        return queue[min(n, len(queue) - 1)]
    wanted = "%s %s" % (method, url)
    known = ["%s %s" % (ex["method"], ex["url"]) for ex in _state.replay_all]
    close = difflib.get_close_matches(wanted, known, n=1, cutoff=0.0)
    hint = ("; the closest recorded request is %s" % close[0]) if close else "; the recording is empty"
    if close and close[0] == wanted:
        hint = "; the recording has this URL with another request body"
    _state.event({"e": "unrecorded", "method": method, "url": url, "closest": close[0] if close else None})
    raise Unrecorded("replay: %s was not recorded%s. Record again (record=NAME) to include it." % (wanted, hint))


def _drop_connection(conn):
    try:
        if conn.sock is not None:
            conn.sock.close()
    except OSError:
        pass
    conn.sock = None


class _ReplaySock:
    """Stands for a connected socket in a replay: one end of a socket pair, so library checks (select, timeouts)
    work, with nothing ever to read."""

    def __init__(self):
        self._a, self._b = socket.socketpair()

    def __getattr__(self, name):
        return getattr(self._a, name)

    def sendall(self, data):
        pass

    def close(self):
        self._a.close()
        self._b.close()


def _replay_connect(self):
    if getattr(self, "sock", None) is None:
        self.sock = _ReplaySock()
    # urllib3 reads these after connecting; in a replay nothing was verified and nothing needs to be.
    for name, value in (("is_verified", True), ("proxy_is_verified", None), ("_has_connected_to_proxy", False)):
        try:
            setattr(self, name, value)
        except AttributeError:
            pass


_patched = set()


def _patch_connect(cls):
    for klass in cls.__mro__:
        if klass in _patched or "connect" not in vars(klass) or not issubclass(klass, http.client.HTTPConnection):
            continue
        _patched.add(klass)
        klass.connect = _replay_connect


def _init(self, *args, **kwargs):
    _orig["init"](self, *args, **kwargs)
    if _state.mode == "replay":
        # Subclasses (urllib3's, a connector's own) connect their own way: every `connect` above us is replaced.
        _patch_connect(type(self))


# ---------------------------------------------------------------- the clock


class _Clock:
    STEP = 0.001

    def __init__(self, start):
        self.t = float(start)
        self.lock = threading.Lock()

    def time(self):
        with self.lock:
            self.t += self.STEP
            return self.t

    def sleep(self, seconds):
        with self.lock:
            self.t += max(0.0, float(seconds))


def _passes_for(real):
    """A metaclass under which the fake class and the real one pass isinstance/issubclass for each other, so code
    that checks isinstance(x, datetime) keeps working with values made before or after the clock was installed."""

    class _Meta(type):
        def __instancecheck__(cls, obj):
            return isinstance(obj, real)

        def __subclasscheck__(cls, sub):
            return issubclass(sub, real)

    return _Meta


def _install_clock(start):
    clock = _Clock(start)
    real_dt = _dt.datetime
    real_date = _dt.date

    class datetime(real_dt, metaclass=_passes_for(real_dt)):
        @classmethod
        def now(cls, tz=None):
            return real_dt.fromtimestamp(clock.time(), tz)

        @classmethod
        def utcnow(cls):
            return real_dt.fromtimestamp(clock.time(), _dt.timezone.utc).replace(tzinfo=None)

        @classmethod
        def today(cls):
            return real_dt.fromtimestamp(clock.time())

    class date(real_date, metaclass=_passes_for(real_date)):
        @classmethod
        def today(cls):
            return real_dt.fromtimestamp(clock.time()).date()

    _dt.datetime = datetime
    _dt.date = date
    time.time = clock.time
    time.time_ns = lambda: int(clock.time() * 1_000_000_000)
    return clock


def _install_sleep(clock):
    real_sleep = time.sleep

    def sleep(seconds):
        _state.event({"e": "sleep", "seconds": seconds})
        if clock is not None:
            clock.sleep(seconds)
            real_sleep(0)
        else:
            # Live runs under fault injection do not wait out the backoff they ask for: what was asked is recorded.
            real_sleep(min(float(seconds), 0.01))

    time.sleep = sleep


# ---------------------------------------------------------------- crash and checkpoints


def _install_crash_and_watch(crash, start_state):
    import fivetran_connector_sdk as sdk

    ops = sdk.Operations
    checkpoint = ops.checkpoint
    # The starting state is the first "before": a resumed run must not move a cursor back either.
    counter = {"checkpoints": 0, "operations": 0, "previous": start_state if isinstance(start_state, dict) else None}
    after = (crash or {}).get("after_checkpoint")
    at_op = (crash or {}).get("at_operation")

    def watched_checkpoint(state):
        checkpoint(state)
        counter["checkpoints"] += 1
        n = counter["checkpoints"]
        regress = _regressions(counter["previous"], state) if isinstance(state, dict) else []
        counter["previous"] = json.loads(json.dumps(state)) if isinstance(state, dict) else None
        _state.event({"e": "checkpoint", "n": n, "operations": counter["operations"], "regressions": regress})
        if after is not None and n == int(after):
            _state.event({"e": "crash", "after_checkpoint": n, "operations": counter["operations"]})
            # The runner's os._exit passes on what the channel holds (this checkpoint) and ends the process.
            os._exit(137)

    def wrap(fn, name):
        def op(*args, **kwargs):
            counter["operations"] += 1
            if at_op is not None and counter["operations"] == int(at_op):
                _state.event({"e": "crash", "at_operation": counter["operations"], "operation": name, "checkpoints": counter["checkpoints"]})
                os._exit(137)
            return fn(*args, **kwargs)

        return staticmethod(op)

    ops.checkpoint = staticmethod(watched_checkpoint)
    for name in ("upsert", "update", "delete"):
        setattr(ops, name, wrap(getattr(ops, name), name))


def _regressions(before, after, path=""):
    """Cursor values that went backwards between two checkpoints (same key, same type, smaller)."""
    out = []
    if not isinstance(before, dict) or not isinstance(after, dict):
        return out
    for k, v in after.items():
        if k not in before:
            continue
        old = before[k]
        where = "%s.%s" % (path, k) if path else k
        if isinstance(v, dict):
            out += _regressions(old, v, where)
        elif type(v) is type(old) and isinstance(v, (int, float, str)) and not isinstance(v, bool) and v < old:
            out.append({"path": where, "before": old, "after": v})
    return out


# ---------------------------------------------------------------- entry point


def install(spec, start_state=None):
    global _state
    _state = _State(spec)
    clock = _install_clock(spec["clock"]) if spec.get("clock") is not None else None
    if clock is not None or _state.faults:
        _install_sleep(clock)
    _orig["send"] = http.client.HTTPConnection.send
    _orig["getresponse"] = http.client.HTTPConnection.getresponse
    _orig["init"] = http.client.HTTPConnection.__init__
    http.client.HTTPConnection.send = _send
    http.client.HTTPConnection.getresponse = _getresponse
    http.client.HTTPConnection.__init__ = _init
    if _state.mode == "replay":
        _patch_connect(http.client.HTTPSConnection)
        # Security: a replay never opens a socket to anywhere: DNS and connects fail loudly if something bypasses
        # http.client (a raw socket client).
        socket.create_connection = _no_network
    _install_crash_and_watch(spec.get("crash"), start_state)
    _state.event({"e": "start", "mode": _state.mode, "python": sys.version.split()[0]})


def _no_network(address, *args, **kwargs):
    raise ConnectionRefusedError(111, "replay: no network access (%s:%s was asked for outside http.client)" % (address[0], address[1]))
