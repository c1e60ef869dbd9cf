"""Every string the API accepts in a body or a query refuses control characters
(aftersales/api/text.py); path parameters are refused before (portal middleware)."""

from __future__ import annotations

import types
import typing
from typing import Any

import pytest
from pydantic import BaseModel

from aftersales.api.main import api
from aftersales.api.text import is_text_rule

from .conftest import assert_problem

pytestmark = pytest.mark.django_db


def _unguarded(annotation: Any, metadata: list[Any], where: str, seen: set[type]) -> list[str]:
    if annotation is str:
        return [] if any(is_text_rule(item) for item in metadata) else [where]
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        if annotation in seen:
            return []
        seen.add(annotation)
        return [
            problem
            for name, field in annotation.model_fields.items()
            for problem in _unguarded(
                field.annotation, list(field.metadata), f"{annotation.__name__}.{name}", seen
            )
        ]
    if typing.get_origin(annotation) is typing.Annotated:
        inner, *extra = typing.get_args(annotation)
        return _unguarded(inner, [*metadata, *extra], where, seen)
    if typing.get_origin(annotation) in (typing.Union, types.UnionType, list, tuple, set, dict):
        return [
            problem
            for arg in typing.get_args(annotation)
            for problem in _unguarded(arg, metadata, where, seen)
        ]
    return []


def test_it_guards_every_string_of_every_body_and_query() -> None:
    unguarded: list[str] = []
    api._get_bound_routers()  # also lists the nested routers in api._routers
    for _prefix, router in api._routers:
        for path, path_view in router.path_operations.items():
            for operation in path_view.operations:
                for model in operation.signature.models:
                    if model.__name__ in ("PathParams", "HeaderParams"):
                        continue
                    unguarded += [
                        f"{path}: {where}" for where in _unguarded(model, [], path, set())
                    ]
    assert unguarded == []


def test_it_refuses_a_control_character_in_a_search(api_for, owner, applications) -> None:  # type: ignore[no-untyped-def]
    from aftersales.api.text import Text

    class Probe(BaseModel):
        value: Text

    with pytest.raises(Exception) as refused:
        Probe(value="a\x00")
    assert "TEXT-0001" in str(refused.value)
    with pytest.raises(Exception) as refused:
        Probe(value="a\nb")
    assert "TEXT-0002" in str(refused.value)
    assert Probe(value="ÆØÅ\tok").value == "ÆØÅ\tok"


def test_it_answers_a_refused_text_with_its_code(api_for, owner, vehicle) -> None:  # type: ignore[no-untyped-def]
    from .conftest import VIN, entry_body

    response = api_for(owner).post(
        f"/api/v1/vehicles/{VIN}/service-entries", entry_body(comment="x\x1b")
    )
    problem = assert_problem(response, 422, "TEXT-0001")
    assert problem["errors"][0]["type"] == "TEXT-0001" and problem["field"] == "comment"
