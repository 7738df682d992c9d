"""frontwatch: conflict reporting turned into a geolocated, source-attributed event record.

    >>> from frontwatch import Monitor
    >>> with Monitor(db="events.db") as m:
    ...     report = m.ingest(["article.html"])
    ...     events = m.events(country="SY")
"""
from .errors import (
    BinaryInputError,
    EmptyInputError,
    EncodingError,
    FetchError,
    FrontwatchError,
    GoldFormatError,
    IngestError,
    InputTooLargeError,
    MalformedInputError,
    ModelNotFoundError,
    SchemaVersionError,
    StoreError,
)
from .monitor import Analysis, IngestReport, Monitor
from .records import Actor, Article, Attribution, Event, EventDate, Evidence, Fatalities, Location, PlaceMention
from .settings import Settings

__version__ = "0.1.0"

__all__ = [
    "Actor", "Analysis", "Article", "Attribution", "BinaryInputError", "EmptyInputError",
    "EncodingError", "Event", "EventDate", "Evidence", "Fatalities", "FetchError",
    "FrontwatchError", "GoldFormatError", "IngestError", "IngestReport", "InputTooLargeError",
    "Location", "MalformedInputError", "ModelNotFoundError", "Monitor", "PlaceMention",
    "SchemaVersionError", "Settings", "StoreError", "__version__",
]
