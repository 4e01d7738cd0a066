import { mkdtempSync, readFileSync, realpathSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { lint } from "../lint/engine.js";
import { runSync, summarize } from "../runner/index.js";
import { scaffoldProject } from "../scaffold/index.js";
import { queryWarehouse } from "../warehouse/query.js";
import { EXIT_FAILED, EXIT_OK, reportError, type CliIO } from "./io.js";

export const usage = `fivetran-connector-mcp demo [DIR]

Runs the whole loop offline, printing each step: scaffold the sample connector (into DIR, or a new
temporary folder), lint it, run it twice (the second run is incremental), and query the warehouse.
Needs python3; no network and no Fivetran account.`;

export async function run(argv: string[], io: CliIO): Promise<number> {
  try {
    const { positionals } = parseArgs({ args: argv, allowPositionals: true, options: {} });
    const dir = positionals[0] ?? join(realpathSync(mkdtempSync(join(tmpdir(), "fivetran-demo-"))), "sample_connector");
    const step = (n: number, title: string) => io.out(`\n== ${n}. ${title}`);

    step(1, `scaffold the sample connector into ${dir}`);
    const s = scaffoldProject(dir, { name: "Demo sample connector" });
    for (const f of s.written) io.out(`  created ${f}`);
    const schemaStart = readFileSync(join(dir, "connector.py"), "utf8").indexOf("def schema(");
    io.out(
      readFileSync(join(dir, "connector.py"), "utf8")
        .slice(schemaStart, schemaStart + 300)
        .replace(/^/gm, "  | "),
    );

    step(2, "lint it");
    const l = await lint(dir);
    io.out(`  ${l.summary.errors} error(s), ${l.summary.warnings} warning(s), ${l.summary.infos} info(s)`);
    for (const f of l.findings) io.out(`  ${f.severity} ${f.rule} ${f.file}:${f.line} ${f.message}`);
    if (l.summary.errors > 0) return EXIT_FAILED;

    step(3, "run it (first sync, no state)");
    const first = await runSync({ projectDir: dir, engine: "embedded", reset: true, onLog: (level, m) => io.out(`  [${level}] ${m}`) });
    io.out(summarize(first).replace(/^/gm, "  "));
    if (first.status !== "succeeded") return EXIT_FAILED;

    step(4, "run it again (incremental: only rows changed since the saved cursor)");
    const second = await runSync({ projectDir: dir, engine: "embedded" });
    io.out(summarize(second).replace(/^/gm, "  "));
    if (second.status !== "succeeded") return EXIT_FAILED;

    step(5, "query the warehouse");
    const sql = "SELECT u.id, u.name, u.updated_at, count(o.id) AS orders FROM users u LEFT JOIN orders o ON o.users_id = u.id GROUP BY ALL ORDER BY u.updated_at DESC LIMIT 5";
    io.out(`  ${sql}`);
    const q = await queryWarehouse(dir, sql);
    io.out(`  ${q.columns.map((c) => c.name).join(" | ")}`);
    for (const row of q.rows) io.out(`  ${row.map((v) => String(v)).join(" | ")}`);

    io.out(`\nDone. The connector is in ${dir}; files/warehouse.db and files/state.json hold the result.`);
    io.out("Next: fivetran-connector-mcp scaffold --list, then scaffold a connector for your own source.");
    return EXIT_OK;
  } catch (e) {
    return reportError(e, io, false);
  }
}
