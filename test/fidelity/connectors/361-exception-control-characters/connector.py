# An exception whose message carries an API's raw error body: ANSI colours, a carriage return, tabs, a bell,
# a form feed and a trailing newline.
from fivetran_connector_sdk import Connector, Operations as op


def update(configuration: dict, state: dict):
    op.upsert("t", {"id": 1})
    op.checkpoint({})
    raise RuntimeError("\x1b[31mHTTP 502\x1b[0m\tBad Gateway\r\nretry\x07 later\x0cnow\x0b\n")


connector = Connector(update=update)
