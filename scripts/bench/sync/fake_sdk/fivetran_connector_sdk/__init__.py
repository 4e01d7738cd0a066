"""The floor of the sync benchmark: an SDK whose operations only serialise each row, the least any runner that
moves rows out of the connector's process has to pay. Nothing is written anywhere."""
import json

__version__ = "0.0.0-floor"


class Connector:
    def __init__(self, update, schema=None, configuration_form=None):
        self.update = update
        self.schema = schema


class Operations:
    @staticmethod
    def upsert(table, data, **_):
        json.dumps(data)

    @staticmethod
    def update(table, modified, **_):
        json.dumps(modified)

    @staticmethod
    def delete(table, keys):
        json.dumps(keys)

    @staticmethod
    def truncate(table):
        pass

    @staticmethod
    def checkpoint(state):
        json.dumps(state)


class Logging:
    @staticmethod
    def _drop(*_args, **_kwargs):
        pass

    debug = fine = info = warning = error = severe = critical = _drop
