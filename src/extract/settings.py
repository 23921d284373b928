"""One settings object for the whole paper pipeline, and reading it from a TOML file.

`PipelineSettings` holds the knobs of each stage (`pdf`, `structure`, `references`); every one is a
frozen dataclass checked when it is made, so a wrong value fails at once with the knob's name.
A config file is TOML with one table per stage; any knob left out keeps its default:

    [pdf]
    header_band = 0.1
    [structure]
    max_heading_han = 36
    [references]
    longest_entry = 3000
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field, fields
from pathlib import Path

from .pdf.settings import PdfSettings
from .references.settings import ReferenceSettings
from .structure.settings import StructureSettings


@dataclass(frozen=True)
class PipelineSettings:
    """The knobs of every stage of one run; `process_paper` passes each stage its own."""

    pdf: PdfSettings = field(default_factory=PdfSettings)
    structure: StructureSettings = field(default_factory=StructureSettings)
    references: ReferenceSettings = field(default_factory=ReferenceSettings)


DEFAULT_PIPELINE_SETTINGS = PipelineSettings()


def settings_from_dict(data: dict) -> PipelineSettings:
    """A parsed config -> PipelineSettings; raises ValueError for an unknown stage or knob or a bad value."""
    stages = {f.name: f.type for f in fields(PipelineSettings)}
    kinds = {"pdf": PdfSettings, "structure": StructureSettings, "references": ReferenceSettings}
    unknown = sorted(set(data) - set(stages))
    if unknown:
        raise ValueError(f"unknown settings section(s) {', '.join(unknown)}: expected {', '.join(stages)}")
    parts = {}
    for stage, knobs in data.items():
        kind = kinds[stage]
        if not isinstance(knobs, dict):
            raise ValueError(f"settings section [{stage}] must be a table of knobs")
        names = {f.name for f in fields(kind)}
        bad = sorted(set(knobs) - names)
        if bad:
            raise ValueError(f"unknown {stage} setting(s) {', '.join(bad)}")
        parts[stage] = kind(**knobs)
    return PipelineSettings(**parts)


def load_settings(path: Path | str) -> PipelineSettings:
    """Read a TOML config file (see the module doc) into PipelineSettings; ValueError names what is wrong."""
    path = Path(path)
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise ValueError(f"cannot read settings file {path}: {exc.strerror}") from exc
    except tomllib.TOMLDecodeError as exc:
        raise ValueError(f"settings file {path} is not valid TOML: {exc}") from exc
    return settings_from_dict(data)
