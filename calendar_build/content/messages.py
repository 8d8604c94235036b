"""German messages for schema violations, each placed on the YAML line it concerns."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from pydantic import ValidationError

from calendar_build.content.yamlsafe import Loc, YamlDoc
from calendar_build.errors import suggestion


def data_loc(data: Any, loc: tuple[Any, ...]) -> Loc:
    """Return the part of a pydantic location that exists in the YAML data (union tags dropped)."""
    path: list[str | int] = []
    node = data
    for part in loc:
        if isinstance(node, dict) and part in node:
            node = node[part]
            path.append(part)
        elif isinstance(node, list) and isinstance(part, int) and 0 <= part < len(node):
            node = node[part]
            path.append(part)
    return tuple(path)


def _field_name(loc: Loc) -> str:
    names = [str(p) for p in loc if not isinstance(p, int)]
    return ".".join(names) if names else "Datei"


def _shown(value: Any) -> str:
    text = ("true" if value else "false") if isinstance(value, bool) else repr(value) if not isinstance(value, str) \
        else f"'{value}'"  # booleans as YAML writes them
    return text if len(text) <= 40 else text[:37] + "…"


def german_message(error: Mapping[str, Any], field: str) -> str:
    """Return a German message for one pydantic error."""
    kind = error["type"]
    ctx = error.get("ctx") or {}
    value = error.get("input")
    if kind == "missing":
        return f"Pflichtfeld '{field}' fehlt."
    if kind == "extra_forbidden":
        return f"Unbekanntes Feld '{field}' – bitte Schreibweise prüfen oder entfernen."
    if kind in ("union_tag_invalid", "literal_error"):
        allowed = ctx.get("expected_tags") or ctx.get("expected") or ""
        allowed = allowed.replace("' or '", "', '").replace("'", "")
        if kind == "literal_error" and value in ("", None):
            return f"'{field}' ist noch leer – erlaubt: {allowed}."
        what = "Unbekannte Regelart" if kind == "union_tag_invalid" else "Unbekannter Wert"
        given = value if kind == "literal_error" else ctx.get("tag")
        hint = suggestion(given, [a.strip() for a in allowed.replace(" or ", ", ").split(", ")])
        return f"{what} {_shown(given)} in '{field}' – erlaubt: {allowed}.{hint}"
    if kind == "union_tag_not_found":
        return f"In '{field}' fehlt 'kind' (die Regelart)."
    if kind in ("int_type", "int_parsing", "int_from_float"):
        return f"'{field}' muss eine ganze Zahl sein, nicht {_shown(value)}."
    if kind in ("float_type", "float_parsing"):
        return f"'{field}' muss eine Zahl sein, nicht {_shown(value)}."
    if kind in ("bool_type", "bool_parsing"):
        return f"'{field}' muss true oder false sein, nicht {_shown(value)}."
    if kind == "string_type":
        return f"'{field}' muss Text sein, nicht {_shown(value)}."
    if kind in ("date_type", "date_parsing", "date_from_datetime_parsing", "date_from_datetime_inexact"):
        return f"'{field}' muss ein Datum der Form JJJJ-MM-TT sein, nicht {_shown(value)}."
    if kind in ("list_type", "tuple_type"):
        return f"'{field}' muss eine Liste sein."
    if kind in ("dict_type", "model_type", "model_attributes_type"):
        return f"'{field}' muss eine Zuordnung (schlüssel: wert) sein." if field != "Datei" else (
            "Die Datei muss eine Zuordnung (schlüssel: wert) enthalten."
        )
    if kind in ("greater_than_equal", "greater_than"):
        return f"'{field}' muss mindestens {ctx.get('ge', ctx.get('gt'))} sein, nicht {_shown(value)}."
    if kind in ("less_than_equal", "less_than"):
        return f"'{field}' darf höchstens {ctx.get('le', ctx.get('lt'))} sein, nicht {_shown(value)}."
    if kind == "string_too_long":
        return f"'{field}' ist zu lang ({len(str(value))} Zeichen, höchstens {ctx.get('max_length')})."
    if kind == "string_too_short":
        return f"'{field}' ist noch leer – bitte ausfüllen."
    if kind == "string_pattern_mismatch":
        return f"'{field}' hat nicht die erwartete Form ({_shown(value)})."
    if kind in ("too_short", "too_long"):
        return f"'{field}' hat die falsche Anzahl Einträge."
    if kind == "invalid_key":
        return f"Schlüssel {_shown(value)} ist kein Wort – Feldnamen sind Text, z. B. 'name: …'."
    if kind == "value_error":
        return f"'{field}': {str(ctx.get('error', error['msg']))}."
    return f"'{field}': {error['msg']}."  # pragma: no cover - a pydantic error type we did not expect


def validation_problems(exc: ValidationError, doc: YamlDoc) -> list[tuple[int | None, str]]:
    """Return (line, German message) for every error of a pydantic validation."""
    found = []
    for error in exc.errors(include_url=False):
        loc = data_loc(doc.data, error["loc"])
        tail = [p for p in error["loc"][len(loc):] if isinstance(p, str) and p not in ("function-after",)]
        field_loc = loc + tuple(tail[-1:]) if error["type"] == "missing" else loc
        found.append((doc.line(loc), german_message(error, _field_name(field_loc))))
    return found
