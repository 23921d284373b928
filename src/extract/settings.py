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

import hashlib
import json
import tomllib
from dataclasses import asdict, dataclass, field, fields
from pathlib import Path

from . import __version__
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


def settings_digest(settings: PipelineSettings | None) -> str | None:
    """A short fingerprint of settings that differ from the defaults (None for the defaults)."""
    if settings is None or settings == DEFAULT_PIPELINE_SETTINGS:
        return None
    text = json.dumps(asdict(settings), sort_keys=True, default=str)
    return hashlib.sha256(text.encode()).hexdigest()[:12]


def pipeline_version(settings: PipelineSettings | None = None) -> str:
    """`documents.pipeline_version`: the release, and the settings' fingerprint when they are not the
    defaults (`0.3.0+settings.1a2b3c4d5e6f`), so rows made under other settings are never taken as cached."""
    digest = settings_digest(settings)
    return __version__ if digest is None else f"{__version__}+settings.{digest}"
