"""The public API is small and explicit; changing it is a deliberate act that updates this test."""
import frontwatch

EXPECTED = {
    "Actor", "Analysis", "Article", "Attribution", "BinaryInputError", "EmptyInputError",
    "EncodingError", "Event", "EventDate", "Evidence", "Fatalities", "FetchError",
    "FrontwatchError", "GoldFormatError", "IngestError", "IngestReport", "InputTooLargeError",
    "Location", "MalformedInputError", "ModelNotFoundError", "Monitor", "PlaceMention",
    "SchemaVersionError", "Settings", "StoreError", "__version__",
}


def test_all_is_pinned():
    assert set(frontwatch.__all__) == EXPECTED


def test_every_name_in_all_exists():
    for name in frontwatch.__all__:
        assert hasattr(frontwatch, name), name


def test_ingest_errors_are_named_subclasses():
    for name in ("EmptyInputError", "BinaryInputError", "InputTooLargeError", "EncodingError",
                 "MalformedInputError", "FetchError"):
        cls = getattr(frontwatch, name)
        assert issubclass(cls, frontwatch.IngestError)
        assert issubclass(cls, frontwatch.FrontwatchError)
