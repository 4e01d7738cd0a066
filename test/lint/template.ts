/** Builds fixture connectors: a clean base with the part under test swapped in. */
export interface Parts {
  imports?: string;
  helpers?: string;
  schema?: string;
  update?: string;
  main?: string;
  tail?: string;
}

export interface Overlay {
  /** Parts of connector.py (ignored when files["connector.py"] is given). */
  py?: Parts;
  /** configuration.json's text; null leaves the file out. */
  config?: string | null;
  requirements?: string;
  files?: Record<string, string>;
}

export const DEFAULT_UPDATE = `    log.info("sync started")
    rows = [{"id": 1, "name": "a"}]
    for row in rows:
        op.upsert(table="items", data=row)
    op.checkpoint(state=state)`;

export const DEFAULT_MAIN = `if __name__ == "__main__":
    with open(os.path.join(os.path.dirname(os.path.abspath(__file__)), "configuration.json"), "r") as f:
        configuration = json.load(f)
    connector.debug(configuration=configuration)`;

export function connectorPy(p: Parts = {}): string {
  return `"""Fixture connector."""
import json
import os

from fivetran_connector_sdk import Connector
from fivetran_connector_sdk import Logging as log
from fivetran_connector_sdk import Operations as op
${p.imports ?? ""}

${p.helpers ?? ""}

def validate_configuration(configuration: dict):
    if "api_key" not in configuration:
        raise ValueError("api_key is required")


def schema(configuration: dict):
    return ${p.schema ?? '[{"table": "items", "primary_key": ["id"]}]'}


def update(configuration: dict, state: dict):
    validate_configuration(configuration)
${p.update ?? DEFAULT_UPDATE}


connector = Connector(update=update, schema=schema)
${p.tail ?? ""}

${p.main ?? DEFAULT_MAIN}
`;
}

export function projectFiles(o: Overlay): Record<string, string> {
  const files: Record<string, string> = {
    "connector.py": connectorPy(o.py),
    "configuration.json": o.config ?? '{\n  "api_key": "<YOUR_API_KEY>"\n}\n',
    "requirements.txt": o.requirements ?? "",
    ...(o.files ?? {}),
  };
  if (o.config === null) delete files["configuration.json"];
  return files;
}
