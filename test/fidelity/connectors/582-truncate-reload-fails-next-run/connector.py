# A snapshot connector (truncate, then the whole table again, then a checkpoint) whose second run dies half-way: its
# truncate and the rows after it were never checkpointed. Before run 3 the user sets `fail` back to "no"; run 3 reloads,
# checkpoints, then truncates and reloads once more in its last checkpoint. A key-less `snapshot_runs` log and a keyed
# table written beside the truncated ones; the failed run also gave `accounts` a new column and text where ints were,
# and wrote to a new source schema: none of it may stay, and run 3 writes a float there.
import os

from fivetran_connector_sdk import Connector, Logging as log, Operations as op

RUNS = os.path.join(os.path.dirname(os.path.abspath(__file__)), "runs.txt")
try:
    with open(RUNS, encoding="utf-8") as f:
        RUN = int(f.read()) + 1
except FileNotFoundError:
    RUN = 1
with open(RUNS, "w", encoding="utf-8") as f:
    f.write(str(RUN))


def schema(configuration):
    return [{"table": "positions", "primary_key": ["account", "symbol"], "columns": {"qty": {"type": "DECIMAL", "precision": 18, "scale": 4}}},
            {"table": "snapshot_runs", "columns": {"run": "INT"}}]


def load(run, pass_no):
    op.truncate("positions")
    symbols = ["AAPL", "MSFT", "NVDA", "TSLA"][: 2 + run % 3]
    for account in ("A1", "B2"):
        for k, sym in enumerate(symbols):
            op.upsert("positions", {"account": account, "symbol": sym, "qty": f"{(k + 1) * run}.{pass_no}",
                                    "pass": pass_no})
    op.upsert("snapshot_runs", {"run": run, "pass": pass_no, "symbols": len(symbols)})


def update(configuration, state):
    op.upsert("accounts", {"id": "A1", "seen_in_run": RUN})
    load(RUN, 1)
    if configuration.get("fail") == "yes":
        op.upsert("accounts", {"id": "B2", "seen_in_run": f"r{RUN}", "note": "new column"})
        op.upsert("positions", {"account": "C3", "symbol": "SHOP", "qty": "1.5"}, schema="broker_ca")
        op.update("positions", {"account": "A1", "symbol": "AAPL", "qty": None, "comment": "halted"})
        raise ConnectionError("broker API closed the connection")
    op.checkpoint({"run": RUN, "pass": 1})
    if RUN >= 3:
        op.upsert("accounts", {"id": "B2", "seen_in_run": RUN + 0.5})
        op.delete("positions", {"account": "A1", "symbol": "AAPL"})
        load(RUN, 2)
        op.update("positions", {"account": "B2", "symbol": "MSFT", "qty": 0})
        op.checkpoint({"run": RUN, "pass": 2})


connector = Connector(update=update, schema=schema)
