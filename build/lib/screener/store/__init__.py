"""Class sessions and practice codes, kept in a database through SQLAlchemy: a SQLite file by
default, PostgreSQL when `PNS_DATABASE_URL` names one. No Streamlit, and nothing above the
models: the service (`screener.classroom`) puts what is kept into words."""

from screener.store.database import Database, connect
from screener.store.errors import ClassRefused, StoreUnavailable
from screener.store.practice import Miss
from screener.store.queries import Purged, Saved

__all__ = [
    "ClassRefused",
    "Database",
    "Miss",
    "Purged",
    "Saved",
    "StoreUnavailable",
    "connect",
]
