# The usual "wrap and re-raise": a KeyError from parsing a page, re-raised as RuntimeError(...) from it after a
# checkpoint, with a note added (Python 3.11's add_note).
from fivetran_connector_sdk import Connector, Operations as op


class ApiError(Exception):
    pass


def parse(page):
    return page["data"]["items"]


def update(configuration: dict, state: dict):
    op.upsert("items", {"id": 1})
    op.checkpoint({"page": 1})
    op.upsert("items", {"id": 2})
    try:
        parse({"data": {}})
    except KeyError as e:
        err = ApiError(f"could not parse page 2: missing {e}")
        err.add_note("response body: {\"data\": {}}")
        raise err from e


connector = Connector(update=update)
