# Logging with odd messages: multi-line, very long, % and {} characters, control characters, then log.info called
# with two arguments as with the logging module (a TypeError the connector catches and stores), and lone
# surrogates, which `fivetran debug` cannot print: the UnicodeEncodeError names their position in its log line.
from fivetran_connector_sdk import Connector, Operations as op, Logging as log


def update(configuration, state):
    log.info("line one\nline two\n\n  indented")
    log.warning("%s %d %% {} {0} %(name)s")
    log.fine("x" * 20000)
    log.severe("bell \x07 escape \x1b[31m red \x1b[0m nul \x00 end")
    log.info("")
    try:
        log.info("page %s", 3)
    except Exception as e:
        op.upsert("errors", {"where": "info", "type": type(e).__name__, "message": str(e)})
    try:
        log.warning(message="keyword")
        op.upsert("errors", {"where": "warning", "type": "none", "message": "ok"})
    except Exception as e:
        op.upsert("errors", {"where": "warning", "type": type(e).__name__, "message": str(e)})
    calls = {"info-2nd-line": lambda: log.info("a\nb\ud800"), "warning-pair": lambda: log.warning("\ud800\udc00x"),
             "severe-cjk": lambda: log.severe("日本\ud83c"), "error-exc": lambda: log.error("e", ValueError("\ud800"))}
    for where, call in calls.items():
        try:
            call()
        except UnicodeEncodeError as e:
            op.upsert("errors", {"where": where, "type": "UnicodeEncodeError", "message": "%s %s-%s" % (e.reason, e.start, e.end)})
    op.checkpoint({})
    log.info("config " + "x\ud800y")


connector = Connector(update=update)
