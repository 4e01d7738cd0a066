# One undeclared column that sees bool, int, float, str of a timestamp, Decimal and date in turn.
import datetime
import decimal

from fivetran_connector_sdk import Connector, Operations as op


def update(configuration, state):
    values = [True, 7, 2.5, "2024-01-01", "2024-01-01T00:00:00", decimal.Decimal("3.25"), datetime.date(2024, 1, 2),
              datetime.datetime(2024, 1, 2, 3, 4, 5, tzinfo=datetime.timezone.utc)]
    for i, v in enumerate(values):
        op.upsert("t", {"id": i, "v": v, "dt": datetime.datetime(2024, 1, 1, 0, 0, i)})
    op.checkpoint({})


connector = Connector(update=update)
