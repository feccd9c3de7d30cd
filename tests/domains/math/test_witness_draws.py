"""SymPy's identity check draws its witness points where a side with a root of the unknown is defined
too (symbolic.identity): an equation such as `sqrt(x + 7) = 4` is told from an identity every time, not
left undecided when every point drawn fell where the root is undefined (a correct step unknown by chance)."""

from __future__ import annotations

from fractions import Fraction

from assay.domains.math import symbolic
from assay.domains.math.expr import Bin, Call, Num, Var


def test_a_root_equation_is_never_left_undecided() -> None:
    root = Call("sqrt", Bin("+", Var("x"), Num(Fraction(7))))
    # with four draws over the whole line this failed about one time in sixteen
    assert all(symbolic.identity(root, Num(Fraction(4))) is False for _ in range(60))


def test_an_identity_with_a_root_is_still_proved() -> None:
    root = Call("sqrt", Bin("+", Var("x"), Num(Fraction(7))))
    assert symbolic.identity(Bin("*", root, root), Bin("+", Var("x"), Num(Fraction(7)))) is True
