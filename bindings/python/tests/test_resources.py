"""Deploy, read, change, list, iterate and permanently delete sources, destinations, connections."""

from __future__ import annotations

import secrets
from typing import Any

import pytest

from airbyte_cloud import cloud, exceptions as exc

DUCKDB = {"destinationType": "duckdb", "destination_path": "/local/py.duckdb"}


def names(tag: str) -> tuple[str, str, str]:
    return f"py-src-{tag}", f"py-dst-{tag}", f"py-conn-{tag}"


def test_deploy_read_change_delete(workspace: Any) -> None:
    tag = secrets.token_hex(4)
    source_name, destination_name, connection_name = names(tag)
    source = workspace.deploy_source(source_name, {"sourceType": "faker", "count": 10})
    destination = workspace.deploy_destination(destination_name, DUCKDB)
    assert isinstance(source, cloud.CloudSource) and isinstance(destination, cloud.CloudDestination)
    assert source.name == source_name and source.connector_type == "faker"
    assert source.source_id == source.connector_id and destination.destination_id
    assert source.configuration["count"] == 10 and source.definition_id
    assert source.workspace_id == workspace.workspace_id and source.created_at is not None
    assert source.connector_url.endswith(f"/sources/{source.connector_id}")
    with pytest.raises(exc.AirbyteDuplicateResourcesError):
        workspace.deploy_source(source_name, {"sourceType": "faker"})
    suffixed = workspace.deploy_source(source_name, {"sourceType": "faker"}, random_name_suffix=True)
    assert suffixed.name.startswith(f"{source_name} (ID: ")
    with pytest.raises(exc.PyAirbyteInputError):
        workspace.deploy_destination("x", {"path": "nowhere"})

    streams = workspace.get_stream_catalog(source.connector_id)
    assert "users" in [s.name for s in streams] and all(s.sync_modes for s in streams)
    assert workspace.get_stream_catalog(source.connector_id, destination.connector_id)
    assert workspace.stream_supports_sync_mode(source.connector_id, "users", "full_refresh_overwrite")

    connection = workspace.deploy_connection(
        connection_name, source=source, destination=destination.connector_id, table_prefix="p_",
        selected_streams=["users", {"name": "products", "sync_mode": "full_refresh_append"}])
    assert connection.stream_names == ["users", "products"] and connection.table_prefix == "p_"
    assert connection.source_id == source.connector_id
    with pytest.raises(exc.PyAirbyteInputError):
        workspace.deploy_connection("none", source=source, destination=destination,
                                    selected_streams=[])
    body = workspace.connection_request_body(name="n", source_id=source.connector_id,
                                             destination_id=destination.connector_id,
                                             selected_streams=["users"], schedule="0 0 12 * * ?")
    assert body["name"] == "n" and body["schedule"]["cronExpression"] == "0 0 12 * * ?"

    connection.update(name=f"{connection_name}-renamed", schedule="manual", status="inactive")
    assert connection.name == f"{connection_name}-renamed" and connection.status == "inactive"
    source.rename(f"{source_name}-renamed")
    assert source.name == f"{source_name}-renamed"
    source.update_config({"count": 12})
    assert source.configuration["count"] == 12
    destination.replace(destination_name, dict(DUCKDB, destination_path="/local/other.duckdb"))
    destination.refresh()
    assert destination.configuration["destination_path"] == "/local/other.duckdb"

    assert [c.connection_id for c in workspace.list_connections(name=f"{connection_name}-renamed")] \
        == [connection.connection_id]
    assert workspace.list_sources(name=suffixed.name)[0].connector_id == suffixed.connector_id
    assert workspace.list_destinations(name_filter=lambda n: n == destination_name)[0].name \
        == destination_name
    assert connection.connection_id in [c.connection_id for c in
                                        workspace.iterate_connections(name_contains=tag, page_size=1)]
    assert len(list(workspace.iterate_sources(name_contains=tag))) == 2
    assert [d.name for d in workspace.iterate_destinations(name_contains=tag)] == [destination_name]

    # Safe mode: names must mark resources as disposable.
    with pytest.raises(exc.AirbyteRefusedError):
        workspace.permanently_delete_source(suffixed, safe_mode=True)
    workspace.permanently_delete_source(suffixed)
    workspace.permanently_delete_connection(connection.connection_id, cascade_delete_source=True)
    with pytest.raises(exc.AirbyteMissingResourceError):
        workspace.get_source(source.connector_id).name
    assert workspace.get_destination(destination.connector_id).name == destination_name
    workspace.get_destination(destination.connector_id).permanently_delete()
    assert workspace.list_destinations(name=destination_name) == []


def test_cascade_delete_in_safe_mode(workspace: Any) -> None:
    tag = f"delete-me-{secrets.token_hex(3)}"
    source_name, destination_name, connection_name = names(tag)
    source = workspace.deploy_source(source_name, {"sourceType": "faker"})
    destination = workspace.deploy_destination(destination_name, DUCKDB)
    connection = workspace.deploy_connection(connection_name, source=source, destination=destination,
                                             selected_streams=["users"])
    connection.permanently_delete(cascade_delete_source=True, cascade_delete_destination=True,
                                  safe_mode=True)
    assert workspace.list_sources(name=source_name) == []
    assert workspace.list_destinations(name=destination_name) == []
    keep = workspace.deploy_source(f"py-keep-{secrets.token_hex(3)}", {"sourceType": "faker"})
    other = workspace.deploy_connection(f"py-keep-{secrets.token_hex(3)}", source=keep,
                                        destination=workspace.deploy_destination(
                                            f"py-keep-{secrets.token_hex(3)}", DUCKDB),
                                        selected_streams=["users"])
    with pytest.raises(exc.AirbyteRefusedError):
        workspace.permanently_delete_connection(other, cascade_delete_source=True,
                                                cascade_delete_destination=True, safe_mode=True)
    other._permanently_delete(delete_source=True, delete_destination=True)  # PyAirbyte 0.20's
    assert workspace.list_sources(name=keep.name) == []
