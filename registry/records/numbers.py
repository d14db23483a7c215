"""Integers must be integers: JSON Schema counts 7.0 as an integer, the site would not.

YAML reads `source: 7.0` and `chapters: 2.0` as floats; the schema validators accept them as
integers (JSON has one number type), and the site would print "[nguồn 7.0]" and "2.0 chương".
This check runs the one schema again with a type checker for which a float is never an
integer, and only for files that hold a float at all, so it costs nothing on normal records.
"""

from __future__ import annotations

import functools

import jsonschema

from registry.records.schema import load_schema


@functools.cache
def _strict_validator() -> jsonschema.protocols.Validator:
    base = jsonschema.Draft202012Validator
    checker = base.TYPE_CHECKER.redefine(
        "integer", lambda _, value: isinstance(value, int) and not isinstance(value, bool)
    )
    return jsonschema.validators.extend(base, type_checker=checker)(load_schema())


def _has_float(value) -> bool:
    if isinstance(value, float):
        return True
    if isinstance(value, dict):
        return any(_has_float(item) for item in value.values())
    if isinstance(value, list):
        return any(_has_float(item) for item in value)
    return False


def _float_for_integer(errors):
    """Type errors, also inside oneOf/anyOf branches, where an integer was expected and a float
    with no fraction found (the schema pass already reports 7.5)."""
    for error in errors:
        expected = error.validator_value if isinstance(error.validator_value, list) else [error.validator_value]
        integral = isinstance(error.instance, float) and error.instance.is_integer()
        if error.validator == "type" and integral and "integer" in expected:
            yield error
        yield from _float_for_integer(error.context or [])


def check_integers(ctx) -> None:
    """A validate check: report each float written where the schema wants an integer."""
    if not _has_float(ctx.data):
        return
    seen = set()
    for error in _float_for_integer(_strict_validator().iter_errors(ctx.data)):
        path = tuple(error.absolute_path)
        if path in seen:
            continue
        seen.add(path)
        ctx.report(path, f"cần số nguyên (ví dụ {int(error.instance)}), nhận được {error.instance!r}")
