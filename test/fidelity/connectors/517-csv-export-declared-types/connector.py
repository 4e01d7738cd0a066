# An HR CSV export read with csv.DictReader (every value text) into declared types, the way a first connector does:
# the header's names as they are, "" for empty cells. Rows whose values the op call refuses are caught and kept in
# `rejected` with the error, the rest written.
import csv
import os

from fivetran_connector_sdk import Connector, Operations as op

HERE = os.path.dirname(os.path.abspath(__file__))


def schema(configuration):
    return [
        {"table": "employees", "primary_key": ["Employee ID"],
         "columns": {"Employee ID": "INT", "Start Date": "NAIVE_DATE", "Salary": {"type": "DECIMAL", "precision": 12, "scale": 2},
                     "Active": "BOOLEAN", "Manager ID": "INT", "Last Login": "NAIVE_DATETIME", "Rating": "FLOAT"}},
        {"table": "rejected", "primary_key": ["line"]},
    ]


def update(configuration, state):
    with open(os.path.join(HERE, "employees.csv"), newline="", encoding="utf-8") as f:
        for line, row in enumerate(csv.DictReader(f), start=2):
            clean = {k: (v if v != "" else None) for k, v in row.items()}
            for attempt in (row, clean):
                try:
                    op.upsert("employees", attempt)
                    break
                except Exception as e:
                    op.upsert("rejected", {"line": line, "blank_as_none": attempt is clean,
                                           "error": f"{type(e).__name__}: {e}"})
    op.checkpoint({"file": "employees.csv"})


connector = Connector(update=update, schema=schema)
