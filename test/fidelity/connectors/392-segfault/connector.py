# A native extension crashing (here ctypes reading address 0) after a checkpoint: the process dies by SIGSEGV (139)
# with faulthandler's dump, no verdict; the rows after the checkpoint are lost.
import ctypes

from fivetran_connector_sdk import Connector, Operations as op


def update(configuration: dict, state: dict):
    op.upsert("t", {"id": 1})
    op.checkpoint({"a": 1})
    op.upsert("t", {"id": 2})
    ctypes.string_at(0)


connector = Connector(update=update)
