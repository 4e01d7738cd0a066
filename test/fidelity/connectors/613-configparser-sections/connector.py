# Store settings kept in an INI file (written next to connector.py by a back-office tool; here by the connector when
# missing) read with configparser: one row per section. Section proxies are mappings, so the user first passes
# config[section] itself (its keys include the [DEFAULT] ones, lower-cased; values are text, with %(name)s
# interpolation), then dict(config.items(section)), then typed values from getint/getfloat/getboolean. A value with a
# bad interpolation raises when read. Keys are case-folded by optionxform; one section is read with it replaced.
# The proxies also go to `store_profiles`, keyed by `name`: before run 2 the back-office tool appends a section without
# a name; the SDK refuses that proxy at the call (caught and logged here), and the next operation fails the sync.
import configparser
import os

from fivetran_connector_sdk import Connector, Logging as log, Operations as op

INI = os.path.join(os.path.dirname(os.path.abspath(__file__)), "stores.ini")
TEXT = """[DEFAULT]
country = US
currency = USD
open = yes

[store:1]
Name = Downtown
City = Springfield
Max Staff = 12
rating = 4.5
label = %(name)s (%(city)s)

[store:2]
name = Airport
city = Shelbyville
max staff = 0x1F
rating = 4
open = off
currency =

[store:3]
name = Mall
max staff = -3
rating = nan
label = 100%% sure
notes = first line
    second line
      third, indented

[store:4]
name = Broken
label = %(missing)s
"""


def schema(configuration):
    return [
        {"table": "stores", "primary_key": ["section"], "columns": {"max staff": "INT", "rating": "FLOAT", "open": "BOOLEAN"}},
        {"table": "store_profiles", "primary_key": ["name"], "columns": {"rating": "STRING"}},
    ]


def update(configuration, state):
    if not os.path.exists(INI):
        with open(INI, "w", encoding="utf-8") as f:
            f.write(TEXT)
    config = configparser.ConfigParser()
    config.read(INI, encoding="utf-8")
    for section in config.sections():
        proxy = config[section]
        try:
            op.upsert("store_settings", proxy)
        except Exception as e:
            log.warning(f"{section} as a proxy: {type(e).__name__}: {e}")
        try:
            op.upsert("store_profiles", config[section] if section != "store:4" else config.items(section, raw=True))
        except Exception as e:
            log.warning(f"{section} profile: {type(e).__name__}: {e}")
        try:
            op.upsert("store_settings_items", {"section": section, **dict(config.items(section))})
        except configparser.Error as e:
            log.warning(f"{section}: {type(e).__name__}")
            op.upsert("store_settings_items", {"section": section, **dict(config.items(section, raw=True))})
        try:
            record = {
                "section": section,
                "name": proxy.get("name"),
                "max staff": proxy.getint("max staff", fallback=None),
                "rating": proxy.getfloat("rating", fallback=None),
                "open": proxy.getboolean("open"),
                "currency": proxy.get("currency") or None,
                "notes": proxy.get("notes", fallback=None),
            }
        except ValueError as e:
            log.warning(f"{section}: {e}")
            record = {"section": section, "name": proxy.get("name"), "max staff": int(proxy["max staff"], 0),
                      "rating": float(proxy["rating"]), "open": proxy.getboolean("open")}
        op.upsert("stores", record)
    op.checkpoint({"sections": config.sections(), "defaults": dict(config.defaults())})
    cased = configparser.ConfigParser(interpolation=None)
    cased.optionxform = str
    cased.read(INI, encoding="utf-8")
    op.upsert("store_settings_cased", {"section": "store:1", **cased["store:1"]})
    op.checkpoint({"sections": config.sections(), "cased": list(cased["store:1"])})


connector = Connector(update=update, schema=schema)
