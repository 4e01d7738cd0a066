import { ALL_PROFILES, defineRule } from "../rule.js";
import { field } from "../python.js";
import type { FuncInfo } from "../model.js";

function arity(f: FuncInfo): { required: number; max: number; varargs: boolean } {
  const pos = f.params.filter((p) => p.kind === "positional");
  return { required: pos.filter((p) => !p.hasDefault).length, max: pos.length, varargs: f.params.some((p) => p.kind === "args") };
}

export default defineRule({
  meta: {
    id: "FT005",
    severity: "error",
    title: "Wrong update/schema arity",
    fixable: "none",
    profiles: ALL_PROFILES,
    guideline: "docs: supported methods; seed guidelines (update(configuration, state), schema(configuration))",
  },
  check(ctx) {
    const check = (f: FuncInfo | undefined, n: number, expected: string[]) => {
      if (!f) return;
      const a = arity(f);
      const name = field(f.node, "name")!;
      const params = field(f.node, "parameters")!;
      if (a.required > n || (a.max < n && !a.varargs)) {
        ctx.report({
          file: f.mod.file,
          start: params.start,
          end: params.end,
          message: `${f.name}() must accept exactly ${n} positional parameter(s) (${expected.join(", ")}); the SDK calls it that way and raises TypeError otherwise`,
        });
      } else {
        const names = f.params
          .filter((p) => p.kind === "positional")
          .slice(0, n)
          .map((p) => p.name);
        if (names.join() !== expected.join())
          ctx.report({
            file: f.mod.file,
            start: name.start,
            end: params.end,
            severity: "info",
            message: `${f.name}() parameters are named (${names.join(", ")}); the convention is (${expected.join(", ")})`,
          });
      }
    };
    check(ctx.project.update, 2, ["configuration", "state"]);
    check(ctx.project.schema, 1, ["configuration"]);
  },
});
