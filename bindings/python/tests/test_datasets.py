"""Reading synced data back from a PostgreSQL destination (the emulator writes the rows):
SyncResult's SQL methods, datasets, typed records, cursors, SQLAlchemy and pandas."""

from __future__ import annotations

import sys
from datetime import datetime
from decimal import Decimal
from typing import Any

import pytest

from airbyte_cloud import cloud, datasets, exceptions as exc
from test_programs import deploy_postgres_connection


@pytest.fixture
def synced(workspace: Any, emulator: Any, postgres: dict[str, str],
           monkeypatch: pytest.MonkeyPatch) -> Any:
    monkeypatch.setenv("AIRBYTE_CLOUD_POSTGRES_PASSWORD", postgres["ABC_TEST_PGPASSWORD"])
    connection, schema = deploy_postgres_connection(workspace, emulator, postgres, count=25)
    sync_result = connection.run_sync()
    yield sync_result, schema
    sync_result.close()
    workspace.permanently_delete_connection(connection, cascade_delete_source=True,
                                            cascade_delete_destination=True)


def test_sync_result_sql_methods(synced: Any, postgres: dict[str, str]) -> None:
    sync_result, schema = synced
    assert sync_result.get_sql_schema_name() == schema
    assert sync_result.get_sql_database_name() == postgres["ABC_TEST_PGDATABASE"]
    assert sync_result.get_sql_table_name("users") == "t_users"
    table = sync_result.get_sql_table("users")
    assert table.name == "t_users" and table.schema == schema and "id" in table.columns
    engine = sync_result.get_sql_engine()
    import sqlalchemy

    with engine.connect() as sql:
        count = sql.execute(sqlalchemy.select(sqlalchemy.func.count()).select_from(table)).scalar()
    assert count == 25
    assert postgres["ABC_TEST_PGPASSWORD"] not in sync_result.get_datasets().connection_uri
    streams = sync_result.streams
    assert list(streams) == ["users", "products"]
    assert len(streams["users"]) + len(streams["products"]) == sync_result.records_synced
    with pytest.raises(exc.AirbyteMissingResourceError):
        sync_result.get_dataset("nope")


def test_dataset_records_are_typed(synced: Any, emulator: Any) -> None:
    sync_result, schema = synced
    dataset = sync_result.get_dataset("users")
    assert isinstance(dataset, datasets.Dataset) and len(dataset) == 25
    assert dataset.stream_name == "users" and dataset.destination_type == "postgres"
    assert dataset.qualified_name == f'"{schema}"."t_users"' and dataset.schema_name == schema
    assert dataset.database_name and dataset.connection_uri.startswith("postgresql://")
    columns = {column.name: column for column in dataset.columns}
    assert columns["id"].value_type == "integer" and columns["id"].type == "bigint"
    records = list(dataset)
    expected = emulator.request("GET", "/_emulator/faker/users?count=25&seed=11")[1]
    assert [r["id"] for r in records] == [e["id"] for e in expected]
    first = records[0]
    assert isinstance(first["id"], int) and isinstance(first["_airbyte_extracted_at"], datetime)
    assert isinstance(first["_airbyte_meta"], dict)
    for name, column in columns.items():
        values = [r[name] for r in records if r[name] is not None]
        kind = {"integer": int, "decimal": Decimal, "float": float, "boolean": bool, "text": str,
                "timestamp": datetime, "json": (dict, list)}.get(column.value_type)
        if kind and values:
            assert all(isinstance(v, kind) for v in values), (name, column)


def test_cursor_by_hand(synced: Any) -> None:
    sync_result, _ = synced
    dataset = sync_result.get_datasets()[0]
    with dataset.cursor() as cursor:
        id_column = cursor.column_names.index("id")
        assert cursor.next() and cursor.rows_read == 1
        assert cursor.value(id_column) == cursor.int64(id_column) == cursor.double(id_column)
        assert not cursor.is_null(id_column)
        assert cursor.record()["id"] == cursor.value(id_column)
        assert f'"id":{cursor.int64(id_column)}' in cursor.record_json().replace(" ", "")
        assert sum(1 for _ in cursor) == 24 and not cursor.next()
    other = sync_result.get_datasets().at(1)
    assert other.stream_name == "products" and len(other) == sync_result.records_synced - 25
    other.close()
    assert [d.stream_name for d in sync_result.get_datasets()] == ["users", "products"]
    assert sync_result.get_datasets().destination_id


def test_datasets_of_a_connection_and_options(synced: Any, workspace: Any,
                                              postgres: dict[str, str],
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    sync_result, _ = synced
    monkeypatch.delenv("AIRBYTE_CLOUD_POSTGRES_PASSWORD")
    with pytest.raises(exc.AirbyteInvalidArgumentError) as raised:
        sync_result.connection.get_datasets()  # the password is masked and nothing gives it
    assert "AIRBYTE_CLOUD_POSTGRES_PASSWORD" in str(raised.value)
    monkeypatch.setenv("PY_PG_SECRET", postgres["ABC_TEST_PGPASSWORD"])
    with cloud.CloudWorkspace(workspace.workspace_id, api_key=workspace.api_key,
                              api_root=workspace.api_root,
                              dataset_options={"secret_env": {"password": "PY_PG_SECRET"},
                                               "page_size": 7, "query_timeout": 60}) as other:
        dataset_set = other.get_connection(sync_result.connection.connection_id).get_datasets()
        assert len(dataset_set) == 2 and len(list(dataset_set["users"])) == 25
    with pytest.raises(exc.PyAirbyteInputError):
        cloud.CloudWorkspace("9f5cdd2a-1d6e-4c3b-9a57-3d0c5b6e7f81", api_key="k", dataset_secrets={"pin": "1"})._dataset_options()
    with pytest.raises(exc.PyAirbyteInputError):
        cloud.CloudWorkspace("9f5cdd2a-1d6e-4c3b-9a57-3d0c5b6e7f81", api_key="k", dataset_options={"speed": 1})._dataset_options()


def test_to_pandas(synced: Any) -> None:
    pandas = pytest.importorskip("pandas")
    frame = synced[0].get_dataset("users").to_pandas()
    assert isinstance(frame, pandas.DataFrame) and len(frame) == 25 and "id" in frame.columns


def test_missing_optional_packages_are_named(synced: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    dataset = synced[0].get_dataset("users")
    for module, method, debian in (("sqlalchemy", dataset.to_sql_table, "python3-sqlalchemy"),
                                   ("pandas", dataset.to_pandas, "python3-pandas"),
                                   ("psycopg2", dataset.get_sql_engine, "python3-psycopg2")):
        monkeypatch.setitem(sys.modules, module, None)
        with pytest.raises(exc.PyAirbyteMissingPackageError) as raised:
            method()
        assert raised.value.package == module and debian in str(raised.value)
        monkeypatch.undo()
