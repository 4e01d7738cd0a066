import { describe, expect, it } from "vitest";
import { parseJson, JsonSyntaxError } from "../../src/lint/json.js";
import { parseRequirementLine, parseRequirements } from "../../src/lint/requirements.js";
import { pyprojectDependencies, type Project } from "../../src/lint/project.js";
import { lint, projectSettings } from "../../src/lint/engine.js";
import { afterAll } from "vitest";
import { cleanup, writeOverlay, writeProject } from "./helpers.js";

afterAll(cleanup);

describe("position-tracking JSON parser", () => {
  it("keeps exact offsets of keys and values", () => {
    const text = '{\n  "a": "x",\n  "b": 10\n}';
    const n = parseJson(text);
    if (n.kind !== "object") throw new Error("object expected");
    expect(n.members.map((m) => m.key)).toEqual(["a", "b"]);
    expect(text.slice(n.members[1].value.start, n.members[1].value.end)).toBe("10");
    expect(text.slice(n.members[0].keyStart, n.members[0].keyEnd)).toBe('"a"');
  });
  it.each([
    ['{"a": 1,}', /trailing comma/, 8],
    ['{\n // c\n "a": "1"}', /comments/, 3],
    ["{'a': '1'}", /double quotes/, 1],
    ['{"a": "1"} x', /after the end/, 11],
  ])("rejects %s with a precise offset", (text, msg, offset) => {
    try {
      parseJson(text);
      throw new Error("should fail");
    } catch (e) {
      expect(e).toBeInstanceOf(JsonSyntaxError);
      expect((e as JsonSyntaxError).message).toMatch(msg);
      expect((e as JsonSyntaxError).offset).toBe(offset);
    }
  });
  it("decodes escapes", () => {
    const n = parseJson('{"k": "a\\n\\u0041"}');
    expect(n.kind === "object" && n.members[0].value.kind === "string" && n.members[0].value.value).toBe("a\nA");
  });
});

describe("PEP 508 requirement lines", () => {
  it("splits names, extras, specifiers, markers and pins", () => {
    expect(parseRequirementLine("Requests[socks] == 2.32.3 ; python_version >= '3.10'  # why")).toMatchObject({
      name: "Requests",
      normalized: "requests",
      extras: ["socks"],
      specifier: "==2.32.3",
      pinned: "2.32.3",
      marker: "python_version >= '3.10'",
    });
    expect(parseRequirementLine("snowflake_connector.python>=3,<4")).toMatchObject({ normalized: "snowflake-connector-python", specifier: ">=3,<4", pinned: undefined, specifierValid: true });
    expect(parseRequirementLine("pkg==1.*")).toMatchObject({ pinned: undefined, specifierValid: true });
    expect(parseRequirementLine("pkg=>1")).toMatchObject({ specifierValid: false });
    expect(parseRequirementLine("mylib @ git+https://github.com/o/r.git@v1.2")).toMatchObject({ name: "mylib", vcsRef: "v1.2" });
    expect(parseRequirementLine("git+https://github.com/o/r.git#egg=other")).toMatchObject({ name: "other", vcsRef: undefined });
    expect(parseRequirementLine("-r base.txt")).toBeNull();
    expect(parseRequirementLine("   # only a comment")).toBeNull();
  });
  it("keeps line offsets for edits", () => {
    const text = "--index-url https://x\npandas==2.2.2\r\nboto3\n";
    const r = parseRequirements(text);
    expect(r.requirements.map((x) => [x.name, x.line, text.slice(x.start, x.end)])).toEqual([
      ["pandas", 2, "pandas==2.2.2"],
      ["boto3", 3, "boto3"],
    ]);
    expect(r.other[0]).toMatchObject({ line: 1 });
  });
  it("reads [project].dependencies from pyproject.toml", () => {
    const deps = pyprojectDependencies('[build-system]\nrequires = ["x"]\n\n[project]\nname = "c"\ndependencies = [\n  "pandas==2.2.2",\n  \'requests>=2\',\n]\n');
    expect(deps?.map((d) => d.normalized)).toEqual(["pandas", "requests"]);
  });
  it("reads pyproject dependencies as TOML: extras and markers with brackets, comments, positions", () => {
    const text = '[project]\nname = "c"\ndependencies = [\n  "pkg[extra]==1.0",  # a comment with ] in it\n  "six==1.16.0; python_version > \'3.9\'",\n]\n';
    const deps = pyprojectDependencies(text);
    expect(deps?.map((d) => [d.normalized, d.line, text.slice(d.start, d.end)])).toEqual([
      ["pkg", 4, '"pkg[extra]==1.0"'],
      ["six", 5, "\"six==1.16.0; python_version > '3.9'\""],
    ]);
    expect(pyprojectDependencies("[project\nnot toml")).toBeUndefined();
  });
});

describe("engine details", () => {
  it("takes target_sdk from a requirements pin", async () => {
    const dir = writeOverlay({ requirements: "fivetran-connector-sdk==1.8.0\n" });
    const r = await lint(dir, { rules: ["FT021", "FT060"], generic: false });
    expect(r.findings.map((f) => f.rule).sort()).toContain("FT021");
  });
  it("honours # ftlint: disable on the line and on the def", async () => {
    const dir = writeOverlay({ py: { update: '    print("a")  # ftlint: disable=FT040\n    op.upsert(table="items", data={"id": 1})\n    op.checkpoint(state=state)' } });
    expect((await lint(dir, { rules: ["FT040"], generic: false })).findings).toEqual([]);
  });
  it("uses python3 compile() for syntax and Ruff for generic checks", async () => {
    const dir = writeProject({ "connector.py": "import os\ndef update(configuration, state):\n    return undefined_name\nx = (\n" });
    const r = await lint(dir, {});
    const ft001 = r.findings.filter((f) => f.rule === "FT001");
    expect(ft001.length).toBe(1);
    expect(ft001[0].line).toBe(4);
    const ok = writeProject({ "connector.py": "import os\n\n\ndef update(configuration, state):\n    return undefined_name\n" });
    const r2 = await lint(ok, {});
    expect(r2.findings.find((f) => f.rule === "F821")).toMatchObject({ severity: "error", source: "ruff", line: 5 });
    expect(r2.findings.find((f) => f.rule === "F401")).toMatchObject({ severity: "warning", line: 1 });
  });
  it("reads .ftlint.toml and [tool.ftlint] settings (explicit options win)", async () => {
    const dir = writeOverlay({
      py: { update: '    log.error("x")\n    print("y")\n    op.upsert(table="items", data={"id": 1})\n    op.checkpoint(state=state)' },
      files: { ".ftlint.toml": 'profile = "sdk"\ntarget_sdk = ">=2.8.1"\ndisable = ["FT040"]\n' },
    });
    const r = await lint(dir, { generic: false });
    expect(r.findings.some((f) => f.rule === "FT043")).toBe(true);
    expect(r.findings.some((f) => f.rule === "FT040")).toBe(false);
    const r2 = await lint(dir, { generic: false, targetSdk: "3.0.0" });
    expect(r2.findings.some((f) => f.rule === "FT043")).toBe(false);
    const py = writeOverlay({ files: { "pyproject.toml": '[project]\nname = "c"\n\n[tool.ftlint]\ndisable = ["FT05D"]\n' }, py: { main: "" } });
    const r3 = await lint(py, { generic: false, rules: ["FT05C", "FT05D"] });
    expect(r3.findings.map((f) => f.rule)).toEqual(["FT05C"]);
  });
  it("reads settings as TOML: a multi-line disable list with comments, and [tool.ftlint] after another table", () => {
    const project = (files: Record<string, string>) =>
      ({ texts: new Map(Object.entries(files).map(([k, text]) => [k, { text }])), pyproject: files["pyproject.toml"] ? { text: files["pyproject.toml"] } : undefined }) as unknown as Project;
    expect(projectSettings(project({ ".ftlint.toml": 'disable = [\n  "ft040",  # print is fine here ]\n  "FT071",\n]\nprofile = "sdk"\n' }))).toEqual({
      profile: "sdk",
      targetSdk: undefined,
      disable: ["FT040", "FT071"],
    });
    expect(projectSettings(project({ "pyproject.toml": '[tool.ftlint]\ntarget_sdk = "==2.8.1"\n[tool.other]\ndisable = ["X"]\n' }))).toEqual({ profile: undefined, targetSdk: "2.8.1", disable: [] });
    expect(projectSettings(project({ ".ftlint.toml": "disable = [" }))).toEqual({ disable: [] });
  });
  it("refuses a target_sdk that is not a version", async () => {
    await expect(lint(writeOverlay({}), { targetSdk: "banana" })).rejects.toThrow(/PEP 440/);
  });
});
