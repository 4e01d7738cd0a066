from fivetran_connector_sdk import Connector
from fivetran_connector_sdk import Logging as log
from fivetran_connector_sdk import Operations as op


def schema(configuration: dict):
    return [{"table": "items", "primary_key": ["id"]}]

def update(configuration: dict, state: dict):
    sftp = None
    ssh = None
    try:
        ssh, sftp = connect(configuration["api_key"])
        op.upsert(table="items", data={"id": 1, "files": len(sftp.listdir())})
        op.checkpoint(state=state)
    finally:
        if sftp is not None:
            try:
                sftp.close()
            except Exception:
                pass
        if ssh is not None:
            try:
                ssh.close()
            except Exception:
                pass


def connect(key):
    raise NotImplementedError(key)


connector = Connector(update=update, schema=schema)

if __name__ == "__main__":
    connector.debug()
