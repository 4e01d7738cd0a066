import { z } from "zod";
import { defineTool } from "../src/mcp/tool.js";
import { ToolError } from "../src/errors.js";
import { looksLikeRuleId, ruleDoc } from "../src/lint/docs.js";
import { guidelineTopics, readGuideline } from "../src/scaffold/content.js";

export const getGuidelinesTool = defineTool({
  name: "get_guidelines",
  title: "Read the connector guidelines",
  description:
    "Returns the rules for writing Fivetran Connector SDK connectors, one topic at a time (the " +
    "connector-sdk://guidelines/{topic} resources, for clients that do not show resources); without a topic, the " +
    "topics with a summary each; with a lint rule id (e.g. FT010), that rule's doc. Read connector-shape, " +
    "state-and-checkpoints and errors-and-retries before writing a connector.",
  input: {
    topic: z.string().optional().describe("Topic id, e.g. 'pagination' or 'state-and-checkpoints', or a lint rule id such as 'FT010'; omit to list the topics."),
  },
  output: {
    topics: z.array(z.object({ topic: z.string().describe("Topic id"), title: z.string().describe("Title"), summary: z.string().describe("What it covers") })).describe("All topics."),
    topic: z.string().optional().describe("The topic returned."),
    sdk_version: z.string().optional().describe("The SDK version the text was checked against."),
    markdown: z.string().optional().describe("The guideline text in Markdown."),
  },
  annotations: { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: false },
  async handle(args) {
    const topics = guidelineTopics();
    if (!args.topic) {
      return { summary: `${topics.length} topics: ${topics.map((t) => t.topic).join(", ")}. Call again with topic to read one.`, data: { topics } };
    }
    if (looksLikeRuleId(args.topic)) {
      const id = args.topic.trim().toUpperCase();
      const markdown = ruleDoc(id);
      if (!markdown) throw new ToolError("not_found", `There is no lint rule ${id}.`, "Use a rule id from a lint_connector finding (FT001…), or omit topic to list the guideline topics.", id);
      return { summary: `Lint rule ${id}.`, data: { topics, topic: id, markdown } };
    }
    const g = readGuideline(args.topic.trim());
    return { summary: `Guideline "${g.title}" (SDK ${g.sdkVersion}).`, data: { topics, topic: g.topic, sdk_version: g.sdkVersion, markdown: g.markdown } };
  },
});
