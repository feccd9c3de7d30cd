"""A subclass of a builtin whose reading methods answer about something other than its content."""

from __future__ import annotations

import collections
from typing import Any

import pytest

from assay.domains.code.bridge_kinds import BridgeError
from assay.domains.code.bridge_values import _refuse_redefined_reader


class IterLie(list):  # type: ignore[type-arg]
    def __iter__(self) -> Any:
        return iter([0, 1, 4, 9])


class GetitemLie(list):  # type: ignore[type-arg]
    def __getitem__(self, i: Any) -> Any:
        return 9


class ContainsLie(list):  # type: ignore[type-arg]
    def __contains__(self, v: object) -> bool:
        return True


class ItemsLie(dict):  # type: ignore[type-arg]
    def items(self) -> Any:
        return [("a", 1)]


class LenLie(str):
    def __len__(self) -> int:
        return 3


class CountLie(collections.Counter):  # type: ignore[type-arg]
    def most_common(self, n: Any = None) -> Any:
        return [("a", 9)]


class AttrLie(list):  # type: ignore[type-arg]
    def __getattribute__(self, name: str) -> Any:
        return lambda *a: 0 if name == "index" else object.__getattribute__(self, name)


class Stack(list):  # type: ignore[type-arg]
    def push(self, x: Any) -> None:
        self.append(x)

    def peek(self) -> Any:
        return list.__getitem__(self, -1)


class Tagged(dict):  # type: ignore[type-arg]
    def __repr__(self) -> str:
        return "Tagged(...)"


@pytest.mark.parametrize(
    ("cls", "base"),
    [(IterLie, list), (GetitemLie, list), (ContainsLie, list), (ItemsLie, dict), (LenLie, str),
     (CountLie, collections.Counter), (AttrLie, list)],
)  # fmt: skip
def test_a_redefined_reader_does_not_cross(cls: type, base: type) -> None:
    with pytest.raises(BridgeError, match="redefines"):
        _refuse_redefined_reader(cls, base)


@pytest.mark.parametrize(("cls", "base"), [(Stack, list), (Tagged, dict)])
def test_new_methods_and_a_repr_still_cross_as_handles(cls: type, base: type) -> None:
    _refuse_redefined_reader(cls, base)  # no error: the value crosses as a handle, as before
