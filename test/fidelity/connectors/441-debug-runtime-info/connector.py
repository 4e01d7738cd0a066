# Debugging an encoding problem: record what the runtime looks like.
import io
import locale
import sys

from fivetran_connector_sdk import Connector, Logging as log, Operations as op


def update(configuration, state):
    info = {
        "utf8_mode": sys.flags.utf8_mode,
        "preferred_encoding": locale.getpreferredencoding(False),
        "text_encoding": io.text_encoding(None),
        "fs_encoding": sys.getfilesystemencoding(),
        "fs_errors": sys.getfilesystemencodeerrors(),
        "stdout_encoding": sys.stdout.encoding,
        "stdout_errors": sys.stdout.errors,
        "stdout_line_buffering": sys.stdout.line_buffering,
        "stdout_write_through": sys.stdout.write_through,
        "stderr_errors": sys.stderr.errors,
        "stdin_encoding": sys.stdin.encoding,
        "stdin_errors": sys.stdin.errors,
        "stdout_isatty": sys.stdout.isatty(),
        "dont_write_bytecode": sys.flags.dont_write_bytecode,
        "optimize": sys.flags.optimize,
        "isolated": sys.flags.isolated,
        "no_user_site": sys.flags.no_user_site,
        "warnoptions": repr(sys.warnoptions),
        "xoptions": repr(sys._xoptions),
    }
    for k, v in info.items():
        log.info(f"{k}={v}")
        op.upsert("runtime", {"key": k, "value": str(v)})
    op.checkpoint({"done": True})


connector = Connector(update=update)
