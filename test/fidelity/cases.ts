// What each fidelity connector is expected to do under the real SDK, and the differences the embedded engine is
// known to still have. A known difference must be named exactly here and in docs/fidelity.md; its test then
// runs as `it.fails`, so it turns red again the moment the engine is fixed and the entry should be removed.

import { appendFileSync, copyFileSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import type { Naming } from "../../src/protocol.js";

export interface FidelityCase {
  /** How many times the connector runs in the same folder (the second continues from files/state.json). */
  runs: number;
  /** The real SDK's outcome of each run: a check that the connector still tests what it was written for. */
  expect: ("succeeded" | "failed")[];
  /** The exact difference the embedded engine still has, if any. */
  knownDifference?: string;
  /**
   * What a user does by hand in the connector's folder before run n (1-based, the key), with no process running:
   * edits files/state.json or configuration.json, removes files/warehouse.db. Called with the folder, in each
   * engine's copy alike.
   */
  beforeRun?: Record<number, (projectDir: string) => void>;
  /**
   * The early writes of the "spill" copy: every this many operations (default 2). The few connectors of thousands of
   * operations in one checkpoint write early every 64 instead: still hundreds of early writes, at a thirtieth of the
   * cost (at 2, three of them took 20-37 s each, about an eighth of the fidelity suite's CPU; the copy at 4,096 covers the default).
   */
  spillRows?: number;
  /** `fivetran debug --naming` of run n (1-based, the key), given to both engines; unset: no flag. */
  naming?: Record<number, Naming>;
}

/** beforeRun helpers: a file of the folder given this text (UTF-8) or these bytes, or removed. */
const write = (path: string, data: string | Buffer) => (dir: string) => {
  mkdirSync(dirname(join(dir, path)), { recursive: true });
  writeFileSync(join(dir, path), data);
};
const remove = (path: string) => (dir: string) => rmSync(join(dir, path), { recursive: true, force: true });

/**
 * configuration.json as first shipped (kept aside as configuration.base.json) with `extra` keys added by hand, one per
 * tenant, and, if `duplicate`, a key it has already written again (JSON text with one more field than the object).
 */
const tenantFields = (extra: number, duplicate: boolean) => (dir: string) => {
  const base = join(dir, "configuration.base.json");
  if (!existsSync(base)) copyFileSync(join(dir, "configuration.json"), base);
  const text = readFileSync(base, "utf8").trimEnd();
  let added = "";
  for (let i = 0; i < extra; i++) added += `,\n  "tenant.t${String(i).padStart(2, "0")}.region": "eu-${i % 3}"`;
  if (duplicate) added += ',\n  "db.host": "db.internal"';
  writeFileSync(join(dir, "configuration.json"), `${text.slice(0, -1).trimEnd()}${added}\n}\n`);
};

const DEFAULT: FidelityCase = { runs: 1, expect: ["succeeded"] };

/** Thousands of operations in one checkpoint: their spill copies write early every 64 operations (see spillRows). */
const BIG = { spillRows: 64 };

const CASES: Record<string, Partial<FidelityCase>> = {
  "132-random-declared": BIG,
  "134-misfit-second-chunk": BIG,
  "154-long-checkpoint": BIG,
  "155-long-checkpoint-keyless": BIG,
  "164-many-tables-spill": BIG,
  "260-key-widens-twice-after-spill": BIG,
  "262-timestamp-key-then-text-after-spill": BIG,
  "297-change-events-partial-updates": BIG,
  "328-checkpoints-many-and-large": BIG,
  "601-early-write-refused-then-text": BIG,
  "03-naive-time-rejected": { expect: ["failed"] },
  // Fifteen threads tell the runner the digits of their scripts at once; Devanagari text typed BIGINT fails its CAST.
  "600-threads-unicode-digits": { expect: ["failed"] },
  "279-two-runs-truncate-early": { runs: 2, expect: ["succeeded", "succeeded"] },
  "280-failure-after-early-truncate": { expect: ["failed"] },
  "283-failure-after-early-write": { expect: ["failed"] },
  "11-failure-after-checkpoint": { expect: ["failed"] },
  "14-second-run-from-state": { runs: 2, expect: ["succeeded", "succeeded"] },
  "17-failure-before-checkpoint": { expect: ["failed"] },
  "21-update-after-earlier-run": { runs: 2, expect: ["succeeded", "succeeded"] },
  "23-operation-errors": { expect: ["failed"] },
  "27-refused-int-uncaught": { expect: ["failed"] },
  "42-offset-seconds": { expect: ["failed"] },
  // Both engines fail the load on the JSON value.
  "58-surrogates": { expect: ["failed"] },
  "100-state-after-failure": { expect: ["failed"] },
  "105-big-cursor-next-run": { runs: 2, expect: ["succeeded", "succeeded"] },
  "106-upsert-list": { expect: ["failed"] },
  // The second run refuses the null state the first one checkpointed.
  "107-checkpoint-none": { runs: 2, expect: ["succeeded", "failed"] },
  // The load refuses text that a replaced json.dumps wrote for a JSON value.
  "113-json-dumps-replaced-invalid": { expect: ["failed"] },
  // The load refuses a SHORT value past 16 bits, and a DECIMAL value that rounds past its precision.
  "121-short-overflow": { expect: ["failed"] },
  "122-decimal-round-overflow": { expect: ["failed"] },
  "138-load-error-beside-timestamp": { expect: ["failed"] },
  // The load refuses Unicode digits in a column the core reads as numbers.
  "129-unicode-digits": { expect: ["failed"] },
  "127-second-run-native-widen": { runs: 2, expect: ["succeeded", "succeeded"] },
  "135-empty-table-then-rows": { runs: 2, expect: ["succeeded", "succeeded"] },
  "142-update-before-upsert-two-runs": { runs: 2, expect: ["succeeded", "succeeded"] },
  "145-truncate-earlier-run": { runs: 2, expect: ["succeeded", "succeeded"] },
  "153-second-run-edits-first": { runs: 2, expect: ["succeeded", "succeeded"] },
  "168-second-run-long-updates": { runs: 2, expect: ["succeeded", "succeeded"] },
  // SDK control flow (issue 11): how a run ends when the connector steps outside a plain sync.
  "63-log-deprecated": { expect: ["failed"] },
  "64-column-name-surrogate": { expect: ["failed"] },
  "65-table-name-surrogate": { expect: ["failed"] },
  "66-column-name-not-string": { expect: ["failed"] },
  "67-op-error-in-thread": { expect: ["failed"] },
  "68-log-level-changed": { expect: ["failed"] },
  "69-base-exception-at-import": { expect: ["failed"] },
  "70-configuration-empty": { expect: ["failed"] },
  "71-configuration-not-json": { expect: ["failed"] },
  "72-configuration-not-object": { expect: ["failed"] },
  "73-keyboard-interrupt": { expect: ["failed"] },
  "74-write-error-at-checkpoint": { expect: ["failed"] },
  "75-write-error-at-end": { expect: ["failed"] },
  "76-update-signature": { expect: ["failed"] },
  "77-connector-without-update": { expect: ["failed"] },
  "78-op-warning-not-string": { expect: ["failed"] },
  "79-schema-column-name-not-string": { expect: ["failed"] },
  "80-op-error-uncaught": { expect: ["failed"] },
  "81-op-error-caught": { expect: ["failed"] },
  "82-op-error-except-exception": { expect: ["failed"] },
  "83-op-in-schema": { expect: ["failed"] },
  "84-op-at-import": { expect: ["failed"] },
  "85-log-at-import": { expect: ["failed"] },
  "86-connector-other-name": { expect: ["failed"] },
  "87-connector-subclass": { expect: ["failed"] },
  "88-sys-exit-code": { expect: ["failed"] },
  // sys.exit(0) ends `fivetran debug` with 0, but the sync stopped there: no SYNC SUCCEEDED, no final flush.
  "89-sys-exit-zero": { expect: ["failed"] },
  "90-os-exit-code": { expect: ["failed"] },
  "91-sys-exit-message": { expect: ["failed"] },
  "92-base-exception": { expect: ["failed"] },
  "93-log-not-string": { expect: ["failed"] },
  "94-log-levels": { expect: ["failed"] },
  "95-sys-exit-in-schema": { expect: ["failed"] },
  "96-schema-key-not-string": { expect: ["failed"] },
  "97-schema-decimal-range": { expect: ["failed"] },
  "98-configuration-not-string": { expect: ["failed"] },
  // Schema, names, state and run control as a new user writes them (170-199).
  "172-table-declared-twice": { expect: ["failed"] },
  "174-second-run-type-change": { runs: 2, expect: ["succeeded", "succeeded"] },
  // Declared "Users" and undeclared "users"/"USERS" meet in one table: the key-less rows change its primary key.
  "176-names-collide-case": { expect: ["failed"] },
  "179-state-second-run-odd": { runs: 2, expect: ["succeeded", "succeeded"] },
  "180-configuration-nested": { expect: ["failed"] },
  // The last log line holds a lone surrogate: `fivetran debug` cannot print it, and the sync fails there.
  "182-log-odd-messages": { expect: ["failed"] },
  "184-exception-str-raises": { expect: ["failed"] },
  "185-exception-empty-message": { expect: ["failed"] },
  "186-exception-multiline": { expect: ["failed"] },
  "187-exception-non-ascii": { expect: ["failed"] },
  "188-exception-in-generator": { expect: ["failed"] },
  "189-configuration-deep": { expect: ["failed"] },
  "190-schema-columns-list": { expect: ["failed"] },
  "192-key-column-missing": { expect: ["failed"] },
  "195-schema-table-key-typo": { expect: ["failed"] },
  "197-decimal-precision-string": { expect: ["failed"] },
  "198-state-from-disk-odd": { runs: 3, expect: ["succeeded", "succeeded", "failed"] },
  "199-checkpoint-mutated-dict": { expect: ["failed"] },
  // Concurrency and control flow as a new user writes them (200-219).
  "201-future-exception": { expect: ["failed"] },
  "202-checkpoint-from-worker": { expect: ["failed"] },
  "210-signal-alarm": { expect: ["failed"] },
  "213-failed-sync-late-thread-atexit": { expect: ["failed"] },
  // No configuration.json: `fivetran debug` refuses to start the sync.
  "219-no-configuration-file": { expect: ["failed"] },
  // What ends the process itself (250-259).
  "250-sigkill-self": { expect: ["failed"] },
  "251-failed-sync-thread-os-exit": { expect: ["failed"] },
  // Big checkpoints that spill (260-269).
  "265-key-widens-twice-second-run": { ...BIG, runs: 2, expect: ["succeeded", "succeeded"] },
  "269-update-text-key-before-upserts-second-run": { runs: 2, expect: ["succeeded", "succeeded"] },
  // A new user's connectors (286-): a NaN key is null once loaded, and the load refuses it.
  "288-nan-key": { expect: ["failed"] },
  // A datetime in the state, not caught: op.checkpoint() raises json's TypeError.
  "302-checkpoint-datetime-uncaught": { expect: ["failed"] },
  // configuration.json with a byte order mark, in Latin-1, in UTF-16: refused before the sync starts.
  "310-configuration-bom": { expect: ["failed"] },
  "311-configuration-latin1": { expect: ["failed"] },
  "312-configuration-utf16": { expect: ["failed"] },
  // files/state.json rewritten with a byte order mark, in Latin-1, in UTF-16: the next run refuses it.
  "314-state-file-bom": { runs: 2, expect: ["succeeded", "failed"] },
  "315-state-file-latin1": { runs: 2, expect: ["succeeded", "failed"] },
  "316-state-file-utf16": { runs: 2, expect: ["succeeded", "failed"] },
  // connector.py in Latin-1: `fivetran debug` reads it as UTF-8 text after the import, and stops there.
  "317-connector-latin1-comment": { expect: ["failed"] },
  // A pyproject.toml that is not TOML: `fivetran debug` stops before it imports connector.py.
  "345-pyproject-invalid-toml": { expect: ["failed"] },
  // A bad state.json and a number in configuration.json: the state's error comes first.
  "346-state-and-configuration-both-bad": { expect: ["failed"] },
  // files/state.json removed as connector.py loads: the state is read after the import.
  "347-state-removed-at-import": { runs: 2, expect: ["succeeded", "succeeded"] },
  // The SDK's import spellings: `.operations` and `.file_upload` import, `.logger` and `.connector` do not.
  "348-sdk-import-spellings": {},

  // connector.debug() at import, unguarded: the nested run has no configuration.
  "349-debug-call-at-import": { expect: ["failed"] },
  // A file named `files` made as connector.py loads: files/ cannot be made.
  "350-files-is-a-file": { expect: ["failed"] },
  "432-import-removes-configuration": { expect: ["failed"] },
  "433-import-writes-number-configuration": { expect: ["failed"] },
  "434-schema-removes-files": { expect: ["failed"] },
  "431-files-file-before-run": { expect: ["failed"], beforeRun: { 1: write("files", "exported notes\n") } },
  // schema() that forgets its return: 'NoneType' object is not iterable.
  "344-schema-returns-none": { expect: ["failed"] },
  // argparse at import reads `fivetran debug`'s own command line: `unrecognized arguments: debug`, exit code 2.
  "308-argparse-at-import": { expect: ["failed"] },
  // Realistic syncs that need more than 256 MB of DuckDB's memory: the writer keeps DuckDB's default limit, as the SDK.
  "298-many-tables-second-pass": {},
  // API connectors, runs in sequence and checkpoints as a new user writes them (320-342).
  "320-api-cursor-pages": { runs: 2, expect: ["succeeded", "succeeded"] },
  "321-api-500-then-resume": { runs: 2, expect: ["failed", "succeeded"] },
  "322-api-generator-three-runs": { runs: 3, expect: ["succeeded", "succeeded", "succeeded"] },
  "323-state-edited-by-hand": {
    runs: 7,
    expect: ["succeeded", "failed", "failed", "failed", "failed", "failed", "succeeded"],
    beforeRun: {
      2: write("files/state.json", '{"cursor": 3, "note": "caf\u00e9"'),
      3: write("files/state.json", ""),
      4: write("files/state.json", '[{"cursor": 3}]'),
      5: write("files/state.json", '\ufeff{"cursor": 3}'),
      6: write("files/state.json", " \n\t\n"),
      7: write("files/state.json", '{\r\n    "cursor": 3,\r\n    "note": "édité"\r\n}\r\n'),
    },
  },
  "324-second-run-schema-changes": { runs: 5, expect: ["succeeded", "succeeded", "failed", "failed", "failed"] },
  "325-second-run-configuration-changed": {
    runs: 3,
    expect: ["succeeded", "succeeded", "succeeded"],
    beforeRun: {
      2: write("configuration.json", '{\n  "prefix": "v2_",\n  "page_size": "4",\n  "region": "eu-west-1",\n  "api_token": "tok-2"\n}\n'),
      3: write("configuration.json", '{"prefix": "", "page_size": ""}'),
    },
  },
  "326-warehouse-deleted-state-kept": {
    runs: 4,
    expect: ["succeeded", "succeeded", "succeeded", "succeeded"],
    beforeRun: { 2: remove("files/warehouse.db"), 3: remove("files/state.json"), 4: remove("files") },
  },
  "327-import-file-missing": { expect: ["failed"] },
  // configuration.json and state.json saved in other encodings than UTF-8, as Windows editors and shells save them.
  "333-configuration-encodings": {
    runs: 4,
    expect: ["failed", "failed", "failed", "succeeded"],
    beforeRun: {
      2: write("configuration.json", Buffer.from('\ufeff{"name": "x"}\r\n', "utf16le")),
      3: write("configuration.json", Buffer.from('{"name": "café"}', "latin1")),
      4: write("configuration.json", '{\r\n  "name": "café"\r\n}\r\n'),
    },
  },
  "334-state-encodings": {
    runs: 6,
    expect: ["succeeded", "failed", "failed", "failed", "failed", "succeeded"],
    beforeRun: {
      2: write("files/state.json", Buffer.from('{"cursor": 1, "note": "café"}', "latin1")),
      3: write("files/state.json", Buffer.from('\ufeff{"cursor": 1}', "utf16le")),
      4: write("files/state.json", Buffer.from([0x7b, 0x22, 0x61, 0x22, 0x3a, 0x22, 0xed, 0xa0, 0x80, 0x22, 0x7d])),
      5: write("files/state.json", '{\r\n  "cursor": 1,\r\n  "note": "x",\r\n}\r\n'),
      6: write("files/state.json", '{"cursor": 1, "note": "caf\u00e9 \ud83c\udf89"}'),
    },
  },
  "335-hand-edited-state-no-checkpoint": {
    runs: 3,
    expect: ["succeeded", "succeeded", "succeeded"],
    beforeRun: {
      2: write("files/state.json", '{\r\n  "run": 1,\r\n  "note": "café \\u00e9 \\ud83c\\udf89",\r\n  "run": 2,\r\n  "big": 1180591620717411303424,\r\n  "one": 1.0\r\n}\r\n'),
      3: write("files/state.json", '{"run": 3, "huge": 1E400, "nan": NaN, "neg": -Infinity, "tiny": 1e-7, "list": [1.50, -0.0]}'),
    },
  },
  // connector.py saved as Latin-1 with a coding declaration.
  "337-connector-latin1-coding": { expect: ["failed"] },
  // A number in configuration.json and a broken files/state.json: `fivetran debug` reads the state before it checks
  // that the configuration's values are strings.
  "340-configuration-number-and-bad-state": {
    runs: 2,
    expect: ["failed", "failed"],
    beforeRun: { 1: write("files/state.json", '{"cursor": '), 2: write("files/state.json", "[]") },
  },
  // requirements.txt and pyproject.toml, which `fivetran debug` reads before the sync.
  "341-requirements-utf16": { expect: ["failed"] },
  "342-pyproject-invalid": { expect: ["failed"] },
  "330-import-edits-configuration-and-state": {
    runs: 2,
    expect: ["succeeded", "succeeded"],
  },
  "332-import-removes-warehouse": {
    runs: 2,
    expect: ["succeeded", "succeeded"],
  },
  // Helper attack round 13 (351–): connectors as users and agents write them.
  "353-update-config-param-name": { expect: ["failed"] },
  "359-exception-chained": { expect: ["failed"] },
  "360-exception-group": { expect: ["failed"] },
  "361-exception-control-characters": { expect: ["failed"] },
  "362-sys-exit-256": { expect: ["failed"] },
  "363-sys-exit-negative": { expect: ["failed"] },
  "364-os-exit-big": { expect: ["failed"] },
  "365-sys-exit-float": { expect: ["failed"] },
  "366-state-mutated-no-checkpoint": { runs: 2, expect: ["succeeded", "succeeded"] },
  "371-state-colliding-keys": { runs: 2, expect: ["succeeded", "succeeded"] },
  "356-decimal-context": { expect: ["failed"] },
  "648-decimal-rounded-trapped-final-flush": { expect: ["failed"] },
  "650-decimal-trap-refused-row": { expect: ["failed"] },
  "649-source-naming-kept": { runs: 3, expect: ["succeeded", "succeeded", "succeeded"], naming: { 1: "source", 3: "fivetran" } },
  "370-key-other-spelling-update-delete": { expect: ["failed"] },
  "378-state-mutated-unserialisable": { runs: 2, expect: ["succeeded", "failed"] },
  "379-state-cleared-no-checkpoint": { runs: 3, expect: ["succeeded", "succeeded", "succeeded"] },
  "382-state-mutated-odd-values": { runs: 3, expect: ["succeeded", "succeeded", "succeeded"] },
  "384-print-surrogate-caught": { expect: ["failed"] },
  "385-sigterm-self": { expect: ["failed"] },
  "386-sigterm-handler-checkpoints": { expect: ["failed"] },
  "387-stdout-captured-surrogate": { expect: ["failed"] },
  "389-atexit-os-exit": { expect: ["failed"] },
  "392-segfault": { expect: ["failed"] },
  "393-traceback-in-message": { expect: ["failed"] },
  "397-deep-state-second-run": { runs: 2, expect: ["succeeded", "succeeded"] },
  "398-exception-html-body": { expect: ["failed"] },
  "399-secret-in-error-url": { expect: ["failed"] },
  "401-asyncio-cancelled": { expect: ["failed"] },
  "403-generator-stopiteration": { expect: ["failed"] },
  "404-plain-stopiteration": { expect: ["failed"] },
  "400-files-removed-in-update": { expect: ["failed"] },
  "407-files-removed-no-checkpoint": { runs: 2, expect: ["succeeded", "failed"] },
  // Helper attack round 14 (440–): start-up order, thread names, stdout's error handler.
  "440-locale-c-csv-export": { expect: ["failed"] },
  "444-configuration-bom": { expect: ["failed"] },
  "446-configuration-nested": { expect: ["failed"] },
  "448-import-writes-state": { runs: 2, expect: ["succeeded", "failed"] },
  "449-schema-removes-warehouse": { runs: 2, expect: ["succeeded", "succeeded"] },
  "450-schema-edits-configuration": { runs: 2, expect: ["succeeded", "succeeded"] },
  "454-configuration-edited-sequence": {
    runs: 6,
    expect: ["succeeded", "succeeded", "failed", "failed", "failed", "failed"],
    beforeRun: {
      2: write("configuration.json", '{"page": 5, "page": "5"}'),
      3: write("configuration.json", '{"page": "5", "page": 5}'),
      4: write("configuration.json", "null"),
      5: write("configuration.json", "[]"),
      6: write("configuration.json", '{"page": "5"}\n{"page": "6"}\n'),
    },
  },
  "455-stdout-textiowrapper": { expect: ["failed"] },
  "456-files-symlink-at-import": {
    runs: 2,
    expect: ["succeeded", "succeeded"],
    knownDifference: "files/ made a link to a folder outside the connector folder as connector.py loads: the SDK follows it; the runner refuses a link to outside (security), and the run throws",
  },
  "457-schema-writes-state": { runs: 2, expect: ["succeeded", "succeeded"] },
  "459-import-truncates-warehouse": { runs: 2, expect: ["succeeded", "failed"] },
  "460-child-python-environment": {
    knownDifference:
      "a child Python (sys.executable -c …) imports fivetran_connector_sdk: the SDK's is installed for it; the embedded engine's shim is on the harness's sys.path only, and the child gets ModuleNotFoundError",
  },
  "463-configuration-escaped-surrogates": { expect: ["failed"] },
  "464-escaped-oddities-config-and-state": {
    runs: 3,
    expect: ["succeeded", "failed", "failed"],
    beforeRun: {
      2: write("files/state.json", '{"cursor": "c-\\ud800-\\udcff", "nul": "a\\u0000b"}'),
      3: write("files/state.json", '{"cursor": "\\udc80"}'),
    },
  },
  "466-configuration-proto-keys": { expect: ["failed"] },
  "467-state-symlink-inside": { runs: 2, expect: ["succeeded", "succeeded"] },
  // Helper attack round 15 (470–): schema evolution across runs, declared values, odd ops, names, state, APIs.
  "470-schema-adds-columns-next-run": { runs: 2, expect: ["succeeded", "succeeded"] },
  "471-schema-drops-declared-column": { runs: 2, expect: ["succeeded", "succeeded"] },
  "472-declared-int-becomes-string": { runs: 2, expect: ["succeeded", "succeeded"] },
  "473-declared-string-becomes-int": { runs: 2, expect: ["succeeded", "succeeded"] },
  "474-primary-key-added-next-run": { runs: 2, expect: ["succeeded", "succeeded"] },
  "475-primary-key-widened-next-run": { runs: 2, expect: ["succeeded", "succeeded"] },
  // The third run writes the table no longer declared: key-less rows under a table keyed by `id`.
  "476-declared-table-written-later": { runs: 3, expect: ["succeeded", "succeeded", "failed"] },
  // "CustomerOrders" (undeclared, key-less) lands in customer_orders, keyed by order_id.
  "477-table-renamed-next-run": { runs: 2, expect: ["succeeded", "failed"] },
  "478-declared-long-narrowed-to-short": { runs: 2, expect: ["succeeded", "succeeded"] },
  "496-state-odd-values-caught": { runs: 2, expect: ["succeeded", "succeeded"] },
  // The last value's __str__ raises outside any try, after a checkpoint.
  "548-values-whose-dunders-raise": { expect: ["failed"] },
  "553-state-python-containers-two-runs": { runs: 2, expect: ["succeeded", "succeeded"] },
  // A list checkpointed: the next run refuses files/state.json.
  "498-checkpoint-list-then-next-run": { runs: 2, expect: ["succeeded", "failed"] },
  "499-state-datetime-isoformat-cursor": { runs: 3, expect: ["succeeded", "succeeded", "succeeded"] },
  "500-api-next-link-paging": { runs: 2, expect: ["succeeded", "succeeded"] },
  "501-api-soft-deletes-since": { runs: 2, expect: ["succeeded", "succeeded"] },
  // 2**31 in an INT column: the load refuses it at the second checkpoint.
  "486-int-overflow-uncaught": { expect: ["failed"] },
  // "Order-Items" and "order_items" are one table: the second declaration changes its key.
  "495-two-declared-tables-rename-alike": { expect: ["failed"] },
  // A Decimal nested in the JSON column's dict (response.json(parse_float=Decimal)): json.dumps refuses it.
  "502-api-nested-child-tables": { expect: ["failed"] },
  "503-api-429-retry-then-fail": { expect: ["failed"] },
  "504-declared-type-changes-matrix": { runs: 2, expect: ["succeeded", "succeeded"] },
  "505-declared-key-type-changes": { runs: 3, expect: ["succeeded", "succeeded", "succeeded"] },
  "506-inferred-types-drift-across-runs": { runs: 4, expect: ["succeeded", "succeeded", "succeeded", "succeeded"] },
  "508-sentinel-ids-blank-updates": { runs: 2, expect: ["succeeded", "succeeded"] },
  "509-second-run-updates-only": { runs: 3, expect: ["succeeded", "succeeded", "succeeded"] },
  "510-truncate-across-runs-revive": { runs: 3, expect: ["succeeded", "succeeded", "succeeded"] },
  "512-source-schema-moves-next-run": { runs: 2, expect: ["succeeded", "succeeded"] },
  "513-key-change-rebuild-name-taken": { runs: 2, expect: ["succeeded", "succeeded"] },
  "516-sqlite-source-incremental": { runs: 2, expect: ["succeeded", "succeeded"] },
  "518-random-evolution-three-runs": { runs: 3, expect: ["succeeded", "succeeded", "succeeded"] },
  // The second run's schema change fails before its first checkpoint: nothing of it stays; the third succeeds.
  "522-evolution-run-fails-then-retried": { runs: 3, expect: ["succeeded", "failed", "succeeded"] },
  // sys.stderr replaced at import by a writer with no fileno(): `fivetran debug` cannot turn faulthandler on, and stops.
  "524-stderr-tee-without-fileno": { expect: ["failed"] },
  // Run 2 with a configuration.json that is not empty: schema()'s setdefault() then reaches update().
  "536-connector-object-attributes": {
    runs: 2,
    expect: ["succeeded", "succeeded"],
    beforeRun: { 2: write("configuration.json", '{"region": "eu", "api_key": "k-123"}') },
  },
  // Each run ends update() another way (configuration.json's mode); only the uncaught BaseExceptions reach the
  // connector's sys.excepthook.
  "537-crash-reporter-excepthook": {
    runs: 4,
    expect: ["failed", "failed", "failed", "failed"],
    beforeRun: {
      2: write("configuration.json", '{"mode": "keyboard_interrupt"}'),
      3: write("configuration.json", '{"mode": "op_error"}'),
      4: write("configuration.json", '{"mode": "import"}'),
    },
  },
  // The second run reads what the first left open in files/ (closed as Python ended).
  "538-files-left-open": { runs: 2, expect: ["succeeded", "succeeded"] },
  // Run 1 catches each log call's failure; runs 2 and 3 replace stdout as connector.py loads, 4 and 5 in schema()
  // and update(): `fivetran debug`'s own next log line fails there.
  "539-stdout-without-isatty": {
    runs: 5,
    expect: ["succeeded", "failed", "failed", "failed", "failed"],
    beforeRun: {
      2: write("configuration.json", '{"mode": "tee_at_import"}'),
      3: write("configuration.json", '{"mode": "ascii_at_import"}'),
      4: write("configuration.json", '{"mode": "tee_in_schema"}'),
      5: write("configuration.json", '{"mode": "tee_in_update"}'),
    },
  },
  // connector.debug(configuration=...) as connector.py loads: a sync there, then fivetran debug's own; run 2's first
  // sync starts from {} again (not files/state.json), its second from what the first left.
  "555-debug-call-at-import-with-configuration": { runs: 2, expect: ["succeeded", "succeeded"] },
  // schema= given the list of table dicts itself: called, `'list' object is not callable`.
  "557-schema-list-argument": { expect: ["failed"] },
  // Connector(...) before update is defined: a NameError as connector.py loads.
  "559-connector-before-update-defined": { expect: ["failed"] },
  "561-schema-returns-dict-by-name": { expect: ["failed"] },
  // Connector(schema, update): update() is called as the schema, without its state.
  "562-connector-swapped-arguments": { expect: ["failed"] },
  "563-exception-non-str-args": { expect: ["failed"] },
  "564-refused-row-caught-then-datetime-checkpoint": { expect: ["failed"] },
  // Ended by SIGINT in schema(): exit code 130.
  "565-keyboard-interrupt-in-schema": { expect: ["failed"] },
  // future.result() raises a worker's SystemExit(2) again in update(): exit code 2, no verdict.
  "566-system-exit-in-pool-worker": { expect: ["failed"] },
  "569-refused-row-caught-then-bad-value": { expect: ["failed"] },
  // Real-world sync patterns across runs (570-584): a user's edits between runs go in beforeRun.
  "570-api-cursor-rewound-by-hand": {
    runs: 3,
    expect: ["succeeded", "succeeded", "succeeded"],
    beforeRun: { 3: write("files/state.json", '{"cursor": "2024-03-01T00:00:04Z", "pages": 2}') },
  },
  "571-inbox-files-dropped-between-runs": {
    runs: 3,
    expect: ["succeeded", "succeeded", "succeeded"],
    beforeRun: {
      2: write(
        "inbox/2024-05-02.jsonl",
        '{"id": 2, "customer": "Bob", "amount": 7.5, "paid": true, "currency": "EUR"}\n' +
          '{"id": 5, "customer": "Eve", "amount": 19.99, "paid": false, "currency": "USD"}\n' +
          '{"id": 3, "_deleted": true}\n' +
          '{"id": 6, "customer": "Fay", "amount": 1e20, "paid": null}\n',
      ),
      3: (dir) => {
        write(
          "inbox/2024-05-03.jsonl",
          '{"id": 3, "customer": "Cy", "amount": "30.00 EUR", "paid": "yes"}\n\n{"id": 1, "amount": "n/a"}\n' +
            '{"id": 7, "customer": "Gus", "amount": 3, "paid": 1, "currency": null, "note": {"gift": true}}\n' +
            '{"id": "A-8", "customer": "Hal", "amount": 8}\n',
        )(dir);
        write("inbox/2024-05-01b.jsonl", '{"id": 4, "customer": "Dee", "amount": 4.25, "paid": false}\n')(dir);
      },
    },
  },
  // Before run 4 configuration.json is a folder, as `docker run -v ./configuration.json:/app/configuration.json`
  // makes it when the host has no such file.
  "572-configuration-full-resync-toggle": {
    runs: 4,
    expect: ["succeeded", "succeeded", "succeeded", "failed"],
    beforeRun: {
      2: write("configuration.json", '{"sync_mode": "full"}'),
      3: write("configuration.json", '{"sync_mode": "incremental"}'),
      4: (dir) => {
        remove("configuration.json")(dir);
        mkdirSync(join(dir, "configuration.json"));
      },
    },
  },
  "573-keyless-same-rows-across-runs": { runs: 3, expect: ["succeeded", "succeeded", "succeeded"] },
  "574-soft-deletes-then-reupserts": { runs: 3, expect: ["succeeded", "succeeded", "succeeded"] },
  "575-many-checkpoints-fail-then-resume": {
    runs: 3,
    expect: ["failed", "succeeded", "succeeded"],
    beforeRun: { 2: write("configuration.json", '{"fail_at_event": "", "batch": "7"}') },
  },
  "576-source-schemas-same-table-runs": {
    runs: 3,
    expect: ["succeeded", "failed", "succeeded"],
    beforeRun: { 3: write("configuration.json", '{"stores": "us"}') },
  },
  "577-table-dropped-from-schema-then-back": { runs: 3, expect: ["succeeded", "succeeded", "succeeded"] },
  "578-primary-key-narrowed-next-run": { runs: 3, expect: ["succeeded", "failed", "succeeded"] },
  "579-per-table-cursors-tables-config": {
    runs: 3,
    expect: ["succeeded", "succeeded", "succeeded"],
    beforeRun: {
      2: write("configuration.json", '{"tables": "users,orders,refunds"}'),
      3: (dir) => {
        write("configuration.json", '{"tables": "orders,refunds"}')(dir);
        write("files/state.json", '{\n  "cursors": {\n    "users": 600,\n    "refunds": 400\n  }\n}\n')(dir);
      },
    },
  },
  // Configuration and schema idioms (632-646).
  "633-configuration-mutated-checkpointed": {
    runs: 3,
    expect: ["succeeded", "succeeded", "succeeded"],
    beforeRun: {
      2: write(
        "configuration.json",
        '{"api_key": "sk-live-1234567890", "base_url": "https://api.example.com/v2", "tables": "invoices,customers, credit notes",' +
          ' "page_size": "2", "start_date": "2024-01-01", "feature.flag x": "on"}',
      ),
      3: write("configuration.json", '{"api_key": "sk-live-1234567890", "base_url": "https://api.example.com/v2/", "tables": "invoices, customers", "page_size": "4", "start_date": "2024-01-01"}'),
    },
  },
  "637-schema-per-tenant": {
    runs: 3,
    expect: ["succeeded", "succeeded", "succeeded"],
    beforeRun: {
      2: write(
        "configuration.json",
        JSON.stringify({
          tenants: JSON.stringify({
            acme: { region: "eu", tables: ["users", "orders"] },
            "Globex Corp": { region: "us", tables: ["users"] },
            "123-start": { region: "apac", tables: ["orders", "users"] },
          }),
          layout: "schema",
        }),
      ),
      3: write(
        "configuration.json",
        JSON.stringify({
          tenants: JSON.stringify({ "123-start": { region: "apac", tables: ["users"] }, acme: { region: "eu", tables: ["orders"] } }),
          layout: "schema",
        }),
      ),
    },
  },
  // Two key parts that become one name: DuckDB refuses the table, `column "account_id" appears twice in primary key constraint`.
  "639-key-parts-rename-same": { expect: ["failed"] },
  "641-schema-return-kinds-runs": { runs: 3, expect: ["succeeded", "succeeded", "succeeded"] },
  "642-per-table-settings-nested-cursors": {
    runs: 2,
    expect: ["succeeded", "succeeded"],
    beforeRun: {
      2: write(
        "configuration.json",
        JSON.stringify({
          tables: JSON.stringify({
            "SLA Policies": { page_size: 10, cursor: "version", key: ["policy.id"] },
            tags: { page_size: 2, cursor: "id", key: ["id"] },
            tickets: { page_size: 3, cursor: "updated_at", key: ["id"] },
            ticket_comments: { page_size: 4, cursor: "created", key: ["ticket_id", "seq"] },
          }),
        }),
      ),
    },
  },
  // Run 3 writes archived rows into `orders`, which its schema() no longer declares: key-less now, `Primary key change
  // for table tester.orders contains a null value under the new primary key ['_fivetran_id']`.
  // Run 2's configuration.json has 101 fields (one per tenant region added by hand): refused before the sync, `invalid
  // configuration error: Configuration field count exceeds maximum of 100. …`; run 3's lists 101 too, but one key twice.
  "644-configuration-dotted-keys-defaults": {
    runs: 3,
    expect: ["succeeded", "failed", "succeeded"],
    beforeRun: { 2: tenantFields(87, false), 3: tenantFields(86, true) },
  },
  "643-table-list-respelled-runs": {
    runs: 3,
    expect: ["succeeded", "succeeded", "failed"],
    beforeRun: {
      2: write("configuration.json", '{"tables": "Orders; customers ; refunds", "include_archived": "false"}'),
      3: write("configuration.json", '{"tables": "refunds", "include_archived": "TRUE"}'),
    },
  },
  "580-api-etag-not-modified": { runs: 3, expect: ["succeeded", "succeeded", "succeeded"] },
  // Before run 4 files/state.json is a folder, as `docker run -v ./state.json:/app/files/state.json` makes it when
  // the host has no such file; before run 5 files/warehouse.db is one instead.
  "581-state-removed-full-reload": {
    runs: 5,
    expect: ["succeeded", "succeeded", "succeeded", "failed", "failed"],
    beforeRun: {
      2: remove("files/state.json"),
      4: (dir) => {
        remove("files/state.json")(dir);
        mkdirSync(join(dir, "files/state.json"));
      },
      5: (dir) => {
        remove("files/state.json")(dir);
        remove("files/warehouse.db")(dir);
        mkdirSync(join(dir, "files/warehouse.db"));
      },
    },
  },
  "582-truncate-reload-fails-next-run": {
    runs: 3,
    expect: ["succeeded", "failed", "succeeded"],
    beforeRun: { 2: write("configuration.json", '{"fail": "yes"}'), 3: write("configuration.json", '{"fail": "no"}') },
  },
  "583-declared-columns-reordered": { runs: 3, expect: ["succeeded", "succeeded", "succeeded"] },
  "584-date-windows-rewound-by-hand": {
    runs: 3,
    expect: ["succeeded", "succeeded", "succeeded"],
    beforeRun: {
      2: write("configuration.json", '{"start_date": "2024-01-01", "max_windows": "10"}'),
      3: write("files/state.json", '{"window_start": "2024-01-07T00:00:00Z", "windows_loaded": 8}'),
    },
  },
  // Stdlib data sources (602-616): SQLite, csv, archives, json hooks, xml.etree, configparser.
  // A sqlite3.Row handed to op.upsert uncaught ends the sync after two checkpoints.
  "603-sqlite-row-objects-passed": { expect: ["failed"] },
  // An empty column name (`AS ""`) fails the second checkpoint in DuckDB's parser.
  "604-sqlite-description-names": { expect: ["failed"] },
  "605-sqlite-limit-offset-pages": { runs: 2, expect: ["succeeded", "succeeded"] },
  "606-sqlite-rowid-cursor-keyless": { runs: 2, expect: ["succeeded", "succeeded"] },
  "608-sqlite-text-date-cursor": { runs: 2, expect: ["succeeded", "succeeded"] },
  // Before run 2 a section without `name` is appended: the section proxy, keyed by name, fails the sync.
  "613-configparser-sections": {
    runs: 2,
    expect: ["succeeded", "failed"],
    beforeRun: { 2: (dir) => appendFileSync(join(dir, "stores.ini"), "\n[store:5]\ncity = Capital City\nrating = 5\n") },
  },
  "615-sqlite-changelog-replay": { runs: 2, expect: ["succeeded", "succeeded"] },
  // A legacy CSV header spells the key twice, the first (kept) empty: a null key ends the sync.
  "616-csv-sniffer-nonnumeric": { expect: ["failed"] },
  "617-asyncio-taskgroup-one-fails": { expect: ["failed"] },
  "620-logging-file-two-runs": { runs: 2, expect: ["succeeded", "succeeded"] },
  "623-exitstack-suppress-around-ops": { expect: ["failed"] },
  "626-stdout-captured-around-ops": {
    knownDifference:
      "sys.stdout redirected to a StringIO while update() runs: the SDK prints its own lines there (table created at a flush, table truncated at op.truncate(), checkpoint recorded), the embedded engine logs them in Node and only the connector's log lines reach the StringIO",
  },
  "627-exception-str-not-str": {
    runs: 4,
    expect: ["failed", "failed", "failed", "failed"],
    beforeRun: {
      2: write("configuration.json", '{"where": "import"}'),
      3: write("configuration.json", '{"where": "update"}'),
      4: write("configuration.json", '{"where": "body"}'),
    },
  },
  "628-exception-long-nonascii-message": { expect: ["failed"] },
  "629-import-error-note-chained": { expect: ["failed"] },
};

export function caseFor(name: string): FidelityCase {
  return { ...DEFAULT, ...CASES[name] };
}
