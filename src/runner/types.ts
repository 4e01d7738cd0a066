import type { Containment } from "../exec/child.js";
import type { DeclaredTable, ErrorKind, Naming } from "../protocol.js";

/** Which engine ran a sync: the embedded harness, or the real SDK's `fivetran debug`. */
export type EngineName = "embedded" | "sdk";
export type EngineChoice = "auto" | EngineName;

export interface RunOptions {
  projectDir: string;
  /** Overrides configuration.json. */
  configuration?: Record<string, unknown>;
  /** Overrides files/state.json. */
  state?: Record<string, unknown>;
  /** Start clean: drop the warehouse and state first (like `fivetran reset`). */
  reset?: boolean;
  /**
   * `fivetran debug --naming`: the naming strategy a new warehouse is made with (default fivetran). A warehouse keeps
   * the one it was first made with; asking for the other warns, as the SDK does.
   */
  naming?: Naming;
  engine?: EngineChoice;
  /** Python interpreter; see resolvePython() for the default order. */
  python?: string;
  timeoutSeconds?: number;
  /** Upper bound of the connector process's memory, in MiB (kind "memory" past it); unset: no limit. */
  memoryLimitMb?: number;
  /** Stop the run (kind "output_limit") once the connector's stdout and stderr pass this many MiB; default 100. */
  outputLimitMb?: number;
  signal?: AbortSignal;
  /** Called with operation counts as they change (throttled). */
  onProgress?: (counts: OperationCounts) => void;
  /** Called with each connector log line, already redacted. */
  onLog?: (level: string, message: string) => void;
  /** Called with the connector process's pid once it started (the run history records it). */
  onSpawn?: (pid: number) => void;
  /** An evaluation's own runs: the folder's files/ is aside on purpose and must stay there until it ends. */
  keepFilesAside?: boolean;
  /** Record the connector's HTTP exchanges into files/recordings/<record>/ (embedded engine). */
  record?: string;
  /** Serve the connector's HTTP requests from files/recordings/<replay>/ instead of the network (embedded engine). */
  replay?: string;
  /** Faults to inject and a crash point (src/proof/); set by the proof tools. */
  proofExtras?: ProofExtras;
}

/** What the proof tools add to a run (src/proof/): faults at chosen requests, a crash point, the loop limit. */
export interface ProofExtras {
  faults?: { kind: string; at: number; times?: number | null; field?: string; retry_after?: number }[];
  crash?: { after_checkpoint?: number; at_operation?: number };
  loopLimit?: number;
  /** More requests than this in one run is a loop too (pages that never end); unset: no cap. */
  maxRequests?: number;
}

/** What the HTTP hooks saw during a run with record, replay or faults (src/proof/events.ts). */
export interface ProofSummary {
  mode: "live" | "record" | "replay";
  recording?: string;
  requests: number;
  hosts: Record<string, number>;
  faults: { kind: string; request: number; method: string; url: string }[];
  sleeps: number[];
  checkpoints: number;
  cursor_regressions: { checkpoint: number; path: string }[];
  crashed?: { after_checkpoint?: number; at_operation?: number };
  looped?: { method: string; url: string };
  unrecorded?: { method: string; url: string; closest: string | null }[];
  /** Every request as (index, method, url, status or fault), scrubbed; capped. */
  log: { i: number; method: string; url: string; status?: number; fault?: string }[];
}

export interface OperationCounts {
  upserts: number;
  updates: number;
  deletes: number;
  truncates: number;
  schemaChanges: number;
  checkpoints: number;
  /** Files stored by upsert/update with file= (FileUpload), the SDK's "File uploads" row. */
  fileUploads: number;
}

export interface TableWrites {
  upserts: number;
  updates: number;
  deletes: number;
}

export interface RunError {
  kind: ErrorKind;
  message: string;
  file?: string;
  line?: number;
  tracebackTail?: string;
  /** The Python exception's class name, when the connector raised one (KeyError, HTTPError, ...). */
  exceptionType?: string;
  hint?: string;
}

export interface RunResult {
  status: "succeeded" | "failed" | "cancelled" | "timeout";
  /**
   * The exit code `fivetran debug` ends with for this run: 0 when the sync succeeded, 1 when it failed, n when the
   * connector called sys.exit(n) or os._exit(n) (0 too: the sync still stopped early, so status is "failed"), 130 for
   * an uncaught KeyboardInterrupt (Python ends by SIGINT).
   * Absent when the run was stopped from outside (timeout, cancel, a limit).
   */
  exitCode?: number;
  engine: EngineName;
  sdkVersion?: string;
  python: string;
  durationMs: number;
  counts: OperationCounts;
  /** Rows in each destination table after the run (committed data only). */
  rowsPerTable: Record<string, number>;
  /** Row operations this run sent to each table (embedded engine; the SDK's output has totals only). */
  writtenPerTable?: Record<string, TableWrites>;
  /** The state as committed by the last checkpoint (what files/state.json holds). */
  state: Record<string, unknown>;
  warnings: string[];
  error?: RunError;
  /** The last lines of the connector's log, redacted. */
  logTail: string[];
  warehousePath: string;
  statePath: string;
  /** What schema() declared, validated (embedded engine); evaluate compares it with the warehouse. */
  declaredTables?: DeclaredTable[];
  /** Peak resident memory of the connector process, in MiB, when the platform reports it. */
  peakRssMb?: number;
  /** Operation counts when the connector last called checkpoint (embedded engine); the rest came after it. */
  countsAtLastCheckpoint?: OperationCounts;
  /** Set for a run with record, replay, faults or a crash point. */
  proof?: ProofSummary;
  /** What held the connector's process tree together during the run. */
  containment?: Containment;
}
