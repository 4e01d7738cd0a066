# Readings from an Indonesian archive: some numbers come in Kawi script, some in Nag Mundari (digits Unicode added
# in 15.0, after the Unicode of Python 3.11), most in ASCII. The connector sends them as the API gives them, as
# text, and lets the types be inferred.
from fivetran_connector_sdk import Connector, Operations as op

READINGS = [
    ("ascii", "42", " 7 ", "3.5"),
    ("kawi", "\U00011f54\U00011f52", "\U00011f57", "\U00011f53.\U00011f55"),
    ("nag-mundari", "\U0001e4f4\U0001e4f2", "\U0001e4f7", "\U0001e4f3.\U0001e4f5"),
]


def update(configuration, state):
    for i, (script, whole, padded, fraction) in enumerate(READINGS):
        op.upsert("readings", {"id": i, "script": script, "whole": whole, "padded": padded, "fraction": fraction})
        # A column of one script only: its type comes from these values alone.
        op.upsert("by_script_" + script.replace("-", "_"), {"id": i, "whole": whole, "fraction": fraction})
    op.checkpoint({"done": True})


connector = Connector(update=update)
