/**
 * Secret redaction. Configuration values are the secrets we know by name; the patterns catch the
 * ones we do not (tokens a connector prints from a response, keys pasted into code).
 */
const MASK = "****";

// Security: shapes of credentials that commonly leak through logs and tracebacks.
const SECRET_PATTERNS: RegExp[] = [
  /\b(Bearer|Basic|Token)\s+[A-Za-z0-9._~+/=-]{8,}/g,
  /\b(?:sk|pk|rk)_(?:live|test)_[A-Za-z0-9]{8,}\b/g,
  /\bAKIA[0-9A-Z]{16}\b/g,
  /\bgh[pousr]_[A-Za-z0-9]{20,}\b/g,
  /\bxox[abprs]-[A-Za-z0-9-]{10,}\b/g,
  /\beyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}\b/g,
  /((?:api[_-]?key|apikey|access[_-]?token|refresh[_-]?token|client[_-]?secret|password|passwd|secret|token)["']?\s*[:=]\s*["']?)([^\s"'&,;}]{4,})/gi,
];

const SECRET_KEY = /(key|token|secret|pass|auth|credential|private|cert|session|cookie|signature)/i;

export class Redactor {
  private readonly literals: string[];

  /**
   * @param configuration the connector configuration; every value of four or more characters is
   *   treated as a secret, and shorter ones too when the key name looks like a credential. Values
   *   shorter than that cannot be masked without mangling ordinary text ("10", "US").
   */
  constructor(configuration?: Record<string, unknown> | null, extra: string[] = []) {
    const values = new Set<string>(extra.filter((v) => v.length > 0));
    for (const [k, v] of Object.entries(configuration ?? {})) {
      const s = typeof v === "string" ? v : v == null ? "" : JSON.stringify(v);
      if (s.length >= 4 || (SECRET_KEY.test(k) && s.length >= 1)) values.add(s);
      // JSON-escaped form, as it appears inside serialised state or error payloads.
      const escaped = JSON.stringify(s).slice(1, -1);
      if (escaped !== s && escaped.length >= 4) values.add(escaped);
    }
    // Longest first, so a secret that contains another is masked whole.
    this.literals = [...values].sort((a, b) => b.length - a.length);
  }

  redact(text: string): string {
    if (!text) return text;
    let out = text;
    for (const lit of this.literals) {
      if (out.includes(lit)) out = out.split(lit).join(MASK);
    }
    for (const re of SECRET_PATTERNS) {
      out = out.replace(re, (m, p1: string | undefined, p2: string | undefined) =>
        p2 !== undefined && p1 !== undefined && /[:=]/.test(p1) ? `${p1}${MASK}` : p1 && /^(Bearer|Basic|Token)$/i.test(p1) ? `${p1} ${MASK}` : MASK,
      );
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

/** Pattern-only redaction for text whose configuration is unknown. */
export const patternRedactor = new Redactor();
