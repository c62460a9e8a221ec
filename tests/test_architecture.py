"""The package's shape: layers that import only downwards, no cycles, short modules."""

from __future__ import annotations

import ast
from pathlib import Path

from build_tools.paths import CODE_DIR

# Each layer may import from its own layer and the layers before it, never after it.
LAYERS = (
    {"build_tools.paths", "build_tools.errors", "build_tools.config", "build_tools.files",
     "build_tools.provenance", "build_tools.doctor", "build_tools.locations",
     "build_tools.config_schema", "build_tools.formats", "build_tools.check_record"},
    {"build_tools.i18n", "build_tools.sphinxext", "build_tools.pdf", "build_tools.site",
     "build_tools.release"},
    {"build_tools.engine"},
    {"build_tools.commands"},
)
MAX_LINES = 300


def module_name(path: Path) -> str:
    parts = path.relative_to(CODE_DIR.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imports_of(path: Path) -> set[str]:
    """The build_tools modules `path` imports, at the top or inside a function."""
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            if node.module.startswith("build_tools"):
                for alias in node.names:
                    candidate = f"{node.module}.{alias.name}"
                    found.add(candidate if candidate in MODULES else node.module)
        elif isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names if alias.name.startswith("build_tools")}
    return found


MODULES = {module_name(path): path for path in sorted(CODE_DIR.rglob("*.py"))}
GRAPH = {name: imports_of(path) for name, path in MODULES.items()}


def layer_of(module: str) -> int:
    for index, layer in enumerate(LAYERS):
        if any(module == prefix or module.startswith(prefix + ".") for prefix in layer):
            return index
    raise AssertionError(f"{module} belongs to no layer; add it to LAYERS")


def test_every_module_imports_only_its_own_layer_or_lower():
    upward = [f"{module} (layer {layer_of(module)}) imports {target} (layer {layer_of(target)})"
              for module, targets in GRAPH.items() if module != "build_tools"
              for target in targets if layer_of(target) > layer_of(module)]
    assert not upward, "\n".join(upward)


def test_the_import_graph_has_no_cycle():
    state: dict[str, str] = {}
    cycles = []

    def visit(module: str, trail: list[str]) -> None:
        state[module] = "open"
        for target in sorted(GRAPH.get(module, ())):
            if state.get(target) == "open":
                cycles.append(" -> ".join(trail[trail.index(target):] + [target]))
            elif target not in state:
                visit(target, trail + [target])
        state[module] = "done"

    for module in GRAPH:
        if module not in state:
            visit(module, [module])
    assert not cycles, "\n".join(cycles)


def test_no_module_is_longer_than_a_screenful_or_three():
    long = [f"{path.relative_to(CODE_DIR.parent)}: {lines} lines"
            for path in MODULES.values()
            if (lines := len(path.read_text(encoding="utf-8").splitlines())) > MAX_LINES]
    assert not long, "\n".join(long)


def test_the_layer_check_sees_an_upward_import(tmp_path):
    """The checks above can fail: an engine import in a base module is caught."""
    bad = tmp_path / "bad.py"
    bad.write_text("from build_tools.engine.build import build\n", encoding="utf-8")
    assert imports_of(bad) == {"build_tools.engine.build"}
    assert layer_of("build_tools.engine.build") > layer_of("build_tools.files")
