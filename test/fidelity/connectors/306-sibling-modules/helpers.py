# A helper module beside connector.py, as a newcomer splits the code.
import json

LOADED = []


def parse_page(text):
    LOADED.append(__name__)
    return json.loads(text)
