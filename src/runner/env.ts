/**
 * The environment a connector runs with. The server's own variables (client tokens, API keys of the agent
 * that started us) are none of the connector's business, so only an allow-list passes.
 */
const ALLOWED = new Set([
  "PATH", "HOME", "USER", "LOGNAME", "SHELL", "LANG", "LANGUAGE", "TZ", "TMPDIR", "TEMP", "TMP", "TERM",
  "SSL_CERT_FILE", "SSL_CERT_DIR", "REQUESTS_CA_BUNDLE", "CURL_CA_BUNDLE", "PIP_CERT",
  "HTTP_PROXY", "HTTPS_PROXY", "NO_PROXY", "ALL_PROXY", "http_proxy", "https_proxy", "no_proxy", "all_proxy",
  "VIRTUAL_ENV", "CONDA_PREFIX", "PYENV_VERSION", "PYENV_ROOT",
  "PYTHONPATH", "PYTHONHOME", "PYTHONIOENCODING", "PYTHONUTF8", "PYTHONWARNINGS", "PYTHONFAULTHANDLER",
  "SYSTEMROOT", "COMSPEC", "PATHEXT", "APPDATA", "LOCALAPPDATA", "USERPROFILE",
  "DO_NOT_TRACK",
]);
const ALLOWED_PREFIX = /^LC_/;

// What `fivetran debug` sets for the connector (SDK >= 2.2.1 connectors may read them).
const DEBUG_ENV = {
  FIVETRAN_CONNECTION_ID: "test_connection_id",
  FIVETRAN_DEPLOYMENT_MODEL: "local_debug",
  FIVETRAN_GROUP_ID: "test_group_id",
  FIVETRAN_CONNECTION_NAME: "test_connection_name",
};

export function connectorEnv(base: NodeJS.ProcessEnv = process.env, extra: Record<string, string> = {}): Record<string, string> {
  const out: Record<string, string> = {};
  // Security: copy only named variables; everything else the server holds stays with the server.
  for (const [k, v] of Object.entries(base)) {
    if (v !== undefined && (ALLOWED.has(k) || ALLOWED_PREFIX.test(k))) out[k] = v;
  }
  return { ...out, ...DEBUG_ENV, PYTHONUNBUFFERED: "1", PYTHONIOENCODING: "utf-8", ...extra };
}
