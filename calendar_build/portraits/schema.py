"""The portrait schema: one YAML file per month beside its photo."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Literal

from pydantic import Field, StrictBool, StrictInt

from calendar_build.content.schema import Strict

TEXT_MAX = 600  # characters that fit the text panel of a month page at the theme's type size

Fraction = Annotated[float, Field(ge=0, le=1)]


class PortraitSpec(Strict):
    """portraits/<year>/<MM>-<name>.yaml"""

    name: Annotated[str, Field(min_length=1, max_length=60)]  # the resident's name as printed
    town: Annotated[str, Field(min_length=1, max_length=60)]  # one of the edition's towns (content/edition.yaml)
    gender: Literal["female", "male", "divers"]  # for the gender balance rule (divers: neither side)
    month: Annotated[StrictInt, Field(ge=1, le=12)]  # the month page
    text: Annotated[str, Field(min_length=1, max_length=TEXT_MAX)]  # short German text
    photo: Annotated[str, Field(min_length=1)]  # photo file, relative to this YAML file
    photo_credit: Annotated[str, Field(min_length=1, max_length=120)]  # for the imprint
    consent: dt.date | None = None  # date the consent to print was recorded; no consent, no print
    focal_point: tuple[Fraction, Fraction] = (0.5, 0.4)  # x, y of the face, 0–1, for cropping
    alt: Annotated[str, Field(min_length=1, max_length=400)]  # alt text for the screen PDF
    sample: StrictBool = False  # a fictional sample portrait (marked as such in the PDF)
    # The text in the edition's language; without it the German text is printed (marked as German).
    text_en: Annotated[str, Field(min_length=1, max_length=TEXT_MAX)] | None = None  # English
    text_tr: Annotated[str, Field(min_length=1, max_length=TEXT_MAX)] | None = None  # Turkish
    text_ar: Annotated[str, Field(min_length=1, max_length=TEXT_MAX)] | None = None  # Arabic
    text_uk: Annotated[str, Field(min_length=1, max_length=TEXT_MAX)] | None = None  # Ukrainian
    text_fa: Annotated[str, Field(min_length=1, max_length=TEXT_MAX)] | None = None  # Persian

    def text_in(self, language: str) -> tuple[str, str]:
        """Return the text in `language` if written, else the German text, with the language of what is returned."""
        translated = getattr(self, f"text_{language}", None)
        return (translated, language) if translated else (self.text, "de")
