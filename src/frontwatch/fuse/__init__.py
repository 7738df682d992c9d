"""Cross-document fusion: canonical events, independent sources, grades, control timelines.

Pure library over the record model (no store, no NLP); see docs/fusion.md.
"""
from frontwatch.fuse.canonical import build, canonical_id
from frontwatch.fuse.changelog import ChangeLog, Version, as_of, updated_since
from frontwatch.fuse.cluster import Fuser, fuse
from frontwatch.fuse.control import control_at, control_geojson, control_timeline
from frontwatch.fuse.grading import classify_attribution, grade
from frontwatch.fuse.records import (
    CanonicalEvent, ControlClaim, ControlPeriod, FatalityClaim, Report, reports_from,
)
from frontwatch.fuse.similarity import match, score
from frontwatch.fuse.syndication import is_copy, source_groups, text_sketch

__all__ = [
    "CanonicalEvent", "ChangeLog", "ControlClaim", "ControlPeriod", "FatalityClaim", "Fuser",
    "Report", "Version", "as_of", "build", "canonical_id", "classify_attribution", "control_at",
    "control_geojson", "control_timeline", "fuse", "grade", "is_copy", "match", "reports_from",
    "score", "source_groups", "text_sketch", "updated_since",
]
