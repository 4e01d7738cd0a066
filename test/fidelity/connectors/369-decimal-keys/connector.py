# Decimal identifiers (an accounting API's numeric ids parsed as Decimal) as keys without a type: 1, 1.0, 1.00, 1E+1,
# -0, upserted, updated and deleted by other spellings of the same number.
from decimal import Decimal

from fivetran_connector_sdk import Connector, Operations as op


def schema(configuration: dict):
    return [{"table": "accounts", "primary_key": ["account_id"]}]


def update(configuration: dict, state: dict):
    for v in ["1", "2.50", "1E+1", "-0", "0.000", "12345678901234567890123.45"]:
        op.upsert("accounts", {"account_id": Decimal(v), "name": f"acct {v}"})
    op.checkpoint({"phase": 1})
    op.upsert("accounts", {"account_id": Decimal("1.0"), "name": "again 1.0"})
    op.update("accounts", {"account_id": Decimal("2.5"), "name": "updated 2.5"})
    op.delete("accounts", {"account_id": Decimal("10")})
    op.update("accounts", {"account_id": Decimal("0"), "name": "zero"})
    op.checkpoint({"phase": 2})


connector = Connector(update=update, schema=schema)
