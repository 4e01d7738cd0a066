# A connector that sets the process's time zone to its API's (TZ and time.tzset()) at import, then sends naive
# datetimes into UTC_DATETIME, local `fromtimestamp()` and `astimezone()` values, and epoch arithmetic.
import os
import time
from datetime import date, datetime, timezone

os.environ["TZ"] = "America/New_York"
time.tzset()

from fivetran_connector_sdk import Connector, Operations as op  # noqa: E402


def schema(configuration: dict):
    return [{"table": "moments", "primary_key": ["id"], "columns": {"utc": "UTC_DATETIME", "naive": "NAIVE_DATETIME", "day": "NAIVE_DATE"}}]


def update(configuration: dict, state: dict):
    base = datetime(2024, 3, 10, 1, 30)  # the night the clocks go forward in New York
    for i in range(4):
        local = datetime.fromtimestamp(1710052200 + 3600 * i)  # local wall time, naive
        op.upsert(
            "moments",
            {
                "id": i,
                "utc": local,
                "naive": local.astimezone(),
                "day": local.astimezone().date(),
                "inferred_naive": base.replace(hour=i),
                "inferred_aware": local.astimezone(),
                "epoch": time.mktime(local.timetuple()),
                "text": local.strftime("%Y-%m-%d %H:%M:%S %Z"),
                "ctime": time.ctime(1710052200 + 3600 * i),
            },
        )
    op.upsert("moments", {"id": 9, "utc": "2024-03-10T02:30:00Z", "naive": date(2024, 3, 10), "day": "2024-03-10"})
    op.checkpoint({"tz": time.tzname[0], "utc_offset": time.timezone, "now_type": type(datetime.now(timezone.utc)).__name__})


connector = Connector(update=update, schema=schema)
