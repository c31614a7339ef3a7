"""The package's shape: data flows one way, so every import goes with the flow and none goes round in a circle.

Each module belongs to a layer: the foundations, then one layer per pipeline stage in the order
data passes through them, then what drives them. A module may import from its own layer or a
lower one (imports inside functions count too), and no two modules may import each other,
however indirectly.
"""

from __future__ import annotations

import ast
from pathlib import Path

from .helpers import REPO

PACKAGE = REPO / "src" / "leafletpress"

# Lowest first. A package name stands for all its modules.
LAYERS = [
    (
        "foundations",
        {
            "version",
            "problems",
            "epoch",
            "atomic",
            "templating",
            "limits",
            "outputs",
            "options",
            "fold",
            "languages",
            "hyphenation",
            "words",
            "kept",
        },
    ),
    ("content", {"content"}),
    ("compose", {"compose"}),
    ("plan", {"plan"}),
    ("typeset", {"typeset"}),
    ("pdf", {"pdf"}),
    ("web", {"web"}),
    ("look", {"look"}),
    ("report", {"report"}),
    ("worker", {"worker"}),
    ("api", {"api"}),
    ("studio", {"studio"}),
    ("command line", {"cli", "__main__", "__init__"}),
]


def module_name(path: Path) -> str:
    parts = list(path.relative_to(PACKAGE).with_suffix("").parts)
    if parts[-1] == "__init__" and len(parts) > 1:
        parts = parts[:-1]
    return ".".join(parts)


def layer_of(module: str) -> int:
    top = module.split(".")[0]
    return next(index for index, (_, names) in enumerate(LAYERS) if top in names)


def imports(path: Path) -> set[str]:
    """The package's modules a file imports, anywhere in it (relative imports resolved)."""
    here = module_name(path).split(".")
    package = here if path.name == "__init__.py" else here[:-1]
    named = set()
    for node in ast.walk(ast.parse(path.read_text("utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.level:
            base = [*package[: len(package) - node.level + 1], *(node.module.split(".") if node.module else [])]
            named |= {".".join([*base, alias.name]) for alias in node.names}  # a module, or a name in one
        elif isinstance(node, ast.ImportFrom) and (node.module or "").startswith("leafletpress."):
            named |= {node.module.removeprefix("leafletpress.") + "." + alias.name for alias in node.names}
    modules = {module_name(p) for p in PACKAGE.rglob("*.py")}
    found = set()
    for name in named:
        while name and name not in modules:  # 'fold.FOLDS' is the module 'fold'
            name = name.rpartition(".")[0]
        if name:
            found.add(name)
    return found


def graph() -> dict[str, set[str]]:
    return {module_name(path): imports(path) - {module_name(path)} for path in sorted(PACKAGE.rglob("*.py"))}


def test_every_module_has_a_layer():
    for module in graph():
        assert layer_of(module) is not None, module


def test_imports_go_with_the_flow():
    against = [
        f"{module} ({LAYERS[layer_of(module)][0]}) imports {target} ({LAYERS[layer_of(target)][0]})"
        for module, targets in graph().items()
        for target in sorted(targets)
        if layer_of(target) > layer_of(module)
    ]
    assert against == []


def test_no_two_modules_import_each_other_even_indirectly():
    edges = graph()
    cycles = []
    for start in edges:
        stack, seen = [(start, [start])], set()
        while stack:
            module, path = stack.pop()
            for target in edges.get(module, ()):
                if target == start:
                    cycles.append(" -> ".join([*path, start]))
                elif target not in seen:
                    seen.add(target)
                    stack.append((target, [*path, target]))
    assert cycles == []


def test_every_stage_package_says_its_stage_in_one_sentence():
    for package in ("content", "compose", "plan", "typeset", "pdf", "web", "look", "report", "studio"):
        doc = ast.get_docstring(ast.parse((PACKAGE / package / "__init__.py").read_text("utf-8")))
        assert doc and doc.split("\n")[0].endswith("."), package
