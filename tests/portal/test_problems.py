"""The registry of problem codes: complete (every raised code registered), without dead codes,
one status a code; and the rules of registering."""

from __future__ import annotations

import ast
import importlib
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType

import pytest

from aftersales.portal import problems
from aftersales.portal.errors import RuleViolation
from aftersales.portal.problems import ProblemRegistry, UnknownProblemCode

ROOT = Path(__file__).resolve().parents[2]
# Calls that carry a problem code: RuleViolation(code, ...), AccessDecision(allowed, code, ...)
# and the API's problem(request, code=...).
CODE_ARGUMENT = {"RuleViolation": 0, "AccessDecision": 1, "problem": None}
# Codes passed on from a value checked where it was made.
FORWARDED = {
    ("aftersales/api/auth.py", "decision.code"),  # an AccessDecision's code (403 on the API)
    # _http_error: one of its by_status codes; _validation: a registered code (TEXT-0001)
    ("aftersales/api/problems.py", "code"),
    ("aftersales/catalogue/access.py", "violation.code"),  # verified_member_violation's code
    ("aftersales/tools/services.py", "decision.code"),  # an AccessDecision's code, as the API's
    # the shared import helpers raise the calling app's FILE_TOO_LARGE / FILE_UNUSABLE code
    ("aftersales/portal/imports.py", "code"),
    ("aftersales/portal/imports.py", "unusable_code"),
    ("aftersales/portal/tabular.py", "code"),
}


def source_modules() -> Iterator[tuple[str, ast.Module, ModuleType]]:
    """Every module of the project but migrations and the codes modules (they register)."""
    for path in sorted((ROOT / "aftersales").rglob("*.py")):
        relative = path.relative_to(ROOT)
        if "migrations" in relative.parts or path.name == "codes.py":
            continue
        name = ".".join(relative.with_suffix("").parts).removesuffix(".__init__")
        yield (
            str(relative),
            ast.parse(path.read_text(), str(relative)),
            importlib.import_module(name),
        )


def resolve(node: ast.expr, module: ModuleType) -> object:
    """The value of a literal, a module-level name or `codes_module.NAME`; None otherwise."""
    if isinstance(node, ast.Constant):
        return node.value
    if isinstance(node, ast.Name):
        return vars(module).get(node.id)
    if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name):
        owner = vars(module).get(node.value.id)
        if isinstance(owner, ModuleType):
            return getattr(owner, node.attr, None)
    return None


def code_arguments() -> Iterator[tuple[str, ast.Call, ast.expr, ModuleType]]:
    for where, tree, module in source_modules():
        for call in ast.walk(tree):
            if not isinstance(call, ast.Call):
                continue
            func = call.func
            name = func.id if isinstance(func, ast.Name) else getattr(func, "attr", None)
            if name not in CODE_ARGUMENT:
                continue
            position = CODE_ARGUMENT[name]
            keyword = next((k.value for k in call.keywords if k.arg == "code"), None)
            if keyword is not None:
                yield f"{where}:{call.lineno}", call, keyword, module
            elif position is not None and len(call.args) > position:
                yield f"{where}:{call.lineno}", call, call.args[position], module


def test_it_registers_every_code_that_is_raised() -> None:
    unregistered = [
        f"{where} {ast.unparse(argument)}"
        for where, _call, argument, module in code_arguments()
        if resolve(argument, module) not in problems.REGISTRY
        and (where.split(":")[0], ast.unparse(argument)) not in FORWARDED
    ]
    assert unregistered == [], "declare these codes in the app's codes.py"


def test_it_finds_the_raises_it_checks() -> None:
    found = {resolve(argument, module) for _w, _c, argument, module in code_arguments()}
    assert {"IPL-0051", "SH-0070", "BIL-0002", "ACCESS-0004", "ACC-0001", "API-0404"} <= found


def test_it_uses_every_registered_code() -> None:
    used = set()
    for _where, tree, module in source_modules():
        for node in ast.walk(tree):
            if isinstance(node, ast.Constant | ast.Name | ast.Attribute):
                value = resolve(node, module)
                if isinstance(value, str):
                    used.add(value)
    unused = [problem.code for problem in problems.REGISTRY if problem.code not in used]
    assert unused == [], "registered but never raised: remove them from codes.py"


def test_it_raises_no_code_with_another_status_than_the_registered_one() -> None:
    mismatched = []
    for where, call, argument, module in code_arguments():
        status = next((k.value for k in call.keywords if k.arg == "status"), None)
        code = resolve(argument, module)
        if isinstance(status, ast.Constant) and code in problems.REGISTRY:
            assert isinstance(code, str)
            if status.value != problems.get(code).status:
                mismatched.append(f"{where} {code}: {status.value}")
    assert mismatched == []


def test_it_gives_a_violation_the_registered_status_of_its_code() -> None:
    assert RuleViolation("BIL-0011", "Too many unknown voucher codes.").status == 429


def test_it_refuses_a_violation_with_an_unregistered_code() -> None:
    with pytest.raises(UnknownProblemCode):
        RuleViolation("ZZ-9999", "Nobody declared this code.")


def test_it_refuses_a_code_registered_twice() -> None:
    registry = ProblemRegistry()
    registry.register("XX-0001", status=422, title="First", meaning="First meaning")
    with pytest.raises(ValueError, match="twice"):
        registry.register("XX-0001", status=409, title="Second", meaning="Second meaning")


def test_it_refuses_a_code_not_of_the_form_prefix_and_four_digits() -> None:
    with pytest.raises(ValueError, match="PREFIX-0000"):
        ProblemRegistry().register("insufficient_credit", status=422, title="T", meaning="M")


def test_it_refuses_a_status_that_is_no_error() -> None:
    with pytest.raises(ValueError, match="not an error status"):
        ProblemRegistry().register("XX-0001", status=200, title="T", meaning="M")


def test_it_lists_the_codes_by_prefix_and_number() -> None:
    registry = ProblemRegistry()
    for code in ("SH-0010", "API-0404", "SH-0002", "ACCESS-0001"):
        registry.register(code, status=422, title=code, meaning=code)
    assert [p.code for p in registry] == ["ACCESS-0001", "API-0404", "SH-0002", "SH-0010"]
