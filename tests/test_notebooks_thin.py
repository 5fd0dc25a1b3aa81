"""Notebooks are thin (design: "Notebooks are thin"): a stage notebook calls lib/, shows and
explains. Its code cells define no function, class or named lambda, and draw no chart of their
own (charts come from kinerja.render.charts). Every rule and every sentence built from data comes
from a tested lib/ function, so a stage notebook also has no comprehension (a loop over rows,
years or columns builds a table, a heading or a sentence), no row filter by a comparison, and
f-strings only to name the files it writes."""

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


def _comprehensions(tree: ast.Module) -> list[str]:
    return [f"line {node.lineno}: {ast.unparse(node)[:60]}" for node in ast.walk(tree)
            if isinstance(node, (ast.ListComp, ast.SetComp, ast.DictComp, ast.GeneratorExp))]


def _row_filters(tree: ast.Module) -> list[str]:
    """df[df["x"] == y], df.loc[a > b, ...], df[(a) & (b)]: a subscript whose key compares."""
    return [f"line {node.lineno}: {ast.unparse(node)[:60]}" for node in ast.walk(tree)
            if isinstance(node, ast.Subscript) and any(isinstance(n, ast.Compare) for n in ast.walk(node.slice))]


def _text_fstrings(tree: ast.Module) -> list[str]:
    """f-strings other than a file's name: `folder / f"..."` or the result name in ctx.save(f"...")."""
    allowed = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Div) and isinstance(node.right, ast.JoinedStr):
            allowed.add(node.right)
        elif (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "save"
              and node.args and isinstance(node.args[0], ast.JoinedStr)):
            allowed.add(node.args[0])
    return [f"line {node.lineno}: {ast.unparse(node)[:60]}" for node in ast.walk(tree)
            if isinstance(node, ast.JoinedStr) and node not in allowed]


# What a stage notebook leaves to lib/: the check and what to do about what it finds.
LEFT_TO_LIB = {
    "comprehension": (_comprehensions, "a loop builds a table, heading or sentence: move it into a tested lib/ function"),
    "row filter": (_row_filters, "which rows count is a rule: move it into lib/"),
    "f-string": (_text_fstrings, "sentences and headings built from data come from lib/"),
}


@pytest.mark.parametrize("kind", LEFT_TO_LIB)
@pytest.mark.parametrize("notebook", STAGES, ids=lambda nb: nb.stem)
def test_stage_notebook_leaves_loops_filters_and_sentences_to_lib(notebook, kind):
    check, advice = LEFT_TO_LIB[kind]
    found = [f"cell {i}: {f}" for i, tree in _code(notebook) for f in check(tree)]
    assert found == [], f"{notebook.name}: {advice}: {found}"


def test_the_checks_see_loops_filters_and_sentences():
    tree = ast.parse('x = [f(v) for v in a]\ny = {k: 1 for k in b}\n",".join(str(v) for v in c)\n'
                     'd = df[df["tahun"] == 2024]\ne = df.loc[(df.a > 1) & df.b, "c"]\nf = df[["a", "b"]]\n'
                     'g = ctx.out / f"F6_{label}.xlsx"\nctx.save(f"02_{nama}", t)\nh = f"Tahun {tahun}"\n'
                     'Markdown("\\n".join(f"- {n}" for n in names))\n')
    assert [c.split(":")[0] for c in _comprehensions(tree)] == ["line 1", "line 2", "line 3", "line 10"]
    assert [c.split(":")[0] for c in _row_filters(tree)] == ["line 4", "line 5"]
    assert _text_fstrings(tree) == ["line 9: f'Tahun {tahun}'", "line 10: f'- {n}'"]
