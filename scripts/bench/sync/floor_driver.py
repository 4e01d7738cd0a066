"""Runs a connector folder under the floor SDK (PYTHONPATH must put fake_sdk first): import connector.py, call
schema() and update() with configuration.json, and exhaust update() if it is a generator."""
import importlib.util
import inspect
import json
import os
import sys

project = sys.argv[1]
sys.path.insert(0, project)
with open(os.path.join(project, "configuration.json"), encoding="utf-8") as f:
    configuration = json.load(f)
spec = importlib.util.spec_from_file_location("connector_connector_code", os.path.join(project, "connector.py"))
module = importlib.util.module_from_spec(spec)
spec.loader.exec_module(module)
connector = module.connector
if connector.schema:
    connector.schema(configuration)
result = connector.update(configuration=configuration, state={})
if inspect.isgenerator(result):
    for _ in result:
        pass
