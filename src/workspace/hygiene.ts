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

/** The text without escape sequences and control or invisible format characters; a carriage return becomes a newline. */
export function stripControls(text: string): string {
  if (!text) return text;
  return text.replace(/\r\n?/g, "\n").replace(ESCAPES, "").replace(CONTROLS, "");
}
