"""The package's layers, read from the code: arrows run one way (core → inputs → methods →
render → formulir → pipeline → apps), demo code is reached only from the CLI, no import cycle
(imports inside functions counted), no project import hidden inside a function and no module
over MAX_LINES lines."""

import ast
from collections import defaultdict

from kinerja.core import paths

LIB = paths.ROOT / "lib" / "kinerja"
ORDER = ["core", "inputs", "methods", "render", "formulir", "pipeline", "apps"]
MAX_LINES = 450  # a module longer than this holds more than one concept: split it by concept


PACKAGES = {".".join(("kinerja", *f.parent.relative_to(LIB).parts)) for f in LIB.rglob("__init__.py")}


def _modules() -> dict[str, ast.Module]:
    out = {}
    for f in LIB.rglob("*.py"):
        name = ".".join(("kinerja", *f.relative_to(LIB).with_suffix("").parts)).removesuffix(".__init__")
        out[name] = ast.parse(f.read_text(encoding="utf-8"))
    return out


MODULES = _modules()


def _imports() -> dict[str, set[tuple[str, bool]]]:
    """module -> {(imported project module, inside a function?)}"""
    out = defaultdict(set)
    for name, tree in MODULES.items():
        inner = {id(n) for f in ast.walk(tree) if isinstance(f, (ast.FunctionDef, ast.AsyncFunctionDef))
                 for n in ast.walk(f)}
        for node in ast.walk(tree):
            targets = []
            if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("kinerja"):
                targets = [f"{node.module}.{a.name}" if f"{node.module}.{a.name}" in MODULES else node.module
                           for a in node.names]
            elif isinstance(node, ast.Import):
                targets = [a.name for a in node.names if a.name.startswith("kinerja")]
            out[name].update((t, id(node) in inner) for t in targets if t in MODULES and t != name)
    return out


IMPORTS = _imports()


def _layer(module: str) -> str | None:
    parts = module.split(".")
    return parts[1] if len(parts) > 2 else None


def test_every_module_sits_in_a_layer():
    loose = [m for m in MODULES if m.count(".") == 1 and m not in PACKAGES and m != "kinerja.__main__"]
    assert loose == [], f"modules outside the layer packages: {loose}"


def test_arrows_run_one_way():
    wrong = [(a, b) for a, targets in IMPORTS.items() for b, _ in targets
             if _layer(a) in ORDER and _layer(b) in ORDER and ORDER.index(_layer(b)) > ORDER.index(_layer(a))]
    assert wrong == []


def test_demo_is_reached_only_from_the_cli():
    users = {a for a, targets in IMPORTS.items() for b, _ in targets
             if _layer(b) == "demo" and _layer(a) != "demo"}
    assert users <= {"kinerja.apps.cli"}, users
    sample = [m for m, tree in MODULES.items() if _layer(m) != "demo"
              for node in ast.walk(tree) if isinstance(node, ast.Attribute) and node.attr == "SAMPLE"]
    assert sample == [], f"modules that know where the sample folder is: {sample}"


def test_no_project_import_inside_a_function():
    hidden = sorted((a, b) for a, targets in IMPORTS.items() for b, inner in targets if inner)
    assert hidden == []


def test_no_import_cycle():
    graph = {a: {b for b, _ in t} for a, t in IMPORTS.items()}
    state: dict[str, int] = {}

    def visit(node, path):
        state[node] = 1
        for nxt in graph.get(node, ()):
            if state.get(nxt) == 1:
                raise AssertionError("import cycle: " + " → ".join(path[path.index(nxt):] + [nxt]))
            if nxt not in state:
                visit(nxt, path + [nxt])
        state[node] = 2

    for m in MODULES:
        if m not in state:
            visit(m, [m])


def test_no_module_over_450_lines():
    long = sorted((str(f.relative_to(LIB)), n) for f in LIB.rglob("*.py")
                  if (n := len(f.read_text(encoding="utf-8").splitlines())) > MAX_LINES)
    assert long == [], f"modules over {MAX_LINES} lines: {long}"


def test_every_module_imports():
    import importlib

    for name in MODULES:
        if name != "kinerja.__main__":
            importlib.import_module(name)
