# Settings shared by connector.py, read as the module loads.
import json
import os

DEFAULTS = {"page_size": 100}


class SettingsError(Exception):
    pass


def load():
    path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "configuration.json")
    with open(path, encoding="utf-8") as f:
        raw = json.load(f)
    try:
        return {"page_size": int(raw["page_size"]), "region": raw["région"]}
    except KeyError as e:
        err = SettingsError(f"réglage manquant: {e.args[0]!r}\nvoir le fichier LISEZMOI ✓")
        err.add_note("hint: add it to configuration.json")
        raise err from e


SETTINGS = load()
