/**
 * The operation channel between the Python harness (src/runner/harness) and Node.
 *
 * The harness writes one JSON object per line to file descriptor 3. The connector's own stdout and
 * stderr are separate pipes, read as logs, so nothing a connector prints can corrupt this stream.
 *
 * Every value of a row arrives as the cell the SDK's core reads: the harness converted it at the op call, in Python,
 * as SDK 3.0 does (src/runner/harness/fivetran_connector_sdk/_values.py), and raised there for a value the SDK
 * refuses. The runner stores cells; it never interprets a Python value:
 *   null                      NULL
 *   string                    text
 *   true / false              the text "true" / "false"
 *   integer number            the text of that integer (only integers within +/-2^53 travel as numbers)
 *   other number              a float (Python's repr of it reads back as exactly this double)
 *   {"$ft":"float","v":t}     a float whose text JSON would lose: "1.0", "-0.0", "1e+22", "NaN", "Infinity"
 *   {"$ft":"json","v":t}      JSON text, as Python's json.dumps wrote it
 *   {"$ft":"json","v":t,"own":1}  the same, from a json.dumps the connector replaced: t may not be JSON
 *   {"$ft":"bytes","v":b}     bytes, base64
 *   {"$ft":"float","v":t,"j":u}  a float with the text a text or JSON column gets for it in the connector's decimal
 *                             context, when that is not the default ("e" instead: the error that context raises then)
 * A float is a 64-bit double in the columns its row's shape lists as `double` (declared DOUBLE), a 32-bit float
 * elsewhere. A checkpoint's state arrives as the text the SDK keeps in state.json.
 */

import type { SyncErrorKind } from "./errors.js";

export type TaggedKind = "float" | "json" | "bytes";
export interface TaggedValue {
  $ft: TaggedKind;
  v: string;
  /** On a JSON cell: the text came from a json.dumps the connector replaced, so it may not be JSON. */
  own?: 1;
  /** On a float cell: its text in a text or JSON column, worked out in the connector's decimal context (356). */
  j?: string;
  /** On a float cell: what the connector's decimal context raises when that text is worked out (356). */
  e?: string;
}
export type WireCell = null | boolean | number | string | TaggedValue;

/** `fivetran debug --naming`: Fivetran's renaming of schemas, tables and columns, or the source's names kept. */
export type Naming = "fivetran" | "source";

/**
 * The runner's answers to the harness, one byte each on the answer pipe: a checkpoint committed (or a record the
 * harness asked about handled), a checkpoint that failed (the runner then stops the process), and, for the `files`
 * record, the warehouse opened and keeping the source's names, so that the harness renames nothing from then on.
 */
export type Answer = "done" | "failed" | "source_naming";
export const ANSWER_BYTES: Record<Answer, string> = { done: "k", failed: "f", source_naming: "s" };
export type Row = Record<string, WireCell>;

/** A column as schema() declared it, validated. */
export interface DeclaredColumn {
  /** Upper-case SDK type name: BOOLEAN, SHORT, INT, LONG, DECIMAL, FLOAT, DOUBLE, NAIVE_DATE, NAIVE_DATETIME, UTC_DATETIME, BINARY, XML, STRING, JSON, NAIVE_TIME. */
  type: string;
  precision?: number;
  scale?: number;
}

export interface DeclaredTable {
  table: string;
  /** The destination table name, renamed by the harness (with the running Python's Unicode tables). */
  name?: string;
  /** The destination schema (tester, or tester_<schema> renamed), from the harness. */
  dest?: string;
  /** The destination name of each declared source column (primary key and typed columns), from the harness. */
  column_names?: Record<string, string>;
  /**
   * The source schema schema() named for the table (SDK 3.0), absent for the default one. Its tables go to the
   * destination schema `tester_<schema>` (renamed), apart from same-named tables of `tester`.
   */
  schema?: string;
  primary_key?: string[];
  columns?: Record<string, DeclaredColumn>;
  /**
   * The names of `columns` in schema()'s order, from the harness: a JSON object read in JavaScript lists
   * integer-like names ("2024", "10") first, and the order of the declared columns is the table's.
   */
  column_order?: string[];
}

/** What the harness and the SDK output parser report; "interrupted" is only ever the server's own verdict. */
export type ErrorKind = Exclude<SyncErrorKind, "interrupted">;

/**
 * An upsert, update or delete with its row as an object of cells (tests and tools; the harness sends `values`).
 * `id`: the row's `_fivetran_id`, which the harness computes for a table without a primary key.
 */
export type RowRecord = { t: "upsert" | "update" | "delete"; table: string; schema?: string; data: Row; id?: string };

/** A row shape: the source column names of a table's rows, in order, with their destination names. */
export interface Shape {
  cols: string[];
  /** Destination (renamed) names, by position. */
  names: string[];
  /** Positions of the columns declared DOUBLE: their floats are 64-bit. */
  double?: number[];
}

export type ChannelRecord =
  | { t: "start"; sdk_version: string; python: string }
  | { t: "schema"; tables: DeclaredTable[] }
  /** `schema`: the operation's `schema=` argument (SDK 3.0), absent when it was not given; see DeclaredTable. */
  | RowRecord
  /**
   * The same operation as its values, in the order of the columns of an earlier `shape` record (the harness sends
   * rows this way; `data` rows come with file uploads). The runner turns these into `data` rows for a sink that
   * takes only those.
   */
  | { t: "upsert" | "update" | "delete"; table: string; schema?: string; shape: number; values: WireCell[]; id?: string }
  /**
   * Consecutive operations `op` of one table and shape, in call order (how the harness sends rows): each row's
   * values as above, and for a table without a primary key `ids`, each row's `_fivetran_id`.
   */
  | { t: "rows"; op: "upsert" | "update" | "delete"; table: string; schema?: string; shape: number; rows: WireCell[][]; ids?: string[] }
  | ({ t: "shape"; id: number } & Shape)
  /** A table's destination names, sent by the harness before the table's first record. */
  | { t: "table"; table: string; schema?: string; name: string; dest: string }
  /**
   * Characters past ASCII that the running Python takes as decimal digits, with their values: sent before the first
   * row whose text holds them (see learnPythonDigits in src/warehouse/cells.ts).
   */
  | { t: "digits"; digits: [number, number][] }
  | { t: "truncate"; table: string; schema?: string }
  /**
   * A file a connector uploaded (`op.upsert/update(..., file=FileUpload(...))`), already stored by the harness at
   * `target` (files/storage/<destination schema>/<table as given>/<path>); the row naming it in
   * `_fivetran_file_path` follows. Sent only once the whole stream was stored. See docs/sdk-3.1.md.
   */
  | { t: "file"; table: string; schema?: string; path: string; target: string }
  /** The start state as the SDK would keep it in state.json: what a sync that never checkpoints commits. */
  | { t: "start_state"; text: string }
  /** configuration.json's text as the harness read it once connector.py had loaded (the runner masks its secrets). */
  | { t: "configuration"; text: string }
  /** The harness made files/ as the sync starts, as `fivetran debug` does: the runner opens the warehouse now. */
  | { t: "files" }
  /** `text`: what state.json holds after it, exactly as the SDK writes it; `shown`: the SDK's log text of it. */
  | { t: "checkpoint"; text: string; shown: string }
  /**
   * A sync that `connector.debug(configuration=…)` ran while connector.py loaded has succeeded (555): the runner
   * commits its last rows as a sync's end does, answers, and counts `fivetran debug`'s own sync afresh.
   */
  | { t: "sync_end" }
  | { t: "log"; level: "DEBUG" | "FINE" | "INFO" | "WARNING" | "ERROR" | "SEVERE" | "CRITICAL"; message: string }
  | { t: "warning"; message: string }
  /** Sent just before `end` or `error`: peak resident memory of the connector process, in KiB. */
  | { t: "stats"; peak_rss_kb: number | null }
  | { t: "end"; state_error?: string; state_error_kind?: string }
  | {
      t: "error";
      kind: ErrorKind;
      message: string;
      /** connector.py path and line of the innermost frame in the connector's own code. */
      file?: string;
      line?: number;
      traceback?: string;
      /** For kind "import": the module that could not be imported. */
      module?: string;
      /** The code `fivetran debug` would end with: 1, or n for sys.exit(n). */
      exit_code?: number;
      /** What the SDK's message (kept word for word) does not say, e.g. which configuration value is wrong. */
      hint?: string;
      /** The run failed before the sync began (loading connector.py, checking the configuration): no files/. */
      before_sync?: boolean;
      /** The Python exception's class name (KeyError, HTTPError, ...). */
      exception_type?: string;
      /** An HTTP error of the requests kind: status, method, URL and the start of the response body. */
      http?: { status: number; method?: string; url?: string; body?: string };
      /** A KeyError's key, and the keys of the dict that lacked it (when the harness found it). */
      missing_key?: string;
      record_keys?: string[];
      /** Configuration keys whose values are still template placeholders (keys only, never values). */
      placeholder_keys?: string[];
      /** A serialization error in op.checkpoint's state rather than in a row. */
      in_state?: boolean;
    };
