# The common `raise Exception(f"API error {status}: {response.text}")` with a 60 KB HTML error page from a proxy.
from fivetran_connector_sdk import Connector, Operations as op

PAGE = "<!DOCTYPE html>\n<html><head><title>502 Bad Gateway</title></head>\n<body>\n" + "".join(
    f"<p>upstream node {i:05d} did not answer in time; retrying is safe.</p>\n" for i in range(1000)
) + "</body></html>\n"


def update(configuration: dict, state: dict):
    op.upsert("t", {"id": 1})
    op.checkpoint({"a": 1})
    raise Exception(f"API error 502: {PAGE}")


connector = Connector(update=update)
