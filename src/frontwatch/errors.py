"""Named exceptions. Every error a user can cause has its own class and a clear message."""
from __future__ import annotations


class FrontwatchError(Exception):
    """Base class of every error frontwatch raises on purpose."""


class IngestError(FrontwatchError):
    """An input could not be turned into an article. Nothing already stored is touched."""

    def __init__(self, message: str, source: str | None = None):
        self.source = source
        super().__init__(f"{source}: {message}" if source else message)


class EmptyInputError(IngestError):
    """The input has no text (empty file, empty body, whitespace only)."""


class BinaryInputError(IngestError):
    """The input is binary data, not text."""


class InputTooLargeError(IngestError):
    """The input is larger than the `max_bytes` setting."""


class EncodingError(IngestError):
    """The input is not valid text in its declared or any plausible encoding."""


class MalformedInputError(IngestError):
    """The input could not be parsed (broken HTML, malformed feed, invalid JSON, missing field)."""


class InvalidDateError(MalformedInputError):
    """A date field could not be read as a date (e.g. ``published: "next week"``)."""


class DateOutOfRangeError(InvalidDateError):
    """A date lies outside the sane range ``records.DATE_MIN`` .. ``records.DATE_MAX``."""


class TextTooLongError(InputTooLargeError):
    """The text is longer than the pipeline can analyse (``records.MAX_TEXT_CHARS``)."""


class FetchError(IngestError):
    """A URL could not be fetched (unreachable, timeout, HTTP error, refused address)."""


class InvalidRecordError(FrontwatchError, ValueError):
    """A record breaks its contract (e.g. fatalities with min > max); it is never stored."""


class StoreError(FrontwatchError):
    """The store could not be opened, migrated or written."""


class SchemaVersionError(StoreError):
    """The store was written by a newer, incompatible frontwatch."""


class StoreNotFoundError(StoreError):
    """A command that only reads was given a store that does not exist (a mistyped --db)."""


class ReadOnlyStoreError(StoreError):
    """The store can be read but not written (file or folder without write permission)."""


class InvalidParameterError(FrontwatchError):
    """A query parameter or option is invalid (the CLI and the API check them alike)."""

    def __init__(self, message: str, param: str | None = None):
        self.param = param
        super().__init__(message)


class ModelNotFoundError(FrontwatchError):
    """The spaCy English model is not installed."""


class GoldFormatError(FrontwatchError):
    """A gold annotation file does not follow GOLD.md."""


class GazetteerError(FrontwatchError):
    """A gazetteer source could not be added, read or removed (the index already built is kept)."""

    def __init__(self, message: str, source: str = ""):
        super().__init__(f"{source}: {message}" if source else message)
        self.source = source


class MalformedGazetteerError(GazetteerError):
    """A gazetteer file that is not in the GeoNames dump format (names the file and line)."""
