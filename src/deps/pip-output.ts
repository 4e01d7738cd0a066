/**
 * Reading pip's output. Pure functions over the text pip printed (tested on recorded output), so
 * an install failure can name the package at fault instead of showing a wall of log.
 */
export type PipFailureKind = "not_found" | "no_matching_version" | "build_failed" | "invalid_requirement" | "conflict" | "network" | "unknown";

export interface PipFailure {
  kind: PipFailureKind;
  /** Packages (as pip named them) at fault. */
  packages: string[];
  /** One sentence for a person. */
  message: string;
  hint: string;
  /** The ERROR lines and the cause pip printed for a failed build, trimmed. */
  details: string[];
}

const unique = (xs: string[]) => [...new Set(xs.filter(Boolean))];

/** The requirement name without its version specifier, extras or markers. */
function bareName(req: string): string {
  return req
    .trim()
    .replace(/^['"]|['"]$/g, "")
    .split(/[\s;[<>=!~(]/)[0];
}

export function parsePipFailure(output: string): PipFailure | null {
  const lines = output.split(/\r?\n/);
  const errors = lines.filter((l) => /^\s*ERROR:/.test(l)).map((l) => l.trim());

  const invalid = lines.map((l) => /ERROR: Invalid requirement: '([^']*)'(.*)$/.exec(l)).filter((m): m is RegExpExecArray => !!m);
  if (invalid.length) {
    return {
      kind: "invalid_requirement",
      packages: unique(invalid.map((m) => m[1])),
      message: `requirements.txt has a line pip cannot read: ${invalid.map((m) => `'${m[1]}'${m[2]}`).join("; ")}.`,
      hint: "Write one requirement per line as name==version (for example six==1.16.0); comments start with #.",
      details: errors,
    };
  }

  const conflict = lines.find((l) => /ERROR: Cannot install .* because these package versions have conflicting dependencies/.test(l));
  if (conflict || errors.some((e) => e.includes("ResolutionImpossible"))) {
    const causeStart = lines.findIndex((l) => l.startsWith("The conflict is caused by:"));
    const cause =
      causeStart >= 0
        ? lines
            .slice(causeStart + 1)
            .filter((l) => /^\s{4}\S/.test(l))
            .map((l) => l.trim())
        : [];
    const pkgs = conflict ? (/Cannot install (.*) because/.exec(conflict)?.[1] ?? "").split(/,\s*|\s+and\s+/).map(bareName) : [];
    return {
      kind: "conflict",
      packages: unique(pkgs),
      message: `The versions pinned in requirements.txt cannot be installed together${cause.length ? `: ${cause.join("; ")}` : ""}.`,
      hint: "Change the pins so they agree (one version per package, compatible with what the others require).",
      details: [conflict ?? "", ...cause].filter(Boolean),
    };
  }

  const notFound = lines.map((l) => /ERROR: Could not find a version that satisfies the requirement (\S+) \(from versions: ([^)]*)\)/.exec(l)).filter((m): m is RegExpExecArray => !!m);
  if (notFound.length) {
    const none = notFound.filter((m) => m[2].trim() === "none");
    const some = notFound.filter((m) => m[2].trim() !== "none");
    if (none.length) {
      const pkgs = none.map((m) => bareName(m[1]));
      return {
        kind: "not_found",
        packages: unique(pkgs),
        message: `No package named ${pkgs.join(", ")} exists on the package index (or none has a release for this Python).`,
        hint: `Check the spelling on https://pypi.org/project/${pkgs[0]}/ — the distribution name often differs from the import name (e.g. PyYAML for yaml, python-dateutil for dateutil).`,
        details: errors,
      };
    }
    const pkgs = some.map((m) => m[1]);
    const available = some[0][2]
      .split(",")
      .map((s) => s.trim())
      .filter(Boolean);
    return {
      kind: "no_matching_version",
      packages: unique(pkgs.map(bareName)),
      message: `No release matches ${pkgs.join(", ")}; the latest available is ${available[available.length - 1] ?? "unknown"}.`,
      hint: `Pin a version that exists, e.g. ${bareName(pkgs[0])}==${available[available.length - 1] ?? "<version>"}.`,
      details: errors,
    };
  }

  const buildFailed = unique([
    ...lines.map((l) => /ERROR: Failed building wheel for (\S+)/.exec(l)?.[1] ?? ""),
    ...lines.flatMap((l) => (/^Failed to build (.+)$/.exec(l.trim())?.[1] ?? "").split(/\s+/)),
    ...lines.flatMap((l) => (/ERROR: Could not build wheels for (.+?), which is required/.exec(l)?.[1] ?? "").split(/,\s*/)),
    ...lines.flatMap((l) => (/ERROR: Failed to build installable wheels for some pyproject\.toml based projects \((.+)\)/.exec(l)?.[1] ?? "").split(/,\s*/)),
  ]);
  const subprocessError = lines.findIndex((l) => l.includes("error: subprocess-exited-with-error"));
  if (buildFailed.length || subprocessError >= 0) {
    // A failure before the wheel stage names no package; the last package pip started on is the one.
    let pkgs = buildFailed;
    if (!pkgs.length) {
      const upTo = lines.slice(0, subprocessError);
      const started = upTo.map((l) => /^(?:Collecting|Processing)\s+(\S+)/.exec(l)?.[1]).filter((x): x is string => !!x);
      const last = started[started.length - 1];
      if (last) pkgs = [bareName(last.replace(/^.*\//, ""))];
    }
    const stage = lines.map((l) => /×\s+(.+?) did not run successfully/.exec(l)?.[1]).find(Boolean);
    const cause = lastCauseLine(lines);
    return {
      kind: "build_failed",
      packages: pkgs,
      message: `${pkgs.length ? pkgs.join(", ") : "A package"} could not be built from source${stage ? ` (${stage} failed)` : ""}${cause ? `: ${cause}` : ""}.`,
      hint:
        "Pin a version that ships a wheel for Linux x86_64 and your Python (see the files on its PyPI page), or use a pure-Python / -binary variant " +
        "(e.g. psycopg2-binary); packages that need system libraries need drivers/installation.sh in production.",
      details: [...errors, ...(stage ? [`× ${stage} did not run successfully.`] : []), ...(cause ? [cause] : [])],
    };
  }

  if (lines.some((l) => /Could not fetch URL|Max retries exceeded|Temporary failure in name resolution|Failed to establish a new connection|Network is unreachable|ProxyError/.test(l))) {
    return {
      kind: "network",
      packages: [],
      message: "pip could not reach the package index.",
      hint: "Check the network, proxy (HTTPS_PROXY) and PIP_INDEX_URL settings, then retry.",
      details: errors,
    };
  }

  if (errors.length) {
    return { kind: "unknown", packages: [], message: errors[errors.length - 1].replace(/^ERROR:\s*/, ""), hint: "Read pip's output in log_tail and fix requirements.txt.", details: errors };
  }
  return null;
}

/** The last exception line inside the subprocess output block (`RuntimeError: …`). */
function lastCauseLine(lines: string[]): string | undefined {
  let found: string | undefined;
  for (const l of lines) {
    const t = l.trim();
    if (/^[A-Za-z_][\w.]*(Error|Exception|Exit)\b:?\s/.test(t) || /^error: (?!subprocess-exited-with-error)/.test(t)) found = t;
  }
  return found;
}

/** A short progress message for one line of pip output, or null for noise. */
export function pipProgressMessage(line: string): string | null {
  const t = line.trim();
  let m: RegExpExecArray | null;
  if ((m = /^Collecting (\S+)/.exec(t))) return `collecting ${m[1]}`;
  if ((m = /^Downloading (\S+)/.exec(t))) return `downloading ${m[1].replace(/^.*\//, "")}`;
  if ((m = /^Building wheel for (\S+)/.exec(t))) return `building ${m[1]}`;
  if ((m = /^Installing collected packages: (.+)$/.exec(t))) return `installing ${m[1]}`;
  if ((m = /^Successfully installed (.+)$/.exec(t))) return `installed ${m[1]}`;
  return null;
}

/** `Successfully installed a-1.0 b-2.0` → [{name:'a', version:'1.0'}, …]. */
export function parseInstalled(output: string): { name: string; version: string }[] {
  const line = output
    .split(/\r?\n/)
    .reverse()
    .find((l) => l.startsWith("Successfully installed "));
  if (!line) return [];
  return line
    .slice("Successfully installed ".length)
    .trim()
    .split(/\s+/)
    .map((nv) => {
      const i = nv.lastIndexOf("-");
      return i > 0 ? { name: nv.slice(0, i), version: nv.slice(i + 1) } : { name: nv, version: "" };
    });
}
