"""Registered print conditions: the output intent of the print PDF and the CMYK profile made for it.

A German printing house prints offset on coated paper to ISO 12647-2 and asks for PDF/X data made
for a registered characterisation, named in the output intent as the ICC Characterization Data
Registry names it (ISO 15930-7, 14.11: OutputConditionIdentifier with RegistryName
http://www.color.org). The profile is made from Fogra's measurement data of that condition
(Debian icc-profiles-free ships FOGRA39L.ti3) with ArgyllCMS `colprof`:

- total ink limit 300 % (`-l300`): separations never put more ink on the paper (ISO 12647-2
  allows 300–350 % on coated paper; printers ask for at most 300 %);
- black generation "ramp" (`-kr`, Argyll's default): black replaces grey balance evenly from the
  paper white to the darkest tone, a medium GCR as common for sheet-fed offset;
- medium quality tables (`-qm`), no measurement data inside (`-nc`), ICC version 2 (PDF/X-4 allows
  at most 4.1).

`make install` makes it once into the user's cache (about 40 s); a build makes it when missing.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

from calendar_build.paths import machine_cache

REGISTRY_NAME = "http://www.color.org"
CACHE = machine_cache("icc")
# ICC header bytes 24..35 hold the creation time; fixed, so every machine writes the same PDF.
_FIXED_DATE = bytes.fromhex("07ea" "0001" "0001" "0000" "0000" "0000")  # 2026-01-01 00:00:00


@dataclass(frozen=True)
class PrintCondition:
    """A registered characterisation and how our profile for it is made."""

    identifier: str  # OutputConditionIdentifier, as in the ICC registry
    condition: str  # OutputCondition: the printing condition in words
    info: str  # Info: what the profile is
    data: Path  # the characterisation data (.ti3) the profile is made from
    ink_limit: int = 300  # total area coverage in percent
    black: str = "r"  # colprof -k: black generation (r = ramp)

    @property
    def profile_name(self) -> str:
        """Return the file name of our profile (its settings in the name: another setting, another file)."""
        return f"{self.identifier}-tac{self.ink_limit}-k{self.black}.icc"


# ICC Characterization Data Registry: FOGRA39 = ISO 12647-2:2004/Amd 1, offset, paper types 1/2.
# FOGRA51/52 (PSO Coated/Uncoated v3) need Fogra's data, which no Debian package ships: a printer
# asking for them sends its profile (`output_profile`).
CONDITIONS: dict[str, PrintCondition] = {
    "FOGRA39": PrintCondition(
        identifier="FOGRA39",
        condition="Offset printing, according to ISO 12647-2:2004/Amd 1, OFCOM, paper type 1 or 2 = coated art, "
                  "115 g/m2, tone value increase curves A (CMY) and B (K)",
        info="Coated FOGRA39 (ISO 12647-2:2004); profile made by calendar-build with ArgyllCMS from FOGRA39L.ti3, "
             "total ink limit 300 %",
        data=Path("/usr/share/color/icc/FOGRA39L.ti3"),
    ),
}


class ConditionError(RuntimeError):
    """The profile of a print condition cannot be made (German message)."""


def profile_path(condition: PrintCondition) -> Path:
    """Return where our profile of the condition lies (made or not)."""
    return CACHE / condition.profile_name


def ensure_profile(condition: PrintCondition) -> Path:
    """Return our profile of the condition, making it with colprof first if it is missing."""
    target = profile_path(condition)
    if target.is_file() and target.stat().st_size > 0:
        return target
    if not condition.data.is_file():
        raise ConditionError(f"Die Messdaten für {condition.identifier} fehlen ({condition.data.name}, Debian-Paket "
                             "icc-profiles-free) – 'make install' ausführen.")
    if shutil.which("colprof") is None:
        raise ConditionError("ArgyllCMS fehlt (Debian-Paket argyll), um das Druckprofil zu erzeugen – "
                             "'make install' ausführen.")
    target.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix=".icc-", dir=target.parent) as folder:
        stem = Path(folder) / condition.identifier.lower()
        shutil.copyfile(condition.data, stem.with_suffix(".ti3"))
        made = stem.with_suffix(".icc")
        command = ["colprof", "-qm", f"-k{condition.black}", f"-l{condition.ink_limit}", "-nc",
                   "-D", f"{condition.identifier} (calendar-build, TAC {condition.ink_limit} %)",
                   "-C", "No copyright; made from Fogra characterization data with ArgyllCMS",
                   "-O", str(made), str(stem)]
        done = subprocess.run(command, capture_output=True, text=True, timeout=900, check=False)
        if done.returncode != 0 or not made.is_file():
            raise ConditionError(f"colprof konnte das Profil für {condition.identifier} nicht erzeugen: "
                                 f"{(done.stderr or done.stdout).strip()[-300:]}")
        data = bytearray(made.read_bytes())
        data[24:36] = _FIXED_DATE
        made.write_bytes(bytes(data))
        os.replace(made, target)
    return target


def main() -> int:
    """Make the profiles of all registered conditions (for `make install`)."""
    for condition in CONDITIONS.values():
        try:
            print(f"Druckprofil {condition.identifier}: {ensure_profile(condition)}")
        except ConditionError as exc:
            print(exc, file=sys.stderr)
            return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
