"""Load YAML safely and keep the line of every value, so later checks can say where.

Only plain YAML is accepted: no anchors or aliases (they can blow up memory and
editors never need them), no duplicate keys, no custom tags (`!!python/...` is
refused, never executed), no control characters in the file or in a quoted value
(escapes like "\\0" or "\\e": invisible, and nothing a printer can set), no invisible characters
that hide or reorder text (see hidden.py). Messages are German and name the line.
Text is read in Unicode normalisation form C: an umlaut pasted from a Mac ('o' + combining
diaeresis) is the same 'ö' an editor types, so a town or a name compares equal to the eye and here.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from calendar_build.content.encoding import EncodingProblem, decode_text
from calendar_build.content.hidden import HIDDEN, describe_hidden, find_hidden

Loc = tuple[str | int, ...]

EMPTY = "Die Datei ist leer – bitte ausfüllen oder die Datei löschen."
MAX_FILE_BYTES = 2_000_000  # content files are small; a larger one is a mistake

_ALLOWED_TAGS = {
    "tag:yaml.org,2002:str",
    "tag:yaml.org,2002:int",
    "tag:yaml.org,2002:float",
    "tag:yaml.org,2002:bool",
    "tag:yaml.org,2002:null",
    "tag:yaml.org,2002:timestamp",
    "tag:yaml.org,2002:map",
    "tag:yaml.org,2002:seq",
}


class YamlProblem(Exception):
    """A file that cannot be read as plain YAML; carries the line and a German message."""

    def __init__(self, line: int | None, message: str) -> None:
        super().__init__(message)
        self.line = line
        self.message = message


@dataclass(frozen=True)
class YamlDoc:
    """A loaded YAML document: plain data plus the line of every value by its location."""

    data: Any
    lines: dict[Loc, int] = field(default_factory=dict)

    def line(self, loc: Loc) -> int | None:
        """Return the line of `loc`, or of its nearest parent that has one."""
        loc = tuple(loc)
        while True:
            if loc in self.lines:
                return self.lines[loc]
            if not loc:
                return None
            loc = loc[:-1]


# Characters YAML does not allow in a file at all (the reader's set), and control characters
# (Unicode Cc) that escapes like "\a" or "\0" put into a value; tab and line breaks are text.
_NOT_IN_FILE = re.compile(yaml.reader.Reader.NON_PRINTABLE.pattern)
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")


def _control_message(char: str) -> str:
    return (f"Unsichtbares Steuerzeichen U+{ord(char):04X} – bitte entfernen (solche Zeichen kommen oft beim "
            f"Kopieren aus anderen Programmen mit und lassen sich nicht drucken).")


def _shown(value: str) -> str:
    return value if len(value) <= 40 else value[:37] + "…"


_LEADING_ZERO = re.compile(r"[-+]?0[0-9]+")
_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml when available: same nodes, faster


def _convert(node: Node, loc: Loc, lines: dict[Loc, int], loader: yaml.SafeLoader, seen: set[int]) -> Any:
    if id(node) in seen:
        # The composer shares one node between an anchor and its aliases: refuse before expanding.
        raise YamlProblem(
            node.start_mark.line + 1,
            "YAML-Anker und -Aliase (&name, *name) sind nicht erlaubt – bitte den Wert ausschreiben.",
        )
    seen.add(id(node))
    lines[loc] = node.start_mark.line + 1
    if node.tag not in _ALLOWED_TAGS:
        raise YamlProblem(
            node.start_mark.line + 1,
            f"Unerlaubter YAML-Tag '{node.tag}' – nur einfache Werte, Listen und Zuordnungen sind erlaubt.",
        )
    if isinstance(node, ScalarNode):
        if not node.style and _LEADING_ZERO.fullmatch(node.value):  # plain (libyaml: style "")
            return int(node.value, 10)  # 'month: 08' is August: YAML 1.1 reads 010 as octal 8 and 08 as text
        try:
            value = loader.construct_object(node, deep=True)
        except (yaml.YAMLError, ValueError) as exc:
            raise YamlProblem(node.start_mark.line + 1, _value_message(node)) from exc
        if isinstance(value, dt.datetime):
            value = value.date()
        if isinstance(value, str):
            value = unicodedata.normalize("NFC", value)
        if isinstance(value, str) and (control := _CONTROL.search(value)):
            raise YamlProblem(node.start_mark.line + 1, _control_message(control.group()))
        if isinstance(value, str) and (hidden := HIDDEN.search(value)):  # written as an escape, e.g. "\u202E"
            raise YamlProblem(node.start_mark.line + 1, describe_hidden(hidden.group()))
        return value
    if isinstance(node, SequenceNode):
        return [_convert(item, (*loc, i), lines, loader, seen) for i, item in enumerate(node.value)]
    if isinstance(node, MappingNode):
        result: dict[Any, Any] = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, ScalarNode):
                raise YamlProblem(key_node.start_mark.line + 1, "Schlüssel müssen einfache Wörter sein.")
            key = _convert(key_node, (*loc, "<key>"), {}, loader, seen)
            if key in result:
                raise YamlProblem(
                    key_node.start_mark.line + 1,
                    f"Schlüssel '{key}' steht doppelt – bitte einen der beiden Einträge entfernen.",
                )
            result[key] = _convert(value_node, (*loc, key), lines, loader, seen)
            lines[(*loc, key)] = key_node.start_mark.line + 1  # the key's line reads best in messages
        return result
    raise YamlProblem(node.start_mark.line + 1, "Unbekannter YAML-Knoten.")  # pragma: no cover


def _value_message(node: ScalarNode) -> str:
    """Return why a scalar that looks like a date or number cannot be read (German)."""
    if node.tag == "tag:yaml.org,2002:timestamp":
        return f"Ungültiges Datum '{_shown(node.value)}' – diesen Tag oder diese Uhrzeit gibt es nicht (JJJJ-MM-TT)."
    if node.tag == "tag:yaml.org,2002:int":
        return f"Die Zahl '{_shown(node.value)}' ist zu lang."
    return f"Ungültiger Wert '{_shown(node.value)}'."


_INNER_QUOTE = re.compile(r'^\s*(- )?[\w-]+:\s*"[^"]*"\s*[^\s#]')  # key: "text "more" text"


def _syntax_message(exc: yaml.MarkedYAMLError, text: str) -> str:
    problem = exc.problem or "Syntaxfehler"
    mark = exc.problem_mark
    line_text = text.splitlines()[mark.line] if mark and mark.line < len(text.splitlines()) else ""
    leading = line_text[: len(line_text) - len(line_text.lstrip())]
    if "tab" in problem or "\t" in leading:
        return "Tabulatorzeichen gefunden – YAML erlaubt zum Einrücken nur Leerzeichen."
    if _INNER_QUOTE.search(line_text):
        return ("Der Text in Anführungszeichen endet zu früh – ein '\"' mitten im Text beendet ihn. Innen bitte „…“ "
                "oder '…' schreiben, z. B. name: \"Amina „Mimi“ Yusuf\".")
    if "expected ',' or ']'" in problem or "expected ',' or '}'" in problem:
        return "Klammer nicht geschlossen – fehlt ein ']' oder '}' am Ende der Liste?"
    if "found unexpected end of stream" in problem or "end of stream" in problem:
        return "Die Datei endet mitten in einem Wert – fehlt ein schließendes Anführungszeichen?"
    if "mapping values are not allowed" in problem:
        return "Doppelpunkt an unerwarteter Stelle – Text mit ':' bitte in Anführungszeichen setzen."
    if "could not find expected ':'" in problem:
        return "Erwartet wurde 'schlüssel: wert' – fehlt ein Doppelpunkt oder ist die Einrückung verrutscht?"
    if "expected <block end>" in (exc.problem or "") or "did not find expected" in problem:
        return "Einrückung oder Listenzeichen passt nicht – bitte die Einrückung dieser Zeile prüfen."
    if "escape character" in problem or "escape code" in problem:
        return ("Ungültige Escape-Sequenz mit '\\' in doppelten Anführungszeichen – einfache Anführungszeichen "
                "verwenden oder den Backslash verdoppeln.")
    if "maximum nesting depth" in problem:
        return "Zu tief verschachtelt (Listen oder Zuordnungen in Hunderten Ebenen) – bitte die Klammern prüfen."
    if "found undefined tag" in problem or "could not determine a constructor" in problem:
        return "Unerlaubter YAML-Tag – nur einfache Werte, Listen und Zuordnungen sind erlaubt."
    return f"YAML-Syntaxfehler: {problem}."


def parse_yaml(raw: bytes) -> YamlDoc:
    """Parse bytes as one plain YAML document; raise YamlProblem with a German message.

    Bytes parsed before in this process are not parsed again (`watch` and `serve` read every file after each
    change); the caller gets lists and dicts of its own.
    """
    doc = _parsed(raw)
    return YamlDoc(_thawed(doc.data), dict(doc.lines))


def _thawed(value: Any) -> Any:
    """Return plain YAML data with every list and dict copied (the values in them are immutable)."""
    if type(value) is dict:
        return {key: _thawed(item) for key, item in value.items()}
    if type(value) is list:
        return [_thawed(item) for item in value]
    return value


@lru_cache(maxsize=1024)
def _parsed(raw: bytes) -> YamlDoc:
    """Return the document of `raw` (see parse_yaml), kept for the next time; a problem is raised every time."""
    if len(raw) > MAX_FILE_BYTES:
        raise YamlProblem(None, f"Datei ist zu groß ({len(raw)} Bytes, höchstens {MAX_FILE_BYTES}).")
    try:
        text = decode_text(raw)
    except EncodingProblem as exc:
        raise YamlProblem(exc.line, exc.message) from None
    if control := _NOT_IN_FILE.search(text):
        raise YamlProblem(text.count("\n", 0, control.start()) + 1, _control_message(control.group()))
    if hidden := find_hidden(text):
        line, column, char = hidden
        raise YamlProblem(line, describe_hidden(char, column))
    if not text.strip() or all(not ln.strip() or ln.lstrip().startswith("#") for ln in text.splitlines()):
        raise YamlProblem(None, EMPTY)
    try:
        loader = _Loader(text)
        try:
            node = loader.get_single_node()
        finally:
            loader.dispose()
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        if exc.context == "while scanning a simple key" and exc.context_mark:
            mark = exc.context_mark  # a line without ':' – libyaml notices only at a later line
        at = mark.line + 1 if mark else None
        if "more than one document" in str(exc) or "expected a single document" in str(exc):
            raise YamlProblem(at, "Nur ein YAML-Dokument pro Datei erlaubt ('---' entfernen).") from exc
        raise YamlProblem(at, _syntax_message(exc, text)) from exc
    except yaml.YAMLError as exc:
        raise YamlProblem(None, f"YAML-Fehler: {exc}") from exc
    if node is None:
        raise YamlProblem(None, EMPTY)
    lines: dict[Loc, int] = {}
    return YamlDoc(_convert(node, (), lines, yaml.SafeLoader(""), set()), lines)


def load_yaml(path: Path) -> YamlDoc:
    """Read and parse a YAML file (see parse_yaml)."""
    from calendar_build.errors import os_error_message  # noqa: PLC0415
    from calendar_build.paths import read_regular  # noqa: PLC0415

    try:
        raw = read_regular(path, MAX_FILE_BYTES)  # never waits on a FIFO, never reads a device without end
    except OSError as exc:
        raise YamlProblem(None, f"{os_error_message(exc)}.") from exc
    if len(raw) > MAX_FILE_BYTES:  # only the first bytes were read: name the file's whole size
        raise YamlProblem(None, f"Datei ist zu groß ({path.stat().st_size} Bytes, höchstens {MAX_FILE_BYTES}).")
    return parse_yaml(raw)
