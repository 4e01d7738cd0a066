import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { harness, plantServerSecrets, PROXY_URL, runRecords, SECRETS, type Answer, type Harness } from "./lib/issue-12b-server.js";

// A connector folder as an attacker or a careless author writes it: secrets in configuration.json, printed in every
// form a program commonly prints them, checkpointed into state and thrown in an exception; next to ordinary values
// that must stay readable.
const CONFIG = {
  api_key: "k9Xq2-Lm7Vz3-Wr8Tb1-Qy4N",
  password: `it's a "p\\ss" 42`,
  db_url: "postgres://dbuser:Db-Pa55word-x9@db.internal.example:5432/prod",
  region: "eu-west-1",
  base_url: "http://127.0.0.1:5005",
  token: "<YOUR_API_KEY>",
  page_size: "100",
  account: "a1B2c3D4e5F6g7H8i9J0kL",
  endpoint: "https://api.example.com/v1?api_key=Qz8-wX7-vY6-uT5&format=json",
};

const LEAKY = `import base64, os, urllib.parse
from fivetran_connector_sdk import Connector, Logging as log, Operations as op

def schema(configuration):
    return [{"table": "items", "primary_key": ["id"]}]

def update(configuration, state):
    c = configuration
    log.info("raw " + c["api_key"])
    print("repr " + repr(c["password"]))
    print("dict " + str(c))
    print("pw " + urllib.parse.urlparse(c["db_url"]).password)
    print("b64 " + base64.b64encode(c["api_key"].encode()).decode())
    print("quote " + urllib.parse.quote(c["password"]))
    print("quoteplus " + urllib.parse.quote_plus(c["password"]))
    print("prefix " + c["api_key"][:10] + "...")
    print("upper " + c["api_key"].upper() + " lower " + c["api_key"].lower() + " reversed " + c["api_key"][::-1])
    print("proxy " + os.environ.get("HTTPS_PROXY", "none"))
    print("proxypw " + urllib.parse.unquote(urllib.parse.urlparse(os.environ.get("HTTPS_PROXY", "http://x")).password or "none"))
    log.info("region " + c["region"])
    log.info("GET " + c["base_url"] + "/pagination/keyset")
    log.info("key placeholder " + c["token"])
    log.info("page " + c["page_size"])
    print("acct " + c["account"])
    print("endpoint " + c["endpoint"])
    log.info("Authorization: Bearer abcdefghijklmnop1234")
    log.info("calling the services endpoint")
    op.upsert("items", {"id": 1})
    op.checkpoint({"token": c["api_key"], "pw": c["password"], "cursor": "2024-01-01"})
    raise RuntimeError("request failed for key " + c["api_key"] + " and " + repr(c["password"]))

connector = Connector(update=update, schema=schema)
`;

const SAVES_OVERRIDE = `from fivetran_connector_sdk import Connector, Operations as op

def update(configuration, state):
    op.upsert("items", {"id": 1})
    op.checkpoint({"copied": configuration["api_key"]})

connector = Connector(update=update)
`;

const ROW_SECRET = "row-Secret-8c1f-Zq42";
const WRITES_SECRET = `import base64
from fivetran_connector_sdk import Connector, Operations as op

def update(configuration, state):
    k = configuration["api_key"]
    op.upsert("creds", {"id": 1, "key": k, "encoded": base64.b64encode(k.encode()).decode(), "region": configuration["region"]})

connector = Connector(update=update)
`;

const OVERRIDE_KEY = "ovr-Secret-77aa99-ZZ";

describe("Secrets in output", () => {
  let h: Harness;
  let dir: string;
  let run: Answer;
  let everything: string;

  beforeAll(async () => {
    plantServerSecrets();
    process.env.SLACK_WEBHOOK_TOKEN = "https://hooks.slack.example/services/T0001/B0002/abcdefXYZ123";
    h = await harness("rt12b-secrets");
    dir = h.connector("leaky", LEAKY, CONFIG);
    run = await h.call("run_debug", { project_dir: dir, engine: "embedded", wait_seconds: 55 });
    everything = `${run.text}\n${h.logs.join("\n")}`;
  }, 120_000);
  afterAll(async () => {
    await h.close();
  });

  const hidden = (text: string, ...values: string[]) => {
    for (const v of values) expect(text).not.toContain(v);
  };

  it("a configuration api_key printed as is → masked in the log tail and the log notifications", () => {
    expect(run.isError).toBe(false);
    expect(everything).toContain("raw ****");
    hidden(everything, CONFIG.api_key);
  });

  it("repr() of a password with quotes and a backslash → masked (the escaped form is known)", () => {
    expect(everything).toContain("repr '****'");
    hidden(everything, String.raw`it\'s a "p\\ss" 42`);
  });

  it("str(configuration) printed whole → every secret value masked, the region readable", () => {
    const line = everything.split("\n").find((l) => l.includes("dict {")) ?? "";
    expect(line).toContain("eu-west-1");
    hidden(line, CONFIG.api_key, "Db-Pa55word-x9", "a1B2c3D4e5F6g7H8i9J0kL");
  });

  it("the password part of a database URL printed alone → masked", () => {
    expect(everything).toContain("pw ****");
    hidden(everything, "Db-Pa55word-x9");
  });

  it("the api_key upper-cased, lower-cased and reversed → each masked", () => {
    expect(everything).toContain("upper **** lower **** reversed ****");
    hidden(everything, CONFIG.api_key.toUpperCase(), CONFIG.api_key.toLowerCase(), [...CONFIG.api_key].reverse().join(""));
  });

  it("base64 of the api_key → masked", () => {
    expect(everything).toContain("b64 ****");
    hidden(everything, Buffer.from(CONFIG.api_key).toString("base64"));
  });

  it("urllib.parse.quote(password) → masked", () => {
    expect(everything).toContain("quote ****");
  });

  it("urllib.parse.quote_plus(password) → masked", () => {
    expect(everything).toContain("quoteplus ****");
  });

  it("the first 10 characters of the api_key → masked as a piece of a known secret", () => {
    expect(everything).toContain("prefix ****...");
    hidden(everything, CONFIG.api_key.slice(0, 10));
  });

  it("HTTPS_PROXY with credentials printed by the connector → user:password masked, the proxy host readable", () => {
    const line = everything.split("\n").find((l) => l.includes("proxy http")) ?? "";
    expect(line).toContain("@127.0.0.1:9");
    hidden(everything, SECRETS.PROXY_PASSWORD, encodeURIComponent(SECRETS.PROXY_PASSWORD));
  });

  it("the proxy password printed alone → masked", () => {
    expect(everything).toContain("proxypw ****");
  });

  it("a non-secret region value → shown as is (secrets only are masked)", () => {
    expect(everything).toContain("region eu-west-1");
  });

  it("a base_url → shown, never `GET ****/pagination/...`", () => {
    expect(everything).toContain("GET http://127.0.0.1:5005/pagination/keyset");
    hidden(everything, "GET ****");
  });

  it("a `<YOUR_API_KEY>` placeholder under a secret key name → shown, a placeholder is not a secret", () => {
    expect(everything).toContain("key placeholder <YOUR_API_KEY>");
  });

  it("a numeric page_size → shown", () => {
    expect(everything).toContain("page 100");
  });

  it("a credential-shaped value under a neutral key (account) → masked by its shape", () => {
    expect(everything).toContain("acct ****");
    hidden(everything, CONFIG.account);
  });

  it("an api_key query parameter inside a URL value → the parameter masked, host and path readable", () => {
    expect(everything).toContain("endpoint https://api.example.com/v1?api_key=****&format=json");
  });

  it("an Authorization: Bearer header the connector logs → the token masked", () => {
    expect(everything).toContain("Bearer ****");
    hidden(everything, "abcdefghijklmnop1234");
  });

  it("an ordinary word that is also part of a server secret (`services` in a webhook URL) → shown, only token-like pieces are masked", () => {
    expect(everything).toContain("calling the services endpoint");
  });

  it("secrets checkpointed into state → run_debug's state masked, the cursor readable", () => {
    expect(run.text).toContain("2024-01-01");
    hidden(run.text, CONFIG.api_key, "p\\\\ss");
  });

  it("an exception message and traceback carrying the api_key and repr(password) → masked", () => {
    expect(run.text).toContain("request failed for key ****");
    hidden(run.text, CONFIG.api_key);
  });

  it("get_state after that run → the checkpointed secrets masked", async () => {
    const a = await h.call("get_state", { project_dir: dir });
    expect(a.isError).toBe(false);
    expect(a.text).toContain("2024-01-01");
    hidden(a.text, CONFIG.api_key, "p\\\\ss");
  });

  it("describe_warehouse after that run → state.json's secrets masked (it returned the file raw)", async () => {
    const a = await h.call("describe_warehouse", { project_dir: dir });
    expect(a.isError).toBe(false);
    expect(a.text).toContain("2024-01-01");
    hidden(a.text, CONFIG.api_key);
  });

  it("the run record kept in the cache after that run → no secret in it", () => {
    const records = runRecords();
    expect(records).toContain("request failed for key ****");
    hidden(records, CONFIG.api_key, SECRETS.PROXY_PASSWORD, "Db-Pa55word-x9");
  });

  it("run_debug with a `configuration` override whose api_key the connector checkpoints → run_debug's state masked", async () => {
    const d = h.connector("override", SAVES_OVERRIDE, { api_key: "file-key-value-123" });
    const a = await h.call("run_debug", { project_dir: d, engine: "embedded", configuration: { api_key: OVERRIDE_KEY }, wait_seconds: 55 });
    expect(a.isError).toBe(false);
    expect(a.text).toContain("copied");
    hidden(a.text, OVERRIDE_KEY);
  });

  it("get_state after a run with a `configuration` override → the override's secret masked too", async () => {
    const a = await h.call("get_state", { project_dir: `${h.ws}/override` });
    expect(a.text).toContain("****");
    hidden(a.text, OVERRIDE_KEY);
  });

  it("set_state writing the configuration's api_key, then get_state → masked", async () => {
    const d = h.connector("setstate", SAVES_OVERRIDE, { api_key: "set-state-Secret-4455" });
    const s = await h.call("set_state", { project_dir: d, state: { leaked: "set-state-Secret-4455" } });
    expect(s.isError).toBe(false);
    const a = await h.call("get_state", { project_dir: d });
    expect(a.text).toContain("****");
    hidden(a.text, "set-state-Secret-4455");
  });

  it("an env secret of the server (GITHUB_TOKEN) inside an SQL error → masked in the error", async () => {
    const a = await h.call("query_warehouse", { project_dir: dir, sql: `SELECT * FROM "${SECRETS.GITHUB_TOKEN}"` });
    expect(a.isError).toBe(true);
    hidden(a.text, SECRETS.GITHUB_TOKEN);
  });

  it("a query returning the server's FIVETRAN_API_KEY as a literal → masked in the rows", async () => {
    const a = await h.call("query_warehouse", { project_dir: dir, sql: `SELECT '${SECRETS.FIVETRAN_API_KEY}' AS k` });
    expect(a.isError).toBe(false);
    expect(a.text).toContain("****");
    hidden(a.text, SECRETS.FIVETRAN_API_KEY);
  });

  it("a connector that upserted its configuration's api_key into a table, then SELECT * → the cell masked, masked_cells 1, the other cells readable", async () => {
    const d = h.connector("rowsecret", WRITES_SECRET, { api_key: ROW_SECRET, region: "eu-west-1" });
    const r = await h.call("run_debug", { project_dir: d, engine: "embedded", wait_seconds: 55 });
    expect(r.isError, r.text).toBe(false);
    const a = await h.call("query_warehouse", { project_dir: d, sql: "SELECT id, key, encoded, region FROM creds" });
    expect(a.isError, a.text).toBe(false);
    hidden(a.text, ROW_SECRET);
    expect(a.data?.rows).toEqual([[1, "****", "****", "eu-west-1"]]);
    expect(a.data?.masked_cells).toBe(2);
    expect(a.text).toMatch(/2 cell\(s\) masked/);
    const e = await h.call("query_warehouse", { project_dir: d, sql: "SELECT CAST(key AS INTEGER) FROM creds" });
    expect(e.isError).toBe(true);
    hidden(e.text, ROW_SECRET);
  }, 90_000);

  it("the proxy URL of the server's environment echoed in a tool argument error → credentials masked", async () => {
    const a = await h.call("get_state", { project_dir: `${h.ws}/${PROXY_URL}` });
    expect(a.isError).toBe(true);
    hidden(a.text, SECRETS.PROXY_PASSWORD, encodeURIComponent(SECRETS.PROXY_PASSWORD));
  });
});

// The derived forms an outside red team found unmasked: the secret's bytes in hex, JSON's and Python's ASCII escapes,
// a bytes repr, base64 of the secret behind other bytes (each of the three 3-byte alignments), and escapes applied
// twice (a JSON string inside a JSON string, repr of a repr).
const DERIVED_CONFIG = {
  api_key: "Zq7xK9mP2vL4nR8tW3yH",
  db_password: "pässwörd-Geheim42",
  quoted_password: String.raw`Pa"ss\wo"rd\12`,
  region: "eu-west-1",
};

const DERIVES = `import base64, json
from fivetran_connector_sdk import Connector, Logging as log, Operations as op

def schema(configuration):
    return [{"table": "leaks", "primary_key": ["id"]}]

def update(configuration, state):
    k = configuration["api_key"]
    pw = configuration["db_password"]
    q = configuration["quoted_password"]
    print("hexlo " + k.encode().hex())
    print("hexup " + k.encode().hex().upper())
    print("pwhex " + pw.encode().hex())
    print("jsonascii " + json.dumps(pw))
    print("pyascii " + ascii(pw))
    print("bytesrepr " + repr(pw.encode()))
    print("b64p0 " + base64.b64encode(k.encode() + b"!!").decode())
    print("b64p1 " + base64.b64encode(b"\\x01" + k.encode() + b"!").decode())
    print("b64p2 " + base64.b64encode(b"\\x01\\x02" + pw.encode()).decode())
    print("urlb64p1 " + base64.urlsafe_b64encode(b"\\x01" + pw.encode()).decode())
    print("jj " + json.dumps(json.dumps(pw)))
    print("rr " + repr(repr(pw)))
    print("qjj " + json.dumps(json.dumps(q)))
    print("qrr " + repr(repr(q)))
    log.info("region " + configuration["region"])
    op.upsert("leaks", {"id": 1, "hex": k.encode().hex(), "raw_bytes": repr(pw.encode()), "doc": json.dumps({"pw": pw})})
    op.checkpoint({"hex": pw.encode().hex().upper(), "nested": json.dumps(json.dumps(pw)), "cursor": "2024-02-02"})
    raise RuntimeError("login failed: " + json.dumps({"password": pw}) + " " + repr(pw.encode()) + " " + k.encode().hex())

connector = Connector(update=update, schema=schema)
`;

/** The base64 characters that depend only on the secret when `pad` other bytes precede it (whole 3-byte groups). */
function base64Core(secret: string, pad: number, urlsafe = false): string {
  const bytes = Buffer.from(secret, "utf8");
  const start = (3 - pad) % 3;
  const core = bytes.subarray(start, start + Math.floor((bytes.length - start) / 3) * 3).toString("base64");
  return urlsafe ? core.replace(/\+/g, "-").replace(/\//g, "_") : core;
}

describe("Secrets in output: derived forms", () => {
  let h: Harness;
  let dir: string;
  let run: Answer;
  let everything: string;
  const { api_key: key, db_password: pw, quoted_password: quoted } = DERIVED_CONFIG;
  let tail: string[] = [];
  // One printed line as the connector's log shows it (run_debug's log_tail, parsed, so JSON's own escapes are gone).
  const line = (label: string) => tail.find((l) => l.includes(` ${label} `)) ?? `(no ${label} line)`;
  const hidden = (text: string, ...values: string[]) => {
    for (const v of values) expect(text).not.toContain(v);
  };

  beforeAll(async () => {
    plantServerSecrets();
    h = await harness("rt12b-derived");
    dir = h.connector("derives", DERIVES, DERIVED_CONFIG);
    run = await h.call("run_debug", { project_dir: dir, engine: "embedded", wait_seconds: 55 });
    everything = `${run.text}\n${h.logs.join("\n")}`;
    tail = [...run.text.matchAll(/"(?:INFO|WARNING|SEVERE) (?:[^"\\]|\\.)*"/g)].map((m) => JSON.parse(m[0]) as string);
  }, 120_000);
  afterAll(async () => {
    await h.close();
  });

  it("the api_key's UTF-8 bytes printed as lower- and upper-case hex → masked", () => {
    expect(line("hexlo")).toContain("hexlo ****");
    expect(line("hexup")).toContain("hexup ****");
    hidden(everything, Buffer.from(key).toString("hex"), Buffer.from(key).toString("hex").toUpperCase());
  });

  it("a non-ASCII password's UTF-8 bytes printed as hex → masked", () => {
    expect(line("pwhex")).toContain("pwhex ****");
    hidden(everything, Buffer.from(pw).toString("hex"));
  });

  it("json.dumps of a non-ASCII password (its default \\u00e4 escapes) → masked", () => {
    expect(line("jsonascii")).toContain('jsonascii "****"');
    hidden(everything, String.raw`p\u00e4ssw\u00f6rd-Geheim42`);
  });

  it("ascii() of a non-ASCII password (\\xe4 escapes) → masked", () => {
    expect(line("pyascii")).toContain("pyascii '****'");
    hidden(everything, String.raw`p\xe4ssw\xf6rd-Geheim42`);
  });

  it("the repr of a non-ASCII password's bytes (b'p\\xc3\\xa4...') → masked", () => {
    expect(line("bytesrepr")).toContain("bytesrepr b'****'");
    hidden(everything, String.raw`p\xc3\xa4ssw\xc3\xb6rd-Geheim42`);
  });

  it("base64 of the api_key followed by other bytes → its stable part masked", () => {
    expect(line("b64p0")).toMatch(/b64p0 \*\*\*\*\S{0,8}$/);
    hidden(everything, base64Core(key, 0));
  });

  it("base64 of the api_key behind 1 other byte → the part that depends on the key alone masked", () => {
    expect(line("b64p1")).toMatch(/b64p1 \S{0,4}\*\*\*\*\S{0,8}$/);
    hidden(everything, base64Core(key, 1));
  });

  it("base64 of a non-ASCII password behind 2 other bytes → the part that depends on the password alone masked", () => {
    expect(line("b64p2")).toMatch(/b64p2 \S{0,4}\*\*\*\*\S{0,8}$/);
    hidden(everything, base64Core(pw, 2));
  });

  it("URL-safe base64 of the password behind 1 other byte → masked", () => {
    expect(line("urlb64p1")).toMatch(/urlb64p1 \S{0,4}\*\*\*\*\S{0,8}$/);
    hidden(everything, base64Core(pw, 1, true));
  });

  it("json.dumps(json.dumps(password)) → masked (the escapes applied twice are known)", () => {
    expect(line("jj")).toContain(String.raw`jj "\"****\""`);
    hidden(everything, String.raw`p\\u00e4ssw\\u00f6rd-Geheim42`);
  });

  it("repr(repr(password)) → masked", () => {
    expect(line("rr")).toContain(`rr "'****'"`);
    hidden(everything, pw);
  });

  it("a password with quotes and backslashes through json.dumps twice → masked", () => {
    expect(line("qjj")).toContain("****");
    hidden(everything, String.raw`Pa\\\"ss\\\\wo\\\"rd\\\\12`, quoted);
  });

  it("a password with quotes and backslashes through repr twice → masked", () => {
    expect(line("qrr")).toContain("****");
    hidden(everything, String.raw`Pa"ss\\\\wo"rd\\\\12`);
  });

  it("a region next to those derived forms → still shown as is", () => {
    expect(everything).toContain("region eu-west-1");
  });

  it("derived forms checkpointed into state (hex, JSON inside JSON) → run_debug's state masked, the cursor readable", () => {
    expect(run.text).toContain("2024-02-02");
    hidden(run.text, Buffer.from(pw).toString("hex").toUpperCase(), String.raw`p\\u00e4ssw\\u00f6rd-Geheim42`);
  });

  it("an exception carrying json.dumps, a bytes repr and hex of the secrets → masked in run_debug's error", () => {
    expect(run.text).toContain("login failed");
    hidden(run.text, String.raw`p\u00e4ssw\u00f6rd`, String.raw`p\xc3\xa4ssw`, Buffer.from(key).toString("hex"));
  });

  it("a query returning the server's FIVETRAN_API_KEY as hex and as base64 behind a prefix byte → masked in the rows", async () => {
    const apiKey = Buffer.from(SECRETS.FIVETRAN_API_KEY);
    const hex = apiKey.toString("hex");
    const b64 = Buffer.concat([Buffer.from([1]), apiKey]).toString("base64");
    const a = await h.call("query_warehouse", { project_dir: dir, sql: `SELECT '${hex}' AS h, '${hex.toUpperCase()}' AS u, '${b64}' AS b` });
    expect(a.isError).toBe(false);
    expect(a.text).toContain("****");
    hidden(a.text, hex, hex.toUpperCase(), base64Core(SECRETS.FIVETRAN_API_KEY, 1));
  });

  it("the run record of that run → none of the derived forms in it", () => {
    const records = runRecords();
    expect(records).toContain("login failed");
    hidden(records, Buffer.from(key).toString("hex"), Buffer.from(pw).toString("hex"), String.raw`p\u00e4ssw`, String.raw`p\xc3\xa4ssw`);
  });
});

// Secrets that line breaks cut: halves printed on two lines, a password wrapped by pprint, a PEM key printed whole,
// one character per line, and an exception message with line breaks inside the key.
const SPLIT_CONFIG = {
  api_key: "Zq7xK9mP2vL4nR",
  password: "correct horse battery staple 7",
  private_key: "-----BEGIN KEY-----\nQm9ndXNLZXk5OTk=\n-----END KEY-----",
  short_token: "Ab1-x9q",
  region: "eu-west-1",
};

const SPLITS = `import pprint
from fivetran_connector_sdk import Connector, Logging as log, Operations as op

def update(configuration, state):
    c = configuration
    k, pw = c["api_key"], c["password"]
    print("half1 " + k[:7])
    print(k[7:] + " half2")
    log.info("pw " + pw[:14])
    log.info(pw[14:])
    pprint.pprint({"password": pw}, width=30)
    print(c["private_key"])
    print("chars-begin")
    for ch in k:
        print(ch)
    print("chars-end")
    print("short " + c["short_token"][:3])
    print(c["short_token"][3:])
    log.info("ordinary: a correct horse")
    log.info("region " + c["region"])
    log.info("battery staple, both words ordinary")
    op.checkpoint({"cursor": 1})
    raise RuntimeError("auth failed for\\n" + k[:5] + "\\n" + k[5:])

connector = Connector(update=update)
`;

describe("Secrets in output: split across lines", () => {
  let h: Harness;
  let run: Answer;
  let everything: string;
  let tail: string[] = [];
  const { api_key: key, password: pw } = SPLIT_CONFIG;
  const hidden = (text: string, ...values: string[]) => {
    for (const v of values) expect(text).not.toContain(v);
  };

  beforeAll(async () => {
    plantServerSecrets();
    h = await harness("rt12v-split");
    const dir = h.connector("splits", SPLITS, SPLIT_CONFIG);
    run = await h.call("run_debug", { project_dir: dir, engine: "embedded", wait_seconds: 55 });
    everything = `${run.text}\n${h.logs.join("\n")}`;
    tail = (run.data?.log_tail as string[] | undefined) ?? [];
  }, 120_000);
  afterAll(async () => {
    await h.close();
  });

  it("the api_key's first 7 characters on one line, the other 7 on the next → both pieces masked in the log tail and the notifications", () => {
    expect(tail.some((l) => l.endsWith("half1 ****"))).toBe(true);
    expect(tail.some((l) => l.endsWith("**** half2"))).toBe(true);
    hidden(everything, key.slice(0, 7), key.slice(7));
  });

  it("a password with spaces logged in two halves (log.info twice) → both halves masked", () => {
    expect(tail.some((l) => l.endsWith("pw ****"))).toBe(true);
    hidden(everything, pw.slice(0, 14), pw.slice(14), "battery staple 7");
  });

  it("pprint wrapping the password into two quoted pieces on two lines → both pieces masked", () => {
    hidden(everything, "'correct horse ", "'battery staple", "staple 7'");
  });

  it("a multi-line private key printed whole (its lines are the secret's) → every line masked", () => {
    hidden(everything, "BEGIN KEY", "Qm9ndXNLZXk5OTk", "END KEY");
  });

  it("the api_key one character per line → every line masked in the log tail, the notifications and the run record", () => {
    // The print() lines only: the connector's log.info lines come over another channel, and under load some land
    // in the tail between them.
    const printed = tail.filter((l) => l.split(/\s+/)[1] === "stdout");
    const from = printed.findIndex((l) => l.endsWith("chars-begin"));
    const to = printed.findIndex((l) => l.endsWith("chars-end"));
    expect(to - from - 1).toBe(key.length);
    for (const l of printed.slice(from + 1, to)) expect(l.endsWith(" ****")).toBe(true);
    const notes = h.logs.filter((l) => /stdout: [A-Za-z0-9]"/.test(l));
    expect(notes).toEqual([]);
    expect(runRecords()).not.toMatch(/stdout [A-Za-z0-9]"/);
  });

  it("an exception message with line breaks inside the api_key → every piece masked in run_debug's error and the record", () => {
    const error = run.data?.error as { message: string } | undefined;
    expect(error?.message).toContain("auth failed for");
    hidden(JSON.stringify(error), key.slice(0, 5), key.slice(5));
    hidden(runRecords(), key.slice(0, 5), key.slice(5));
  });

  it("a 7-character secret split 3 + 4 over two lines → the pieces shown: secrets under 8 characters are matched whole only", () => {
    expect(tail.some((l) => l.endsWith("short Ab1"))).toBe(true);
  });

  it("ordinary words that are pieces of the password, on lines of their own → shown, a piece alone is never masked", () => {
    expect(tail.some((l) => l.endsWith("ordinary: a correct horse"))).toBe(true);
    expect(tail.some((l) => l.endsWith("battery staple, both words ordinary"))).toBe(true);
    expect(tail.some((l) => l.endsWith("region eu-west-1"))).toBe(true);
  });
});
