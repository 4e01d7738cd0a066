import type { AnyToolDefinition } from "../src/mcp/tool.js";
import { deploy } from "./deploy.js";
import { describeWarehouseTool } from "./describe_warehouse.js";
import { diffState } from "./diff_state.js";
import { evaluateConnectorTool } from "./evaluate_connector.js";
import { getState } from "./get_state.js";
import { installRequirementsTool } from "./install_requirements.js";
import { lintConnector } from "./lint_connector.js";
import { queryWarehouseTool } from "./query_warehouse.js";
import { resetStateTool } from "./reset_state.js";
import { cancelRunTool } from "./cancel_run.js";
import { runDebug } from "./run_debug.js";
import { runStatus } from "./run_status.js";
import { runSetupTestsTool } from "./run_setup_tests.js";
import { setState } from "./set_state.js";
import { scaffoldTool } from "./scaffold.js";
import { getGuidelinesTool } from "./get_guidelines.js";
import { findExamplesTool } from "./find_examples.js";
import { sampleSourceTool } from "./sample_source.js";
import { crashResumeTool } from "./crash_resume.js";
import { injectFaultsTool } from "./inject_faults.js";
import { makeReceiptTool } from "./make_receipt.js";
import { checkReceiptTool } from "./check_receipt.js";

/**
 * The tools every server offers, one file each. Order is the order clients list them in: the core loop first
 * (scaffold, lint, run, query), then the rest.
 */
export const coreTools: AnyToolDefinition[] = [
  scaffoldTool,
  lintConnector,
  runDebug,
  runStatus,
  cancelRunTool,
  queryWarehouseTool,
  describeWarehouseTool,
  // beyond a single run (issue 6)
  getState,
  setState,
  resetStateTool,
  diffState,
  installRequirementsTool,
  evaluateConnectorTool,
  runSetupTestsTool,
  deploy,
  // guidance (issue 4)
  getGuidelinesTool,
  findExamplesTool,
  // the source itself (issue 13)
  sampleSourceTool,
];

/**
 * Tools a client turns on by name (`serve --toolsets proof`), as other MCP servers offer toolsets: every tool
 * listed costs the model's context on every turn (issue 13 holds the default tools/list to 30,000 characters), and
 * the proof tools (issue 16) serve a review rather than the build loop. run_debug's record/replay/receipt and
 * evaluate_connector's recording checks work without them.
 */
export const TOOLSETS = {
  proof: [crashResumeTool, injectFaultsTool, makeReceiptTool, checkReceiptTool],
} satisfies Record<string, AnyToolDefinition[]>;

export type Toolset = keyof typeof TOOLSETS;

export function isToolset(name: string): name is Toolset {
  return Object.hasOwn(TOOLSETS, name);
}

/** The core tools and those of the toolsets named. */
export function toolsFor(toolsets: readonly Toolset[] = []): AnyToolDefinition[] {
  return [...coreTools, ...[...new Set(toolsets)].flatMap((t) => TOOLSETS[t])];
}

/** Every tool of every toolset (tests and docs). */
export const allTools: AnyToolDefinition[] = toolsFor(Object.keys(TOOLSETS) as Toolset[]);
