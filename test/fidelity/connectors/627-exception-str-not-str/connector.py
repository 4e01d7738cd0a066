# An API error class whose __str__ returns what the API sent: an int status, None, or a str subclass. Where it
# is raised comes from configuration.json (three runs): schema(), connector.py's import, update().
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


connector = Connector(update=update, schema=schema)
