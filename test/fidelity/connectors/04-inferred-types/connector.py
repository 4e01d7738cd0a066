# No schema(): every column type comes from the Python values.
import datetime
import decimal

from fivetran_connector_sdk import Connector, Operations as op


def update(configuration, state):
    utc = datetime.timezone.utc
    plus2 = datetime.timezone(datetime.timedelta(hours=2))
    for i in range(10):
        op.upsert(
            "inferred",
            {
                "a_bool": i % 3 == 0,
                "an_int": i * 1000,
                "a_float": i + 0.25,
                "a_str": f"value {i}",
                "a_dict": {"i": i, "even": i % 2 == 0},
                "a_list": list(range(i % 4)),
                "a_none": None,
                "some_bytes": bytes(range(i, i + 3)),
                "naive_dt": datetime.datetime(2024, 5, 1, 12, 0, i),
                "aware_dt": datetime.datetime(2024, 5, 1, 12, 0, i, tzinfo=utc if i % 2 else plus2),
                "a_date": datetime.date(2024, 5, 1 + i),
                "a_decimal": decimal.Decimal("10.05") * i,
                "a_big_int": 2**64 + i,
            },
        )
    op.checkpoint({"page": 1})


connector = Connector(update=update)
