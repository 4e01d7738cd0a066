"""Checks generated connector.py files: syntax for Python 3.9 to 3.13 (ast feature_version) and the
running interpreter (compile), no unused imports, and no names used that are never defined or imported.

Usage: python3 check_python.py DIR...  Prints one JSON object per file; exits 1 if any failed."""
import ast
import builtins
import json
import sys


def check(path):
    with open(path, encoding="utf-8") as handle:
        source = handle.read()
    problems = []
    try:
        for minor in range(9, 14):
            tree = ast.parse(source, feature_version=(3, minor))
        compile(source, path, "exec")
    except SyntaxError as error:
        return [f"syntax: line {error.lineno}: {error.msg}"]
    imported = {}
    defined = set(dir(builtins)) | {"__file__", "__name__"}
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                imported[(alias.asname or alias.name).split(".")[0]] = node.lineno
        elif isinstance(node, ast.ImportFrom):
            for alias in node.names:
                imported[alias.asname or alias.name] = node.lineno
        elif isinstance(node, (ast.FunctionDef, ast.ClassDef)):
            defined.add(node.name)
            if isinstance(node, ast.FunctionDef):
                for arg in node.args.args + node.args.kwonlyargs:
                    defined.add(arg.arg)
        elif isinstance(node, ast.Name) and isinstance(node.ctx, ast.Store):
            defined.add(node.id)
        elif isinstance(node, ast.arg):
            defined.add(node.arg)
        elif isinstance(node, ast.ExceptHandler) and node.name:
            defined.add(node.name)
    loaded = {n.id for n in ast.walk(tree) if isinstance(n, ast.Name) and isinstance(n.ctx, ast.Load)}
    for name in sorted(set(imported) - loaded):
        problems.append(f"unused import: {name}")
    for name in sorted(loaded - defined - set(imported)):
        problems.append(f"undefined name: {name}")
    return problems


failed = False
for path in sys.argv[1:]:
    problems = check(path)
    failed = failed or bool(problems)
    print(json.dumps({"path": path, "problems": problems}))
sys.exit(1 if failed else 0)
