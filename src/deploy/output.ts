/**
 * Reading what `fivetran deploy` (SDK 3.0) prints. Pure: tested on output shaped like the real
 * CLI's (log_connection_success, handle_connection_response and the validators in connector_helper).
 */
export type DeployOutcome = "created" | "updated" | "setup_tests_failed" | "update_declined" | "failed";

export interface FailedSetupTest {
  title: string;
  status: string;
  message: string;
}

export interface DeployReport {
  outcome: DeployOutcome;
  connectionId?: string;
  runtimePythonVersion?: string;
  naming?: string;
  dashboardUrl?: string;
  /** SEVERE lines the CLI printed (icons and colours removed). */
  errors: string[];
  failedTests: FailedSetupTest[];
}

// eslint-disable-next-line no-control-regex
const ANSI = /\x1b\[[0-9;]*m/g;

/** A line without colour codes, the CLI's status icons and its indentation. */
export function cleanLine(line: string): string {
  return line
    .replace(ANSI, "")
    .replace(/^\s*(?:✓|✗|›|ℹ️|ℹ|⚡)\s*/u, "")
    .trim();
}

export function parseDeployOutput(output: string, exitCode: number | null): DeployReport {
  const lines = output.split(/\r?\n/).map(cleanLine).filter(Boolean);
  const report: DeployReport = { outcome: "failed", errors: [], failedTests: [] };
  let createdOrUpdated: "created" | "updated" | undefined;
  let testsFailed = false;
  for (let i = 0; i < lines.length; i++) {
    const l = lines[i];
    let m: RegExpExecArray | null;
    if ((m = /^connection (created|updated)$/.exec(l))) createdOrUpdated = m[1] as "created" | "updated";
    else if ((m = /^connection (created|updated) but setup tests failed$/.exec(l))) {
      createdOrUpdated = m[1] as "created" | "updated";
      testsFailed = true;
    } else if ((m = /^connection id: (\S+)$/.exec(l)) && m[1] !== "None") report.connectionId = m[1];
    else if ((m = /^runtime python version: (\S+)$/.exec(l))) report.runtimePythonVersion = m[1];
    else if ((m = /^naming strategy: (\S+)$/.exec(l))) report.naming = m[1];
    else if ((m = /^(https:\/\/fivetran\.com\/dashboard\/connections\/\S+)$/.exec(l))) report.dashboardUrl = m[1];
    else if (l === "update cancelled") report.outcome = "update_declined";
    else if (/^test: /.test(l)) {
      report.failedTests.push({
        title: l.slice("test: ".length),
        status: /^status: (.*)$/.exec(lines[i + 1] ?? "")?.[1] ?? "",
        message: /^message: (.*)$/.exec(lines[i + 2] ?? "")?.[1] ?? "",
      });
    } else if (isErrorLine(l)) report.errors.push(l);
  }
  if (testsFailed) report.outcome = "setup_tests_failed";
  else if (createdOrUpdated && exitCode === 0) report.outcome = createdOrUpdated;
  if (!report.dashboardUrl && report.connectionId) report.dashboardUrl = `https://fivetran.com/dashboard/connections/${report.connectionId}/status`;
  return report;
}

/** The SEVERE messages of the deploy path; the CLI prints them without a level prefix. */
function isErrorLine(l: string): boolean {
  return (
    /^(failed to |invalid |cannot update connection|deploy run failed|request failed|package-id not found|configuration is required|connection names must)/.test(l) ||
    /(is required; provide it via|not found in account|no destinations defined|multiple destinations found|ensure you're using a valid)/.test(l) ||
    /^Include the following dependency libraries|^Please (fix|remove)/.test(l)
  );
}
