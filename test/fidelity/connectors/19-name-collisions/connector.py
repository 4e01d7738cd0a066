# Source names that rename to the same destination name: two tables become one, and of two columns a row keeps the first.
from fivetran_connector_sdk import Connector, Operations as op


def update(configuration, state):
    for i in range(3):
        op.upsert("userData", {"userName": f"camel {i}", "user_name": f"snake {i}", "n": i})
        op.upsert("user_data", {"user.name": f"dotted {i}", "n": i + 10})
        op.upsert("User Data", {"User Name": f"spaced {i}", "n": i + 20})
    op.checkpoint({"collided": True})


connector = Connector(update=update)
