"""Issue 13 through the package, against the emulator: tags on connections, jobs of other types
(a reset) found through the job filters, custom and declarative definitions, organizations,
users and permissions, workspaces created, renamed and deleted, health, raw requests, OAuth."""

from __future__ import annotations

import secrets
from typing import Any

import pytest

from airbyte_cloud import exceptions as exc
from emulator import Emulator

MANIFEST = {"version": "6.0.0", "type": "DeclarativeSource",
            "check": {"type": "CheckStream", "stream_names": ["items"]}, "streams": [],
            "spec": {"type": "Spec", "connection_specification": {"type": "object",
                                                                  "properties": {}}}}


def unique(name: str) -> str:
    return f"{name}-{secrets.token_hex(3)}"


def test_tags_scenario(workspace: Any, new_connection: Any) -> None:
    name = unique("py-tag")
    tag = workspace.create_tag(name, "FF5733")
    assert (tag.name, tag.color, tag.workspace_id) == (name, "FF5733", workspace.workspace_id)
    assert workspace.get_tag(tag.tag_id) == tag
    with pytest.raises(exc.AirbyteConflictError):
        workspace.create_tag(name, "00FF00")

    tagged = workspace.get_connection(new_connection())
    untagged = new_connection()
    tagged.update(tags=[tag.tag_id])
    assert [t["tagId"] for t in tagged.to_dict()["tags"]] == [tag.tag_id]
    found = workspace.list_connections(tag_ids=[tag.tag_id])
    assert [c.connection_id for c in found] == [tagged.connection_id]
    assert untagged not in [c.connection_id for c in found]

    # Renamed and recoloured: the connection shows the change.
    renamed = workspace.update_tag(tag.tag_id, name=name + "-renamed", color="00AA00")
    assert (renamed.name, renamed.color) == (name + "-renamed", "00AA00")
    tagged.refresh()
    assert tagged.to_dict()["tags"][0]["name"] == name + "-renamed"
    assert [t.tag_id for t in workspace.list_tags(name_contains=name)] == [tag.tag_id]

    # Deleted: gone from the list and from the connection.
    workspace.delete_tag(tag.tag_id)
    assert workspace.list_tags(name_contains=name) == []
    tagged.refresh()
    assert tagged.to_dict()["tags"] == []
    with pytest.raises(exc.AirbyteMissingResourceError):
        workspace.get_tag(tag.tag_id)
    with pytest.raises(exc.AirbyteInvalidArgumentError):
        workspace.create_tag(unique("py-bad-colour"), "red")


def test_reset_job_and_job_filters(workspace: Any, new_connection: Any) -> None:
    connection = workspace.get_connection(new_connection())
    connection.run_sync(wait_timeout=60)
    reset = connection.run_sync(job_type="reset", wait_timeout=60)
    assert reset.job_type == "reset"
    assert reset.get_job_status() == "succeeded"

    resets = workspace.list_jobs(connection_id=connection.connection_id, job_type="reset")
    assert [job.job_id for job in resets] == [reset.job_id]
    assert resets[0].connection.connection_id == connection.connection_id
    every = workspace.list_jobs(connection_id=connection.connection_id, order_by="createdAt",
                                descending=True, page_size=1)
    assert [job.job_type for job in every] == ["reset", "sync"]
    lazily = list(workspace.iterate_jobs(connection_id=connection.connection_id,
                                         status="succeeded", page_size=1))
    assert sorted(job.job_id for job in lazily) == sorted(job.job_id for job in every)
    assert workspace.list_jobs(connection_id=connection.connection_id, status="failed") == []
    with pytest.raises(exc.PyAirbyteInputError):
        workspace.list_jobs(status="exploded")
    with pytest.raises(exc.AirbyteInvalidArgumentError):
        connection.run_sync(job_type="rewind")


def test_declarative_definition_create_get_update_delete(workspace: Any) -> None:
    name = unique("py-low-code")
    created = workspace.publish_declarative_definition(name, MANIFEST)
    assert (created.name, created.version) == (name, 1)
    assert created.manifest["type"] == "DeclarativeSource"
    fetched = workspace.get_declarative_definition(created.definition_id)
    assert fetched.definition_id == created.definition_id and fetched.manifest == created.manifest
    updated = workspace.update_declarative_definition(created.definition_id, MANIFEST)
    assert updated.version == 2
    assert created.definition_id in [d.definition_id for d in
                                     workspace.list_declarative_definitions(name_contains=name)]
    workspace.permanently_delete_declarative_definition(created.definition_id)
    with pytest.raises(exc.AirbyteMissingResourceError):
        workspace.get_declarative_definition(created.definition_id)
    with pytest.raises(exc.AirbyteApiError):  # the server checks check, streams and spec
        workspace.publish_declarative_definition(unique("py-bare"), {"version": "6.0.0"})
    with pytest.raises(exc.AirbyteInvalidArgumentError):
        workspace.publish_declarative_definition(unique("py-not-json"), "{nope")


def test_custom_docker_definitions(workspace: Any) -> None:
    for kind in ("source", "destination"):
        name = unique(f"py-{kind}-image")
        created = workspace.publish_custom_definition(
            kind, name, docker_repository="example/connector", docker_image_tag="1.0.0")
        assert (created.kind, created.name, created.docker_image_tag) == (kind, name, "1.0.0")
        updated = workspace.update_custom_definition(kind, created.definition_id,
                                                     docker_image_tag="1.0.1")
        assert updated.docker_image_tag == "1.0.1"
        listed = workspace.list_custom_definitions(kind, name_contains=name)
        assert [d.definition_id for d in listed] == [created.definition_id]
        workspace.permanently_delete_custom_definition(kind, created.definition_id)
        with pytest.raises(exc.AirbyteMissingResourceError):
            workspace.get_custom_definition(kind, created.definition_id)
    with pytest.raises(exc.PyAirbyteInputError):
        workspace.list_custom_definitions("connector")


def test_organizations_users_permissions(emulator: Emulator, workspace: Any) -> None:
    [organization] = workspace.list_organizations()
    assert organization.name == "Emulator Organization"
    email = f"{unique('py')}@example.com"
    added = emulator.post("/_emulator/users", {"name": "Py User", "email": email})
    user_id = added["userId"]
    permission = workspace.create_permission(user_id, "workspace_reader",
                                             workspace_id=workspace.workspace_id)
    assert (permission.permission_type, permission.user_id) == ("workspace_reader", user_id)
    [user] = workspace.list_users(organization.organization_id, emails=[email])
    assert (user.user_id, user.name) == (user_id, "Py User")
    [listed] = workspace.list_permissions(user_id=user_id)
    assert (listed.scope, listed.scope_id) == ("workspace", workspace.workspace_id)
    changed = workspace.update_permission(permission.permission_id, "workspace_editor")
    assert workspace.get_permission(permission.permission_id).permission_type == "workspace_editor"
    assert changed.permission_type == "workspace_editor"
    workspace.delete_permission(permission.permission_id)
    assert workspace.list_permissions(user_id=user_id) == []


def test_workspace_create_update_delete(emulator: Emulator, workspace: Any) -> None:
    from airbyte_cloud import cloud

    created = workspace.create_workspace(unique("py-workspace"),
                                         notifications={"failure": {"email": {"enabled": True}}})
    assert created.raw["notifications"]["failure"]["email"]["enabled"] is True
    with cloud.CloudWorkspace(workspace_id=created.workspace_id, api_key=emulator.api_key,
                              api_root=emulator.api_url) as inside:
        assert inside.name == created.name
    with pytest.raises(exc.AirbyteRefusedError):  # safe mode: the name does not say disposable
        workspace.permanently_delete_workspace(created.workspace_id)
    renamed = workspace.update_workspace(created.workspace_id, name=created.name + "-delete-me")
    assert renamed.name == created.name + "-delete-me"
    workspace.permanently_delete_workspace(created.workspace_id)
    with pytest.raises(exc.AirbyteMissingResourceError):
        workspace.get_workspace_info(created.workspace_id)


def test_health_raw_requests_and_oauth(workspace: Any) -> None:
    assert workspace.check_health() is True
    status, answer = workspace.api_request("GET", "/workspaces?limit=5")
    assert status == 200 and isinstance(answer["data"], list)
    with pytest.raises(exc.AirbyteMissingResourceError):
        workspace.api_request("GET", "/tags/00000000-0000-0000-0000-000000000000")
    consent = workspace.initiate_source_oauth("github", "https://app.example.com/oauth")
    assert isinstance(consent, dict)
    credentials = {"client_id": "id", "client_secret": "secret"}
    workspace.set_oauth_credentials("source", "github", credentials)
    workspace.delete_oauth_credentials("source", "github")
    [organization] = workspace.list_organizations()
    workspace.set_oauth_credentials("source", "google-ads", credentials,
                                    organization_id=organization.organization_id)
    workspace.delete_oauth_credentials("source", "google-ads",
                                       organization_id=organization.organization_id)
