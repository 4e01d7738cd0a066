/** One item of the evaluation: the shared finding shape (rule = the check that found it, hint = how to fix it). */
export type { Finding, Severity } from "../findings.js";

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
