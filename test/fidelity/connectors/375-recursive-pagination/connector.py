# Recursive pagination (each page fetches the next by calling itself) over 975 pages with Python's default recursion
# limit: how deep the stack already is when update() runs decides whether it ends in a RecursionError.
import sys

from fivetran_connector_sdk import Connector, Operations as op


def fetch(page, last):
    if page % 100 == 0:
        op.upsert("pages", {"page": page})
    if page < last:
        fetch(page + 1, last)


def update(configuration: dict, state: dict):
    op.upsert("limits", {"limit": sys.getrecursionlimit()})
    fetch(1, 975)
    op.checkpoint({"done": True})


connector = Connector(update=update)
