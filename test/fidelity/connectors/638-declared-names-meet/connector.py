# Declared names that Fivetran's naming turns into one destination name: in one table `createdAt` (UTC_DATETIME)
# and `created_at` (STRING), `Total Amount` (DECIMAL) and `total_amount` (DOUBLE); a composite key listed
# `["Region", "orderId"]` while the columns list `orderId` first; a second table whose key columns are `ID` and
# `Id`-free spellings of reserved words (`Order`, `Group`); rows sending either spelling, updates and deletes naming
# the key by the declared spelling.
from fivetran_connector_sdk import Connector, Operations as op


def schema(configuration):
    return [
        {"table": "Sales Orders", "primary_key": ["Region", "orderId"],
         "columns": {"orderId": "LONG", "createdAt": "UTC_DATETIME", "created_at": "STRING",
                     "Total Amount": {"type": "DECIMAL", "precision": 10, "scale": 3}, "total_amount": "DOUBLE",
                     "Region": "STRING"}},
        {"table": "select", "primary_key": ["Order", "Group"],
         "columns": {"Group": "INT", "Order": "STRING", "from": "NAIVE_DATE", "To": "NAIVE_DATE", "desc": "STRING"}},
    ]


def update(configuration, state):
    op.upsert("Sales Orders", {"orderId": 1, "Region": "EU", "createdAt": "2024-01-01T00:00:00Z", "Total Amount": "12.3456"})
    op.upsert("Sales Orders", {"orderId": 2, "Region": "EU", "created_at": "2024-01-02T00:00:00Z", "total_amount": 7.25})
    op.upsert("Sales Orders", {"Region": "US", "orderId": 1, "createdAt": "2024-01-03T05:00:00+05:00",
                               "created_at": "later", "Total Amount": 1, "total_amount": 2.5})
    op.checkpoint({"step": 1})
    op.update("Sales Orders", {"orderId": 2, "Region": "EU", "created_at": "2024-02-02"})
    op.delete("Sales Orders", {"Region": "US", "orderId": 1})
    for i in range(4):
        op.upsert("select", {"Order": f"o{i}", "Group": i % 2, "from": f"2024-05-0{i + 1}", "To": "2024-06-01",
                             "desc": "reserved"})
    op.update("select", {"Group": 1, "Order": "o1", "desc": "updated"})
    op.delete("select", {"Order": "o2", "Group": 0})
    op.checkpoint({"step": 2})


connector = Connector(update=update, schema=schema)
