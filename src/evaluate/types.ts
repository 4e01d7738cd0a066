/** One item of the evaluation: what was found, by which check, and how to fix it. */
export type Severity = "blocking" | "warning" | "info";

export interface Finding {
  severity: Severity;
  /** The check or rule that found it: `lint:FT070`, `resume:state_advances`, `data:pk_unique`, … */
  check: string;
  message: string;
  fix: string;
  table?: string;
  file?: string;
  line?: number;
}

export interface ColumnInfo {
  name: string;
  type: string;
}

export interface TableSnapshot {
  table: string;
  columns: ColumnInfo[];
  primaryKey: string[];
  rows: number;
  deleted: number;
  /** Columns that are null in every row. */
  alwaysNull: string[];
  /** Rows sharing a primary key with another row, and rows with a null key column. */
  duplicateKeys: number;
  nullKeys: number;
  /** Latest _fivetran_synced, ISO 8601. */
  lastSynced?: string;
}

export const SYSTEM_COLUMNS = new Set(["_fivetran_synced", "_fivetran_deleted", "_fivetran_id"]);
