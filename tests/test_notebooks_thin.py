"""Notebooks are thin (design: "Notebooks are thin"): a stage notebook calls lib/, shows and
explains. Its code cells define no function, class or named lambda, and draw no chart of their
own (charts come from kinerja.render.charts)."""

import ast
import json

import pytest
from kinerja.core import paths

NOTEBOOKS = sorted(paths.NOTEBOOKS.glob("*.ipynb"))
STAGES = [nb for nb in NOTEBOOKS if nb.name[:2].isdigit()]


def _code(notebook) -> list[tuple[int, ast.Module]]:
    cells = json.loads(notebook.read_text(encoding="utf-8"))["cells"]
    return [(i, ast.parse("".join(c["source"]))) for i, c in enumerate(cells) if c["cell_type"] == "code"]


def _definitions(tree: ast.Module) -> list[str]:
    found = []
    for node in ast.walk(tree):
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            found.append(f"{type(node).__name__} {node.name}")
        elif isinstance(node, (ast.Assign, ast.AnnAssign, ast.NamedExpr)) and isinstance(node.value, ast.Lambda):
            found.append(f"lambda assigned at line {node.lineno}")
    return found


def test_every_stage_notebook_is_checked():
    assert [nb.stem for nb in STAGES] == ["01_perencanaan", "02_survei_teknis", "03_kepuasan", "04_penyedia",
                                          "05_pokja", "06_laporan"]


@pytest.mark.parametrize("notebook", NOTEBOOKS, ids=lambda nb: nb.stem)
def test_notebook_defines_no_function_class_or_named_lambda(notebook):
    found = [f"cell {i}: {d}" for i, tree in _code(notebook) for d in _definitions(tree)]
    assert found == [], f"{notebook.name}: move these into lib/kinerja: {found}"


def test_the_check_sees_definitions():
    tree = ast.parse("def f():\n    pass\nclass C: pass\ng = lambda x: x\nh: object = lambda: 1\n"
                     "df.assign(k=lambda d: d)\n")
    assert _definitions(tree) == ["FunctionDef f", "ClassDef C", "lambda assigned at line 4",
                                  "lambda assigned at line 5"]


def _imported(tree: ast.Module) -> list[str]:
    names = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names += [a.name for a in node.names]
        elif isinstance(node, ast.ImportFrom):
            names += [f"{node.module}.{a.name}" for a in node.names]
    return names


@pytest.mark.parametrize("notebook", STAGES, ids=lambda nb: nb.stem)
def test_stage_notebook_draws_no_chart_of_its_own(notebook):
    drawn = [f"cell {i}: {name}" for i, tree in _code(notebook) for name in _imported(tree)
             if name.startswith(("seaborn", "matplotlib.pyplot"))]
    assert drawn == [], f"{notebook.name}: charts belong in kinerja.render.charts: {drawn}"
