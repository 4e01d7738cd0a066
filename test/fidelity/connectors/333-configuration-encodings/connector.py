# Four runs with configuration.json saved otherwise than as plain UTF-8 (`beforeRun` in cases.ts): with a UTF-8
# byte order mark (as Notepad saves it), as UTF-16 (as PowerShell's `>` writes it), as Latin-1, then as UTF-8 with
# CRLF line ends, which runs. `fivetran debug` refuses the first three before files/ exists, each with its message.
from fivetran_connector_sdk import Connector, Operations as op


def update(configuration, state):
    op.upsert("t", {"id": 1, "configuration": repr(configuration)})
    op.checkpoint({"done": True})


connector = Connector(update=update)
