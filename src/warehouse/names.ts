/**
 * Fivetran's renaming of table and column names, as the SDK 3.0 core applies it (docs/warehouse.md, "Names").
 * Each name is renamed on its own; two source names that become one are one table or one column. A sync's names
 * come renamed from the harness (Python's Unicode tables); this serves rows given to the writer directly (tests,
 * tools), where JavaScript's Unicode tables decide accents.
 */

const NON_WORD = /[^A-Za-z0-9_]/g;
const WORD_DASH_DOT = /^[A-Za-z0-9_.-]*$/;
const DROP_LEADING_UNDERSCORES = /^_+([a-zA-Z][A-Za-z0-9_]*)$/;

// Python's str.islower/isupper/isdigit on one character, close enough for names: a cased letter is lower
// when it equals its lower-case form and differs from its upper-case form.
function isLower(c: string): boolean {
  return c !== c.toUpperCase() && c === c.toLowerCase();
}
function isUpper(c: string): boolean {
  return c !== c.toLowerCase() && c === c.toUpperCase();
}
function isDigit(c: string): boolean {
  return c >= "0" && c <= "9";
}

function transliterate(name: string): string {
  if (WORD_DASH_DOT.test(name)) return name;
  return name
    .normalize("NFD")
    .replace(/\p{Mn}/gu, "")
    .normalize("NFC");
}

function singleUnderscoreCase(name: string): string {
  let out = "";
  // The walk starts from a NUL, which is not a digit: a leading digit therefore starts a new word ("1st" → "_1_st").
  let previous = "\0";
  for (const c of name) {
    if ((isLower(previous) && isUpper(c)) || isDigit(previous) !== isDigit(c)) out += "_";
    out += c.toLowerCase();
    previous = c;
  }
  return out.replace(/_+/g, "_");
}

export function renameColumn(name: string): string {
  const cased = singleUnderscoreCase(transliterate(name).replace(NON_WORD, "_"));
  return cased && !/^[A-Za-z0-9_]/.test(cased) ? `_${cased}` : cased;
}

export function renameTable(name: string): string {
  const safe = renameColumn(name);
  const m = DROP_LEADING_UNDERSCORES.exec(safe);
  return m ? m[1] : safe;
}

/**
 * The destination schema of a table whose schema() entry or operation names the source schema `declared`: after the
 * default one (`tester_<declared>`), lower-cased, with every non-word character as `_`. A schema is not split into
 * words as a table is: `after.Sales` → `tester_after_sales`, `SalesEU` → `tester_saleseu`.
 */
export function renameSchema(declared: string, defaultSchema: string): string {
  return `${defaultSchema}_${declared}`.replace(NON_WORD, "_").toLowerCase();
}

/** A SQL identifier, quoted the one way every statement here writes it. */
export function quote(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}
