# Column and table names that differ only by case, accents and punctuation: "Café", "cafe", "CAFÉ", "café!" and
# tables "Résumé" and "resume". The SDK's renaming decides which land in one column.
from fivetran_connector_sdk import Connector, Operations as op


def update(configuration, state):
    op.upsert("Résumé", {"id": 1, "Café": "a", "cafe": "b"})
    op.upsert("resume", {"id": 2, "CAFÉ": "c", "café!": "d"})
    op.upsert("RESUME", {"id": 3, "Naïve Column": 1, "naive_column": 2})
    op.upsert("straße", {"id": 4, "Größe": "L", "grosse": "M"})
    op.checkpoint({"done": 1})


connector = Connector(update=update)
