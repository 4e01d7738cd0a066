import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { execa } from "execa";
import { describe, expect, it } from "vitest";
import { installRequirements } from "../../src/deps/install.js";
import { parseInstalled, parsePipFailure } from "../../src/deps/pip-output.js";
import { checkRequirements, parseRequirements } from "../../src/deps/requirements.js";
import { installRequirementsTool } from "../../tools/install_requirements.js";
import { makeCtx, makeProject } from "./helpers.js";

const fixture = (name: string) => readFileSync(join(import.meta.dirname, "fixtures", name), "utf8");

describe("requirements.txt rules", () => {
  it("parses names, pins, URLs and options", () => {
    const f = parseRequirements(
      [
        "# comment",
        "Requests==2.32.3",
        "python_dateutil>=2.8  # inline",
        "six==1.16.0",
        "pkg[extra]==1.0 ; python_version>'3.9'",
        "git+https://github.com/o/r.git@v1.2#egg=oracledb",
        "-r other.txt",
        "",
      ].join("\n"),
    );
    expect(f.requirements.map((r) => [r.name, r.pinned, r.line])).toEqual([
      ["requests", true, 2],
      ["python-dateutil", false, 3],
      ["six", true, 4],
      ["pkg", true, 5],
      ["oracledb", true, 6],
    ]);
    expect(f.options).toEqual([{ line: 7, text: "-r other.txt" }]);
  });

  it("flags the pre-installed packages as errors and unpinned ones as warnings", () => {
    const issues = checkRequirements(parseRequirements("fivetran_connector_sdk\nrequests==2.32.3\nboto3\n"));
    expect(issues.map((i) => [i.rule, i.severity, i.line])).toEqual([
      ["requirements:preinstalled", "error", 1],
      ["requirements:preinstalled", "error", 2],
      ["requirements:unpinned", "warning", 3],
    ]);
    expect(issues[0].message).toContain("pre-installs");
    // Each hint fits its package: the SDK's points at include_sdk, requests' at the .venv that already has it.
    expect(issues[0].hint).toContain("include_sdk=true");
    expect(issues[1].hint).not.toContain("SDK");
    expect(issues[1].hint).toContain("install_requirements puts requests into .venv");
  });
});

describe("pip output parser (recorded output of pip 23.2)", () => {
  it("names a package that does not exist", () => {
    const f = parsePipFailure(fixture("pip-not-found.txt"))!;
    expect(f.kind).toBe("not_found");
    expect(f.packages).toEqual(["fivetran-mcp-nonexistent-zz9"]);
    expect(f.message).toContain("fivetran-mcp-nonexistent-zz9");
  });
  it("suggests an existing version when the pin does not exist", () => {
    const f = parsePipFailure(fixture("pip-no-such-version.txt"))!;
    expect(f.kind).toBe("no_matching_version");
    expect(f.packages).toEqual(["six"]);
    expect(f.hint).toContain("six==1.17.0");
  });
  it("names a package whose wheel does not build, with the cause", () => {
    const f = parsePipFailure(fixture("pip-wheel-build-failed.txt"))!;
    expect(f.kind).toBe("build_failed");
    expect(f.packages).toEqual(["badwheel"]);
    expect(f.message).toContain("compiler missing on purpose");
  });
  it("names a package that fails before the wheel stage", () => {
    const f = parsePipFailure(fixture("pip-build-requirements-failed.txt"))!;
    expect(f.kind).toBe("build_failed");
    expect(f.packages).toEqual(["badpkg"]);
    expect(f.message).toContain("Getting requirements to build wheel failed");
    expect(f.message).toContain("cannot be built on purpose");
  });
  it("reports conflicts and unreadable lines", () => {
    const c = parsePipFailure(fixture("pip-conflict.txt"))!;
    expect(c.kind).toBe("conflict");
    expect(c.packages).toEqual(["six"]);
    expect(c.message).toContain("The user requested six==1.17.0");
    const i = parsePipFailure(fixture("pip-invalid-requirement.txt"))!;
    expect(i.kind).toBe("invalid_requirement");
    expect(i.packages).toEqual(["foo bar baz"]);
  });
  it("reads what was installed and ignores success", () => {
    expect(parseInstalled("Installing collected packages: six\nSuccessfully installed six-1.16.0 python-dateutil-2.9.0\n")).toEqual([
      { name: "six", version: "1.16.0" },
      { name: "python-dateutil", version: "2.9.0" },
    ]);
    expect(parsePipFailure("Successfully installed six-1.16.0\n")).toBeNull();
  });
});

describe("install_requirements (real venv, real pip, real index)", () => {
  it("installs a small package, reuses the venv, and names a package that does not exist", async () => {
    const dir = makeProject({ "requirements.txt": "six==1.16.0\n" });
    const { ctx, progress } = makeCtx(dir);
    const r = await installRequirementsTool.handle({ project_dir: dir, upgrade: false, recreate: false, include_sdk: false, timeout_seconds: 300, wait_seconds: 55 }, ctx);
    expect(r.data.created).toBe(true);
    expect(r.data.installed).toEqual(expect.arrayContaining([{ name: "six", version: "1.16.0" }, expect.objectContaining({ name: "requests" })]));
    expect(progress.map((p) => p.message)).toContainEqual(expect.stringMatching(/^installed .*six-1\.16\.0/));
    const check = await execa(join(dir, ".venv", "bin", "python"), ["-c", "import six; print(six.__version__)"]);
    expect(check.stdout.trim()).toBe("1.16.0");
    // What production pre-installs is in the venv too, so a connector importing requests runs locally.
    await execa(join(dir, ".venv", "bin", "python"), ["-c", "import requests"]);

    writeFileSync(join(dir, "requirements.txt"), "six==1.16.0\nfivetran-mcp-nonexistent-zz9==1.0\n");
    const err = await installRequirements({ projectDir: dir, timeoutSeconds: 120 }).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: "dependency", value: ["fivetran-mcp-nonexistent-zz9"] });
    expect((err as Error).message).toContain("No package named fivetran-mcp-nonexistent-zz9");
    expect(existsSync(join(dir, ".venv", "bin", "python"))).toBe(true);
  }, 180_000);

  it("refuses requirements.txt that lists the SDK or requests before touching anything", async () => {
    const dir = makeProject({ "requirements.txt": "requests==2.32.3\n" });
    await expect(installRequirements({ projectDir: dir })).rejects.toMatchObject({ code: "dependency", value: ["requests"] });
    expect(existsSync(join(dir, ".venv"))).toBe(false);
  });

  it("refuses a Python that cannot run", async () => {
    const dir = makeProject({ "requirements.txt": "six==1.16.0\n" });
    await expect(installRequirements({ projectDir: dir, python: "/nonexistent/python3" })).rejects.toMatchObject({ code: "python_not_found" });
  });
});
