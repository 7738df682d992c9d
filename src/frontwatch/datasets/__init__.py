"""Other event datasets (ACLED, UCDP GED) imported as reports beside extracted news.

``import_file(store, kind, path)`` reads a public export CSV and stores each row as one
article (outlet = the dataset, id = ``acled-<event_id_cnty>`` / ``ucdp-<id>``) holding one
event, so that the rows fuse, map and feed alerts like any other report. See docs/alerts.md.
"""
from .importer import DATASETS, ImportReport, import_file, read_rows

__all__ = ["DATASETS", "ImportReport", "import_file", "read_rows"]
