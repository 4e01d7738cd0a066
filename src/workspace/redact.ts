/**
 * The one redactor. It masks secrets only: values the server knows to be secret (configuration values judged secret,
 * the `configuration` override of a run, proxy credentials, the Fivetran API key, other secret environment variables)
 * in every form a program commonly prints them, plus credential shapes found by pattern. Ordinary values (a region,
 * a base URL, a page size, a `<YOUR_API_KEY>` placeholder) stay readable: an agent cannot fix a request it cannot see.
 *
 * The rule, documented in docs/hostile-inputs.md:
 * - a configuration value is secret when its key names a credential (its last word is key, token, secret, password,
 *   auth, cookie, signature, credential(s), session, cert; or the key contains "password", "secret" or "private"), or
 *   when the value has the shape of a generated credential (16+ characters, no spaces, letters and digits mixed,
 *   not a URL or a path);
 * - placeholders (`<...>`, `{{...}}`, `${...}`, `YOUR_...`, `xxxx`, `changeme`), numbers, booleans and values shorter
 *   than 4 characters are never secret: masking "10" or "US" would mangle ordinary text;
 * - in a URL only the password and secret-named query parameters are secret, never the scheme, host or path.
 */
const MASK = "****";
/** Shorter values cannot be masked without mangling ordinary text. */
const MIN_SECRET_CHARS = 4;
/** A run of token characters at least this long that is part of a known secret is masked (a key's prefix, its tail). */
const MIN_PARTIAL_CHARS = 8;

// Security: shapes of credentials that commonly leak through logs and tracebacks, whoever printed them.
const SECRET_PATTERNS: RegExp[] = [
  /\b(Bearer|Basic|Token)\s+([A-Za-z0-9._~+/=-]{8,})/g,
  /\b(?:sk|pk|rk)_(?:live|test)_[A-Za-z0-9]{8,}\b/g,
  /\bAKIA[0-9A-Z]{16}\b/g,
  /\bgh[pousr]_[A-Za-z0-9]{20,}\b/g,
  /\bxox[abprs]-[A-Za-z0-9-]{10,}\b/g,
  /\beyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}\b/g,
  /((?:api[_-]?key|apikey|access[_-]?token|refresh[_-]?token|client[_-]?secret|password|passwd|secret|token)["']?\s*[:=]\s*["']?)([^\s"'&,;}]{4,})/gi,
];

const SECRET_WORDS = new Set([
  "key",
  "apikey",
  "token",
  "secret",
  "password",
  "passwd",
  "pwd",
  "pass",
  "passphrase",
  "auth",
  "authorization",
  "cookie",
  "signature",
  "credential",
  "credentials",
  "session",
  "cert",
  "pat",
  "jwt",
  "bearer",
]);
const SECRET_ANYWHERE = /(password|passwd|secret|private)/i;

/** Values that stand for a secret someone still has to fill in; they are instructions, not secrets. */
const PLACEHOLDER = [
  /^<[^<>]*>$/,
  /^\{\{.*\}\}$/,
  /^\$\{.*\}$/,
  /^\{[A-Za-z_ -]*\}$/,
  /^(your|my|enter|insert|replace)[\s_-]/i,
  /^x{3,}$/i,
  /^\*+$/,
  /^\.{3,}$/,
  /^(changeme|change_me|placeholder|todo|tbd|example|none|null|true|false|test|demo|sample)$/i,
];

export function isPlaceholder(value: string): boolean {
  const v = value.trim();
  return PLACEHOLDER.some((re) => re.test(v));
}

/** The words of a configuration key: snake_case, kebab-case, dotted and camelCase split the same way. */
function keyWords(key: string): string[] {
  return key
    .replace(/([a-z0-9])([A-Z])/g, "$1 $2")
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map((w) => w.toLowerCase());
}

export function isSecretKey(key: string): boolean {
  const words = keyWords(key);
  const last = words[words.length - 1] ?? "";
  return SECRET_WORDS.has(last) || SECRET_ANYWHERE.test(key);
}

/** Has the value the shape of a generated credential (a token, a key), whatever its key is called? */
export function looksLikeCredential(value: string): boolean {
  // Token characters only (base64, hex, dashes): no spaces, commas, colons, no URL, no host name or version.
  if (value.length < 16 || !/^[A-Za-z0-9_\-+/=.~]+$/.test(value)) return false;
  if (/^[\d.]+$/.test(value) || /^([a-z0-9-]+\.)+[a-z]{2,}$/i.test(value) || (/^[a-z0-9]+([_-][a-z0-9]+)*$/.test(value) && !/\d{6,}/.test(value))) return false;
  const classes = [/[a-z]/, /[A-Z]/, /\d/].filter((re) => re.test(value)).length;
  const hexOrB64Long = value.length >= 32 && /\d/.test(value) && /[A-Za-z]/.test(value);
  return (classes === 3 || hexOrB64Long) && new Set(value).size >= 10;
}

/** The secret parts of a value: the whole value, or for a URL its password and secret-named query parameters. */
function secretParts(key: string, value: string): string[] {
  if (value.length < MIN_SECRET_CHARS || isPlaceholder(value) || /^-?\d+(\.\d+)?$/.test(value)) return [];
  const parts: string[] = [];
  let url: URL | undefined;
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(value)) {
    try {
      url = new URL(value);
    } catch {
      url = undefined;
    }
  }
  if (url) {
    // Security: a URL's password and token parameters are secret; its host and path are what the agent debugs with.
    if (url.password) parts.push(url.password, safeDecode(url.password));
    for (const [k, v] of url.searchParams) if (isSecretKey(k) && v.length >= MIN_SECRET_CHARS && !isPlaceholder(v)) parts.push(v);
    if (isSecretKey(key) && !url.password && url.searchParams.size === 0) parts.push(value);
    return parts;
  }
  if (isSecretKey(key) || looksLikeCredential(value)) parts.push(value);
  return parts;
}

function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

/** One secret of a configuration and the key it came from (a nested key joined with "."; a Basic pair as "user.secret"). */
export interface KeyedSecret {
  key: string;
  value: string;
}

/**
 * The secrets of a configuration (or a `configuration` override) by the rule above, each with its key: recordings
 * (src/proof) name a secret's placeholder after it.
 */
export function configurationSecretEntries(configuration?: Record<string, unknown> | null, prefix = ""): KeyedSecret[] {
  const out: KeyedSecret[] = [];
  const entries = Object.entries(configuration ?? {});
  for (const [k, v] of entries) {
    if (typeof v === "string") out.push(...secretParts(k, v).map((value) => ({ key: prefix + k, value })));
    else if (v && typeof v === "object") out.push(...configurationSecretEntries(v as Record<string, unknown>, `${prefix}${k}.`));
  }
  // requests' auth=(user, secret) sends a Basic header: base64 of "user:secret", with a password or with a key or
  // token as the password (as many APIs take it).
  const user = entries.find(([k, v]) => typeof v === "string" && /^(user(name)?|login|email)$/i.test(keyWords(k).pop() ?? ""));
  if (user) {
    const top = out.filter((e) => !e.key.includes(".") && e.key !== user[0]);
    for (const e of top) out.push({ key: `${prefix}${user[0]}.${e.key}`, value: `${user[1] as string}:${e.value}` });
  }
  return out.filter((e) => e.value.length >= MIN_SECRET_CHARS);
}

/** The secrets of a configuration (or a `configuration` override), by the rule above. */
export function configurationSecrets(configuration?: Record<string, unknown> | null): string[] {
  return configurationSecretEntries(configuration).map((e) => e.value);
}

const SECRET_ENV = /(^|_)(API_?KEY|KEY|SECRET|TOKEN|PASSWORD|PASSWD|PASS|CREDENTIALS?|PRIVATE_KEY|ACCESS_KEY|AUTH|SESSION|COOKIE)(_|$)/i;
const PROXY_ENV = /^(https?|all|ftp)_proxy$/i;

/**
 * The secrets in the server's own environment: variables named like credentials (FIVETRAN_API_KEY, GITHUB_TOKEN,
 * AWS_SECRET_ACCESS_KEY, ...) and the credentials inside proxy URLs (HTTPS_PROXY=http://user:pass@host).
 */
export function environmentSecrets(env: NodeJS.ProcessEnv = process.env): string[] {
  const out: string[] = [];
  for (const [k, v] of Object.entries(env)) {
    if (!v || v.length < 6) continue;
    if (PROXY_ENV.test(k)) {
      out.push(...secretParts("proxy", v));
      try {
        const u = new URL(v);
        if (u.username && u.password) out.push(`${safeDecode(u.username)}:${safeDecode(u.password)}`);
      } catch {
        // Not a URL: nothing secret to take from it.
      }
      // A socket or file path (SSH_AUTH_SOCK, DBUS_SESSION_BUS_ADDRESS) names where a secret lives, not the secret.
    } else if (SECRET_ENV.test(k) && !isPlaceholder(v) && !/^(\/|unix:|tcp:)/.test(v)) out.push(v);
  }
  return out;
}

/** One form of a secret and its name (raw, json, url, form, b64, ...); recordings name placeholders with it. */
export interface SecretForm {
  form: string;
  text: string;
}

/** The body of a JSON string literal: JSON's escapes (quotes, backslashes, control characters). */
const jsonBody = (s: string) => JSON.stringify(s).slice(1, -1);
/** The same with every non-ASCII UTF-16 unit as \uxxxx: Python's json.dumps default (ensure_ascii). */
const jsonAsciiBody = (s: string) =>
  jsonBody(s).replace(/[^\p{ASCII}]/gu, (c) =>
    // Outside the BMP: the two surrogate halves, as JSON writes them.
    Array.from({ length: c.length }, (_, i) => `\\u${c.charCodeAt(i).toString(16).padStart(4, "0")}`).join(""),
  );
const ctl = (s: string) => s.replace(/\n/g, "\\n").replace(/\r/g, "\\r").replace(/\t/g, "\\t");
/** Backslashes doubled and control characters escaped: the body of a Python string literal whose quote is absent. */
const pyBody = (s: string) => ctl(s.replace(/\\/g, "\\\\"));
/** The body of Python's ascii(): non-ASCII code points as \xhh, \uhhhh or \Uhhhhhhhh. */
const pyAsciiBody = (s: string) =>
  pyBody(s).replace(/[^\p{ASCII}]/gu, (c) => {
    const cp = c.codePointAt(0) ?? 0;
    if (cp < 0x100) return `\\x${cp.toString(16).padStart(2, "0")}`;
    if (cp < 0x10000) return `\\u${cp.toString(16).padStart(4, "0")}`;
    return `\\U${cp.toString(16).padStart(8, "0")}`;
  });
/** The body of the repr of the secret's UTF-8 bytes (b'...'): printable ASCII as is, every other byte as \xhh. */
const bytesBody = (s: string, quote: string) =>
  [...Buffer.from(s, "utf8")]
    .map((b) => {
      const c = String.fromCharCode(b);
      if (c === "\\" || c === quote) return `\\${c}`;
      if (c === "\n") return "\\n";
      if (c === "\r") return "\\r";
      if (c === "\t") return "\\t";
      return b >= 0x20 && b < 0x7f ? c : `\\x${b.toString(16).padStart(2, "0")}`;
    })
    .join("");

/** Escapings a string goes through inside a JSON or Python string literal; applied once and twice (JSON in JSON). */
const ESCAPES: [string, (s: string) => string][] = [
  ["json", jsonBody],
  ["json_ascii", jsonAsciiBody],
  ["py", pyBody],
  ["py_sq", (s) => pyBody(s).replace(/'/g, "\\'")],
  ["py_dq", (s) => pyBody(s).replace(/"/g, '\\"')],
  ["py_ascii", (s) => pyAsciiBody(s).replace(/'/g, "\\'")],
  ["py_ascii_dq", (s) => pyAsciiBody(s).replace(/"/g, '\\"')],
];

/** JSON inside JSON inside JSON is the deepest nesting masked (a state value the SDK logs as JSON). */
const MAX_ESCAPE_DEPTH = 3;

/** Fewer characters of a secret's base64 than this, cut out of a longer encoding, are not masked (too common). */
const MIN_BASE64_CORE = 8;

/**
 * The forms a program commonly prints a secret in: as is, escaped inside a JSON or Python string literal (quotes and
 * backslashes escaped, non-ASCII as \u or \x escapes, and those escapes escaped again when a JSON string is put
 * inside another), its UTF-8 bytes' repr, URL-encoded, hex and base64. These are escapings applied to the known value
 * to find it, not a re-implementation of repr: what is masked is always a form of a secret we were given. A text that
 * two forms share keeps the first name.
 */
export function namedForms(secret: string): SecretForm[] {
  const forms = new Map<string, string>();
  const add = (form: string, text: string) => {
    if (!forms.has(text)) forms.set(text, form);
  };
  add("raw", secret);
  // Security: a JSON string inside a JSON string (json.dumps(json.dumps(x)), repr(repr(x)), a JSON state the SDK
  // logs as JSON) escapes the escapes: each escaping is applied over the last level's forms, up to three levels.
  let level: [string, string][] = [["raw", secret]];
  for (let depth = 0; depth < MAX_ESCAPE_DEPTH; depth++) {
    const next = new Map<string, string>();
    for (const [name, text] of level) {
      for (const [escapeName, escape] of ESCAPES) {
        const escaped = escape(text);
        if (escaped !== text && !forms.has(escaped) && !next.has(escaped)) next.set(escaped, name === "raw" ? escapeName : `${name}_${escapeName}`);
      }
    }
    for (const [text, name] of next) add(name, text);
    level = [...next].map(([text, name]) => [name, text]);
  }
  add("bytes", bytesBody(secret, "'"));
  add("bytes_dq", bytesBody(secret, '"'));
  // URL-encoded: JavaScript's encodeURIComponent, Python's quote (keeps "/", encodes !'()*) and quote_plus (spaces as +).
  const uri = encodeURIComponent(secret);
  const strict = uri.replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  for (const [name, f] of [
    ["url", uri],
    ["url_strict", strict],
    ["url_path", strict.replace(/%2F/g, "/")],
  ] as const) {
    add(name, f);
    add(name.replace("url", "form"), f.replace(/%20/g, "+"));
  }
  if (secret.length >= 6) {
    const bytes = Buffer.from(secret, "utf8");
    add("hex", bytes.toString("hex"));
    add("hex_upper", bytes.toString("hex").toUpperCase());
    const b64 = bytes.toString("base64");
    add("b64", b64);
    add("b64nopad", b64.replace(/=+$/, ""));
    add("b64url", b64.replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, ""));
    // Security: base64 of the secret inside longer data (a prefix byte, a "user:" before it, bytes after it) differs
    // at its edges with the 3-byte alignment; the whole 3-byte groups of the secret alone encode the same in every
    // message, so the middle of each of the three alignments is masked.
    for (let start = 0; start < 3; start++) {
      const whole = Math.floor((bytes.length - start) / 3) * 3;
      const core = bytes.subarray(start, start + whole).toString("base64");
      if (core.length < MIN_BASE64_CORE) continue;
      add(`b64core${start}`, core);
      add(`b64urlcore${start}`, core.replace(/\+/g, "-").replace(/\//g, "_"));
    }
  }
  return [...forms].filter(([text]) => text.length >= MIN_SECRET_CHARS).map(([text, form]) => ({ form, text }));
}

/** The texts of namedForms. */
export function derivedForms(secret: string): string[] {
  return namedForms(secret).map((f) => f.text);
}

const TOKEN_RUN = /[A-Za-z0-9+/=_.~-]{8,}/g;

export class Redactor {
  private readonly literals: string[];
  private readonly partials: string[];

  /**
   * @param configuration a connector configuration; its secret values (by the rule above) are masked.
   * @param extra further secrets, taken as they are (an API key, an override's values).
   */
  constructor(
    configuration?: Record<string, unknown> | null,
    extra: string[] = [],
    private readonly usePatterns = true,
  ) {
    const secrets = [...configurationSecrets(configuration), ...extra.filter((s) => s.length >= MIN_SECRET_CHARS), ...serverSecrets()];
    const values = new Set<string>();
    for (const s of secrets) for (const f of derivedForms(s)) values.add(f);
    // Longest first, so a secret that contains another is masked whole.
    this.literals = [...values].sort((a, b) => b.length - a.length);
    this.partials = [...new Set(secrets)].filter((s) => s.length >= 12);
  }

  redact(text: string): string {
    if (!text) return text;
    let out = text;
    for (const lit of this.literals) {
      if (out.includes(lit)) out = out.split(lit).join(MASK);
    }
    // Security: a piece of a long secret printed alone (a CLI showing a key's first characters, a key cut by a
    // line break) is still the secret.
    if (this.partials.length > 0) {
      out = out.replace(TOKEN_RUN, (run) => {
        const core = run.replace(/^[=._~-]+|[=._~-]+$/g, "");
        // Only token-like pieces: an ordinary word that happens to be inside a secret (a webhook URL's "services")
        // stays readable.
        const tokenLike = core.length >= 16 || (/\d/.test(core) && /[A-Za-z]/.test(core));
        return core.length >= MIN_PARTIAL_CHARS && tokenLike && this.partials.some((s) => s.includes(core)) ? run.replace(core, MASK) : run;
      });
    }
    if (!this.usePatterns) return out;
    for (const re of SECRET_PATTERNS) {
      out = out.replace(re, (m: string, p1: string | undefined, p2: string | undefined) => {
        if (p2 !== undefined && isPlaceholder(p2)) return m;
        if (p1 !== undefined && /^(Bearer|Basic|Token)$/i.test(p1)) return `${p1} ${MASK}`;
        if (p1 !== undefined && p2 !== undefined && /[:=]/.test(p1)) return p2 === MASK ? m : `${p1}${MASK}`;
        return MASK;
      });
    }
    return out;
  }

  /** Redacts every string inside a JSON-like value, keys included. */
  redactValue<T>(value: T): T {
    if (typeof value === "string") return this.redact(value) as T;
    if (Array.isArray(value)) return (value as unknown[]).map((v) => this.redactValue(v)) as T;
    if (value && typeof value === "object") {
      const out: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(value)) out[this.redact(k)] = this.redactValue(v);
      return out as T;
    }
    return value;
  }
}

const remembered = new Set<string>();

/**
 * Every secret the server process knows that is not tied to one folder: its environment's secrets and the
 * secrets of `configuration` overrides given to runs in this process (kept in memory only, never on disk, so a
 * later get_state or run_status masks what such a run leaked into state or its record).
 */
export function serverSecrets(): string[] {
  return [...environmentSecrets(process.env), ...remembered];
}

/** Remembers the secrets of a `configuration` override for the life of this process. */
export function rememberSecrets(configuration: Record<string, unknown> | null | undefined): void {
  for (const s of configurationSecrets(configuration)) {
    // Bounded: the oldest go first once a long-lived server has seen very many overrides.
    if (remembered.size >= 1_000) remembered.delete(remembered.values().next().value as string);
    remembered.add(s);
  }
}

/** Redaction with the server's own secrets and the credential patterns, for text whose folder is unknown. */
export const patternRedactor = {
  redact: (text: string): string => serverRedactor().redact(text),
  redactValue: <T>(value: T): T => serverRedactor().redactValue(value),
};

/**
 * The server's known secrets only, without the credential patterns: the last guard over every tool result, whose
 * content (guidelines, examples, rows) may legitimately show `token = "..."` shapes.
 */
export const knownSecretsRedactor = {
  redactValue: <T>(value: T): T => serverRedactor(false).redactValue(value),
  redact: (text: string): string => serverRedactor(false).redact(text),
};

const cached = new Map<boolean, { signature: string; redactor: Redactor }>();
/** One Redactor for the server's secrets, rebuilt only when they change (log lines pass through it one by one). */
function serverRedactor(patterns = true): Redactor {
  const signature = serverSecrets().join("\0");
  let c = cached.get(patterns);
  if (c?.signature !== signature) {
    c = { signature, redactor: new Redactor(null, [], patterns) };
    cached.set(patterns, c);
  }
  return c.redactor;
}
