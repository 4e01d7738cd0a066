import { execFileSync } from "node:child_process";
import { readFileSync, symlinkSync } from "node:fs";
import { join } from "node:path";
import { afterAll, afterEach, beforeEach, describe, expect, it } from "vitest";
import { lint } from "../../src/lint/engine.js";
import { parsePython } from "../../src/lint/python.js";
import { realSdkPython, TEST_VENV } from "../helpers/env.js";
import { cleanup, writeOverlay, writeProject } from "./helpers.js";
import { projectFiles, type Overlay } from "./template.js";

/**
 * The parts of FT121, FT122, FT081, FT047 and FT063 the catalogue describes beyond the one bad/good
 * pair of cases.ts: the safe docstring and comment fixes, the repeated-cursor check, logs in
 * functions run at import time, and the installed version in FT063's suggestion.
 */
afterAll(cleanup);

const EXAMPLES = { profile: "fivetran-examples", generic: false } as const;

/** Python's own view of a module without docstrings and comments: equal dumps mean equal behaviour. */
function astWithoutDocstrings(source: string): string {
  const script = [
    "import ast, sys",
    "tree = ast.parse(sys.stdin.read())",
    "for n in ast.walk(tree):",
    "    body = getattr(n, 'body', None)",
    "    if isinstance(body, list) and body and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant) and isinstance(body[0].value.value, str):",
    "        n.body = body[1:] or [ast.Pass()]",
    "print(ast.dump(tree))",
  ].join("\n");
  return execFileSync("python3", ["-c", script], { input: source, encoding: "utf8" });
}

const originals = new Map<string, string>();
/** Lines over Fivetran's 99-character flake8 limit that the fixes added (the template has one of its own). */
function longAddedLines(dir: string, after: string): string[] {
  const before = new Set(originals.get(dir)!.split("\n"));
  return after.split("\n").filter((l) => l.length > 99 && !before.has(l));
}

/** Lints with fix, then checks what every safe fix must guarantee, and returns the fixed connector.py. */
async function fixAndCheck(dir: string, opts: Parameters<typeof lint>[1], sameCode = true): Promise<string> {
  const before = readFileSync(join(dir, "connector.py"), "utf8");
  originals.set(dir, before);
  const r = await lint(dir, { ...opts, fix: true });
  expect(
    r.findings.filter((f) => f.fix?.safe),
    "no safe fix left",
  ).toEqual([]);
  const after = readFileSync(join(dir, "connector.py"), "utf8");
  expect((await parsePython(after)).errors, after).toEqual([]);
  // FT047's fix moves a statement on purpose; the docstring and comment fixes change no code.
  if (sameCode) expect(astWithoutDocstrings(after)).toBe(astWithoutDocstrings(before));
  return after;
}

const HELPERS = `def fetch_page(session, url,
               page_size=100):
    # one request per page
    response = session.get(url, params={"limit": page_size}, timeout=30)
    response.raise_for_status()
    return response.json()


def pages(session):
    yield fetch_page(session, "https://api.example.com/items")


class Client:
    def __init__(self, key):
        self.key = key

    @staticmethod
    def name():
        return "client"


def one_liner(): return 1


async def fetch_async(url):
    return url
`;

describe("FT121: the safe fix inserts a docstring template", () => {
  it("documents update() and schema() fully and leaves placeholders elsewhere, keeping behaviour", async () => {
    const dir = writeOverlay({ py: { helpers: HELPERS } });
    const before = await lint(dir, { ...EXAMPLES, rules: ["FT121"] });
    const names = before.findings.map((f) => /^(\w+)\(\)/.exec(f.message)![1]);
    expect(names).toEqual(expect.arrayContaining(["fetch_page", "pages", "__init__", "name", "one_liner", "validate_configuration", "schema", "update"]));
    const after = await fixAndCheck(dir, { ...EXAMPLES, rules: ["FT121"] });
    // update() and schema() have fixed roles, so their docstrings are complete.
    expect(after).toMatch(
      /def update\(configuration: dict, state: dict\):\n {4}"""\n {4}Runs on every sync[^]*? {4}Args:\n {8}configuration: [^]*?\n {8}state: [^]*?\n {4}"""\n {4}validate_configuration/,
    );
    expect(after).toMatch(/def validate_configuration\(configuration: dict\):\n {4}"""\n {4}Checks that the configuration[^]*? {4}Args:\n {8}configuration: [^\n]+\n {4}"""\n/);
    // Fivetran's flake8 allows 99 characters a line, and the fix must not be what breaks it.
    expect(longAddedLines(dir, after)).toEqual([]);
    expect(after).toMatch(/def schema\(configuration: dict\):\n {4}"""\n {4}Declares the tables[^]*? {4}Returns:\n[^]*? {4}"""\n {4}return/);
    // A multi-line signature: the docstring follows the header, before the body's first comment.
    expect(after).toContain(
      '               page_size=100):\n    """\n    <describe what fetch_page() does and why>\n    Args:\n        session: <describe session>\n        url: <describe url>\n        page_size: <describe page_size>\n    Returns:\n        <describe the result>\n    """\n    # one request per page\n',
    );
    expect(after).toContain('def pages(session):\n    """\n    <describe what pages() does and why>\n    Args:\n        session: <describe session>\n    Yields:\n');
    // Methods: self is not an argument to document; a decorator does not get in the way.
    expect(after).toContain('    def __init__(self, key):\n        """\n        <describe what __init__() does and why>\n        Args:\n            key: <describe key>\n        """\n');
    expect(after).toContain('    def name():\n        """\n        <describe what name() does and why>\n        Returns:\n');
    expect(after).toContain('async def fetch_async(url):\n    """\n    <describe what fetch_async() does and why>\n');
    // A body on the header line would need reflowing: no fix, the finding stays.
    expect(after).toContain("def one_liner(): return 1\n");
    const left = await lint(dir, { ...EXAMPLES, rules: ["FT121"] });
    expect(left.findings.filter((f) => f.message.startsWith("one_liner()"))).toHaveLength(1);
    // The placeholders stay visible until someone writes the text.
    expect(left.findings.filter((f) => /still holds the template/.test(f.message)).map((f) => f.message)).toEqual(expect.arrayContaining([expect.stringContaining("fetch_page()")]));
    expect(left.findings.filter((f) => /still holds the template/.test(f.message) && /update\(\)|schema\(\)/.test(f.message))).toEqual([]);
  });

  it("a filled-in docstring is quiet", async () => {
    const dir = writeOverlay({
      files: {
        "connector.py":
          'from fivetran_connector_sdk import Connector\nfrom fivetran_connector_sdk import Operations as op\n\n\ndef update(configuration, state):\n    """\n    Syncs items.\n    Args:\n        configuration: settings.\n    """\n    op.upsert(table="items", data={"id": 1})\n    op.checkpoint(state=state)\n\n\nconnector = Connector(update=update)\n',
      },
    });
    expect((await lint(dir, { ...EXAMPLES, rules: ["FT121"] })).findings).toEqual([]);
  });
});

describe("FT122: the safe fix inserts the comment blocks", () => {
  it("above each upsert, checkpoint and the main block, at their indentation", async () => {
    const update = '    for row in [{"id": 1}]:\n        op.upsert(table="items", data=row)\n    if state: op.checkpoint(state=state)\n    op.checkpoint(state=state)';
    const dir = writeOverlay({ py: { update } });
    const before = await lint(dir, { ...EXAMPLES, rules: ["FT122"] });
    expect(before.findings).toHaveLength(4);
    const after = await fixAndCheck(dir, { ...EXAMPLES, rules: ["FT122"] });
    expect(after).toMatch(/ {4}for row in \[\{"id": 1\}\]:\n( {8}# [^\n]+\n)+ {8}op\.upsert/);
    expect(after).toMatch(/\n( {4}# [^\n]+\n){2,} {4}op\.checkpoint\(state=state\)\n\n\nconnector/);
    expect(after).toMatch(/\n(# [^\n]+\n){2,}if __name__ == "__main__":/);
    expect(after).toContain("fivetran debug");
    expect(longAddedLines(dir, after)).toEqual([]);
    // The one after `if state:` has no line of its own to go above; it is left to a person.
    expect(after).toContain("    if state: op.checkpoint(state=state)\n");
    const left = await lint(dir, { ...EXAMPLES, rules: ["FT122"] });
    expect(left.findings.map((f) => f.line)).toEqual([after.split("\n").findIndex((l) => l.startsWith("    if state:")) + 1]);
  });

  it("FT121 and FT122 fixes together: one docstring, one comment block, in that order", async () => {
    const dir = writeOverlay({
      files: {
        ...projectFiles({}),
        "connector.py":
          'from fivetran_connector_sdk import Connector\nfrom fivetran_connector_sdk import Operations as op\n\n\ndef update(configuration, state):\n    op.upsert(table="items", data={"id": 1})\n    op.checkpoint(state=state)\n\n\nconnector = Connector(update=update)\n',
      },
    });
    const after = await fixAndCheck(dir, { ...EXAMPLES, rules: ["FT121", "FT122"] });
    expect(after).toMatch(/def update\(configuration, state\):\n {4}"""\n[^]*?\n {4}"""\n( {4}# [^\n]+\n){2,} {4}op\.upsert[^\n]+\n( {4}# [^\n]+\n){2,} {4}op\.checkpoint/);
  });
});

const LOOP = (body: string) => ({
  py: {
    imports: "import requests",
    helpers: "def get(url, params=None):\n    response = requests.get(url, params=params, timeout=30)\n    response.raise_for_status()\n    return response.json()\n",
    update: body,
  },
});
const repeatedBad: [string, Overlay][] = [
  [
    "a cursor passed in the request and replaced from the response",
    LOOP(
      '    cursor = None\n    while True:\n        page = get("https://api.example.com/items", {"cursor": cursor})\n        for row in page["data"]:\n            op.upsert(table="items", data=row)\n        op.checkpoint(state=state)\n        cursor = page.get("next_cursor")\n        if not cursor:\n            break',
    ),
  ],
  [
    "a next URL that is the loop condition",
    LOOP(
      '    url = "https://api.example.com/items"\n    while url:\n        body = get(url)\n        for row in body["data"]:\n            op.upsert(table="items", data=row)\n        op.checkpoint(state=state)\n        url = body["links"]["next"]',
    ),
  ],
  [
    "a token copied through another name",
    LOOP(
      '    token = None\n    while True:\n        body = get("https://api.example.com/items", {"page_token": token})\n        for row in body["data"]:\n            op.upsert(table="items", data=row)\n        op.checkpoint(state=state)\n        new_token = body.get("nextPageToken")\n        if not new_token:\n            break\n        token = new_token',
    ),
  ],
];
const repeatedGood: [string, Overlay][] = [
  [
    "compared with the previous cursor",
    LOOP(
      '    cursor = None\n    while True:\n        page = get("https://api.example.com/items", {"cursor": cursor})\n        for row in page["data"]:\n            op.upsert(table="items", data=row)\n        op.checkpoint(state=state)\n        next_cursor = page.get("next_cursor")\n        if not next_cursor or next_cursor == cursor:\n            break\n        cursor = next_cursor',
    ),
  ],
  [
    "cursors remembered in a set",
    LOOP(
      '    seen = set()\n    url = "https://api.example.com/items"\n    while url and url not in seen:\n        seen.add(url)\n        body = get(url)\n        for row in body["data"]:\n            op.upsert(table="items", data=row)\n        op.checkpoint(state=state)\n        url = body.get("next")',
    ),
  ],
  [
    "a has_more flag, not a cursor",
    LOOP(
      '    has_more = True\n    page = 1\n    while has_more:\n        body = get("https://api.example.com/items", {"page": page})\n        for row in body["data"]:\n            op.upsert(table="items", data=row)\n        op.checkpoint(state=state)\n        has_more = body.get("has_more", False)\n        page += 1',
    ),
  ],
  [
    "a token read from the response but not driving the loop",
    LOOP(
      '    for page in range(3):\n        body = get("https://api.example.com/items", {"page": page})\n        for row in body["data"]:\n            op.upsert(table="items", data=row)\n        etag = body.get("etag")\n        state["etag"] = etag\n        op.checkpoint(state=state)',
    ),
  ],
  [
    "only compared with a literal is not a guard, but no cursor loop here either",
    LOOP(
      '    page = 1\n    while page < 5:\n        body = get("https://api.example.com/items", {"page": page})\n        for row in body["data"]:\n            op.upsert(table="items", data=row)\n        op.checkpoint(state=state)\n        page = page + 1',
    ),
  ],
];

describe("FT081 (b): a cursor loop without a repeated-cursor guard is info", () => {
  for (const [name, overlay] of repeatedBad) {
    it(`reports: ${name}`, async () => {
      const r = await lint(writeOverlay(overlay), { rules: ["FT081"], generic: false });
      expect(r.findings.map((f) => [f.severity, /guard against a repeated cursor/.test(f.message)])).toEqual([["info", true]]);
    });
  }
  for (const [name, overlay] of repeatedGood) {
    it(`quiet: ${name}`, async () => {
      const r = await lint(writeOverlay(overlay), { rules: ["FT081"], generic: false });
      expect(r.findings).toEqual([]);
    });
  }
  it("a literal comparison is not a guard", async () => {
    const r = await lint(
      writeOverlay(
        LOOP(
          '    cursor = ""\n    while True:\n        page = get("https://api.example.com/items", {"cursor": cursor})\n        for row in page["data"]:\n            op.upsert(table="items", data=row)\n        op.checkpoint(state=state)\n        cursor = page["next"]\n        if cursor == "":\n            break',
        ),
      ),
      { rules: ["FT081"], generic: false },
    );
    expect(r.findings).toHaveLength(1);
  });
});

const LOGS = 'def announce():\n    log.info("loaded")\n\n\ndef setup():\n    announce()\n    return {}\n';
const importTimeBad: [string, Overlay, string][] = [
  ["a function called at module level", { py: { helpers: 'def announce():\n    log.info("loaded")\n', tail: "\nannounce()" } }, "announce"],
  ["through another function", { py: { helpers: LOGS, tail: "\nSETTINGS = setup()" } }, "announce"],
  ["a class instantiated at module level", { py: { helpers: 'class Client:\n    def __init__(self):\n        log.info("client created")\n', tail: "\nCLIENT = Client()" } }, "__init__"],
  ["a decorator applied at import", { py: { helpers: 'def timed(fn):\n    log.info(f"wrapping {fn.__name__}")\n    return fn\n\n\n@timed\ndef helper():\n    return 1\n' } }, "timed"],
  ["a default argument", { py: { helpers: 'def default_size():\n    log.info("default")\n    return 100\n\n\ndef page(size=default_size()):\n    return size\n' } }, "default_size"],
  [
    "mutually recursive functions (the walk ends)",
    { py: { helpers: 'def ping(n):\n    log.info("ping")\n    return pong(n - 1) if n else 0\n\n\ndef pong(n):\n    return ping(n - 1) if n else 0\n', tail: "\nPINGS = pong(2)" } },
    "ping",
  ],
  ["a class body", { py: { helpers: 'def limit():\n    log.warning("limit")\n    return 5\n\n\nclass Settings:\n    LIMIT = limit()\n' } }, "limit"],
];
const importTimeGood: [string, Overlay][] = [
  [
    "called only from update()",
    { py: { helpers: 'def announce():\n    log.info("loaded")\n', update: '    announce()\n    op.upsert(table="items", data={"id": 1})\n    op.checkpoint(state=state)' } },
  ],
  ["passed along, not called", { py: { imports: "import threading", helpers: 'def announce():\n    log.info("loaded")\n', tail: "\nWORKER = threading.Thread(target=announce)" } }],
  [
    "called under the main guard",
    { py: { helpers: 'def announce():\n    log.info("loaded")\n', main: 'if __name__ == "__main__":\n    announce()\n    connector.debug(configuration={"api_key": "x"})' } },
  ],
  ["inside a module-level lambda", { py: { helpers: 'def announce():\n    log.info("loaded")\n', tail: "\nLATER = lambda: announce()" } }],
  ["a method of another object with the same name", { py: { helpers: 'def update_headers():\n    log.info("x")\n', tail: '\nHEADERS = {"a": "b"}\nHEADERS.update({"c": "d"})' } }],
  [
    "a decorator factory's inner wrapper",
    {
      py: {
        imports: "import functools",
        helpers:
          'def logged(fn):\n    @functools.wraps(fn)\n    def wrapper(*args, **kwargs):\n        log.info(f"calling {fn.__name__}")\n        return fn(*args, **kwargs)\n    return wrapper\n\n\n@logged\ndef helper():\n    return 1\n',
      },
    },
  ],
];

describe("FT047: log calls in functions that run at import time", () => {
  for (const [name, overlay, fn] of importTimeBad) {
    it(`reports: ${name}`, async () => {
      const r = await lint(writeOverlay(overlay), { rules: ["FT047"], generic: false });
      expect(r.findings.map((f) => f.severity)).toEqual(["error"]);
      expect(r.findings[0].message).toContain(`${fn}() runs at import time`);
      expect(r.findings[0].fix).toBeUndefined();
    });
  }
  for (const [name, overlay] of importTimeGood) {
    it(`quiet: ${name}`, async () => {
      const r = await lint(writeOverlay(overlay), { rules: ["FT047"], generic: false });
      expect(r.findings).toEqual([]);
    });
  }
  it("the fix moves a module-level log line below update()'s docstring, which stays the docstring", async () => {
    const source =
      'from fivetran_connector_sdk import Connector\nfrom fivetran_connector_sdk import Logging as log\nfrom fivetran_connector_sdk import Operations as op\n\n\ndef update(configuration, state):\n    """Syncs items."""\n    op.upsert(table="items", data={"id": 1})\n    op.checkpoint(state=state)\n\n\nconnector = Connector(update=update)\nlog.info("module loaded")\n';
    const after = await fixAndCheck(writeOverlay({ files: { "connector.py": source } }), { rules: ["FT047"], generic: false }, false);
    expect(after).toContain('def update(configuration, state):\n    """Syncs items."""\n    log.info("module loaded")\n    op.upsert');
    expect(after.endsWith("connector = Connector(update=update)\n")).toBe(true);
  });
  it("with FT121 in the same run, update() gets one docstring, above the moved log line", async () => {
    const dir = writeOverlay({ py: { tail: '\nlog.info("module loaded")' } });
    const after = await fixAndCheck(dir, { profile: "fivetran-examples", rules: ["FT047", "FT121"], generic: false }, false);
    expect(after).toMatch(/def update\(configuration: dict, state: dict\):\n {4}"""\n {4}Runs on every sync[^]*?\n {4}"""\n {4}log\.info\("module loaded"\)\n {4}validate_configuration/);
  });
  it("names the chain from the import-time call", async () => {
    const r = await lint(writeOverlay({ py: { helpers: LOGS, tail: "\nSETTINGS = setup()" } }), { rules: ["FT047"], generic: false });
    expect(r.findings[0].message).toMatch(/setup\(\) called at connector\.py:\d+ \(through setup\(\) → announce\(\)\)/);
  });
  it("the real SDK agrees: importing such a module fails with TypeError", async () => {
    const python = realSdkPython();
    if (!python) return;
    const dir = writeOverlay(importTimeBad[1][1]);
    let failure = "";
    try {
      execFileSync(python, ["-c", "import connector"], { cwd: dir, encoding: "utf8", stdio: "pipe" });
    } catch (e) {
      failure = String((e as { stderr?: string }).stderr);
    }
    expect(failure).toContain("TypeError");
  });
});

describe("FT063: the suggestion pins the version installed in the connector's venv", () => {
  let saved: string | undefined;
  beforeEach(() => {
    saved = process.env.FIVETRAN_CONNECTOR_PYTHON;
    delete process.env.FIVETRAN_CONNECTOR_PYTHON;
  });
  afterEach(() => {
    if (saved === undefined) delete process.env.FIVETRAN_CONNECTOR_PYTHON;
    else process.env.FIVETRAN_CONNECTOR_PYTHON = saved;
  });
  const withVenv = (imports: string) => {
    const dir = writeProject(projectFiles({ py: { imports } }));
    symlinkSync(TEST_VENV, join(dir, ".venv"));
    return dir;
  };

  it("jinja2 and jmespath: the versions installed in the venv", async () => {
    if (!realSdkPython()) return;
    const dir = withVenv("import jinja2\nfrom jmespath import search");
    const r = await lint(dir, { rules: ["FT063"], generic: false });
    expect(r.findings.map((f) => f.message.replace(/^.*Add /, "Add "))).toEqual(["Add Jinja2==3.1.6 (the version installed in .venv)", "Add jmespath==1.1.0 (the version installed in .venv)"]);
    expect(r.findings.map((f) => [f.fix?.safe, f.fix?.edits.map((e) => e.newText).join("")])).toEqual([
      [false, "Jinja2==3.1.6\n"],
      [false, "jmespath==1.1.0\n"],
    ]);
  });

  it("cryptography, tqdm and pathspec come with fivetran-connector-sdk 3.0.0 (its Requires-Dist): a note, not an error", async () => {
    const r = await lint(writeOverlay({ py: { imports: "import pathspec\nfrom tqdm import tqdm\nfrom cryptography.fernet import Fernet" } }), { rules: ["FT063"], generic: false });
    expect(r.findings.map((f) => [f.severity, f.line, f.column, f.message])).toEqual([
      ["info", 8, 1, "pathspec comes with the fivetran-connector-sdk package today; declare it if you rely on a specific version"],
      ["info", 9, 1, "tqdm comes with the fivetran-connector-sdk package today; declare it if you rely on a specific version"],
      ["info", 10, 1, "cryptography comes with the fivetran-connector-sdk package today; declare it if you rely on a specific version"],
    ]);
  });

  it("an import name the map does not know is resolved from the installed distribution's files", async () => {
    const python = realSdkPython();
    if (!python) return;
    // pipreqs-fivetran ships the `pipreqs` module; the venv's own importlib.metadata is the oracle.
    const expected = execFileSync(python, ["-c", "import importlib.metadata as m; d = m.distribution('pipreqs-fivetran'); print(d.metadata['Name'] + '==' + d.version)"], { encoding: "utf8" }).trim();
    const r = await lint(withVenv("import pipreqs"), { rules: ["FT063"], generic: false });
    expect(r.findings.map((f) => f.fix?.edits[0]?.newText)).toEqual([`${expected}\n`]);
  });

  it("FIVETRAN_CONNECTOR_PYTHON, as the runner uses it, names the environment", async () => {
    const python = realSdkPython();
    if (!python) return;
    process.env.FIVETRAN_CONNECTOR_PYTHON = python;
    const r = await lint(writeOverlay({ py: { imports: "import jinja2" } }), { rules: ["FT063"], generic: false });
    expect(r.findings[0].message).toContain(`Add Jinja2==3.1.6 (the version installed in ${python})`);
  });

  it("without a venv, or for a package it lacks, the suggestion asks for a pin", async () => {
    const plain = await lint(writeOverlay({ py: { imports: "import yaml" } }), { rules: ["FT063"], generic: false });
    expect(plain.findings.map((f) => [f.message.replace(/^.*Add /, "Add "), f.fix?.edits[0]?.newText])).toEqual([["Add pyyaml==<version>", "pyyaml\n"]]);
    if (!realSdkPython()) return;
    const lacking = await lint(withVenv("import yaml"), { rules: ["FT063"], generic: false });
    expect(lacking.findings[0].message).toMatch(/Add pyyaml==<version>$/);
  });

  it("when pyproject.toml declares the dependencies, the suggestion edits it, not the ignored requirements.txt", async () => {
    const dir = writeOverlay({ requirements: "", py: { imports: "import yaml\nimport xmltodict" }, files: { "pyproject.toml": '[project]\nname = "x"\ndependencies = [\n  "pyyaml==6.0.1",\n]\n' } });
    const r = await lint(dir, { rules: ["FT063"], generic: false });
    expect(r.findings.map((f) => f.fix?.edits.map((e) => [e.file, e.newText]))).toEqual([[["pyproject.toml", ', "xmltodict"']]]);
  });

  it("a venv folder is never linted as project code", async () => {
    if (!realSdkPython()) return;
    const r = await lint(withVenv(""), { rules: ["FT063"], generic: false });
    expect(r.findings).toEqual([]);
  });
});
