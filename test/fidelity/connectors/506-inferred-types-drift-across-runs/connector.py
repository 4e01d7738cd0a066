# Four runs of an undeclared table whose `value` column drifts as an API changes: ints, then floats, then numeric
# text, then nested objects; `flag` goes bool -> int -> "Y"; `seen` goes date text -> datetime -> aware datetime.
import datetime as dt

from fivetran_connector_sdk import Connector, Operations as op

try:
    with open("runs.txt", encoding="utf-8") as f:
        RUN = int(f.read()) + 1
except FileNotFoundError:
    RUN = 1
with open("runs.txt", "w", encoding="utf-8") as f:
    f.write(str(RUN))

VALUES = {1: 5, 2: 2.75, 3: "3.50", 4: {"amount": 4, "unit": "kg"}}
FLAGS = {1: True, 2: 2, 3: "Y", 4: None}
SEEN = {1: dt.date(2024, 1, 1), 2: dt.datetime(2024, 1, 2, 3, 4, 5), 3: dt.datetime(2024, 1, 3, tzinfo=dt.timezone.utc),
        4: "2024-01-04"}


def update(configuration, state):
    op.upsert("metrics", {"id": RUN, "value": VALUES[RUN], "flag": FLAGS[RUN], "seen": SEEN[RUN]})
    op.upsert("metrics", {"id": 1, "value": VALUES[RUN]})
    op.checkpoint({"run": RUN})


connector = Connector(update=update)
