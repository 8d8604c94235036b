"""German messages for schema violations, each placed on the YAML line it concerns."""

from __future__ import annotations

import types
import typing
from collections.abc import Collection, Mapping
from typing import Any

from pydantic import BaseModel, ValidationError

from calendar_build.content.yamlsafe import Loc, YamlDoc
from calendar_build.errors import suggestion
from calendar_build.pages.dates import MONTHS


_ABSENT = object()


def _child(node: Any, part: Any) -> Any:
    """Return the item `part` of a YAML mapping or list, _ABSENT where it has none."""
    if isinstance(node, dict) and part in node or isinstance(node, list) and isinstance(part, int) \
            and 0 <= part < len(node):
        return node[part]
    return _ABSENT


def data_loc(data: Any, loc: tuple[Any, ...]) -> Loc:
    """Return the part of a pydantic location that exists in the YAML data (union tags dropped)."""
    path: list[str | int] = []
    node = data
    for part in loc:
        child = _child(node, part)
        if child is not _ABSENT:
            node = child
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
    "missing": "Pflichtfeld '{field}' fehlt – bitte die Zeile '{key}: …' ergänzen.",
    "extra_forbidden": "Unbekanntes Feld '{field}' – bitte Schreibweise prüfen oder entfernen.",
    "union_tag_not_found": "In '{field}' fehlt 'kind' (die Regelart).",
    **dict.fromkeys(("int_type", "int_parsing", "int_from_float"),
                    "'{field}' muss eine ganze Zahl sein, nicht {value}.{hint}"),
    **dict.fromkeys(("float_type", "float_parsing"), "'{field}' muss eine Zahl sein, nicht {value}."),
    **dict.fromkeys(("bool_type", "bool_parsing"), "'{field}' muss true oder false sein, nicht {value}."),
    "string_type": "'{field}' muss Text sein, nicht {value}.",
    **dict.fromkeys(("date_type", "date_parsing", "date_from_datetime_parsing", "date_from_datetime_inexact"),
                    "'{field}' muss ein Datum der Form JJJJ-MM-TT sein, nicht {value}."),
    **dict.fromkeys(("list_type", "tuple_type"), "'{field}' muss eine Liste sein."),
    **dict.fromkeys(("greater_than_equal", "greater_than"), "'{field}' muss mindestens {low} sein, nicht {value}."),
    **dict.fromkeys(("less_than_equal", "less_than"), "'{field}' darf höchstens {high} sein, nicht {value}."),
    "string_too_long": "'{field}' ist zu lang ({length} Zeichen, höchstens {max_length}) – bitte um {over} Zeichen "
                       "kürzen.",
    "string_too_short": "'{field}' ist noch leer – bitte ausfüllen.",
    "string_pattern_mismatch": "'{field}' hat nicht die erwartete Form ({value}){pattern}.",
    **dict.fromkeys(("too_short", "too_long"), "'{field}' hat die falsche Anzahl Einträge.{hint}"),
    "invalid_key": "Schlüssel {value} ist kein Wort – Feldnamen sind Text, z. B. 'name: …'.",
}
NOT_A_MAPPING = ("dict_type", "model_type", "model_attributes_type")


# German answers an editor writes for an English value of a closed list
GERMAN_VALUES = {"weiblich": "female", "frau": "female", "w": "female", "männlich": "male", "maennlich": "male",
                 "mann": "male", "m": "male", "d": "divers"}
FIELD_HINTS = {"focal_point": " Erwartet werden zwei Zahlen mit Dezimalpunkt, z. B. [0.5, 0.4] – das Komma trennt die "
                              "beiden Zahlen."}


def _hint(key: str, value: Any) -> str:
    """Return a hint for a value of a field (its own key) an editor often writes another way ('Februar' for 2)."""
    months = [m.casefold() for m in MONTHS]
    if key == "month" and isinstance(value, str) and value.strip().casefold() in months:
        return f" Meinten Sie {months.index(value.strip().casefold()) + 1}? (1 = Januar … 12 = Dezember)"
    return FIELD_HINTS.get(key, "")


def _choice_message(kind: str, field: str, ctx: Mapping[str, Any], value: Any) -> str:
    """Return the message for a value outside a closed list (a rule kind or a literal)."""
    allowed = ctx.get("expected_tags") or ctx.get("expected") or ""
    allowed = allowed.replace("' or '", "', '").replace("'", "")
    if kind == "literal_error" and value in ("", None):
        return f"'{field}' ist noch leer – erlaubt: {allowed}."
    what = "Unbekannte Regelart" if kind == "union_tag_invalid" else "Unbekannter Wert"
    given = value if kind == "literal_error" else ctx.get("tag")
    choices = [a.strip() for a in allowed.replace(" or ", ", ").split(", ")]
    german = GERMAN_VALUES.get(str(given).strip().casefold())
    hint = f" Meinten Sie '{german}'?" if german in choices and german != given else suggestion(given, choices)
    return f"{what} {_shown(given)} in '{field}' – erlaubt: {allowed}.{hint}"


def german_message(error: Mapping[str, Any], field: str) -> str:
    """Return a German message for one pydantic error."""
    kind = error["type"]
    ctx = error.get("ctx") or {}
    value = error.get("input")
    if kind in MESSAGES:
        key = field.rsplit(".", 1)[-1]
        return MESSAGES[kind].format(field=field, key=key, value=_shown(value), length=len(str(value)),
                                     low=ctx.get("ge", ctx.get("gt")), high=ctx.get("le", ctx.get("lt")),
                                     max_length=ctx.get("max_length"),
                                     over=len(str(value)) - int(ctx.get("max_length") or 0),
                                     pattern=PATTERN_HINTS.get(key, ""), hint=_hint(key, value))
    if kind in ("union_tag_invalid", "literal_error"):
        return _choice_message(kind, field, ctx, value)
    if kind in NOT_A_MAPPING:
        return "Die Datei muss eine Zuordnung (schlüssel: wert) enthalten." if field == "Datei" else \
            f"'{field}' muss eine Zuordnung (schlüssel: wert) sein."
    if kind == "value_error":
        return f"'{field}': {str(ctx.get('error', error['msg']))}."
    return f"'{field}': {error['msg']}."  # pragma: no cover - a pydantic error type we did not expect


# German words editors write for a field (the templates' comments are German) -> the field's name
GERMAN_FIELDS: dict[str, str] = {
    "fokus": "focal_point", "fokus_punkt": "focal_point", "fokuspunkt": "focal_point", "gesicht": "focal_point",
    "bildmitte": "focal_point", "ausschnitt": "focal_point", "bildausschnitt": "focal_point",
    "foto": "photo", "bild": "photo", "datei": "photo", "bildnachweis": "photo_credit", "fotograf": "photo_credit",
    "fotografin": "photo_credit", "credit": "photo_credit", "einwilligung": "consent", "zustimmung": "consent",
    "stadt": "town", "ort": "town", "gemeinde": "town", "geschlecht": "gender", "monat": "month",
    "beschreibung": "description", "bildbeschreibung": "alt", "alt_text": "alt", "alttext": "alt",
    "muster": "sample", "jahr": "year", "titel": "title", "herausgeber": "publisher", "kreis": "district",
    "staedte": "towns", "städte": "towns", "beginn": "start", "anfang": "start", "ende": "end", "notiz": "note",
    "hinweis": "note", "kennung": "id", "dauer": "duration", "regel": "rule",
}  # fmt: skip


def _members(kind: Any) -> list[Any]:
    """Return the types a value of annotation `kind` can be (Annotated, Optional and unions taken apart)."""
    origin, args = typing.get_origin(kind), typing.get_args(kind)
    if origin is typing.Annotated:
        return _members(args[0])
    if origin in (typing.Union, types.UnionType):
        return [member for arg in args for member in _members(arg)]
    return [kind]


def field_names(model: type[BaseModel], loc: tuple[Any, ...] = ()) -> set[str]:
    """Return the fields allowed at `loc` in `model` (a list index, a union's tag: stepped over)."""
    current: list[Any] = [model]
    for part in loc:
        following: list[Any] = []
        for kind in (m for c in current for m in _members(c)):
            if isinstance(kind, type) and issubclass(kind, BaseModel):
                if isinstance(part, str) and part in kind.model_fields:
                    following.append(kind.model_fields[part].annotation)
            elif isinstance(part, int) and typing.get_args(kind):  # list[X], tuple[X, ...], dict[K, X]
                following.append(typing.get_args(kind)[-1] if typing.get_origin(kind) is dict
                                 else typing.get_args(kind)[0])
        current = following or current  # a union's tag in the location names no field: stay
    return {name for kind in current for m in _members(kind)
            if isinstance(m, type) and issubclass(m, BaseModel) for name in m.model_fields}


def meant_field(key: object, fields: Collection[str]) -> str | None:
    """Return the field an unknown key most likely means ('Text' -> 'text', 'fokus_punkt' -> 'focal_point')."""
    if not isinstance(key, str) or not fields:
        return None
    folded = key.strip().casefold().replace("-", "_").replace(" ", "_")
    german = GERMAN_FIELDS.get(folded) or GERMAN_FIELDS.get(folded.replace("_", ""))
    if german in fields:
        return german
    close = suggestion(key, fields)
    return close.split("'")[1] if close else None


# keys an editor writes into an overrides entry to drop a feast: what to do instead (the entry needs no 'start')
DROP_WORDS = ("remove", "delete", "omit", "skip", "entfernen", "löschen", "weglassen", "streichen", "ausblenden",
              "entfällt", "entfaellt", "fällt_aus", "faellt_aus")
DROP = ("In der Overrides-Datei lässt sich ein Fest nicht weglassen, nur sein Termin festlegen. Soll '{id}' nicht "
        "im Kalender stehen, seinen Eintrag in content/holidays/<kategorie>.yaml löschen und diesen Eintrag hier "
        "entfernen (siehe docs/redaktion.md, „Ein Fest ergänzen oder weglassen“).")
PATTERN_HINTS = {
    "id": " – erlaubt sind Kleinbuchstaben a–z, Ziffern und Bindestriche, z. B. 'bernwardstag' oder 'tag-der-vielfalt'",
    "rgb": " – erwartet '#' und sechs Hexadezimalziffern, z. B. '#2160AC'",
    "letter": " – erwartet ein Großbuchstabe A–Z",
    "regions": " – erwartet ein Ländercode wie 'DE', 'AT' oder 'DE-BY'",
}


def _unknown_field(field: str, meant: str | None, dropped: str | None) -> str:
    if dropped is not None:
        return DROP.format(id=dropped)
    if meant is None:
        return MESSAGES["extra_forbidden"].format(field=field)
    return (f"Unbekanntes Feld '{field}' – gemeint ist wohl '{meant}'. Bitte den Feldnamen genau so schreiben wie in "
            f"der Vorlage.")


def _value_at(data: Any, loc: tuple[Any, ...]) -> Any:
    """Return the value at `loc` in the YAML data, None where there is none."""
    for part in loc:
        data = _child(data, part)
        if data is _ABSENT:
            return None
    return data


def validation_problems(exc: ValidationError, doc: YamlDoc,
                        model: type[BaseModel] | None = None) -> list[tuple[int | None, str]]:
    """Return (line, German message) for every error of a pydantic validation.

    An unknown key that means a known field ('Text:' for 'text:') is one problem, told at its line with the
    field it means; the required field it leaves missing is not reported again.
    """
    errors = exc.errors(include_url=False)
    meant: dict[tuple[Any, ...], str | None] = {}  # an unknown key -> the field it means ('start' for a drop word)
    dropped: dict[tuple[Any, ...], str] = {}  # an overrides key meant to drop a feast -> the feast's id
    for error in errors:
        if error["type"] == "extra_forbidden":
            loc = tuple(error["loc"])
            if loc[0] == "overrides" and str(loc[-1]).casefold() in DROP_WORDS:
                dropped[loc] = _value_at(doc.data, (*loc[:-1], "id")) or "…"
                meant[loc] = "start"  # the date such an entry lacks is not reported again
            else:
                meant[loc] = meant_field(loc[-1], field_names(model, loc[:-1]) if model is not None else set())
    explained = {(*loc[:-1], name) for loc, name in meant.items() if name}
    found = []
    for error in errors:
        loc = data_loc(doc.data, error["loc"])
        tail = [p for p in error["loc"][len(loc):] if isinstance(p, str) and p not in ("function-after",)]
        if error["type"] == "missing" and (*loc, *tail[-1:]) in explained:
            continue
        field_loc = loc + tuple(tail[-1:]) if error["type"] == "missing" else loc
        if error["type"] == "extra_forbidden":
            found.append((doc.line(loc), _unknown_field(_field_name(field_loc), meant[tuple(error["loc"])],
                                                        dropped.get(tuple(error["loc"])))))
        else:
            found.append((doc.line(loc), german_message(error, _field_name(field_loc))))
    return found
