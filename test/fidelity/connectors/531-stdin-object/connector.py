# What a library that checks for an interactive session sees of stdin (click's prompts, getpass, tqdm, a CLI helper
# kept in the connector): `sys.stdin is sys.__stdin__`, its name and repr, the raw file under it, whether it reads
# anything, at import and in update(). One row per fact.
import sys

from fivetran_connector_sdk import Connector, Operations as op


def facts():
    s = sys.stdin
    return {
        "is sys.__stdin__": s is sys.__stdin__,
        "repr": repr(s),
        "name": s.name,
        "mode": s.mode,
        "fileno": s.fileno(),
        "raw": repr(s.buffer.raw),
        "buffer type": type(s.buffer).__name__,
        "closefd": s.buffer.raw.closefd,
        "readable": s.readable(),
        "seekable": s.seekable(),
        "isatty": s.isatty(),
        "line_buffering": s.line_buffering,
        "write_through": s.write_through,
        "encoding": s.encoding,
        "errors": s.errors,
        "read()": s.read(),
        "__stdin__.readline()": sys.__stdin__.readline(),
        "newlines": s.newlines,
    }


AT_IMPORT = facts()


def update(configuration, state):
    for k, v in facts().items():
        op.upsert("stdin_facts", {"fact": k, "at_import": repr(AT_IMPORT[k]), "in_update": repr(v)})
    op.checkpoint({"done": True})


connector = Connector(update=update)
