import { copyFileSync, mkdirSync, renameSync, symlinkSync } from "node:fs";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { ToolError } from "../../src/errors.js";
import { rowsPerTableReadOnly } from "../../src/runner/sdk.js";
import { warehousePath } from "../../src/warehouse/files.js";
import { openWriterInstance, releaseWriterInstance, withReader } from "../../src/warehouse/registry.js";
import { before, expectUntouched, fixture, type Fixture } from "./lib/issue-12a-fixture.js";

/**
 * The race between the project layer's check of files/warehouse.db and DuckDB's open of it. A race cannot be won on
 * purpose through a tool call, so each probe plays it out in order against the real engine: the check
 * (warehousePath), then the swap a concurrent process would make, then the open the engine makes with the path the
 * check returned. Real DuckDB files, the sibling's holding the marker.
 */
async function refusal(p: Promise<unknown>): Promise<string | undefined> {
  try {
    await p;
    return undefined;
  } catch (e) {
    return e instanceof ToolError ? e.code : `not a ToolError: ${(e as Error).message}`;
  }
}

describe("Races on files/warehouse.db", () => {
  let f: Fixture;
  let db: string;
  beforeEach(async () => {
    f = await fixture();
    mkdirSync(join(f.conn, "files"));
    copyFileSync(join(f.sibling, "files", "warehouse.db"), join(f.conn, "files", "warehouse.db"));
    // The folder's own copy is checked; the sibling's (same content, marker included) is the one a swap points to.
    db = warehousePath(f.conn);
    renameSync(join(f.conn, "files", "warehouse.db"), join(f.conn, "files", "own.db"));
  });
  afterEach(async () => {
    await f.close();
  });

  it("files/warehouse.db swapped for a link to the sibling's after the check, before a query opens it → outside_project, no row of the sibling's read", async () => {
    symlinkSync(join(f.sibling, "files", "warehouse.db"), join(f.conn, "files", "warehouse.db"));
    const b = before(f);
    let rows: unknown[] = [];
    const code = await refusal(
      withReader(db, "tester", async (conn) => {
        rows = (await conn.runAndReadAll("SELECT * FROM tester.stolen")).getRows();
      }),
    );
    expect(code).toBe("outside_project");
    expect(JSON.stringify(rows)).not.toContain(f.marker);
    expectUntouched(f, b);
  });

  it("files/ swapped for a link to the sibling's files/ after the check, before the writer opens → outside_project, the sibling's warehouse unchanged", async () => {
    renameSync(join(f.conn, "files"), join(f.conn, "files.own"));
    symlinkSync(join(f.sibling, "files"), join(f.conn, "files"));
    const b = before(f);
    const code = await refusal(openWriterInstance(db).then((i) => (i.closeSync(), releaseWriterInstance(db, i))));
    expect(code).toBe("outside_project");
    expectUntouched(f, b);
  });

  it("files/warehouse.db swapped for a link to the sibling's after the check, before the writer opens → outside_project, the instance closed unused", async () => {
    symlinkSync(join(f.sibling, "files", "warehouse.db"), join(f.conn, "files", "warehouse.db"));
    const b = before(f);
    const code = await refusal(openWriterInstance(db).then((i) => (i.closeSync(), releaseWriterInstance(db, i))));
    expect(code).toBe("outside_project");
    // DuckDB opened the sibling's file for the moment before the check after the open, and wrote nothing to it.
    expectUntouched(f, b);
    // Refused, the file is free again: the writer slot was released.
    expect(await refusal(openWriterInstance(db))).toBe("outside_project");
  });

  it("files/warehouse.db swapped for a link to the sibling's after a real-SDK run, before its rows are counted → outside_project", async () => {
    symlinkSync(join(f.sibling, "files", "warehouse.db"), join(f.conn, "files", "warehouse.db"));
    const b = before(f);
    expect(await refusal(rowsPerTableReadOnly(db))).toBe("outside_project");
    expectUntouched(f, b);
  });
});
