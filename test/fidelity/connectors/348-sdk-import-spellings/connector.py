# The ways a newcomer (or an IDE's auto-import) spells the SDK's imports: its submodules (operations, file_upload,
# form_field, configuration_form, test), names that are not in it, and the Logging levels; each attempt recorded.
import importlib

from fivetran_connector_sdk import Connector, Operations as op, Logging as log

ATTEMPTS = [
    ("import module", "fivetran_connector_sdk.operations", None),
    ("import module", "fivetran_connector_sdk.file_upload", None),
    ("import module", "fivetran_connector_sdk.form_field", None),
    ("import module", "fivetran_connector_sdk.configuration_form", None),
    ("import module", "fivetran_connector_sdk.test", None),
    ("import module", "fivetran_connector_sdk.logger", None),
    ("import module", "fivetran_connector_sdk.connector", None),
    ("name", "fivetran_connector_sdk", "Operations"),
    ("name", "fivetran_connector_sdk", "operations"),
    ("name", "fivetran_connector_sdk", "file_upload"),
    ("name", "fivetran_connector_sdk", "Connector"),
    ("name", "fivetran_connector_sdk", "Logging"),
    ("name", "fivetran_connector_sdk", "FileUpload"),
    ("name", "fivetran_connector_sdk", "ByteStream"),
    ("name", "fivetran_connector_sdk", "Checkpoint"),
    ("name", "fivetran_connector_sdk.operations", "Operations"),
    ("name", "fivetran_connector_sdk.file_upload", "FileUpload"),
]


def attempt(kind, module, name):
    try:
        m = importlib.import_module(module)
        if name is not None:
            getattr(m, name)
        return "ok"
    except Exception as e:
        return type(e).__name__


RESULTS = [(kind, module, name, attempt(kind, module, name)) for kind, module, name in ATTEMPTS]


def update(configuration, state):
    for n, (kind, module, name, outcome) in enumerate(RESULTS):
        op.upsert("imports", {"n": n, "kind": kind, "module": module, "name": name, "outcome": outcome})
    op.upsert("levels", {"id": 1, "names": sorted(level.name for level in log.Level)})
    op.checkpoint({"done": True})


connector = Connector(update=update)
