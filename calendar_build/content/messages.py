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


# pydantic error type -> German message: {field} the field, {value} the value as written, {length} its length,
# {low}, {high} and {max_length} the bounds from the error's context.
MESSAGES: dict[str, str] = {
    "missing": "Pflichtfeld '{field}' fehlt.",
    "extra_forbidden": "Unbekanntes Feld '{field}' – bitte Schreibweise prüfen oder entfernen.",
    "union_tag_not_found": "In '{field}' fehlt 'kind' (die Regelart).",
    **dict.fromkeys(("int_type", "int_parsing", "int_from_float"),
                    "'{field}' muss eine ganze Zahl sein, nicht {value}."),
    **dict.fromkeys(("float_type", "float_parsing"), "'{field}' muss eine Zahl sein, nicht {value}."),
    **dict.fromkeys(("bool_type", "bool_parsing"), "'{field}' muss true oder false sein, nicht {value}."),
    "string_type": "'{field}' muss Text sein, nicht {value}.",
    **dict.fromkeys(("date_type", "date_parsing", "date_from_datetime_parsing", "date_from_datetime_inexact"),
                    "'{field}' muss ein Datum der Form JJJJ-MM-TT sein, nicht {value}."),
    **dict.fromkeys(("list_type", "tuple_type"), "'{field}' muss eine Liste sein."),
    **dict.fromkeys(("greater_than_equal", "greater_than"), "'{field}' muss mindestens {low} sein, nicht {value}."),
    **dict.fromkeys(("less_than_equal", "less_than"), "'{field}' darf höchstens {high} sein, nicht {value}."),
    "string_too_long": "'{field}' ist zu lang ({length} Zeichen, höchstens {max_length}).",
    "string_too_short": "'{field}' ist noch leer – bitte ausfüllen.",
    "string_pattern_mismatch": "'{field}' hat nicht die erwartete Form ({value}).",
    **dict.fromkeys(("too_short", "too_long"), "'{field}' hat die falsche Anzahl Einträge."),
    "invalid_key": "Schlüssel {value} ist kein Wort – Feldnamen sind Text, z. B. 'name: …'.",
}
NOT_A_MAPPING = ("dict_type", "model_type", "model_attributes_type")


def _choice_message(kind: str, field: str, ctx: Mapping[str, Any], value: Any) -> str:
    """Return the message for a value outside a closed list (a rule kind or a literal)."""
    allowed = ctx.get("expected_tags") or ctx.get("expected") or ""
    allowed = allowed.replace("' or '", "', '").replace("'", "")
    if kind == "literal_error" and value in ("", None):
        return f"'{field}' ist noch leer – erlaubt: {allowed}."
    what = "Unbekannte Regelart" if kind == "union_tag_invalid" else "Unbekannter Wert"
    given = value if kind == "literal_error" else ctx.get("tag")
    hint = suggestion(given, [a.strip() for a in allowed.replace(" or ", ", ").split(", ")])
    return f"{what} {_shown(given)} in '{field}' – erlaubt: {allowed}.{hint}"


def german_message(error: Mapping[str, Any], field: str) -> str:
    """Return a German message for one pydantic error."""
    kind = error["type"]
    ctx = error.get("ctx") or {}
    value = error.get("input")
    if kind in MESSAGES:
        return MESSAGES[kind].format(field=field, value=_shown(value), length=len(str(value)),
                                     low=ctx.get("ge", ctx.get("gt")), high=ctx.get("le", ctx.get("lt")),
                                     max_length=ctx.get("max_length"))
    if kind in ("union_tag_invalid", "literal_error"):
        return _choice_message(kind, field, ctx, value)
    if kind in NOT_A_MAPPING:
        return "Die Datei muss eine Zuordnung (schlüssel: wert) enthalten." if field == "Datei" else \
            f"'{field}' muss eine Zuordnung (schlüssel: wert) sein."
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
