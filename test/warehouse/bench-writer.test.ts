import { describe, expect, it } from "vitest";
import { WarehouseWriter } from "../../src/warehouse/writer.js";
import { dump, tempProject } from "./helpers.js";

// A measurement, run only on request (WAREHOUSE_BENCH=1): 200,000 rows × 10 columns with a primary key and a
// checkpoint every 50,000, as the benchmark connector. It prints rows/s and heap; it asserts only the result.
describe.skipIf(!process.env.WAREHOUSE_BENCH)("writer throughput", () => {
  it("writes 200k rows", async () => {
    const dir = tempProject("whbench-");
    const w = await WarehouseWriter.open(dir);
    await w.apply({ t: "schema", tables: [{ table: "bench", primary_key: ["id"] }] });
    const t0 = performance.now();
    let peakHeap = 0;
    let inApply = 0;
    let inCheckpoint = 0;
    let inJson = 0;
    for (let i = 0; i < 200_000; i++) {
      // The records as the harness sends them: parsed JSON lines.
      const line = JSON.stringify({ t: "upsert", table: "bench", data: { id: i, name: `name ${i}`, email: `user${i}@example.com`, score: i * 1.5, active: i % 2 === 0, city: "Lisbon", country: "PT", zip: `${10000 + (i % 9000)}`, note: "lorem ipsum dolor", n: i % 1000 } });
      const a0 = performance.now();
      const rec = JSON.parse(line);
      const a1 = performance.now();
      await w.apply(rec);
      const a2 = performance.now();
      inJson += a1 - a0;
      inApply += a2 - a1;
      if ((i + 1) % 50_000 === 0) {
        const c0 = performance.now();
        await w.checkpoint({ cursor: i });
        inCheckpoint += performance.now() - c0;
        peakHeap = Math.max(peakHeap, process.memoryUsage().heapUsed);
      }
    }
    const ms = performance.now() - t0;
    await w.close();
    process.stderr.write(`writer: 200000 rows in ${ms.toFixed(0)} ms = ${Math.round(200_000 / (ms / 1000))} rows/s, peak heap ${(peakHeap / 2 ** 20).toFixed(0)} MiB, rss ${(process.memoryUsage().rss / 2 ** 20).toFixed(0)} MiB; JSON.parse ${inJson.toFixed(0)} ms, apply ${inApply.toFixed(0)} ms, checkpoints ${inCheckpoint.toFixed(0)} ms\n`);
    expect(await dump(dir, "SELECT count(*)::INT AS n FROM tester.bench")).toEqual([{ n: 200_000 }]);
  }, 120_000);
});
