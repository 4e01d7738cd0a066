// Writer profile: the Node half of the sync benchmark without Python in the way. The harness's own encoder
// (src/runner/harness) writes the benchmark connector's 200,000 rows to a file once; then the time to parse the
// lines, apply them to WarehouseWriter and checkpoint every 50,000 is measured separately, so a change to the
// writer shows in rows/s with no pipe or process noise. Run after `npm run build`:
//   node scripts/bench/writer.mjs            BENCH_ROWS=50000 node scripts/bench/writer.mjs
import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const ROOT = fileURLToPath(new URL("../../", import.meta.url));
const ROWS = Number(process.env.BENCH_ROWS ?? 200_000);
const EVERY = 50_000;

// The same rows as scripts/bench/sync.mjs's connector, encoded by the harness's _channel exactly as a run would.
const PY = `
import io, sys
sys.path.insert(0, sys.argv[1])
from fivetran_connector_sdk import _channel
_channel._out = io.open(sys.argv[2], "w", encoding="utf-8", newline="\\n")
C = ["alpha", "beta", "gamma", "delta", "epsilon"]
tables = [{"table": "bench_rows", "primary_key": ["id"], "columns": {"id": {"type": "LONG"}, "amount": {"type": "DOUBLE"}, "created_at": {"type": "UTC_DATETIME"}}}]
_channel.schema(tables)
_channel.declare(tables)
rows, every = int(sys.argv[3]), int(sys.argv[4])
for i in range(rows):
    _channel.row("upsert", "bench_rows", {"id": i, "name": "customer %d" % i, "email": "user%d@example.com" % i, "amount": i * 1.25,
        "quantity": i % 97, "active": i % 3 == 0, "score": (i % 1000) / 7.0, "category": C[i % 5],
        "created_at": "2024-01-%02dT%02d:%02d:00Z" % (i % 28 + 1, i % 24, i % 60), "note": "row %d of a benchmark sync" % i})
    if (i + 1) % every == 0:
        _channel.checkpoint({"cursor": i + 1})
_channel.flush()
`;

const work = mkdtempSync(join(tmpdir(), "bench-writer-"));
try {
  const file = join(work, "ops.jsonl");
  execFileSync("python3", ["-c", PY, join(ROOT, "src", "runner", "harness"), file, String(ROWS), String(EVERY)]);
  const text = readFileSync(file, "utf8");
  const { WarehouseWriter } = await import(pathToFileURL(join(ROOT, "dist", "src", "warehouse", "writer.js")).href);
  // The warehouse opens only in an existing connector folder.
  mkdirSync(join(work, "project"));
  const w = await WarehouseWriter.open(join(work, "project"));
  const shapes = [];
  let parse = 0;
  let apply = 0;
  let checkpoint = 0;
  let peakRss = 0;
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  for (const line of text.split("\n")) {
    if (!line) continue;
    const a = performance.now();
    const rec = JSON.parse(line);
    const b = performance.now();
    parse += b - a;
    if (rec.t === "checkpoint") {
      await w.checkpoint(rec.text);
      checkpoint += performance.now() - b;
      peakRss = Math.max(peakRss, process.memoryUsage().rss);
    } else if (rec.t === "upsert" || rec.t === "update" || rec.t === "delete") {
      // As the embedded runner does: applied at once, waiting only when DuckDB has fallen behind.
      w.row(rec.t, rec.table, shapes[rec.shape], rec.values, rec.schema, rec.id);
      const behind = w.backlog();
      if (behind) await behind;
      apply += performance.now() - b;
    } else if (rec.t === "rows") {
      for (let i = 0; i < rec.rows.length; i++) w.row(rec.op, rec.table, shapes[rec.shape], rec.rows[i], rec.schema, rec.ids?.[i]);
      const behind = w.backlog();
      if (behind) await behind;
      apply += performance.now() - b;
    } else if (rec.t === "shape") {
      shapes[rec.id] = rec;
    } else {
      await w.apply(rec);
      apply += performance.now() - b;
    }
  }
  const total = performance.now() - t0;
  // CPU time of the whole process (DuckDB's threads too): steadier than wall time on a busy machine.
  const cpu = process.cpuUsage(cpu0);
  const counts = await w.rowsPerTable();
  await w.close();
  if (counts.bench_rows !== ROWS) throw new Error(`wrote ${counts.bench_rows} rows, expected ${ROWS}`);
  const f = (ms) => `${(ms / 1000).toFixed(2)} s`;
  process.stdout.write(
    `writer: ${ROWS.toLocaleString("en-US")} rows in ${f(total)} = ${Math.round(ROWS / (total / 1000)).toLocaleString("en-US")} rows/s` +
      `, CPU ${f((cpu.user + cpu.system) / 1000)}` +
      ` (JSON.parse ${f(parse)}, apply ${f(apply)}, checkpoints ${f(checkpoint)}); peak RSS ${(Math.max(peakRss, process.resourceUsage().maxRSS * 1024) / 2 ** 20).toFixed(0)} MB\n`,
  );
} finally {
  rmSync(work, { recursive: true, force: true });
}
