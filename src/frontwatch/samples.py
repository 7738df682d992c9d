"""The bundled sample articles (public-domain and CC-BY; attribution in samples/index.jsonl)."""
from __future__ import annotations

import json
from importlib import resources
from pathlib import Path


def samples_dir() -> Path:
    """Folder of the bundled sample articles (plain text + sidecar index.jsonl)."""
    return Path(str(resources.files("frontwatch") / "samples"))


def attributions() -> dict[str, str]:
    """article id → the attribution line that must be shown with its text."""
    out: dict[str, str] = {}
    with open(samples_dir() / "index.jsonl", encoding="utf-8") as fh:
        for line in fh:
            if line.strip():
                rec = json.loads(line)
                out[rec["id"]] = rec.get("attribution", "")
    return out
