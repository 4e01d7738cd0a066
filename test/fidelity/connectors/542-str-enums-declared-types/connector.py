# Status codes and fixed dates kept as enums: StrEnum (3.11) and the older `(str, Enum)` mixin, whose str() is
# "Class.MEMBER" and not its value. Values in every declared type, as keys, key-less, updated and deleted.
import enum
from fivetran_connector_sdk import Connector, Operations as op


class Status(enum.StrEnum):
    ACTIVE = "active"
    ONE = "1"
    ZERO = "0"
    NUM = "42"
    FRACTION = "2.50"


class Legacy(str, enum.Enum):
    ACTIVE = "active"
    ONE = "1"
    DAY = "2024-03-10"


class Milestone(enum.StrEnum):
    LAUNCH = "2024-03-10"
    CUTOVER = "2024-03-10T02:30:00Z"
    LOCAL = "2024-11-03 01:30:00.250"
    PADDED = " 2024-01-02T03:04:05+05:30 "


COLUMNS = {"b": "BOOLEAN", "i": "INT", "l": "LONG", "f": "FLOAT", "dbl": "DOUBLE",
           "dec": {"type": "DECIMAL", "precision": 10, "scale": 2}, "s": "STRING", "x": "XML", "j": "JSON",
           "bin": "BINARY", "d": "NAIVE_DATE", "dt": "NAIVE_DATETIME", "u": "UTC_DATETIME"}


def update(configuration, state):
    outcomes = []
    n = 0
    for member in list(Status) + list(Legacy) + list(Milestone):
        for column in COLUMNS:
            if column == "dec" and not str(member).replace(".", "").isdigit():
                continue  # the load would refuse the text (the sync fails there): str() of a (str, Enum) is "Legacy.ONE"
            n += 1
            try:
                op.upsert("typed", {"id": n, "member": member.name, "column": column, column: member})
                outcomes.append("ok")
            except Exception as e:
                outcomes.append("%s %s: %s: %s" % (member.name, column, type(e).__name__, e))
        op.upsert("untyped", {"member": member, "kind": type(member).__name__})
        op.upsert("keyless", {"member": member, "text": str(member)})
    op.checkpoint({"status": Status.ACTIVE, "legacy": Legacy.ONE, "by": {Status.NUM: Legacy.DAY}})
    op.update("untyped", {"member": "active", "kind": "plain str"})
    op.update("untyped", {"member": Legacy.DAY, "kind": "legacy again"})
    op.delete("untyped", {"member": Milestone.CUTOVER})
    op.delete("keyless", {"member": Status.ONE})
    for i, o in enumerate(outcomes):
        op.upsert("outcomes", {"i": i, "outcome": o})


def schema(configuration):
    return [
        {"table": "typed", "primary_key": ["id"], "columns": COLUMNS},
        {"table": "untyped", "primary_key": ["member"]},
        {"table": "outcomes", "primary_key": ["i"]},
    ]


connector = Connector(update=update, schema=schema)
