import { beforeAll, describe, expect, it } from "vitest";
import { run as describeCmd } from "../../src/cli/describe.js";
import { run as queryCmd } from "../../src/cli/query.js";
import type { CliIO } from "../../src/cli/io.js";
import { WarehouseWriter } from "../../src/warehouse/writer.js";
import { tempProject } from "./helpers.js";

function capture(): CliIO & { stdout: string[]; stderr: string[] } {
  const stdout: string[] = [];
  const stderr: string[] = [];
  return { stdout, stderr, out: (t) => stdout.push(t), err: (t) => stderr.push(t) };
}

let dir: string;
beforeAll(async () => {
  dir = tempProject("whcli-");
  const w = await WarehouseWriter.open(dir);
  await w.apply({ t: "upsert", table: "userData", data: { name: "ann", n: 1 } });
  await w.apply({ t: "upsert", table: "userData", data: { name: "bob", n: 2 } });
  await w.checkpoint(JSON.stringify({ page: 2 }));
  await w.close();
});

describe("query and describe commands", () => {
  it("query --json prints exactly one JSON object", async () => {
    const io = capture();
    expect(await queryCmd([dir, "SELECT name, n FROM user_data ORDER BY n", "--json", "--max-rows", "1"], io)).toBe(0);
    expect(io.stdout).toHaveLength(1);
    expect(JSON.parse(io.stdout[0])).toEqual({
      columns: [
        { name: "name", type: "VARCHAR" },
        { name: "n", type: "BIGINT" },
      ],
      rows: [["ann", 1]],
      row_count: 1,
      truncated: true,
      truncated_by: "max_rows",
    });
  });

  it("query prints a text table", async () => {
    const io = capture();
    expect(await queryCmd([dir, "SELECT name FROM user_data ORDER BY name"], io)).toBe(0);
    expect(io.stdout[0].split("\n")).toEqual(["name   ", "varchar", "-------", "ann    ", "bob    ", "(2 rows)"]);
  });

  it("query exits 1 with the error code on a rejected query, 2 on bad usage", async () => {
    let io = capture();
    expect(await queryCmd([dir, "COPY user_data TO 'x.csv'"], io)).toBe(1);
    expect(io.stderr[0]).toMatch(/query_rejected/);
    io = capture();
    expect(await queryCmd([dir], io)).toBe(2);
    io = capture();
    expect(await queryCmd([dir, "SELECT 1", "--max-rows", "0"], io)).toBe(2);
  });

  it("describe prints tables, and --json one object", async () => {
    let io = capture();
    expect(await describeCmd([dir], io)).toBe(0);
    expect(io.stdout[0]).toContain("tester.user_data: 2 row(s), 0 deleted");
    expect(io.stdout[0]).toMatch(/_fivetran_id\s+VARCHAR {2}PRIMARY KEY/);
    io = capture();
    expect(await describeCmd([dir, "--json"], io)).toBe(0);
    const d = JSON.parse(io.stdout[0]);
    expect(d.state).toEqual({ page: 2 });
    expect(d.tables[0].name).toBe("user_data");
  });

  it("describe of a folder without a warehouse says to run debug first", async () => {
    const io = capture();
    expect(await describeCmd([tempProject(), "--json"], io)).toBe(2);
    expect(JSON.parse(io.stdout[0]).error.hint).toMatch(/run_debug/);
  });
});
