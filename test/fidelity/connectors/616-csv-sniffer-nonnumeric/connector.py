# Two CSV feeds from io.StringIO. The first's dialect is guessed with csv.Sniffer (semicolons, decimal commas the user
# converts by hand, has_header()). The second is read with quoting=csv.QUOTE_NONNUMERIC, so every unquoted field is a
# float: the key `id` arrives as 1.0, 2.0 ... into an INT-declared key, and in an undeclared table as floats; a later
# op.update sends the same ids as ints, and op.delete one as a float. An empty unquoted field stays "" (Python 3.11),
# which the INT column refuses: caught, the row goes again with None there. A last legacy export spells the key twice.
import csv
import io

from fivetran_connector_sdk import Connector, Logging as log, Operations as op

EU_FEED = "Artikel;Preis;Menge;Datum\nA1;1,50;3;01.02.2024\nA2;12,00;;15.02.2024\nA3;0,99;1000;\nA1;1,75;4;03.02.2024\n"
NUMERIC_FEED = (
    '"id","name","qty","price","active"\n'
    '1,"alpha",3,9.5,1\n'
    '2,"beta",0,1e3,0\n'
    '3,"gamma",-2,0.1,1\n'
    '4,"delta",,5,1\n'
    '5,"eps","7",2.0,0\n'
    '6.0,"zeta",1e2,nan,1\n'
)


def schema(configuration):
    return [{"table": "items", "primary_key": ["id"], "columns": {"id": "INT", "qty": "INT", "active": "BOOLEAN"}}]


def update(configuration, state):
    sample = EU_FEED[:200]
    dialect = csv.Sniffer().sniff(sample, delimiters=";,")
    header = csv.Sniffer().has_header(sample)
    log.info(f"delimiter {dialect.delimiter!r}, header {header}")
    for row in csv.DictReader(io.StringIO(EU_FEED), dialect=dialect):
        row["Preis"] = float(row["Preis"].replace(",", ".")) if row["Preis"] else None
        row["Menge"] = int(row["Menge"]) if row["Menge"] else None
        day, month, year = row["Datum"].split(".") if row["Datum"] else (None, None, None)
        row["Datum"] = f"{year}-{month}-{day}" if year else None
        op.upsert("eu_articles", row)
    op.checkpoint({"eu": True})

    reader = csv.reader(io.StringIO(NUMERIC_FEED), quoting=csv.QUOTE_NONNUMERIC)
    names = next(reader)
    while True:
        try:
            fields = next(reader)
        except StopIteration:
            break
        except ValueError as e:
            log.warning(f"line {reader.line_num}: {e}")
            continue
        record = dict(zip(names, fields))
        try:
            op.upsert("items", record)
        except ValueError as e:
            log.warning(f"line {reader.line_num}: {e}")
            record = {k: None if v == "" else v for k, v in record.items()}
            op.upsert("items", record)
        op.upsert("items_floats", record)
    op.checkpoint({"eu": True, "items": True})
    op.update("items", {"id": 2, "qty": 5})
    op.update("items_floats", {"id": 2, "qty": 5})
    op.delete("items", {"id": 3.0})
    op.delete("items_floats", {"id": 3})
    op.upsert("items", {"id": "7", "name": "eta", "qty": 1.0, "price": "1,5", "active": 1.0})
    op.checkpoint({"eu": True, "items": True, "fixes": 5})

    # A third export, from the old system: its header spells the key twice ("ID", the legacy id, empty for rows
    # made since, then "id"). Both become `id`, the first kept: a null key, refused at the call (caught), and the
    # next operation fails the sync.
    legacy = "ID,id,name\n,8,theta\n9,9,iota\n"
    for row in csv.DictReader(io.StringIO(legacy)):
        row = {k: v or None for k, v in row.items()}
        try:
            op.upsert("items", row)
        except Exception as e:
            log.warning(f"legacy row {row['id']}: {e}")
    op.checkpoint({"eu": True, "items": True, "fixes": 5, "legacy": True})


connector = Connector(update=update, schema=schema)
