/**
 * The operation channel between the Python harness (src/runner/harness) and Node.
 *
 * The harness writes one JSON object per line to file descriptor 3. The connector's own stdout and
 * stderr are separate pipes, read as logs, so nothing a connector prints can corrupt this stream.
 *
 * Values inside `data` are plain JSON, except where JSON would lose what the SDK keeps. Those are
 * tagged as `{"$ft": kind, "v": text}`:
 *   float           an integral float (1.0), NaN or +/-Infinity; JSON.parse would turn 1.0 into an int.
 *                   v is the number for an integral float, else the text "NaN", "Infinity" or "-Infinity"
 *   int             an integer outside +/-2^53, as decimal text
 *   decimal         decimal.Decimal as text
 *   datetime        timezone-aware datetime, ISO 8601 with offset
 *   naive_datetime  naive datetime, ISO 8601 without offset
 *   date            datetime.date, ISO 8601
 *   bytes           bytes/bytearray, base64
 * dict and list values are plain JSON objects and arrays (the SDK's JSON type).
 */

import type { SyncErrorKind } from "./errors.js";

export type TaggedKind = "float" | "int" | "decimal" | "datetime" | "naive_datetime" | "date" | "bytes";
export interface TaggedValue {
  $ft: TaggedKind;
  v: string | number;
}
export type WireValue = null | boolean | number | string | TaggedValue | WireValue[] | { [k: string]: WireValue };
export type Row = Record<string, WireValue>;

/** A column as schema() declared it, validated. */
export interface DeclaredColumn {
  /** Upper-case SDK type name: BOOLEAN, SHORT, INT, LONG, DECIMAL, FLOAT, DOUBLE, NAIVE_DATE, NAIVE_DATETIME, UTC_DATETIME, BINARY, XML, STRING, JSON, NAIVE_TIME. */
  type: string;
  precision?: number;
  scale?: number;
}

export interface DeclaredTable {
  table: string;
  /**
   * The source schema schema() named for the table (SDK 3.0), absent for the default one. Its tables go to the
   * destination schema `tester_<schema>` (renamed), apart from same-named tables of `tester`.
   */
  schema?: string;
  primary_key?: string[];
  columns?: Record<string, DeclaredColumn>;
}

/** What the harness and the SDK output parser report; "interrupted" is only ever the server's own verdict. */
export type ErrorKind = Exclude<SyncErrorKind, "interrupted">;

/** An upsert, update or delete with its row as an object. */
export type RowRecord = { t: "upsert" | "update" | "delete"; table: string; schema?: string; data: Row };

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
  | { t: "upsert" | "update" | "delete"; table: string; schema?: string; shape: number; values: WireValue[] }
  | { t: "shape"; id: number; cols: string[] }
  | { t: "truncate"; table: string; schema?: string }
  /**
   * A file a connector uploaded (`op.upsert/update(..., file=FileUpload(...))`), already stored by the harness at
   * `target` (files/storage/<destination schema>/<table as given>/<path>); the row naming it in
   * `_fivetran_file_path` follows. Sent only once the whole stream was stored. See docs/sdk-3.1.md.
   */
  | { t: "file"; table: string; schema?: string; path: string; target: string }
  | { t: "checkpoint"; state: Record<string, unknown> }
  | { t: "log"; level: "DEBUG" | "FINE" | "INFO" | "WARNING" | "ERROR" | "SEVERE" | "CRITICAL"; message: string }
  | { t: "warning"; message: string }
  /** Sent just before `end` or `error`: peak resident memory of the connector process, in KiB. */
  | { t: "stats"; peak_rss_kb: number | null }
  | { t: "end" }
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
    };
