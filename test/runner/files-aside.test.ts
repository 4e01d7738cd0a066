import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, lstatSync, mkdirSync, mkdtempSync, readFileSync, realpathSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { describe, expect, it } from "vitest";
import { claimFiles, FILES_ASIDE, setFilesAside } from "../../src/runner/files-aside.js";
import { runsDir } from "../../src/runner/history.js";

const built = pathToFileURL(join(process.cwd(), "dist", "src", "runner", "files-aside.js")).href;

function folder(): string {
  const dir = realpathSync(mkdtempSync(join(tmpdir(), "files-aside-")));
  mkdirSync(join(dir, "files"));
  writeFileSync(join(dir, "files", "state.json"), '{"mine": 1}');
  return dir;
}

/** An evaluating server killed after it set files/ aside: a real process that exits without putting it back. */
function killedEvaluation(dir: string): void {
  execFileSync(process.execPath, ["--input-type=module", "-e", `const m = await import(${JSON.stringify(built)}); m.setFilesAside(${JSON.stringify(dir)}); process.exit(0);`], {
    env: process.env,
  });
}

describe("files/ set aside by an evaluation", () => {
  it("a server that died mid-evaluation leaves files/ aside; the next server puts it back", () => {
    const dir = folder();
    killedEvaluation(dir);
    expect(existsSync(join(dir, "files"))).toBe(false);
    expect(existsSync(join(dir, FILES_ASIDE, "files", "state.json"))).toBe(true);
    // Its owner is gone, so it is not in flight any more: the next user of files/ puts it back.
    expect(() => claimFiles(dir)).not.toThrow();
    expect(readFileSync(join(dir, "files", "state.json"), "utf8")).toBe('{"mine": 1}');
    expect(existsSync(join(dir, FILES_ASIDE))).toBe(false);
  });

  it("an aside replaced by another folder after the crash is not the one recorded: nothing moves", () => {
    const dir = folder();
    killedEvaluation(dir);
    // The recorded aside is swapped for a planted folder of the same name.
    execFileSync("mv", [join(dir, FILES_ASIDE), join(dir, "moved-away")]);
    mkdirSync(join(dir, FILES_ASIDE, "files"), { recursive: true });
    writeFileSync(join(dir, FILES_ASIDE, "files", "state.json"), '{"planted": 1}');
    mkdirSync(join(dir, "files"));
    writeFileSync(join(dir, "files", "keep.txt"), "kept");
    claimFiles(dir);
    expect(readFileSync(join(dir, "files", "keep.txt"), "utf8")).toBe("kept");
    expect(readFileSync(join(dir, FILES_ASIDE, "files", "state.json"), "utf8")).toBe('{"planted": 1}');
  });

  it("a record that cannot be written beside the run records (a folder in its place) → the evaluation still sets files/ aside and puts it back", () => {
    const dir = folder();
    mkdirSync(join(runsDir()!, `evaluation-aside-${createHash("sha256").update(dir).digest("hex").slice(0, 24)}.json`));
    const putBack = setFilesAside(dir);
    expect(existsSync(join(dir, "files"))).toBe(false);
    expect(() => claimFiles(dir)).toThrow(/evaluate_connector is running/);
    putBack();
    expect(readFileSync(join(dir, "files", "state.json"), "utf8")).toBe('{"mine": 1}');
    expect(() => claimFiles(dir)).not.toThrow();
  });

  it("after the crash, files/ inside the recorded aside replaced by a link to outside → not moved into place, the scratch files/ kept", () => {
    const dir = folder();
    killedEvaluation(dir);
    mkdirSync(join(dir, "files"));
    writeFileSync(join(dir, "files", "scratch.txt"), "the evaluation's");
    const outside = realpathSync(mkdtempSync(join(tmpdir(), "files-aside-outside-")));
    execFileSync("mv", [join(dir, FILES_ASIDE, "files"), join(outside, "moved")]);
    symlinkSync(outside, join(dir, FILES_ASIDE, "files"));
    claimFiles(dir);
    expect(lstatSync(join(dir, "files")).isSymbolicLink()).toBe(false);
    expect(readFileSync(join(dir, "files", "scratch.txt"), "utf8")).toBe("the evaluation's");
    expect(lstatSync(join(dir, FILES_ASIDE, "files")).isSymbolicLink()).toBe(true);
  });
});
