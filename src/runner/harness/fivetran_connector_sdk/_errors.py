"""The exceptions the shim raises for a refused operation and for op.error(). Not names of fivetran_connector_sdk
itself, which in SDK 3.0.0 has neither (fidelity 532)."""


class ConnectorTask(BaseException):
    """Raised by Operations.error(): the connector asked for the sync to fail. As in the SDK, a BaseException, so
    that a connector's own `except Exception` does not swallow it; and like a refused operation, catching it does
    not save the sync (see _fail in __init__.py)."""

    def __init__(self, message, trace):
        super().__init__("Connector Sdk Task. Message: " + message + ("\n" + trace if trace else ""))


class SdkException(Exception):
    """An operation the SDK's core refuses (a null primary key). As in the SDK, an Exception: a connector may
    catch it, but the sync has failed anyway (see _fail in __init__.py)."""
