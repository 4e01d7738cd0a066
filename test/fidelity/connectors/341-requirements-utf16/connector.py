# requirements.txt written by `pip freeze > requirements.txt` in Windows PowerShell 5.1, which saves UTF-16: the
# connector imports and the configuration and state are read, then `fivetran debug` reads requirements.txt as
# UTF-8 to check it and fails, `debug run failed error: 'utf-8' codec can't decode byte 0xff in position 0: …`
# (exit code 1, no files/).
from fivetran_connector_sdk import Connector, Operations as op


def update(configuration, state):
    op.upsert("t", {"id": 1})
    op.checkpoint({"done": True})


connector = Connector(update=update)
