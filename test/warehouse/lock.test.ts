import { spawn } from "node:child_process";
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { queryWarehouse } from "../../src/warehouse/query.js";
import { WarehouseWriter } from "../../src/warehouse/writer.js";
import { realSdkPython } from "../helpers/env.js";
import { tempProject } from "./helpers.js";

// Another process holding the file: the test venv's Python with its duckdb package opens it read-write and
// waits, exactly as a running `fivetran debug` or a duckdb shell would.
const python = realSdkPython();

describe.skipIf(!python)("a warehouse held by another process", () => {
  it("gives 'locked' to a writer and 'sync in progress' to a query", async () => {
    const dir = tempProject("whlock-");
    const w = await WarehouseWriter.open(dir);
    await w.apply({ t: "upsert", table: "t", data: { id: 1 } });
    await w.checkpoint(JSON.stringify({}));
    await w.close();
    mkdirSync(join(dir, "files"), { recursive: true });
    const holder = spawn(python!, ["-c", "import duckdb,sys; c=duckdb.connect(sys.argv[1]); print('held', flush=True); sys.stdin.read()", join(dir, "files", "warehouse.db")], {
      stdio: ["pipe", "pipe", "inherit"],
    });
    try {
      await new Promise<void>((resolve, reject) => {
        holder.stdout.on("data", (d) => String(d).includes("held") && resolve());
        holder.on("exit", (code) => reject(new Error(`holder exited ${code}`)));
      });
      await expect(WarehouseWriter.open(dir)).rejects.toMatchObject({ code: "locked", hint: expect.stringMatching(/close the other program/) });
      await expect(queryWarehouse(dir, "SELECT * FROM t")).rejects.toMatchObject({ code: "locked", message: expect.stringMatching(/sync in progress/) });
    } finally {
      holder.stdin.end();
      await new Promise((r) => holder.once("exit", r));
    }
    // Once released, it opens again.
    const again = await WarehouseWriter.open(dir);
    expect(await again.rowsPerTable()).toEqual({ t: 1 });
    await again.close();
  });
});
