import { ALL_PROFILES, defineRule } from "../rule.js";
import { field } from "../python.js";

export default defineRule({
  meta: {
    id: "FT05C",
    severity: "info",
    title: 'No if __name__ == "__main__" debug block',
    fixable: "safe",
    profiles: ALL_PROFILES,
    guideline: "seed guidelines (connector initialisation); template connector",
  },
  check(ctx) {
    const p = ctx.project;
    const mod = p.main;
    if (!mod || mod.mainBlocks.length || mod.brokenMainBlocks.length || mod.parsed.errors.length) return;
    const cc = p.connectorCall;
    const asg = cc?.mod === mod && cc.call.parent?.type === "assignment" ? cc.call.parent : undefined;
    const name = asg && field(asg, "left")?.type === "identifier" ? mod.t(field(asg, "left")) : undefined;
    let fix;
    if (name && mod.atImportTime(cc!.call)) {
      const has = (m: string) => mod.imports.some((i) => !i.isFrom && i.names.some((n) => n.name === m && !n.alias));
      const imports = ["json", "os"]
        .filter((m) => !has(m))
        .map((m) => `import ${m}\n`)
        .join("");
      const end = mod.source.length;
      const nl = mod.source.endsWith("\n") ? "" : "\n";
      const block = `${nl}\n\nif __name__ == "__main__":\n    with open(os.path.join(os.path.dirname(os.path.abspath(__file__)), "configuration.json"), "r") as f:\n        configuration = json.load(f)\n    ${name}.debug(configuration=configuration)\n`;
      fix = { description: "append the local debug block", edits: [...(imports ? [{ start: 0, end: 0, newText: imports }] : []), { start: end, end, newText: block }] };
    }
    ctx.report({
      file: mod.file,
      start: 0,
      end: 0,
      message: 'connector.py has no `if __name__ == "__main__":` block calling connector.debug(); add one to run the connector with python connector.py',
      fix,
    });
  },
});
