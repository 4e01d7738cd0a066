/**
 * The environments child processes get. Nothing is inherited wholesale: each kind of child gets an allow-list, and
 * the server's own variables (client tokens, API keys of the agent that started us, FIVETRAN_API_KEY) stay with the
 * server unless the child is the one program that needs one.
 */

import { delimiter, isAbsolute } from "node:path";

/** What a child is; each kind has its own allow-list. */
export type ChildKind = "connector" | "pip" | "fivetran_cli" | "tool";

// Security: every name here is allowed for a reason, none carries a credential by design.
const BASE = [
  // Finding programs and the user's files: PATH, HOME (pip's cache, ~/.netrc is pip's own business), the user name.
  "PATH",
  "HOME",
  "USER",
  "LOGNAME",
  "SHELL",
  // Text and time: locale and timezone change how Python prints and parses, as they would in the user's shell.
  "LANG",
  "LANGUAGE",
  "TZ",
  "TERM",
  // Temporary files: where the user's system wants them.
  "TMPDIR",
  "TEMP",
  "TMP",
  // TLS trust: corporate CA bundles; paths to public certificates, not secrets.
  "SSL_CERT_FILE",
  "SSL_CERT_DIR",
  "REQUESTS_CA_BUNDLE",
  "CURL_CA_BUNDLE",
  // Windows essentials: Python does not start without SYSTEMROOT; the rest locate per-user folders.
  "SYSTEMROOT",
  "COMSPEC",
  "PATHEXT",
  "APPDATA",
  "LOCALAPPDATA",
  "USERPROFILE",
  // A privacy opt-out some tools honour.
  "DO_NOT_TRACK",
];
// Security: proxies are needed to reach anything behind a corporate proxy; a proxy URL with credentials is passed
// only where the redactor knows them (environmentSecrets) and never to pip (see pipEnv).
const PROXIES = ["HTTP_PROXY", "HTTPS_PROXY", "NO_PROXY", "ALL_PROXY", "http_proxy", "https_proxy", "no_proxy", "all_proxy"];
// Security: which Python runs, how it prints, and whether it writes `__pycache__` into the project folder (as
// `fivetran debug`, which inherits the shell's PYTHONDONTWRITEBYTECODE; fidelity 306); the connector's own choice of
// interpreter, not a secret.
const PYTHON = [
  "VIRTUAL_ENV",
  "CONDA_PREFIX",
  "PYENV_VERSION",
  "PYENV_ROOT",
  "PYTHONPATH",
  "PYTHONHOME",
  "PYTHONIOENCODING",
  "PYTHONUTF8",
  "PYTHONWARNINGS",
  "PYTHONFAULTHANDLER",
  "PYTHONDONTWRITEBYTECODE",
];
// Security: pip's settings that change where and how it installs, minus any index URL (those often embed a token,
// and pip expands ${VAR} in requirements.txt, so a variable pip can see must hold no secret).
const PIP = ["PIP_CERT", "PIP_NO_CACHE_DIR", "PIP_CACHE_DIR", "PIP_DISABLE_PIP_VERSION_CHECK", "PIP_TIMEOUT", "PIP_RETRIES", "PIP_DEFAULT_TIMEOUT", "PIP_NO_INPUT", "PIP_PROGRESS_BAR"];
const LOCALE = /^LC_/;

const ALLOWED: Record<ChildKind, Set<string>> = {
  connector: new Set([...BASE, ...PROXIES, ...PYTHON, "PIP_CERT"]),
  pip: new Set([...BASE, ...PYTHON.filter((n) => n !== "PYTHONPATH" && n !== "PYTHONHOME"), ...PIP]),
  // Security: FIVETRAN_API_KEY reaches only the fivetran CLI, which needs it; never a folder's own copy (deploy
  // picks the executable, see findFivetran).
  fivetran_cli: new Set([...BASE, ...PROXIES, "FIVETRAN_API_KEY"]),
  tool: new Set([...BASE, "PYTHONIOENCODING", "PYTHONUTF8"]),
};

/** A proxy URL with a user name or password in it. */
export function hasCredentials(url: string): boolean {
  try {
    const u = new URL(url);
    return u.username !== "" || u.password !== "";
  } catch {
    return /\/\/[^/@\s]+@/.test(url);
  }
}

/**
 * Security: Python resolves an empty or relative PYTHONPATH entry (`export PYTHONPATH=$PYTHONPATH:/x` with none set
 * leaves an empty one) and a relative PYTHONHOME against its working folder, which for a connector is the connector
 * folder: its sitecustomize.py, usercustomize.py or a module named like the standard library's would then run as
 * the interpreter starts, before ftmcp_boot.py says which Python this is (and could say it for it). What the user
 * meant from their shell is not the connector folder; those entries are dropped.
 */
function absoluteOnly(env: Record<string, string>): void {
  if (env.PYTHONHOME !== undefined && !isAbsolute(env.PYTHONHOME)) delete env.PYTHONHOME;
  if (env.PYTHONPATH === undefined) return;
  const kept = env.PYTHONPATH.split(delimiter).filter((p) => p !== "" && isAbsolute(p));
  if (kept.length) env.PYTHONPATH = kept.join(delimiter);
  else delete env.PYTHONPATH;
}

/** The allow-listed environment for a child of this kind. */
export function childEnv(kind: ChildKind, base: NodeJS.ProcessEnv = process.env, extra: Record<string, string> = {}): Record<string, string> {
  const allowed = ALLOWED[kind];
  const out: Record<string, string> = {};
  // Security: copy only named variables; everything else the server holds stays with the server.
  for (const [k, v] of Object.entries(base)) if (v !== undefined && (allowed.has(k) || LOCALE.test(k))) out[k] = v;
  absoluteOnly(out);
  // FIVETRAN_DEPLOYMENT_MODEL and the others `fivetran debug` sets only while the sync runs, after connector.py
  // has loaded: the real SDK sets them itself, the harness as it does (DEBUG_ENVIRONMENT in ftmcp_run.py).
  if (kind === "connector" || kind === "pip" || kind === "fivetran_cli") Object.assign(out, { PYTHONUNBUFFERED: "1", PYTHONIOENCODING: stdioEncoding(base).value });
  return { ...out, ...extra };
}

/**
 * PYTHONIOENCODING for a Python whose output Node reads: UTF-8 whatever the locale, with the error handler the user's
 * own setting names. Without one (`fromLocale`), Python's own default applies under `fivetran debug` (surrogateescape
 * under a C-like locale, strict otherwise), which `utf-8` alone would make strict: the harness then sets it itself, and
 * the real SDK's process gets the one its interpreter's probe reports (ftmcp_stdio.py; fidelity 430).
 */
export function stdioEncoding(base: NodeJS.ProcessEnv = process.env): { value: string; fromLocale: boolean } {
  const given = base.PYTHONIOENCODING;
  if (given === undefined || given === "") return { value: "utf-8", fromLocale: true };
  const colon = given.indexOf(":");
  return { value: colon >= 0 && colon < given.length - 1 ? `utf-8:${given.slice(colon + 1)}` : "utf-8", fromLocale: false };
}

/**
 * The user's own PYTHONIOENCODING and PYTHONUNBUFFERED (null when unset), which childEnv() replaces so that Node reads
 * the harness's output as it needs: the harness puts these back in os.environ before connector.py loads, so the
 * connector and its child processes see the environment `fivetran debug` started from the user's shell gives them
 * (`environment_as_given` in ftmcp_run.py; fidelity 519). Neither holds a secret.
 */
export function pythonOutputSettingsAsGiven(base: NodeJS.ProcessEnv = process.env): Record<string, string | null> {
  return { PYTHONIOENCODING: base.PYTHONIOENCODING ?? null, PYTHONUNBUFFERED: base.PYTHONUNBUFFERED ?? null };
}

/**
 * What a harness's job says of Python's output settings (ftmcp_run.py's stdio_errors_as_python_picks): whether stdout's
 * error handler is to follow the locale (stdioEncoding), and the user's own settings to give back (above). The run's
 * job and the setup tests' job carry the same.
 */
export function pythonOutputJob(base: NodeJS.ProcessEnv = process.env): { stdio_errors_from_locale?: true; environ: Record<string, string | null> } {
  return { ...(stdioEncoding(base).fromLocale ? { stdio_errors_from_locale: true as const } : {}), environ: pythonOutputSettingsAsGiven(base) };
}

/** The environment a connector runs with. */
export function connectorEnv(base: NodeJS.ProcessEnv = process.env, extra: Record<string, string> = {}): Record<string, string> {
  return childEnv("connector", base, extra);
}

/**
 * pip's environment and the proxy argument it needs. pip expands `${VAR}` in requirements.txt (an `--index-url`
 * line can send any variable it sees to any host), so a proxy with credentials travels as `--proxy`, not as a
 * variable, and index URLs from the environment are not passed at all.
 */
export function pipEnv(base: NodeJS.ProcessEnv = process.env): { env: Record<string, string>; args: string[] } {
  const env = childEnv("pip", base);
  const args: string[] = [];
  for (const name of ["HTTPS_PROXY", "https_proxy", "HTTP_PROXY", "http_proxy", "ALL_PROXY", "all_proxy"]) {
    const v = base[name];
    if (!v) continue;
    if (hasCredentials(v)) {
      if (args.length === 0) args.push("--proxy", v);
    } else env[name] = v;
  }
  for (const name of ["NO_PROXY", "no_proxy"]) if (base[name]) env[name] = base[name]!;
  return { env, args };
}
