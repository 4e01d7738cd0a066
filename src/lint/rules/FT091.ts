import { ALL_PROFILES, defineRule } from "../rule.js";
import { isSecretName } from "../helpers.js";

export default defineRule({
  meta: {
    id: "FT091",
    severity: "info",
    title: "Secrets read from environment variables or .env",
    fixable: "none",
    profiles: ALL_PROFILES,
    guideline: "docs: configuration.json (the configuration is the encrypted secret channel)",
  },
  check(ctx) {
    for (const mod of ctx.project.modules) {
      for (const call of mod.calls) {
        const path = mod.calleePath(call);
        if (/(^|\.)load_dotenv$/.test(path))
          ctx.report({
            file: mod.file,
            start: call.start,
            end: call.end,
            message: "secrets from a .env file bypass Fivetran's encrypted configuration and may be packaged with the code; put them in configuration.json",
          });
        if (/^os\.(getenv|environ\.get)$/.test(path)) {
          const k = mod.str(mod.args(call).positional[0]);
          if (k && isSecretName(k.toLowerCase()))
            ctx.report({ file: mod.file, start: call.start, end: call.end, message: `the secret ${k} is read from the environment; in Fivetran it is not set. Read it from the configuration` });
        }
      }
      const re = /os\.environ\[\s*["']([^"']+)["']\s*\]/g;
      let m: RegExpExecArray | null;
      while ((m = re.exec(mod.source))) {
        if (isSecretName(m[1].toLowerCase()))
          ctx.report({
            file: mod.file,
            start: m.index,
            end: m.index + m[0].length,
            message: `the secret ${m[1]} is read from the environment; in Fivetran it is not set. Read it from the configuration`,
          });
      }
    }
  },
});
