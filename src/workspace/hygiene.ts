/**
 * Text a connector (or pip, or the fivetran CLI) printed is shown to people in a terminal and to a model in a tool
 * result. Neither should receive control sequences from it: ANSI/OSC escapes can rewrite a terminal's title,
 * clipboard (OSC 52), hyperlinks or the lines above, and invisible characters can hide text from the person who
 * reviews what the model saw.
 */

// Security: CSI (ESC [ … final byte), OSC (ESC ] … BEL or ESC \), DCS/SOS/PM/APC strings (ESC P/X/^/_ … ESC \), the
// 8-bit C1 forms of the same, and two-byte escapes (ESC + one character).
const ESCAPES = new RegExp(
  [
    String.raw`(?:\u001b\[|\u009b)[0-?]*[ -/]*[@-~]`,
    String.raw`(?:\u001b\]|\u009d)[^\u0007\u001b\u009c]*(?:\u0007|\u001b\\|\u009c)?`,
    String.raw`(?:\u001b[PX^_]|[\u0090\u0098\u009e\u009f])[^\u001b\u009c]*(?:\u001b\\|\u009c)?`,
    String.raw`\u001b[@-Z\\-_]`,
    String.raw`\u001b`,
  ].join("|"),
  "g",
);
// Security: other C0 and C1 controls (tab and newline stay), DEL, and the invisible format characters that can
// reorder or hide text (bidi overrides and isolates, zero-width characters, the BOM).
// eslint-disable-next-line no-control-regex -- control characters are exactly what this removes
const CONTROLS = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff]/g;

/** The zero-width space defuseFenceMarkers puts into a look-alike marker on purpose. */
const DEFUSE = "\u200b";

/** The text without escape sequences and control or invisible format characters; a carriage return becomes a newline. */
export function stripControls(text: string, opts: { keepDefuse?: boolean } = {}): string {
  if (!text) return text;
  const noEscapes = text.replace(/\r\n?/g, "\n").replace(ESCAPES, "");
  return opts.keepDefuse ? noEscapes.replace(CONTROLS, (c) => (c === DEFUSE ? c : "")) : noEscapes.replace(CONTROLS, "");
}

/**
 * The last guard on text a tool returns (which may hold fenced connector text already defused): stripControls,
 * except that the zero-width space of a defused marker stays, or the marker would become live again.
 */
export function stripControlsKeepingDefuse(text: string): string {
  return stripControls(text, { keepDefuse: true });
}

// A name is shown bare when it holds only characters that cannot start a new line, a code fence or markup.
const PLAIN_NAME = /^[\p{L}\p{N}_.\-/:@+ ,()=]*$/u;
const MAX_NAME = 200;

/**
 * A name that came from the folder (a table, a column, a state key, a file name) as it goes into one line of prose
 * for the model: bare when it is plain, else JSON-quoted. Security: quoting keeps a planted newline, code fence or
 * "SYSTEM:" line inside one visible string instead of letting it end the result's text early.
 */
export function inlineName(name: string): string {
  const clean = stripControls(name);
  const short = clean.length > MAX_NAME ? `${clean.slice(0, MAX_NAME)}…` : clean;
  return PLAIN_NAME.test(short) ? short : JSON.stringify(short);
}

/** Text from the folder or a tool (an error of DuckDB, a lint message) on one line: no escapes, newlines as spaces. */
export function oneLine(text: string): string {
  return stripControls(text).replace(/\s*\n\s*/g, " ");
}

// The characters JSON.stringify leaves raw that a reader cannot see (U+034F, a combining mark, outside the class).
const INVISIBLE = /[\u007f-\u009f\u00ad\u061c\u180e\u200b-\u200f\u2028\u2029\u202a-\u202e\u2060-\u2069\ufeff]|\u034f/g;

/**
 * JSON text with the invisible and bidi characters written as \u escapes. The value is the same JSON; a person or
 * model reading the text sees that they are there instead of having text hidden or reordered by them.
 */
export function escapeInvisible(json: string): string {
  return json.replace(INVISIBLE, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`);
}

/**
 * Text (already without controls) in which no "connector output" can pass for one of our fence markers. Security:
 * look-alikes of the markers (other case, spaces or dashes between the words, full-width or angle brackets, invisible
 * characters between the letters) are defused too: the remaining invisible characters go, and every "connector
 * output" gets a zero-width space that no marker of ours contains.
 */
export function defuseFenceMarkers(text: string): string {
  const visible = text.replace(/\u00ad|\u034f|\u061c|\u180e/g, "");
  return visible.replace(/(c\s*o\s*n\s*n\s*e\s*c\s*t\s*o\s*r)([\s_\-\u2010-\u2015\u2212\uff0d.]*)(o\s*u\s*t\s*p\s*u\s*t)/gi, `$1$2${DEFUSE}$3`);
}
