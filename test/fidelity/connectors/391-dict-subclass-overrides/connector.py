# A "Record" dict subclass from a client library that hides private fields from iteration and items(), masks
# values in __getitem__, and reports its own len(): as a row (declared, undeclared, key-less), a JSON value, an
# update, and a state.
from fivetran_connector_sdk import Connector, Operations as op


class Record(dict):
    def __iter__(self):
        return (k for k in dict.__iter__(self) if not k.startswith("_"))

    def keys(self):
        return [k for k in dict.keys(self) if not k.startswith("_")]

    def items(self):
        return [(k, v) for k, v in dict.items(self) if not k.startswith("_")]

    def __getitem__(self, key):
        value = dict.__getitem__(self, key)
        return "***" if key == "secret" else value

    def get(self, key, default=None):
        return self[key] if key in self else default

    def __len__(self):
        return len(self.keys())


def schema(configuration: dict):
    return [{"table": "declared", "primary_key": ["id"], "columns": {"id": "INT", "secret": "STRING", "doc": "JSON"}}]


def update(configuration: dict, state: dict):
    for i in range(3):
        r = Record(id=i, name=f"n{i}", secret=f"s{i}", _etag=f"e{i}")
        op.upsert("undeclared", r)
        op.upsert("declared", r)
        op.upsert("keyless", Record(name=f"n{i}", secret="x", _etag="y"))
        op.upsert("declared", {"id": 10 + i, "doc": Record(a=1, secret="s", _hidden=2)})
    op.checkpoint(Record(cursor=3, secret="state", _private=1))
    op.update("undeclared", Record(id=1, secret="updated", _etag="z"))
    op.delete("keyless", Record(name="n0", secret="x", _etag="y"))
    op.checkpoint(Record(cursor=4))


connector = Connector(update=update, schema=schema)
