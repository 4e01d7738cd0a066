/**
 * A strict JSON parser that keeps the offsets of every value and key, so configuration.json
 * findings point at the exact value. Strict on purpose: the SDK reads the file with json.load,
 * so comments and trailing commas are errors there too.
 */
export type JsonNode =
  | { kind: "object"; start: number; end: number; members: JsonMember[] }
  | { kind: "array"; start: number; end: number; items: JsonNode[] }
  | { kind: "string"; start: number; end: number; value: string }
  | { kind: "number"; start: number; end: number; value: number; raw: string }
  | { kind: "boolean"; start: number; end: number; value: boolean }
  | { kind: "null"; start: number; end: number };

export interface JsonMember {
  key: string;
  keyStart: number;
  keyEnd: number;
  value: JsonNode;
  /** From the start of the key to the end of the value, for edits that remove a member. */
  start: number;
  end: number;
}

export class JsonSyntaxError extends Error {
  constructor(
    message: string,
    readonly offset: number,
  ) {
    super(message);
  }
}

export function parseJson(text: string): JsonNode {
  let i = 0;
  const fail = (msg: string, at = i): never => {
    throw new JsonSyntaxError(msg, at);
  };
  const ws = () => {
    for (;;) {
      const c = text[i];
      if (c === " " || c === "\t" || c === "\n" || c === "\r") i++;
      else if (c === "/" && (text[i + 1] === "/" || text[i + 1] === "*")) fail("comments are not allowed in JSON; move the explanation to README.md");
      else if (c === "#") fail("'#' comments are not allowed in JSON; move the explanation to README.md");
      else return;
    }
  };
  const str = (): { value: string; start: number; end: number } => {
    const start = i;
    if (text[i] !== '"') fail(text[i] === "'" ? "strings must use double quotes" : `expected a string, found ${describe(text[i])}`);
    i++;
    let out = "";
    for (;;) {
      const c = text[i];
      if (c === undefined) fail("unterminated string", start);
      if (c === '"') break;
      if (c === "\n") fail("line break inside a string");
      if (c === "\\") {
        const e = text[i + 1];
        const map: Record<string, string> = { '"': '"', "\\": "\\", "/": "/", b: "\b", f: "\f", n: "\n", r: "\r", t: "\t" };
        if (e === "u" && /^[0-9a-fA-F]{4}$/.test(text.slice(i + 2, i + 6))) {
          out += String.fromCharCode(parseInt(text.slice(i + 2, i + 6), 16));
          i += 6;
          continue;
        }
        if (e === undefined || !(e in map)) fail("invalid escape in string");
        out += map[e];
        i += 2;
        continue;
      }
      out += c;
      i++;
    }
    i++;
    return { value: out, start, end: i };
  };
  // The members of an object or the items of an array, after the opening bracket: comma-separated, with no
  // trailing comma, up to `close`.
  const sequence = <T>(close: "}" | "]", item: () => T): T[] => {
    i++;
    const out: T[] = [];
    ws();
    if (text[i] === close) {
      i++;
      return out;
    }
    for (;;) {
      ws();
      if (text[i] === close) fail(`trailing comma before '${close}'`);
      out.push(item());
      ws();
      if (text[i] === ",") {
        i++;
        continue;
      }
      if (text[i] === close) {
        i++;
        return out;
      }
      fail(`expected ',' or '${close}', found ${describe(text[i])}`);
    }
  };
  const member = (): JsonMember => {
    const k = str();
    ws();
    if (text[i] !== ":") fail(`expected ':' after key "${k.value}"`);
    i++;
    const v = value();
    return { key: k.value, keyStart: k.start, keyEnd: k.end, value: v, start: k.start, end: v.end };
  };
  const value = (): JsonNode => {
    ws();
    const start = i;
    const c = text[i];
    if (c === "{") {
      const members = sequence("}", member);
      return { kind: "object", start, end: i, members };
    }
    if (c === "[") {
      const items = sequence("]", value);
      return { kind: "array", start, end: i, items };
    }
    if (c === '"' || c === "'") {
      const s = str();
      return { kind: "string", ...s };
    }
    const m = /^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/.exec(text.slice(i, i + 64));
    if (m && m[0].length > 0 && m[0] !== "-") {
      i += m[0].length;
      return { kind: "number", start, end: i, value: Number(m[0]), raw: m[0] };
    }
    for (const [word, node] of [
      ["true", true],
      ["false", false],
      ["null", null],
    ] as const) {
      if (text.startsWith(word, i)) {
        i += word.length;
        return node === null ? { kind: "null", start, end: i } : { kind: "boolean", start, end: i, value: node };
      }
    }
    return fail(c === undefined ? "unexpected end of file" : `unexpected ${describe(c)}`);
  };
  const root = value();
  ws();
  if (i < text.length) fail(`unexpected ${describe(text[i])} after the end of the JSON value`);
  return root;
}

function describe(c: string | undefined): string {
  return c === undefined ? "end of file" : `'${c}'`;
}
