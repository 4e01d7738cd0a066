import { existsSync, mkdtempSync, readFileSync, realpathSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { run as demo } from "../../src/cli/demo.js";
import { run as scaffold } from "../../src/cli/scaffold.js";

function capture() {
  const out: string[] = [];
  const err: string[] = [];
  return { io: { out: (t: string) => void out.push(t), err: (t: string) => void err.push(t) }, out, err };
}

describe("scaffold and demo commands", () => {
  const root = realpathSync(mkdtempSync(join(tmpdir(), "scaffold-cli-")));

  it("--list prints the choices, as text and JSON", async () => {
    const t = capture();
    expect(await scaffold(["--list"], t.io)).toBe(0);
    expect(t.out.join("\n")).toContain("keyset_timestamp");
    const j = capture();
    expect(await scaffold(["--list", "--json"], j.io)).toBe(0);
    const choices = JSON.parse(j.out.join(""));
    expect(choices.combinations).toBeGreaterThan(100);
    expect(choices.storage.map((s: { value: string }) => s.value)).toEqual(["local", "s3"]);
    expect(choices.driver.map((d: { value: string }) => d.value)).toEqual(["sqlite", "postgresql", "mysql"]);
    expect(t.out.join("\n")).toContain("driver: sqlite, postgresql, mysql (--driver)");
  });

  it("--storage and --driver pick the file storage and the database driver", async () => {
    const s3 = capture();
    expect(await scaffold([join(root, "bucket"), "--source", "file", "--storage", "s3", "--json"], s3.io), s3.err.join("\n")).toBe(0);
    expect(JSON.parse(s3.out.join("")).configuration_keys).toContain("aws_secret_access_key");
    const pg = capture();
    expect(await scaffold([join(root, "pg"), "--source", "database", "--driver", "postgresql"], pg.io), pg.err.join("\n")).toBe(0);
    expect(pg.out.join("\n")).toContain("Scaffolded a database (postgresql) connector");
    const bad = capture();
    expect(await scaffold([join(root, "bad-driver"), "--source", "rest_api", "--driver", "mysql"], bad.io)).toBe(2);
    expect(bad.err.join("\n")).toContain("driver applies to source_type database");
  });

  it("scaffolds with tables given as name:pk@parent and reports JSON", async () => {
    const dir = join(root, "api");
    const c = capture();
    const code = await scaffold([dir, "--source", "rest_api", "--auth", "bearer", "--pagination", "next_url", "--table", "accounts", "--table", "notes:account_id+note_id@accounts", "--json"], c.io);
    expect(code, c.err.join("\n")).toBe(0);
    const r = JSON.parse(c.out.join(""));
    expect(r.configuration_keys).toEqual(["base_url", "api_token"]);
    // The key names the parent column (account_id), so that column, not accounts_id, receives the parent's key.
    expect(r.options.tables[1]).toMatchObject({ name: "notes", primaryKey: ["account_id", "note_id"], parent: "accounts", parentKey: "account_id" });
    expect(readFileSync(join(dir, "connector.py"), "utf8")).toContain('"parent_key": "account_id",');
  });

  it("takes per-table settings with --tables-json, and top-level defaults with --page-size and --cursor-field", async () => {
    const dir = join(root, "per-table");
    const c = capture();
    const tables = [
      { name: "orders", primary_key: ["order_no"], pagination: "cursor", page_size: 50 },
      { name: "stock", primary_key: ["region", "sku"], cursor_field: "changed_at" },
    ];
    const code = await scaffold([dir, "--source", "rest_api", "--pagination", "offset", "--page-size", "20", "--cursor-field", "modified", "--tables-json", JSON.stringify(tables), "--json"], c.io);
    expect(code, c.err.join("\n")).toBe(0);
    const r = JSON.parse(c.out.join("")) as { options: { tables: { pagination: string; pageSize: number; cursorField: string }[] } };
    expect(r.options.tables.map((t) => [t.pagination, t.pageSize, t.cursorField])).toEqual([
      ["cursor", 50, "modified"],
      ["offset", 20, "changed_at"],
    ]);
    const bad = capture();
    expect(await scaffold([join(root, "bad-json"), "--tables-json", "{orders}"], bad.io)).toBe(2);
    expect(bad.err.join("\n")).toContain("--tables-json is not JSON");
  });

  it("exits 2 with a hint on a combination that is not offered", async () => {
    const c = capture();
    expect(await scaffold([join(root, "bad"), "--source", "file", "--auth", "bearer"], c.io)).toBe(2);
    expect(c.err.join("\n")).toContain("For file use auth: none");
    expect(existsSync(join(root, "bad", "connector.py"))).toBe(false);
  });

  it("demo runs the offline loop end to end", async () => {
    const c = capture();
    const code = await demo([join(root, "demo")], c.io);
    const text = c.out.join("\n");
    expect(code, `${text}\n${c.err.join("\n")}`).toBe(0);
    expect(text).toContain("0 error(s), 0 warning(s)");
    expect(text).toMatch(/Upserts\s+\|\s+78/);
    expect(text).toMatch(/Upserts\s+\|\s+3\b/);
    expect(text).toContain("users created at sync time");
  }, 60_000);
});
