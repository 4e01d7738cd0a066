# An API error class whose __str__ returns what the API sent: an int status, None, or a str subclass; and an HTTP
# error whose __str__ reads the response body when the error is shown (a stream: a second read gives nothing). Where
# it is raised comes from configuration.json (four runs): schema(), connector.py's import, update(), update().
import io
import json
import os

from fivetran_connector_sdk import Connector, Operations as op

with open(os.path.join(os.path.dirname(os.path.abspath(__file__)), "configuration.json")) as f:
    WHERE = json.load(f).get("where", "schema")


class Status(str):
    pass


class ApiError(Exception):
    def __init__(self, payload):
        super().__init__(payload)
        self.payload = payload

    def __str__(self):
        return self.payload


class HttpError(Exception):
    def __init__(self, status, body):
        super().__init__(status)
        self.status = status
        self.body = body

    def __str__(self):
        return f"HTTP {self.status}: {self.body.read().decode('utf-8')}"


if WHERE == "import":
    raise ApiError(None)


def schema(configuration):
    if configuration.get("where") == "schema":
        raise ApiError(404)
    return [{"table": "items", "primary_key": ["id"]}]


def update(configuration, state):
    for i in range(5):
        op.upsert("items", {"id": i, "run": configuration["where"]})
    op.checkpoint({"done": configuration["where"]})
    if configuration["where"] == "update":
        op.upsert("items", {"id": 99})
        raise ApiError(Status("503 Service Unavailable: ünïcode ✓"))
    if configuration["where"] == "body":
        raise HttpError(502, io.BytesIO("upstream timed out — réessayez".encode("utf-8")))


connector = Connector(update=update, schema=schema)
