import type { DeclaredTable, ErrorKind } from "../protocol.js";

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

export interface RunError {
  kind: ErrorKind;
  message: string;
  file?: string;
  line?: number;
  tracebackTail?: string;
  hint?: string;
}

export interface RunResult {
  status: "succeeded" | "failed" | "cancelled" | "timeout";
  engine: EngineName;
  sdkVersion?: string;
  python: string;
  durationMs: number;
  counts: OperationCounts;
  /** Rows in each destination table after the run (committed data only). */
  rowsPerTable: Record<string, number>;
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
}
