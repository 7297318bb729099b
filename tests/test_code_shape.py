"""The package's shape: each stage in the module of its name, no import circle, and no language's
letters written into code (they come from the language data files)."""

import ast
import re
from pathlib import Path

from galley.stages import STAGES, stage_function

PACKAGE = Path(__file__).resolve().parents[1] / "src" / "galley"


def imports_of(path):
    """The galley modules a module imports, at its top or inside its functions."""
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.level == 1:
            names = [node.module] if node.module else [alias.name for alias in node.names]
            found.update(name.split(".")[0] for name in names)
        elif isinstance(node, ast.ImportFrom) and (node.module or "").startswith("galley."):
            found.add(node.module.split(".")[1])
    return found


def test_no_import_circle():
    graph = {p.stem: imports_of(p) for p in PACKAGE.glob("*.py")}
    graph = {module: {m for m in deps if m in graph} for module, deps in graph.items()}
    state = {}

    def visit(module, path):
        if state.get(module) == "open":
            raise AssertionError("import circle: " + " → ".join([*path, module]))
        if state.get(module) != "done":
            state[module] = "open"
            for dep in sorted(graph[module]):
                visit(dep, [*path, module])
            state[module] = "done"

    for module in sorted(graph):
        visit(module, [])


def test_each_stage_lives_in_the_module_of_its_name():
    for name, (module, _, _) in STAGES.items():
        assert module == name and stage_function(name).__module__ == f"galley.{name}", name


def test_no_alphabet_is_written_into_the_code():
    # A hand-written class of Cyrillic capitals ("А-ЯЁӘ…") misses every letter of the next
    # language: shapes take their letters from galley.languages.letters().
    for path in PACKAGE.glob("*.py"):
        text = path.read_text(encoding="utf-8")
        assert not re.search(r"\[[^\]\n]*[А-Яа-я]-[А-Яа-я]", text), f"{path.name} spells out an alphabet"
