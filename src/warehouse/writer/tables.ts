import type { DeclaredTable, RowRecord, Shape } from "../../protocol.js";
import { declaredDuckType, type PythonDigits } from "../cells.js";
import { SCHEMA } from "../files.js";
import { renameColumn, renameSchema, renameTable } from "../names.js";
import { SyncTable, type Columns, type SourceColumn } from "./batch.js";
import { cacheKey } from "./ddl.js";
import { FIVETRAN_ID } from "./system.js";

/**
 * The tables of a sync, by source name and source schema: what schema() declared, the destination names the
 * harness gave, renamed columns, and the warnings of two names that rename alike.
 */
export class TableRegistry {
  /** The characters past ASCII the connector's Python reads as decimal digits, as the harness said (cells.ts). */
  readonly digits: PythonDigits = new Map();
  /** The tables of this sync without a source schema, by source name; the others by source schema, then name. */
  private tables = new Map<string, SyncTable>();
  private schemaTables = new Map<string, Map<string, SyncTable>>();
  /** Every table of this sync, in the order they came (the order the SDK writes them in). */
  readonly all: SyncTable[] = [];
  private renamedSeen = new Map<string, string>();
  /** Destination names of source tables, by `schema\0table`, as the harness renamed them. */
  private tableNames = new Map<string, { name: string; dest: string }>();
  /** Shapes of rows given as objects (see shapeOf()). */
  private objectShapes = new Map<string, Shape>();
  private columnNames = new Map<string, string>();
  /** How many source tables of this sync write each destination table, by `schema\0name`. */
  private destinations = new Map<string, number>();

  constructor(private readonly onWarning: (m: string) => void) {}

  /** The shape of a row given as an object of cells (tests and tools): made once per table and list of names. */
  shapeOf(rec: RowRecord): Shape {
    const cols = Object.keys(rec.data);
    const key = `${rec.schema ?? ""}\0${rec.table}\0${cols.join("\0")}`;
    let shape = this.objectShapes.get(key);
    if (!shape) {
      const types = (rec.schema === undefined ? this.tables.get(rec.table) : this.schemaTables.get(rec.schema)?.get(rec.table))?.sourceTypes;
      const double = cols.flatMap((c, i) => (types?.get(c) === "DOUBLE" ? [i] : []));
      shape = { cols, names: cols.map((c) => this.column(c)), ...(double.length ? { double } : {}) };
      this.objectShapes.set(key, shape);
    }
    return shape;
  }

  /** The destination names of a source table, as the harness renamed them; before the table's first record. */
  nameTable(source: string, sourceSchema: string | undefined, name: string, dest: string): void {
    this.tableNames.set(`${sourceSchema ?? ""}\0${source}`, { name, dest });
  }

  /** The tables schema() declared; returns their number, the schema changes the SDK counts. */
  declare(tables: DeclaredTable[]): number {
    for (const t of tables) {
      const schema = t.dest ?? (t.schema === undefined ? SCHEMA : renameSchema(t.schema, SCHEMA));
      const name = t.name ?? renameTable(t.table);
      const named = t.column_names ?? {};
      for (const [c, r] of Object.entries(named)) this.columnNames.set(c, r);
      const declared: Columns = new Map();
      const sourceTypes = new Map<string, string>();
      // The SDK lists primary-key columns first, then the declared columns in their order.
      const order = [...(t.primary_key ?? [])];
      for (const c of t.column_order ?? Object.keys(t.columns ?? {})) if (!order.includes(c)) order.push(c);
      for (const col of order) {
        // Own properties only: a key column named `constructor` or `toString` is not declared by Object.prototype.
        const def = t.columns && Object.hasOwn(t.columns, col) ? t.columns[col] : undefined;
        if (!def) continue;
        const kind = declaredDuckType(def.type, def.precision, def.scale);
        sourceTypes.set(col, def.type.toUpperCase());
        if (def.type.toUpperCase() === "DECIMAL" && kind !== `DECIMAL(${def.precision},${def.scale})`) {
          this.onWarning(
            `column ${col} of table ${t.table} is declared DECIMAL(${def.precision},${def.scale}), which is not a decimal: it is made ${kind}, and a value that does not fit becomes NULL`,
          );
        }
        if (kind && !declared.has(this.column(col))) declared.set(this.column(col), kind);
      }
      const key = (t.primary_key ?? []).map((c) => this.column(c));
      this.register(t.table, t.schema, new SyncTable(schema, name, declared, sourceTypes, key.length ? key : [FIVETRAN_ID], key.length === 0, true));
    }
    return tables.length;
  }

  column(name: string): string {
    let r = this.columnNames.get(name);
    if (r === undefined) {
      r = renameColumn(name);
      this.columnNames.set(name, r);
    }
    return r;
  }

  table(source: string, sourceSchema?: string): SyncTable {
    let t = sourceSchema === undefined ? this.tables.get(source) : this.schemaTables.get(sourceSchema)?.get(source);
    if (!t) {
      const given = this.tableNames.get(`${sourceSchema ?? ""}\0${source}`);
      const schema = given?.dest ?? (sourceSchema === undefined ? SCHEMA : renameSchema(sourceSchema, SCHEMA));
      const name = given?.name ?? renameTable(source);
      this.noteRename("table", schema, schema, name, source);
      t = new SyncTable(schema, name, new Map(), new Map(), [FIVETRAN_ID], true, false);
      this.register(source, sourceSchema, t);
    }
    return t;
  }

  /** Whether another source table of this sync writes `t`'s destination table (`Orders` and `orders`). */
  shared(t: SyncTable): boolean {
    return (this.destinations.get(`${t.schema}\0${t.name}`) ?? 0) > 1;
  }

  private register(source: string, sourceSchema: string | undefined, t: SyncTable): void {
    t.source = source;
    const dest = `${t.schema}\0${t.name}`;
    this.destinations.set(dest, (this.destinations.get(dest) ?? 0) + 1);
    if (sourceSchema === undefined) this.tables.set(source, t);
    else {
      let m = this.schemaTables.get(sourceSchema);
      if (!m) this.schemaTables.set(sourceSchema, (m = new Map<string, SyncTable>()));
      m.set(source, t);
    }
    this.all.push(t);
  }

  /** `scope`: where two names that rename alike are one (a schema for tables, a table for columns); `where` names it. */
  private noteRename(kind: "table" | "column", scope: string, where: string, renamed: string, source: string): void {
    const k = `${kind}\0${scope}\0${renamed}`;
    const known = this.renamedSeen.get(k);
    if (known === undefined) this.renamedSeen.set(k, source);
    else if (known !== source && !this.renamedSeen.has(`${k}\0${source}`)) {
      this.renamedSeen.set(`${k}\0${source}`, source);
      const effect = kind === "table" ? "their rows are written to one table" : "a row keeps only the value of the first";
      this.onWarning(`${kind}s '${known}' and '${source}' both become '${renamed}' in ${where}: ${effect}`);
    }
  }

  /** The first time a table meets a source column name: warn about a collision, index it. */
  sourceColumn(table: SyncTable, name: string, col: string): SourceColumn {
    this.noteRename("column", cacheKey(table.schema, table.name), table.name, col, name);
    const src: SourceColumn = { index: table.columnIndex(col), typed: table.declared.has(col) };
    table.sources.set(name, src);
    return src;
  }
}
