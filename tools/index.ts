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
import { proofStatusTool } from "./proof_status.js";

/**
 * Every MCP tool the server offers, one file each. Order is the order clients list them in:
 * the core loop first (scaffold, lint, run, query), then the rest.
 */
export const allTools: AnyToolDefinition[] = [
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
  // proof, not claims (issue 16)
  crashResumeTool,
  injectFaultsTool,
  makeReceiptTool,
  checkReceiptTool,
  proofStatusTool,
];
