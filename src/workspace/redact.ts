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
/**
 * A secret form at least this long is also found when line breaks cut it (one piece per line, any size): the whole
 * form must be there, in order, across consecutive lines, so a short piece alone never masks ordinary text; shorter
 * forms are matched whole only.
 */
export const MIN_SPLIT_CHARS = 8;
/**
 * What a program puts around the pieces of a string it wraps: pprint's `'abc '\n 'def'`, a `+` or `\` continuation
 * (the quote and what is outside it; spaces inside the quotes are the string's), or a wrapped line's indentation.
 */
const QUOTE_LEAD = /^\s*\+?\s*[bBrRuUfF]{0,2}['"]/;
const QUOTE_TRAIL = /['"]\s*[+,\\]?\s*$|\s*\\$/;
const INDENT_LEAD = /^\s+/;

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
  // Security: the secret changed in case or order (key.upper(), key[::-1]) is still the secret; a connector that prints
  // it so, or a query that reads it so, must not get it past the mask. Case changes of an all-letters word are kept
  // from masking ordinary text by the minimum length below.
  add("upper", secret.toUpperCase());
  add("lower", secret.toLowerCase());
  add("reversed", [...secret].reverse().join(""));
  add("bytes", bytesBody(secret, "'"));
  add("bytes_dq", bytesBody(secret, '"'));
  // URL-encoded: JavaScript's encodeURIComponent, Python's quote (keeps "/", encodes !'()*) and quote_plus (spaces as +).
  // A lone surrogate (a JSON `\ud83d` escape in configuration.json, fidelity 463) has no UTF-8 form: encodeURIComponent
  // throws URIError on it, and Python's quote() refuses it too. The forms are made from the text with each one as
  // U+FFFD, so a secret holding one still masks (and never stops the run).
  const wellFormed = secret.replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, "\ufffd");
  // Security: Python prints such a secret's lone surrogates as raw bytes (surrogateescape) that reach Node as U+FFFD
  // (fidelity 464): that form is the secret too.
  add("surrogates_replaced", wellFormed);
  const uri = encodeURIComponent(wellFormed);
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
  private readonly splitLiterals: string[];
  private readonly splitTrie: TrieNode = new Map();
  private readonly maxSplit: number;
  private readonly splitHasBreak: boolean;
  /** The configuration's secrets by key, in every form masked, to say which key a connector's output showed. */
  private readonly keyedForms: { key: string; forms: string[] }[];
  /** Every secret this redactor masks, as given (before the derived forms). */
  private readonly secrets: string[];

  /**
   * @param configuration a connector configuration; its secret values (by the rule above) are masked.
   * @param extra further secrets, taken as they are (an API key, an override's values).
   */
  constructor(
    configuration?: Record<string, unknown> | null,
    extra: string[] = [],
    private readonly usePatterns = true,
  ) {
    this.keyedForms = configurationSecretEntries(configuration).map((e) => ({ key: e.key, forms: derivedForms(e.value) }));
    const secrets = [...configurationSecrets(configuration), ...extra.filter((s) => s.length >= MIN_SECRET_CHARS), ...serverSecrets()];
    this.secrets = secrets;
    const values = new Set<string>();
    for (const s of secrets) for (const f of derivedForms(s)) values.add(f);
    // Longest first, so a secret that contains another is masked whole.
    this.literals = [...values].sort((a, b) => b.length - a.length);
    this.partials = [...new Set(secrets)].filter((s) => s.length >= 12);
    this.splitLiterals = this.literals.filter((l) => l.length >= MIN_SPLIT_CHARS);
    for (const l of this.splitLiterals) {
      let node = this.splitTrie;
      for (let i = 0; i < l.length; i++) {
        const c = l.charCodeAt(i);
        let next = node.get(c);
        if (!next) node.set(c, (next = new Map<number, TrieNode>()));
        node = next;
      }
    }
    this.maxSplit = Math.max(0, ...this.splitLiterals.map((l) => l.length));
    this.splitHasBreak = this.splitLiterals.some((l) => l.includes("\n"));
  }

  /**
   * A redactor that masks what this one masks and the secrets of `configuration` too (configuration.json as a run's
   * harness read it, which the connector may have changed since the run started).
   */
  withConfiguration(configuration: Record<string, unknown> | null): Redactor {
    const next = new Redactor(configuration, this.secrets, this.usePatterns);
    const keys = new Set(next.keyedForms.map((k) => k.key));
    next.keyedForms.push(...this.keyedForms.filter((k) => !keys.has(k.key)));
    return next;
  }

  /**
   * The lines with every piece of a secret form that line breaks cut (the form spans two or more of them) replaced by
   * the mask; the same number of lines back. Three ways of joining the lines are searched: with the line break (a
   * secret holding a newline, a PEM key), without it (print(a); print(b)), and without what a wrapper puts around
   * each piece (quotes, spaces, `+`, `\`). A form inside one line is left to redact().
   */
  maskAcrossLines(lines: string[]): string[] {
    if (lines.length < 2 || this.splitLiterals.length === 0) return lines;
    // [from, to) ranges to mask, per line.
    const cuts: [number, number][][] = lines.map(() => []);
    const search = (all: { line: number; from: number; to: number }[], sep: string) => {
      // Only the end of the first line and the start of the last can be part of a form that crosses a break.
      const pieces = all.map((p, i) => (i === 0 ? { ...p, from: Math.max(p.from, p.to - (this.maxSplit - 1)) } : i === all.length - 1 ? { ...p, to: Math.min(p.to, p.from + this.maxSplit - 1) } : p));
      let joined = "";
      const starts: number[] = [];
      for (const [i, p] of pieces.entries()) {
        if (i > 0) joined += sep;
        starts.push(joined.length);
        joined += lines[p.line].slice(p.from, p.to);
      }
      for (const lit of this.splitLiterals) {
        for (let at = joined.indexOf(lit); at !== -1; at = joined.indexOf(lit, at + 1)) {
          const end = at + lit.length;
          // The pieces the match touches; one piece is a match inside a line, which redact() masks.
          const first = lastIndexAtOrBefore(starts, at);
          const last = lastIndexAtOrBefore(starts, end - 1);
          if (first === last) continue;
          for (let k = first; k <= last; k++) {
            const p = pieces[k];
            const from = p.from + Math.max(0, at - starts[k]);
            const to = Math.min(p.to, p.from + (end - starts[k]));
            if (to > from) cuts[p.line].push([from, to]);
          }
        }
      }
    };
    const whole = lines.map((l, line) => ({ line, from: 0, to: l.length }));
    // A line break inside a form only where a secret holds one (a PEM key).
    if (this.splitHasBreak) search(whole, "\n");
    search(whole, "");
    for (const [lead, trail] of [
      [QUOTE_LEAD, QUOTE_TRAIL],
      [INDENT_LEAD, undefined],
    ] as const) {
      const pieces = lines.map((l, line) => {
        const from = line === 0 ? 0 : (lead.exec(l)?.[0].length ?? 0);
        const to = line === lines.length - 1 || !trail ? l.length : Math.max(from, l.length - (trail.exec(l.slice(from))?.[0].length ?? 0));
        return { line, from, to };
      });
      // Nothing to strip: the same search as above.
      if (pieces.some((p, i) => p.from !== 0 || p.to !== lines[i].length)) search(pieces, "");
    }
    return lines.map((l, i) => (cuts[i].length ? maskRanges(l, cuts[i]) : l));
  }

  /**
   * Whether the lines, joined as a program's output cuts a string (without the break, with it, or without a wrapper's
   * quotes and indentation), end with the start of a secret form that is not complete yet and that begins in the first
   * line: a stream holds such lines back for the lines that may complete it.
   */
  startsSecret(lines: string[]): boolean {
    if (this.splitLiterals.length === 0 || lines.length === 0) return false;
    // A last line longer than any form (after at most a wrapper's indentation, `+`, prefix and quote) leaves no room.
    if (lines.length > 1 && lines[lines.length - 1].trimStart().length - 4 >= this.maxSplit) return false;
    const variant = (sep: string, lead: RegExp | undefined, trail: RegExp | undefined): [string, number] => {
      const parts = lines.map((l, i) => {
        const from = i === 0 || !lead ? 0 : (lead.exec(l)?.[0].length ?? 0);
        return trail ? l.slice(from, Math.max(from, l.length - (trail.exec(l.slice(from))?.[0].length ?? 0))) : l.slice(from);
      });
      const joined = parts.join(sep);
      return [joined, joined.length - parts[0].length];
    };
    for (const [joined, restLength] of [variant("", undefined, undefined), variant("\n", undefined, undefined), variant("", QUOTE_LEAD, QUOTE_TRAIL), variant("", INDENT_LEAD, undefined)]) {
      // Where a proper prefix of a form can start: in the first line, and near enough to the end. Long lines after
      // the first leave no room, so an ordinary stream costs next to nothing here.
      for (let p = Math.max(0, joined.length - (this.maxSplit - 1)); p < joined.length - restLength; p++) {
        // Walk the forms' trie from p to the end of the text: most starts fail at the first character.
        let node: TrieNode | undefined = this.splitTrie;
        for (let i = p; node && i < joined.length; i++) node = node.get(joined.charCodeAt(i));
        if (node && node.size > 0) return true;
      }
    }
    return false;
  }

  /** The configuration keys whose secret value appears in the text whole (in any form redact() masks). */
  configurationKeysIn(text: string): string[] {
    return this.keyedForms.filter((k) => k.forms.some((f) => text.includes(f))).map((k) => k.key);
  }

  redact(text: string): string {
    if (!text) return text;
    // Security: a secret that line breaks cut into pieces (a connector printing it in halves, one character per line,
    // a PEM key) is masked in every piece.
    let out = text.includes("\n") ? this.maskAcrossLines(text.split("\n")).join("\n") : text;
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

/** The secret forms by UTF-16 unit, to tell fast whether a text ends with the start of one. */
type TrieNode = Map<number, TrieNode>;

/** The index of the last start at or before the offset (starts ascending, starts[0] = 0). */
function lastIndexAtOrBefore(starts: number[], offset: number): number {
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (starts[mid] <= offset) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/** The text with the (possibly overlapping) ranges replaced by one mask each run. */
function maskRanges(text: string, ranges: [number, number][]): string {
  const sorted = [...ranges].sort((a, b) => a[0] - b[0]);
  let out = "";
  let pos = 0;
  for (const [from, to] of sorted) {
    if (to <= pos) continue;
    if (from > pos) out += text.slice(pos, from);
    else if (out.endsWith(MASK)) {
      pos = to;
      continue;
    }
    out += MASK;
    pos = to;
  }
  return out + text.slice(pos);
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
