"""Datasets: what a sync wrote, read back from the destination (Postgres, Snowflake, BigQuery).

A :class:`Dataset` plays the part of PyAirbyte's ``CachedDataset``: iterate it for records (dicts
of typed values: int, Decimal, float, bool, str, bytes, date, time, datetime, and dict/list for
JSON), ``len()`` counts the rows, ``to_sql_table()`` gives a SQLAlchemy ``Table`` and
``to_pandas()`` a DataFrame. The library streams rows (one batch, partition or page at a time),
so memory does not grow with the table. SQLAlchemy and pandas are optional: without them those two
methods raise :class:`~airbyte_cloud.exceptions.PyAirbyteMissingPackageError` naming the package.
"""

from __future__ import annotations

import base64
import importlib
import json
from collections.abc import Callable, Iterator
from datetime import date, datetime, time
from decimal import Decimal
from typing import TYPE_CHECKING, Any, NamedTuple
from urllib.parse import quote, urlsplit, urlunsplit

from airbyte_cloud import exceptions as exc
from airbyte_cloud._native import Closeable, Handle, NativeText, capi

if TYPE_CHECKING:
    import pandas
    import sqlalchemy


def _timestamp(text: str) -> datetime:
    return datetime.fromisoformat(text[:-1] + "+00:00" if text.endswith("Z") else text)


# Portable value type (abc_value_type) -> converter of the canonical text.
_CONVERTERS: dict[int, Callable[[str], Any]] = {
    1: int, 2: Decimal, 3: float, 4: lambda text: text == "true", 5: str, 6: base64.b64decode,
    7: date.fromisoformat, 8: time.fromisoformat, 9: _timestamp, 10: datetime.fromisoformat,
    11: json.loads, 12: json.loads, 13: json.loads,
}
_TYPE_NAMES = {number: str(capi.abc_value_type_name(number)) for number in range(14)}


class Column(NamedTuple):
    """A column of a dataset's table."""

    name: str
    type: str        # the warehouse's type name ("bigint", "timestamp with time zone"...)
    value_type: str  # the portable type ("integer", "timestamp"...)


def _optional(package: str, debian: str, feature: str) -> Any:
    try:
        return importlib.import_module(package)
    except ImportError as error:
        raise exc.PyAirbyteMissingPackageError(
            message=f"{feature} needs the package '{package}', which is not installed.",
            guidance=f"Install it (Debian: apt-get install {debian}; else pip install {package}).",
            package=package, debian_package=debian, original_exception=error) from None


class Dataset(Closeable):
    """The table of one stream in the destination."""

    def __init__(self, handle: Handle, password: str | None = None) -> None:
        self._handle = handle
        self._password = password

    def _owned_handles(self) -> list[Handle]:
        return [self._handle]

    def __repr__(self) -> str:
        return f"Dataset(stream_name={self.stream_name!r}, table={self.qualified_name!r})"

    def _read(self, getter: Any) -> Any:
        return getter(self._handle.raw)

    stream_name = NativeText(capi.abc_dataset_stream_name,
                              "The stream name as the connection lists it.")
    table_name = NativeText(capi.abc_dataset_table_name,
                             "The normalised table name (prefix + stream).")
    qualified_name = NativeText(capi.abc_dataset_qualified_name,
                           'The table as SQL: "schema"."table" for Postgres.')
    schema_name = NativeText(capi.abc_dataset_schema,
                              "Schema (dataset for BigQuery) holding the table.")
    database_name = NativeText(capi.abc_dataset_database, "Database (project for BigQuery).")
    destination_type = NativeText(capi.abc_dataset_destination_type,
                             '"postgres", "snowflake" or "bigquery".')
    connection_uri = NativeText(capi.abc_dataset_connection_uri, "Connection URI without password.")

    @property
    def columns(self) -> list[Column]:
        """The table's columns, Airbyte's ``_airbyte_*`` ones included (queried once)."""
        raw = self._handle.raw
        return [Column(str(capi.abc_dataset_column_name(raw, i)),
                       str(capi.abc_dataset_column_type(raw, i)),
                       _TYPE_NAMES.get(capi.abc_dataset_column_value_type(raw, i), "unknown"))
                for i in range(capi.abc_dataset_column_count(raw))]

    @property
    def column_names(self) -> list[str]:
        return [column.name for column in self.columns]

    def __len__(self) -> int:
        """The number of rows now (a COUNT(*) query each time)."""
        return int(capi.abc_dataset_row_count(self._handle.raw))

    def cursor(self) -> Cursor:
        """A new read of every row (use as a context manager to stop early)."""
        return Cursor(Handle(capi.abc_dataset_cursor_open(self._handle.raw), "dataset cursor"))

    def __iter__(self) -> Iterator[dict[str, Any]]:
        """Every record, as a dict of typed values."""
        with self.cursor() as cursor:
            yield from cursor

    def to_sql_table(self) -> sqlalchemy.Table:
        """The table as a SQLAlchemy ``Table`` (columns typed from the warehouse's)."""
        sa = _optional("sqlalchemy", "python3-sqlalchemy", "Dataset.to_sql_table()")
        types = {"integer": sa.BigInteger, "decimal": sa.Numeric, "float": sa.Float,
                 "boolean": sa.Boolean, "text": sa.Text, "bytes": sa.LargeBinary, "date": sa.Date,
                 "time": sa.Time, "timestamp": lambda: sa.DateTime(timezone=True),
                 "datetime": sa.DateTime, "json": sa.JSON, "array": sa.JSON, "record": sa.JSON}
        columns = [sa.Column(c.name, types.get(c.value_type, sa.Text)()) for c in self.columns]
        return sa.Table(self.table_name, sa.MetaData(schema=self.schema_name), *columns)

    def to_pandas(self) -> pandas.DataFrame:
        """Every record in a pandas DataFrame."""
        pd = _optional("pandas", "python3-pandas", "Dataset.to_pandas()")
        return pd.DataFrame.from_records(list(self), columns=self.column_names)

    def get_sql_engine(self) -> sqlalchemy.engine.Engine:
        """A SQLAlchemy engine for the destination (see DatasetSet.get_sql_engine)."""
        return _sql_engine(self.destination_type, self.connection_uri, self._password)


class Cursor(Closeable):
    """One streaming read of a dataset's rows. Iterate for dicts; or next()/value() by hand."""

    def __init__(self, handle: Handle) -> None:
        self._handle = handle
        raw = handle.raw
        count = capi.abc_dataset_cursor_column_count(raw)
        self.column_names = [str(capi.abc_dataset_cursor_column_name(raw, i)) for i in range(count)]
        self._converters = [_CONVERTERS.get(capi.abc_dataset_cursor_column_value_type(raw, i), str)
                            for i in range(count)]

    def _owned_handles(self) -> list[Handle]:
        return [self._handle]

    @property
    def rows_read(self) -> int:
        return int(capi.abc_dataset_cursor_rows_read(self._handle.raw))

    def next(self) -> bool:
        """Move to the next row; False after the last."""
        return bool(capi.abc_dataset_cursor_next(self._handle.raw))

    def value(self, column: int) -> Any:
        """The current row's value in `column` (None for SQL NULL), typed."""
        text = capi.abc_dataset_cursor_text(self._handle.raw, column)
        return None if text is None else self._converters[column](text)

    def is_null(self, column: int) -> bool:
        return bool(capi.abc_dataset_cursor_is_null(self._handle.raw, column))

    def int64(self, column: int) -> int:
        """The value as an integer (dates as days, times and timestamps as microseconds)."""
        return int(capi.abc_dataset_cursor_int64(self._handle.raw, column))

    def double(self, column: int) -> float:
        return float(capi.abc_dataset_cursor_double(self._handle.raw, column))

    def record_json(self) -> str:
        """The current row as one JSON object."""
        return str(capi.abc_dataset_cursor_record_json(self._handle.raw))

    def record(self) -> dict[str, Any]:
        raw = self._handle.raw
        row: dict[str, Any] = {}
        for column, (name, convert) in enumerate(zip(self.column_names, self._converters)):
            text = capi.abc_dataset_cursor_text(raw, column)
            row[name] = None if text is None else convert(text)
        return row

    def __iter__(self) -> Iterator[dict[str, Any]]:
        """The remaining rows as records: one native call per row (next row and all its texts)."""
        raw = self._handle.raw
        names, converters = self.column_names, self._converters
        while (row := capi.abc_py_cursor_next_row(raw)) is not None:
            yield {name: None if text is None else convert(text)
                   for name, convert, text in zip(names, converters, row)}


class DatasetSet(Closeable):
    """The datasets of a connection's streams, with the destination's SQL coordinates."""

    def __init__(self, handle: Handle, password: str | None = None) -> None:
        self._handle = handle
        self._password = password
        self._datasets: dict[str, Dataset] = {}

    def _owned_handles(self) -> list[Handle]:
        handles = [dataset._handle for dataset in self._datasets.values()]
        self._datasets = {}
        return handles + [self._handle]

    @property
    def closed(self) -> bool:
        return self._handle.closed

    def _read(self, getter: Any) -> Any:
        return getter(self._handle.raw)

    destination_type = NativeText(capi.abc_dataset_set_destination_type)
    destination_id = NativeText(capi.abc_dataset_set_destination_id)
    database = NativeText(capi.abc_dataset_set_database)
    schema = NativeText(capi.abc_dataset_set_schema)
    connection_uri = NativeText(capi.abc_dataset_set_connection_uri, "Connection URI without password.")

    @property
    def stream_names(self) -> list[str]:
        raw = self._handle.raw
        return [str(capi.abc_dataset_set_stream_name(raw, i))
                for i in range(capi.abc_dataset_set_count(raw))]

    def __len__(self) -> int:
        return int(capi.abc_dataset_set_count(self._handle.raw))

    def __getitem__(self, key: str | int) -> Dataset:
        """The dataset of a stream, by name or index (kept: the same object each time)."""
        if isinstance(key, int):
            key = self.stream_names[key]
        if key not in self._datasets:
            raw = capi.abc_dataset_set_get(self._handle.raw, key)
            self._datasets[key] = Dataset(Handle(raw, "dataset"), self._password)
        return self._datasets[key]

    def at(self, index: int) -> Dataset:
        """A new dataset handle for stream `index`."""
        return Dataset(Handle(capi.abc_dataset_set_at(self._handle.raw, index), "dataset"),
                       self._password)

    def __iter__(self) -> Iterator[Dataset]:
        return (self[name] for name in self.stream_names)

    def get_sql_engine(self) -> sqlalchemy.engine.Engine:
        """A SQLAlchemy engine for the destination: Postgres through psycopg2 (needs SQLAlchemy
        and psycopg2; the password from dataset_secrets or AIRBYTE_CLOUD_POSTGRES_PASSWORD)."""
        return _sql_engine(self.destination_type, self.connection_uri, self._password)


_DIALECTS = {"postgres": ("postgresql+psycopg2", "psycopg2", "python3-psycopg2"),
             "snowflake": ("snowflake", "snowflake.sqlalchemy", "snowflake-sqlalchemy (pip)"),
             "bigquery": ("bigquery", "sqlalchemy_bigquery", "sqlalchemy-bigquery (pip)")}


def _sql_engine(destination_type: str, uri: str, password: str | None) -> Any:
    sa = _optional("sqlalchemy", "python3-sqlalchemy", "get_sql_engine()")
    scheme, driver, debian = _DIALECTS[destination_type]
    _optional(driver, debian, f"A SQLAlchemy engine for {destination_type}")
    parts = urlsplit(uri)
    netloc = parts.netloc
    if password and "@" in netloc:
        user, host = netloc.rsplit("@", 1)
        netloc = f"{user}:{quote(password, safe='')}@{host}"
    return sa.create_engine(urlunsplit((scheme, netloc, parts.path, parts.query, "")))


__all__ = ["Dataset", "DatasetSet", "Cursor", "Column"]
