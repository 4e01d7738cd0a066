// The connector's environment is one kind of child environment; the allow-lists live in src/exec/env.ts.
export { connectorEnv } from "../exec/env.js";
