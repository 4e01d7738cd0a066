import type { Overlay } from "./template.js";

/**
 * One case per rule: a short reason, a bad and a fixed project (both built from the clean template),
 * and the options the rule needs. The rule docs in resources/lint-rules reuse the why/bad/fixed text.
 */
export interface RuleCase {
  why: string;
  bad: Overlay;
  good: Overlay;
  /** The part of the overlay shown in the doc (defaults to the update body or the file that changed). */
  profile?: "guidelines" | "sdk" | "fivetran-examples";
  targetSdk?: string;
  /** Severity expected on the bad fixture when it differs from the rule's default. */
  severity?: "error" | "warning" | "info";
}

const up = (body: string): Overlay => ({ py: { update: body } });
const helper = (helpers: string, body?: string, imports?: string): Overlay => ({ py: { helpers, update: body, imports } });
const schemaOf = (schema: string, body?: string): Overlay => ({ py: { schema, update: body } });
const cfg = (config: string): Overlay => ({ config });
const req = (requirements: string, imports?: string): Overlay => ({ requirements, py: { imports } });

export const CASES: Record<string, RuleCase> = {
  FT001: {
    why: "Fivetran imports connector.py from the project root. If it is missing or has a syntax error, nothing runs.",
    bad: { files: { "connector.py": "def update(configuration, state:\n    pass\n" } },
    good: {},
  },
  FT002: {
    why: "A module that calls op, log or Connector without importing them fails with NameError when it is imported. Each helper module needs its own imports.",
    bad: { files: { "helpers.py": 'def write(row):\n    op.upsert(table="items", data=row)\n' } },
    good: { files: { "helpers.py": 'from fivetran_connector_sdk import Operations as op\n\n\ndef write(row):\n    op.upsert(table="items", data=row)\n' } },
  },
  FT003: {
    why: "Production imports connector.py and looks for the module-level Connector object. Code under the __main__ guard never runs there, so a connector created only there does not exist.",
    bad: {
      files: {
        "connector.py":
          'import json\nfrom fivetran_connector_sdk import Connector\nfrom fivetran_connector_sdk import Operations as op\n\n\ndef update(configuration, state):\n    op.upsert(table="items", data={"id": 1})\n    op.checkpoint(state=state)\n\n\nif __name__ == "__main__":\n    connector = Connector(update=update)\n    connector.debug()\n',
      },
    },
    good: {},
  },
  FT004: {
    why: "update is the one method the SDK requires. Passing nothing, a misspelt name or the result of calling it leaves the connector with nothing to run.",
    bad: {
      py: { tail: "\nbroken = Connector(update=update())" },
      files: {
        "connector.py":
          'from fivetran_connector_sdk import Connector\nfrom fivetran_connector_sdk import Operations as op\n\n\ndef sync(configuration, state):\n    op.upsert(table="items", data={"id": 1})\n    op.checkpoint(state=state)\n\n\nconnector = Connector(update=sync())\n',
      },
    },
    good: {},
  },
  FT005: {
    why: "The SDK calls update(configuration, state) and schema(configuration). A different number of parameters raises TypeError as soon as the sync starts.",
    bad: {
      files: {
        "connector.py":
          'from fivetran_connector_sdk import Connector\nfrom fivetran_connector_sdk import Operations as op\n\n\ndef update(configuration):\n    op.upsert(table="items", data={"id": 1})\n    op.checkpoint(state={})\n\n\nconnector = Connector(update=update)\n',
      },
    },
    good: {},
  },
  FT006: {
    why: "op.Operation does not exist. Annotations are evaluated when the def runs, so the module fails to import. Plain dict hints are all the SDK needs.",
    bad: {
      files: {
        "connector.py":
          'from fivetran_connector_sdk import Connector\nfrom fivetran_connector_sdk import Operations as op\n\n\ndef update(configuration: dict, state: dict) -> op.Operation:\n    op.upsert(table="items", data={"id": 1})\n    op.checkpoint(state=state)\n\n\nconnector = Connector(update=update)\n',
      },
    },
    good: {},
  },
  FT007: {
    why: "update() communicates only through operations; a returned value is ignored and usually means data that was never written.",
    bad: up('    rows = [{"id": 1}]\n    for row in rows:\n        op.upsert(table="items", data=row)\n    op.checkpoint(state=state)\n    return rows'),
    good: {},
  },
  FT008: {
    why: "A connector that never calls op.upsert, op.update, op.delete or op.truncate delivers no data. `fivetran debug` (SDK 3.0.0) still ends such a sync with SYNC SUCCEEDED, so the sdk profile reports it as a warning.",
    bad: up('    log.info("nothing to do")\n    op.checkpoint(state=state)'),
    good: {},
  },
  FT009: {
    why: "Fivetran commits written rows at checkpoints. Without one, a sync saves no progress, and the next sync starts over. `fivetran debug` (SDK 3.0.0) runs such a connector to SYNC SUCCEEDED and only warns, so the sdk profile reports it as a warning.",
    bad: up('    for row in [{"id": 1}]:\n        op.upsert(table="items", data=row)'),
    good: {},
  },
  FT010: {
    why: "A pagination or streaming loop that writes but never checkpoints loses all progress when the sync fails halfway, and long syncs commit nothing until the end.",
    bad: helper(
      'def pages(since):\n    yield [{"id": 1}]\n',
      '    for page in pages(state.get("since")):\n        for row in page:\n            op.upsert(table="items", data=row)\n    op.checkpoint(state=state)',
    ),
    good: helper(
      'def pages(since):\n    yield [{"id": 1}]\n',
      '    for page in pages(state.get("since")):\n        for row in page:\n            op.upsert(table="items", data=row)\n        op.checkpoint(state=state)',
    ),
  },
  FT011: {
    why: "Rows written after the last checkpoint are not covered by the saved state, and truncates take effect only at a checkpoint. End update() with a checkpoint.",
    bad: up('    op.checkpoint(state=state)\n    op.upsert(table="items", data={"id": 1})'),
    good: {},
  },
  FT012: {
    why: "Checkpointing after every record multiplies state writes and slows the sync. Checkpoint per page or every N records.",
    bad: up('    for row in [{"id": 1}, {"id": 2}]:\n        op.upsert(table="items", data=row)\n        op.checkpoint(state=state)'),
    good: {},
  },
  FT013: {
    why: "The state must be a dict. A string, a list or json.dumps(state) is rejected or double-encoded.",
    bad: up('    op.upsert(table="items", data={"id": 1})\n    op.checkpoint(json.dumps(state))'),
    good: {},
  },
  FT014: {
    why: "op.checkpoint() serialises the state with json.dumps. A datetime, Decimal or set in it raises TypeError, often hours into a sync.",
    bad: {
      py: {
        imports: "from datetime import datetime, timezone",
        update: '    op.upsert(table="items", data={"id": 1})\n    state["last_sync"] = datetime.now(timezone.utc)\n    op.checkpoint(state=state)',
      },
    },
    good: {
      py: {
        imports: "from datetime import datetime, timezone",
        update: '    op.upsert(table="items", data={"id": 1})\n    state["last_sync"] = datetime.now(timezone.utc).isoformat()\n    op.checkpoint(state=state)',
      },
    },
  },
  FT015: {
    why: "State is stored unencrypted. Tokens and passwords belong in the configuration, and short-lived tokens should be fetched again on each sync.",
    bad: up('    op.upsert(table="items", data={"id": 1})\n    state["access_token"] = "abc"\n    op.checkpoint(state=state)'),
    good: up('    op.upsert(table="items", data={"id": 1})\n    state["token_expires_at"] = "2024-01-01"\n    op.checkpoint(state=state)'),
  },
  FT016: {
    why: "State must stay small (under 10 MB). Appending record ids to it makes it grow with the data until syncs fail.",
    bad: up('    state.setdefault("ids", [])\n    for row in [{"id": 1}]:\n        op.upsert(table="items", data=row)\n        state["ids"].append(row["id"])\n    op.checkpoint(state=state)'),
    good: {},
  },
  FT017: {
    why: "If the cursor is checkpointed before its record is written and the write then fails, the next sync starts after that record and skips it.",
    bad: up(
      '    for row in [{"id": 1, "updated_at": "x"}]:\n        state["cursor"] = row["updated_at"]\n        op.checkpoint(state=state)\n        op.upsert(table="items", data=row)\n    op.checkpoint(state=state)',
    ),
    good: up('    for row in [{"id": 1, "updated_at": "x"}]:\n        op.upsert(table="items", data=row)\n        state["cursor"] = row["updated_at"]\n    op.checkpoint(state=state)'),
  },
  FT018: {
    why: 'On the first sync, and after a full re-sync, the state is {}. state["key"] then raises KeyError; read it with .get() and a default.',
    bad: up('    cursor = state["cursor"]\n    op.upsert(table="items", data={"id": 1, "cursor": cursor})\n    op.checkpoint(state=state)'),
    good: up('    cursor = state["cursor"] if "cursor" in state else None\n    op.upsert(table="items", data={"id": 1, "cursor": cursor})\n    op.checkpoint(state=state)'),
  },
  FT020: {
    why: "Since SDK 2.0 operations are plain calls; yield is a leftover of the old generator protocol. It still works, but mixing styles causes bugs. The seed guidelines still show yield, so the default profile does not report it.",
    profile: "sdk",
    bad: helper('def sync_items(state):\n    yield op.upsert(table="items", data={"id": 1})\n    yield op.checkpoint(state=state)\n', "    yield from sync_items(state)"),
    good: {},
  },
  FT021: {
    why: "Before SDK 2.0, operations return objects that must be yielded. A bare op.upsert() is silently dropped in production.",
    targetSdk: "1.8.0",
    bad: {},
    good: helper('def sync_items(state):\n    yield op.upsert(table="items", data={"id": 1})\n    yield op.checkpoint(state=state)\n', "    yield from sync_items(state)"),
  },
  FT022: {
    why: "Calling a function that contains yield only creates a generator; none of its body runs. Operations inside it never happen.",
    bad: helper('def sync_items(state):\n    for row in [{"id": 1}]:\n        op.upsert(table="items", data=row)\n        yield row\n', "    sync_items(state)\n    op.checkpoint(state=state)"),
    good: helper(
      'def sync_items(state):\n    for row in [{"id": 1}]:\n        op.upsert(table="items", data=row)\n        yield row\n',
      "    for _ in sync_items(state):\n        pass\n    op.checkpoint(state=state)",
    ),
  },
  FT023: {
    why: "Yielded and direct operations in one project usually mean a half-finished migration, the usual source of generators that never run.",
    bad: up('    yield op.upsert(table="items", data={"id": 1})\n    op.checkpoint(state=state)'),
    good: {},
  },
  FT024: {
    why: "Operations has upsert, update, delete, truncate and checkpoint (plus error and warning in recent SDKs). Any other name raises AttributeError mid-sync.",
    bad: up('    op.insert(table="items", data={"id": 1})\n    op.checkpoint(state=state)'),
    good: {},
  },
  FT030: {
    why: "schema() returns a list of dicts with table, primary_key and columns. The SDK silently ignores other keys, so a misspelt primary_key leaves the table without a key.",
    bad: schemaOf('[{"table": "items", "primary_keys": ["id"]}]'),
    good: {},
  },
  FT031: {
    why: "Column types must be one of the SDK's names (STRING, INT, LONG, UTC_DATETIME, JSON, ...) or a DECIMAL dict with precision and scale; anything else is rejected.",
    bad: schemaOf('[{"table": "items", "primary_key": ["id"], "columns": {"id": "INTEGER"}}]'),
    good: schemaOf('[{"table": "items", "primary_key": ["id"], "columns": {"id": "INT"}}]'),
  },
  FT032: {
    why: "The seed guidelines ask schema() to declare only tables and primary keys and let Fivetran infer the rest. Declare a type only where inference gets it wrong (JSON, DECIMAL, datetime flavour).",
    bad: schemaOf('[{"table": "items", "primary_key": ["id"], "columns": {"id": "INT", "name": "STRING"}}]'),
    good: {},
    severity: "info",
  },
  FT034: {
    why: "Without a primary key Fivetran hashes every value into _fivetran_id. Updates then create new rows, and deletes cannot find the old ones.",
    bad: schemaOf('[{"table": "items"}]'),
    good: {},
  },
  FT035: {
    why: 'primary_key is a list. A string is iterated letter by letter, so "id" becomes two key columns, i and d.',
    bad: schemaOf('[{"table": "items", "primary_key": "id"}]'),
    good: {},
  },
  FT036: {
    why: "A table written under a name schema() does not declare becomes a separate table, often with no primary key. Differently spelt names split or merge data.",
    bad: up('    op.upsert(table="item", data={"id": 1})\n    op.checkpoint(state=state)'),
    good: {},
  },
  FT037: {
    why: "The destination renames tables and columns to lowercase snake_case. Names that collide after renaming, and reserved words, break syncs or local debug.",
    bad: up('    op.upsert(table="items", data={"id": 1, "userName": "a", "user_name": "b"})\n    op.checkpoint(state=state)'),
    good: {},
    severity: "error",
  },
  FT038: {
    why: "op.update and op.delete find rows by primary key. A dict without every key column cannot identify the row.",
    bad: schemaOf(
      '[{"table": "items", "primary_key": ["id", "region"]}]',
      '    op.upsert(table="items", data={"id": 1, "region": "eu"})\n    op.delete(table="items", keys={"id": 1})\n    op.checkpoint(state=state)',
    ),
    good: schemaOf(
      '[{"table": "items", "primary_key": ["id", "region"]}]',
      '    op.upsert(table="items", data={"id": 1, "region": "eu"})\n    op.delete(table="items", keys={"id": 1, "region": "eu"})\n    op.checkpoint(state=state)',
    ),
  },
  FT039: {
    why: "Declaring one table twice is ambiguous, and the SDK rejects it.",
    bad: schemaOf('[{"table": "items", "primary_key": ["id"]}, {"table": "items", "primary_key": ["id"]}]'),
    good: {},
  },
  FT040: {
    why: "Only the SDK's Logging reaches the Fivetran dashboard; print() output is lost in production.",
    bad: up('    print("sync started")\n    op.upsert(table="items", data={"id": 1})\n    op.checkpoint(state=state)'),
    good: {},
  },
  FT041: {
    why: "Python's logging and third-party loggers do not reach the Fivetran dashboard. Use the SDK's Logging.",
    bad: { py: { imports: "import logging\n\nlogger = logging.getLogger(__name__)" } },
    good: {},
  },
  FT042: {
    why: "Logging has debug, info, warning, error, critical (and the deprecated fine and severe). Habits from Python logging such as log.warn or log.exception raise AttributeError.",
    bad: up('    log.warn("careful")\n    op.upsert(table="items", data={"id": 1})\n    op.checkpoint(state=state)'),
    good: {},
  },
  FT043: {
    why: "log.error, log.debug and log.critical exist only from SDK 2.8.2. Older SDKs have fine, info, warning and severe.",
    targetSdk: "2.8.1",
    bad: up('    log.error("bad")\n    op.upsert(table="items", data={"id": 1})\n    op.checkpoint(state=state)'),
    good: up('    log.severe("bad")\n    op.upsert(table="items", data={"id": 1})\n    op.checkpoint(state=state)'),
  },
  FT044: {
    why: "Since SDK 2.8.2 log.fine and log.severe are deprecated in favour of log.debug and log.error. They still work.",
    bad: up('    log.severe("bad")\n    op.upsert(table="items", data={"id": 1})\n    op.checkpoint(state=state)'),
    good: {},
  },
  FT045: {
    why: "Logging once per record floods the log and hits the production rate limit. Log per page or every N records.",
    bad: up('    for row in [{"id": 1}]:\n        op.upsert(table="items", data=row)\n        log.info("wrote a row")\n    op.checkpoint(state=state)'),
    good: {},
  },
  FT046: {
    why: "Logs are visible to everyone with dashboard access. Secrets, the whole configuration or full records must not appear in them.",
    bad: up('    api_key = configuration["api_key"]\n    log.info(f"using key {api_key}")\n    op.upsert(table="items", data={"id": 1})\n    op.checkpoint(state=state)'),
    good: up('    api_key = configuration["api_key"]\n    log.info(f"using a key of {len(api_key)} characters")\n    op.upsert(table="items", data={"id": 1})\n    op.checkpoint(state=state)'),
  },
  FT047: {
    why: "The SDK sets the log level only when a sync starts. A log call at import time compares against None and raises TypeError, so the module fails to import. That includes log calls in functions that run during the import: called by module-level code (directly or through other functions), a class instantiated there, a decorator, a default argument or a class body. A module-level log line is moved into update() by the fix; for a function, call it from update() instead.",
    bad: { py: { helpers: 'def announce():\n    log.info("helpers ready")\n', tail: '\nlog.info("module loaded")\nannounce()' } },
    good: {
      py: {
        helpers: 'def announce():\n    log.info("helpers ready")\n',
        update: '    log.info("module loaded")\n    announce()\n    op.upsert(table="items", data={"id": 1})\n    op.checkpoint(state=state)',
      },
    },
  },
  FT048: {
    why: "Logging methods take one message string (error, severe and critical also take an exception). Extra arguments raise TypeError, and a dict message breaks local debug.",
    bad: up('    n = 1\n    log.info("rows: %s", n)\n    op.upsert(table="items", data={"id": 1})\n    op.checkpoint(state=state)'),
    good: up('    n = 1\n    log.info(f"rows: {n}")\n    op.upsert(table="items", data={"id": 1})\n    op.checkpoint(state=state)'),
  },
  FT050: {
    why: "configuration.json must be strict JSON holding one object. Comments, trailing commas and single quotes make the SDK refuse the file.",
    bad: cfg('{\n  // the key\n  "api_key": "<YOUR_API_KEY>"\n}\n'),
    good: {},
  },
  FT051: {
    why: 'Every configuration value must be a string; the SDK stops with "all values must be strings". Convert in code instead.',
    bad: cfg('{\n  "api_key": "<YOUR_API_KEY>",\n  "page_size": 100\n}\n'),
    good: cfg('{\n  "api_key": "<YOUR_API_KEY>",\n  "page_size": "100"\n}\n'),
  },
  FT052: {
    why: "Configuration is a flat map of strings. Put structured values in a JSON string and parse it in code.",
    bad: cfg('{\n  "api_key": "<YOUR_API_KEY>",\n  "regions": ["eu", "us"]\n}\n'),
    good: {},
  },
  FT053: {
    why: "A key the code requires but configuration.json lacks fails with KeyError on the first run, and users cannot know they must set it.",
    bad: up('    region = configuration["region"]\n    op.upsert(table="items", data={"id": 1, "region": region})\n    op.checkpoint(state=state)'),
    good: {
      ...up('    region = configuration["region"]\n    op.upsert(table="items", data={"id": 1, "region": region})\n    op.checkpoint(state=state)'),
      config: '{\n  "api_key": "<YOUR_API_KEY>",\n  "region": "<YOUR_REGION>"\n}\n',
    },
  },
  FT054: {
    why: "Unused configuration keys confuse users and widen what can leak. Remove keys the code never reads.",
    bad: cfg('{\n  "api_key": "<YOUR_API_KEY>",\n  "legacy_token": "<YOUR_LEGACY_TOKEN>"\n}\n'),
    good: {},
  },
  FT055: {
    why: "Page sizes, retries and timeouts are code decisions; users rarely need to set them. Keep them as constants unless they must be tunable.",
    bad: {
      config: '{\n  "api_key": "<YOUR_API_KEY>",\n  "page_size": "100"\n}\n',
      py: { update: '    size = int(configuration.get("page_size", "100"))\n    op.upsert(table="items", data={"id": size})\n    op.checkpoint(state=state)' },
    },
    good: {},
  },
  FT056: {
    why: "configuration.json is easy to commit by accident. It should hold placeholders; a real key that was shared must be rotated.",
    bad: cfg('{\n  "api_key": "AKIAIOSFODNN7EXAMPLQ"\n}\n'),
    good: {},
  },
  FT057: {
    why: "Deploy rejects configurations with more than 100 fields.",
    bad: cfg(`{\n${Array.from({ length: 101 }, (_, i) => `  "api_key${i ? `_${i}` : ""}": "<X>"`).join(",\n")}\n}\n`),
    good: {},
  },
  FT058: {
    why: 'Configuration values are strings, so "false" is truthy and "30" * 2 is "3030". Convert before using them as booleans or numbers.',
    bad: up('    if configuration.get("include_archived"):\n        log.info("archived too")\n    op.upsert(table="items", data={"id": 1})\n    op.checkpoint(state=state)'),
    good: up(
      '    if str(configuration.get("include_archived", "false")).lower() == "true":\n        log.info("archived too")\n    op.upsert(table="items", data={"id": 1})\n    op.checkpoint(state=state)',
    ),
  },
  FT059: {
    why: "The configuration belongs to Fivetran; changes to it are not saved and hide which values users really set. Copy into local variables.",
    bad: up('    configuration["base_url"] = configuration.get("base_url") or "https://api.example.com"\n    op.upsert(table="items", data={"id": 1})\n    op.checkpoint(state=state)'),
    good: up('    base_url = configuration.get("base_url") or "https://api.example.com"\n    op.upsert(table="items", data={"id": 1, "url": base_url})\n    op.checkpoint(state=state)'),
  },
  FT05A: {
    why: "configuration.json is not deployed. Connector code must use the configuration argument; reading the file works locally and fails in production.",
    bad: helper('def load():\n    with open("configuration.json") as f:\n        return json.load(f)\n'),
    good: {},
  },
  FT05B: {
    why: 'open("/configuration.json") reads from the filesystem root and a bare relative path depends on the current folder. Anchor the path to the connector file.',
    bad: { py: { main: 'if __name__ == "__main__":\n    with open("/configuration.json", "r") as f:\n        configuration = json.load(f)\n    connector.debug(configuration=configuration)' } },
    good: {},
  },
  FT05C: {
    why: "A __main__ block calling connector.debug() lets you run the connector with python connector.py and a debugger.",
    bad: { py: { main: "" } },
    good: {},
  },
  FT05D: {
    why: "Validating the configuration first turns a missing or malformed value into a clear message instead of a KeyError deep in the sync. A connector whose update() (and the functions it hands the configuration to) never reads the configuration has nothing to validate and is not reported.",
    bad: {
      files: {
        "connector.py":
          'from fivetran_connector_sdk import Connector\nfrom fivetran_connector_sdk import Operations as op\n\n\ndef update(configuration, state):\n    op.upsert(table="items", data={"id": 1, "region": configuration["region"]})\n    op.checkpoint(state=state)\n\n\nconnector = Connector(update=update)\n',
      },
    },
    good: {},
  },
  FT05F: {
    why: "fivetran debug (SDK 3.0) refuses to run a connector folder without configuration.json, and a new connection is deployed with it. Create it: {} when the connector needs no settings, else one key per setting the code reads, with <UPPER_SNAKE> placeholders in place of real values.",
    bad: { config: null },
    good: cfg('{\n  "api_key": "<API_KEY>"\n}\n'),
  },
  FT05E: {
    why: '__name__ is "__main__" when the file is run. Any other comparison is never true, so the debug block silently does nothing. `fivetran debug` never runs that block, so the sdk profile reports it as a warning.',
    bad: { py: { main: 'if __name__ == "main":\n    connector.debug()' } },
    good: {},
  },
  FT060: {
    why: "The SDK is pre-installed in the runtime. Declaring it can conflict with the runtime's own copy.",
    bad: req("fivetran-connector-sdk==2.0.0\n"),
    good: {},
  },
  FT061: {
    why: "requests is pre-installed in the runtime. Declaring it can conflict with the runtime's own copy.",
    bad: req("requests==2.32.3\n"),
    good: {},
  },
  FT062: {
    why: "Unpinned requirements install whatever is newest at deploy time, so a release can break a connector that has not changed.",
    bad: req("pandas>=2.0\n", "import pandas"),
    good: req("pandas==2.2.2\n", "import pandas"),
  },
  FT063: {
    why: "Every library the connector imports must be listed (except the standard library, requests and the SDK), or the sync fails with ImportError. The suggestion pins the version installed in the environment the connector runs with locally (FIVETRAN_CONNECTOR_PYTHON's venv, else the project's .venv or venv) and takes the distribution's name from it; without one it asks for the version you tested.",
    bad: req("", "import yaml"),
    good: req("PyYAML==6.0.1\n", "import yaml"),
  },
  FT064: {
    why: "Requirements nothing imports slow deploys and can conflict with other packages.",
    bad: req("boto3==1.34.0\n"),
    good: req("boto3==1.34.0\n", "import boto3"),
  },
  FT065: {
    why: "When pyproject.toml declares dependencies, requirements.txt is ignored. Keep one file.",
    bad: { requirements: "pyyaml==6.0.1\n", files: { "pyproject.toml": '[project]\nname = "x"\ndependencies = ["pyyaml==6.0.1"]\n' }, py: { imports: "import yaml" } },
    good: { requirements: "pyyaml==6.0.1\n", py: { imports: "import yaml" } },
  },
  FT066: {
    why: "Standard-library modules come with Python. The PyPI packages with the same names are old back-ports or squatted names.",
    bad: req("json==2.0.9\n"),
    good: {},
  },
  FT067: {
    why: "Some database drivers need system libraries that the runtime lacks. Install them with drivers/installation.sh, or use a binary wheel.",
    bad: req("pyodbc==5.1.0\n", "import pyodbc"),
    good: { ...req("pyodbc==5.1.0\n", "import pyodbc"), files: { "drivers/installation.sh": "#!/bin/sh\napt-get install -y unixodbc\n" } },
  },
  FT070: {
    why: "exit() and sys.exit() bypass the SDK's error reporting, and os._exit kills the runtime. Raise an exception to fail the sync, or return to stop early.",
    bad: { py: { imports: "import sys", update: '    rows = []\n    if not rows:\n        sys.exit("no data")\n    op.checkpoint(state=state)\n    op.upsert(table="items", data={"id": 1})' } },
    good: {},
  },
  FT071: {
    why: "A broad except that does nothing hides failures: the sync succeeds with missing data. Catch specific errors and re-raise, or log what was skipped.",
    bad: up('    try:\n        op.upsert(table="items", data={"id": 1})\n    except Exception:\n        pass\n    op.checkpoint(state=state)'),
    good: up('    try:\n        op.upsert(table="items", data={"id": 1})\n    except Exception as e:\n        raise RuntimeError("write failed") from e\n    op.checkpoint(state=state)'),
  },
  FT072: {
    why: "Raising a new exception inside except without from e loses the original traceback that Fivetran shows in the dashboard.",
    bad: up('    try:\n        op.upsert(table="items", data={"id": 1})\n    except ValueError as e:\n        raise RuntimeError("write failed")\n    op.checkpoint(state=state)'),
    good: {},
  },
  FT073: {
    why: "requests has no default timeout. A server that stops answering hangs the sync until Fivetran kills it.",
    bad: helper("def fetch(url):\n    response = requests.get(url)\n    response.raise_for_status()\n    return response.json()\n", undefined, "import requests"),
    good: helper("def fetch(url):\n    response = requests.get(url, timeout=30)\n    response.raise_for_status()\n    return response.json()\n", undefined, "import requests"),
  },
  FT074: {
    why: "Without a status check an error page is parsed as data, or fails later with a confusing KeyError.",
    bad: helper('def fetch(url):\n    response = requests.get(url, timeout=30)\n    return response.json()["data"]\n', undefined, "import requests"),
    good: {},
  },
  FT075: {
    why: "APIs fail transiently and rate-limit. Without retries with backoff and 429 handling, one hiccup fails the sync.",
    bad: helper("def fetch(url):\n    response = requests.get(url, timeout=30)\n    response.raise_for_status()\n    return response.json()\n", undefined, "import requests"),
    good: helper(
      'def fetch(url):\n    for attempt in range(5):\n        response = requests.get(url, timeout=30)\n        if response.status_code == 429:\n            time.sleep(2 ** attempt)\n            continue\n        response.raise_for_status()\n        return response.json()\n    raise RuntimeError("rate limited")\n',
      undefined,
      "import time\n\nimport requests",
    ),
  },
  FT076: {
    why: "A retry loop without a cap retries a permanent failure forever; a constant wait hammers a struggling server. Cap attempts and back off exponentially.",
    bad: helper(
      "def fetch(url):\n    while True:\n        try:\n            response = requests.get(url, timeout=30)\n            response.raise_for_status()\n            return response.json()\n        except requests.exceptions.RequestException:\n            time.sleep(5)\n",
      undefined,
      "import time\n\nimport requests",
    ),
    good: {},
  },
  FT077: {
    why: "Unhandled network or database errors still fail the sync, but with a bare traceback. Wrapping them adds what was being fetched.",
    bad: helper("def fetch(url):\n    response = requests.get(url, timeout=30)\n    response.raise_for_status()\n    return response.json()\n", undefined, "import requests"),
    good: helper(
      'def fetch(url):\n    try:\n        response = requests.get(url, timeout=30)\n        response.raise_for_status()\n    except requests.exceptions.RequestException as e:\n        raise RuntimeError(f"fetching {url} failed") from e\n    return response.json()\n',
      undefined,
      "import requests",
    ),
  },
  FT078: {
    why: "Turning off certificate or host-key checks lets anyone on the path read credentials and data.",
    bad: helper("def fetch(url):\n    response = requests.get(url, timeout=30, verify=False)\n    response.raise_for_status()\n    return response.json()\n", undefined, "import requests"),
    good: {},
  },
  FT080: {
    why: "A loop whose condition never changes and that never breaks runs until Fivetran kills the sync.",
    bad: up('    more = True\n    while more:\n        op.upsert(table="items", data={"id": 1})\n        op.checkpoint(state=state)'),
    good: up('    more = True\n    while more:\n        op.upsert(table="items", data={"id": 1})\n        op.checkpoint(state=state)\n        more = False'),
  },
  FT081: {
    why: "Setting the stop flag on an empty page without break lets the rest of the body run on no data, for example items[-1] raising IndexError. As info it also reports a token or next-URL loop that takes the next cursor from the response without ever comparing it with the previous one: if the API returns the same cursor again, the loop fetches the same page forever. Compare it with the last one (or keep the seen ones in a set) and stop or raise when it repeats.",
    bad: helper(
      "def get_page(n):\n    return []\n",
      '    more = True\n    page = 0\n    while more:\n        items = get_page(page)\n        if not items:\n            more = False\n        last = items[-1]\n        op.upsert(table="items", data=last)\n        op.checkpoint(state=state)\n        page += 1',
    ),
    good: {},
  },
  FT082: {
    why: "The runtime has 1 GB of memory. fetchall(), or collecting every page before writing, fails on large sources. Stream in batches.",
    bad: helper('def read(cursor):\n    cursor.execute("SELECT id FROM t")\n    return cursor.fetchall()\n'),
    good: helper('def read(cursor):\n    cursor.execute("SELECT id FROM t")\n    return cursor.fetchmany(1000)\n'),
  },
  FT083: {
    why: "Many vendor APIs return one page per call (S3 lists 1000 keys). Ignoring the continuation token silently drops data.",
    bad: helper('def keys(client):\n    return client.list_objects_v2(Bucket="b")["Contents"]\n'),
    good: helper('def keys(client):\n    return [o for p in client.get_paginator("list_objects_v2").paginate(Bucket="b") for o in p.get("Contents", [])]\n'),
  },
  FT084: {
    why: "Files and connections opened without with or close() leak for the length of the sync and can exhaust server connection limits.",
    bad: helper("def read(path):\n    handle = open(path)\n    return handle.read()\n"),
    good: helper("def read(path):\n    with open(path) as handle:\n        return handle.read()\n"),
  },
  FT090: {
    why: "Code is not encrypted; configuration values are. A secret in code leaks with every copy of the repository and must be rotated.",
    bad: helper('API_KEY = "sk_live_4f9a8b7c6d5e4f3a2b1c"\n'),
    good: {},
  },
  FT091: {
    why: "Environment variables and .env files are not how Fivetran passes secrets. The configuration is the encrypted, editable channel.",
    bad: helper('def key():\n    return os.getenv("API_KEY")\n'),
    good: {},
  },
  FT093: {
    why: "configuration.json holds credentials. Keep it out of git (and, since SDK 2.8.1, out of deploy packages) with .gitignore.",
    bad: { files: { ".gitignore": "__pycache__/\n" } },
    good: { files: { ".gitignore": "__pycache__/\nconfiguration.json\n" } },
  },
  FT100: {
    why: "Naive datetimes carry no timezone. Cursors labelled UTC drift by the local offset, and comparing naive with aware values raises TypeError.",
    bad: {
      py: { imports: "from datetime import datetime", update: '    op.upsert(table="items", data={"id": 1})\n    state["last_sync"] = datetime.now().isoformat()\n    op.checkpoint(state=state)' },
    },
    good: {
      py: {
        imports: "from datetime import datetime, timezone",
        update: '    op.upsert(table="items", data={"id": 1})\n    state["last_sync"] = datetime.now(timezone.utc).isoformat()\n    op.checkpoint(state=state)',
      },
    },
  },
  FT101: {
    why: "Comparing timestamps as strings is only right for one fixed format and offset. Parse them before comparing.",
    bad: up(
      '    last_updated = state.get("last_updated", "")\n    for row in [{"id": 1, "updated_at": "2024-01-01"}]:\n        updated_at = row["updated_at"]\n        if updated_at > last_updated:\n            op.upsert(table="items", data=row)\n    op.checkpoint(state=state)',
    ),
    good: {},
  },
  FT103: {
    why: "A JSON column takes the object itself. json.dumps() stores an escaped string inside it, showing backslashes in the destination.",
    bad: schemaOf(
      '[{"table": "items", "primary_key": ["id"], "columns": {"payload": "JSON"}}]',
      '    op.upsert(table="items", data={"id": 1, "payload": json.dumps({"a": 1})})\n    op.checkpoint(state=state)',
    ),
    good: schemaOf('[{"table": "items", "primary_key": ["id"], "columns": {"payload": "JSON"}}]', '    op.upsert(table="items", data={"id": 1, "payload": {"a": 1}})\n    op.checkpoint(state=state)'),
  },
  FT104: {
    why: "Each operation sends one row as a dict. A list, a string or a DataFrame is not a row.",
    bad: up('    op.upsert(table="items", data=[{"id": 1}])\n    op.checkpoint(state=state)'),
    good: {},
  },
  FT105: {
    why: "pandas uses NaN for missing values; sent as-is it turns columns into FLOAT or odd values. Convert NaN to None first.",
    bad: helper('def sync(df):\n    for record in df.to_dict("records"):\n        op.upsert(table="items", data=record)\n'),
    good: {},
  },
  FT110: {
    why: "Production imports connector.py. A module-level connector.debug() starts a local-style sync inside production and deploy tooling.",
    bad: { py: { tail: "\nconnector.debug()", main: "" } },
    good: {},
  },
  FT111: {
    why: "Code at module level runs on every import, including during deploy, and outside update()'s error handling.",
    bad: { py: { imports: "import requests", tail: '\nSETTINGS = requests.get("https://api.example.com/settings", timeout=30).json()' } },
    good: {},
  },
  FT113: {
    why: "The runtime defaults to Python 3.13, which no longer ships distutils, imp, cgi, telnetlib and the other removed modules.",
    bad: { py: { imports: "import cgi" } },
    good: {},
  },
  FT120: {
    why: "Fivetran's example repository starts update() with a banner log line naming the example.",
    profile: "fivetran-examples",
    bad: {},
    good: {
      files: {
        "connector.py":
          'from fivetran_connector_sdk import Connector\nfrom fivetran_connector_sdk import Logging as log\nfrom fivetran_connector_sdk import Operations as op\n\n\ndef update(configuration, state):\n    log.warning("Example: Source Examples : Items")\n    op.upsert(table="items", data={"id": 1})\n    op.checkpoint(state=state)\n\n\nconnector = Connector(update=update)\n',
      },
    },
  },
  FT121: {
    why: "Fivetran's examples document every function so readers can follow the pattern. The fix inserts a docstring after the def line: a complete one for update(), schema() and validate_configuration(), whose roles are fixed, and elsewhere a template with Args, Returns or Yields and <...> placeholders, which the rule keeps reporting until they are replaced by real text. A body written on the def line gets no fix.",
    profile: "fivetran-examples",
    bad: helper("def helper_without_doc():\n    return 1\n"),
    good: {
      files: {
        "connector.py":
          '"""Doc."""\nfrom fivetran_connector_sdk import Connector\nfrom fivetran_connector_sdk import Operations as op\n\n\ndef update(configuration, state):\n    """Sync items."""\n    op.upsert(table="items", data={"id": 1})\n    op.checkpoint(state=state)\n\n\nconnector = Connector(update=update)\n',
      },
    },
  },
  FT122: {
    why: "Fivetran's examples explain every upsert, checkpoint and the main block with a standard comment. The fix inserts this project's comment block above each one, at its indentation (a statement that shares its line with an if or another statement is left to you). A comment directly above the loop, with, if or try block the call sits in counts as its explanation.",
    profile: "fivetran-examples",
    bad: {},
    good: {
      files: {
        "connector.py":
          'from fivetran_connector_sdk import Connector\nfrom fivetran_connector_sdk import Operations as op\n\n\ndef update(configuration, state):\n    # Upsert writes one row to the destination table: the row with the same\n    # primary key is replaced, and a row with a new key is added. It takes the\n    # table name and the row as a dict of column name to value.\n    op.upsert(table="items", data={"id": 1})\n    # Checkpoint saves the state, so the next sync (or a retry after a failure)\n    # resumes from here instead of starting over. Checkpoint after each page or\n    # batch of rows, not after every row.\n    op.checkpoint(state=state)\n\n\nconnector = Connector(update=update)\n',
      },
    },
  },
  FT123: {
    why: "Fivetran's examples keep constants private (__UPPER_SNAKE) at the top of the module instead of magic numbers in the code. A constant another module of the folder imports is public by use and is not reported.",
    profile: "fivetran-examples",
    bad: helper("PAGE_SIZE = 100\n"),
    good: helper("__PAGE_SIZE = 100\n"),
  },
  FT124: {
    why: "Fivetran's examples say what every import is for.",
    profile: "fivetran-examples",
    bad: {},
    good: {
      files: {
        "connector.py":
          '# The SDK entry point and operations.\nfrom fivetran_connector_sdk import Connector  # connector object\nfrom fivetran_connector_sdk import Operations as op  # upsert, checkpoint\n\n\ndef update(configuration, state):\n    op.upsert(table="items", data={"id": 1})\n    op.checkpoint(state=state)\n\n\nconnector = Connector(update=update)\n',
      },
    },
  },
  FT125: {
    why: "Fivetran's review asks for small functions (cyclomatic complexity under 10); complex ones are split into helpers.",
    profile: "fivetran-examples",
    bad: helper(
      "def classify(a, b, c, d, e):\n    if a and b:\n        return 1\n    if b or c:\n        return 2\n    if c and d:\n        return 3\n    if d or e:\n        return 4\n    for x in range(3):\n        if x and a:\n            return 5\n    return 6\n",
    ),
    good: {},
  },
  FT126: {
    why: "Fivetran's examples ship configuration.json with <UPPER_SNAKE> placeholders, so no real value is ever committed.",
    profile: "fivetran-examples",
    bad: cfg('{\n  "api_key": "your api key"\n}\n'),
    good: {},
  },
  FT127: {
    why: "Fivetran's examples share one README layout: a single '# <Source> Connector Example' title and a fixed set of sections.",
    profile: "fivetran-examples",
    bad: { files: { "README.md": "# Items\n" } },
    good: {
      files: {
        "README.md":
          "# Items Connector Example\n\n## Connector overview\n## Requirements\n## Getting started\n## Features\n## Configuration file\n## Requirements file\n## Authentication\n## Data handling\n## Error handling\n## Tables created\n## Additional considerations\n",
      },
    },
  },
};
