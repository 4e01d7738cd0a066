# update and schema given as other callables than plain functions: a functools.partial binding a client, a bound
# method of a small API wrapper object for schema(), and an update() that delegates to a callable instance per table
# and to a class whose constructor does the work. The SDK calls update(configuration=..., state=...) by keyword.
import functools

from fivetran_connector_sdk import Connector, Operations as op, Logging as log


class FakeClient:
    def __init__(self, page_size):
        self.page_size = page_size

    def tables(self, configuration):
        return [
            {"table": "accounts", "primary_key": ["id"]},
            {"table": "contacts", "primary_key": ["id"], "columns": {"id": "INT", "account_id": "INT"}},
        ]

    def rows(self, table, start):
        return [{"id": i, "label": f"{table}-{i}"} for i in range(start, start + self.page_size)]


class TableSync:
    def __init__(self, client, table):
        self.client = client
        self.table = table

    def __call__(self, state):
        start = state.get(self.table, 0)
        for row in self.client.rows(self.table, start):
            op.upsert(self.table, row)
        state[self.table] = start + self.client.page_size


class Audit:
    def __init__(self, configuration, state):
        log.info(f"audit sees keys {sorted(state)}")
        op.upsert("audit", {"run": 1, "tables": ",".join(sorted(state))})


def sync(configuration, state, client, syncers):
    for syncer in syncers:
        syncer(state)
        op.checkpoint(state)
    Audit(configuration=configuration, state=state)
    op.checkpoint(state)


client = FakeClient(page_size=3)
connector = Connector(
    update=functools.partial(sync, client=client, syncers=[TableSync(client, "accounts"), TableSync(client, "contacts")]),
    schema=client.tables,
)
