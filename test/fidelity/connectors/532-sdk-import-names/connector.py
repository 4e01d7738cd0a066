# Names a connector (or code written for another SDK release, or by an assistant) imports from the SDK, each tried
# as `from fivetran_connector_sdk import <name>` and `import fivetran_connector_sdk.<name>`: whether it works, or the
# exception's type. Also the names `import *` brings and the public names the module has. One row per name.
import importlib

import fivetran_connector_sdk
from fivetran_connector_sdk import Connector, Operations as op

NAMES = [
    "Connector", "Operations", "Logging", "ConfigurationForm", "Test", "form_field", "FileUpload", "ByteStream",
    "configuration_form", "file_upload", "operations", "test", "SdkException", "ConnectorTask", "OperationError",
    "Level", "LogIcon", "logger", "constants", "helpers", "connector_helper", "protos", "common_pb2",
    "connector_sdk_pb2", "ConnectorSdkException", "State", "Schema", "cli", "debug", "__version__",
]


def try_from(name):
    scope = {}
    try:
        exec("from fivetran_connector_sdk import %s as got" % name, scope)
    except Exception as e:
        return type(e).__name__
    return "ok: " + type(scope["got"]).__name__


def try_import(name):
    try:
        importlib.import_module("fivetran_connector_sdk." + name)
    except Exception as e:
        return type(e).__name__
    return "ok"


def update(configuration, state):
    for name in NAMES:
        op.upsert("sdk_names", {"name": name, "from_import": try_from(name), "submodule": try_import(name)})
    star = {}
    exec("from fivetran_connector_sdk import *", star)
    op.upsert("sdk_names", {"name": "import *", "from_import": ",".join(sorted(k for k in star if k != "__builtins__"))})
    public = sorted(n for n in dir(fivetran_connector_sdk) if not n.startswith("_") and n[:1].isupper())
    op.upsert("sdk_names", {"name": "public classes", "from_import": ",".join(public)})
    op.checkpoint({"done": True})


connector = Connector(update=update)
