// The rest of the public API (issue 13): tags, organizations, users, permissions, custom and
// declarative connector definitions, workspace create/update/delete, health, OAuth, job lists with
// filters, and any request (Workspace.Request). Records other than Tag are copied at once; Json is
// the object as the API gave it.
using System;
using System.Collections.Generic;

namespace AirbyteCloud {

/// <summary>A workspace tag, a snapshot (ConnectionSpec.Tags takes it). Dispose it.</summary>
public sealed class Tag : WorkspaceObject {
    internal readonly TagHandle Handle;

    internal Tag(Workspace workspace, TagHandle handle) : base(workspace, handle) { Handle = handle; }

    public string Id { get { return Native.abc_tag_id(Handle); } }
    public string Name { get { return Native.abc_tag_name(Handle); } }
    /// <summary>Six hex digits, e.g. "FF5733".</summary>
    public string Color { get { return Native.abc_tag_color(Handle); } }
    public string WorkspaceId { get { return Native.abc_tag_workspace_id(Handle); } }
    public string Json { get { return Native.abc_tag_json(Handle); } }

    /// <summary>Renames and/or recolours the tag (null keeps the value).</summary>
    public void Update(string name = null, string color = null) {
        Native.abc_tag_update(Handle, name ?? Name, color ?? Color);
    }
    public System.Threading.Tasks.Task UpdateAsync(string name = null, string color = null,
        System.Threading.CancellationToken ct = default(System.Threading.CancellationToken)) => Async.Run(() => Update(name, color), ct);
}

/// <summary>What an organization and a user share: id, name, email, and the API's JSON.</summary>
public abstract class Party {
    internal Party(string[] fields) {
        Id = fields[0]; Name = fields[1]; Email = fields[2]; Json = fields[3];
    }
    public string Id { get; private set; } public string Name { get; private set; }
    public string Email { get; private set; } public string Json { get; private set; }

    // The text fields of a record handle, read in order; the handle is disposed.
    internal static string[] Read<THandle>(THandle handle, params Func<THandle, string>[] fields) where THandle : NativeHandle {
        using (handle) return Array.ConvertAll(fields, field => field(handle));
    }
}

public sealed class Organization : Party {
    internal Organization(OrganizationHandle h)
        : base(Read(h, Native.abc_organization_id, Native.abc_organization_name, Native.abc_organization_email, Native.abc_organization_json)) { }
}

public sealed class User : Party {
    internal User(UserHandle h) : base(Read(h, Native.abc_user_id, Native.abc_user_name, Native.abc_user_email, Native.abc_user_json)) { }
}

/// <summary>Who may use which workspace or organization.</summary>
public sealed class Permission {
    internal Permission(PermissionHandle h) {
        using (h) {
            Id = Native.abc_permission_id(h); Type = Native.abc_permission_type(h); UserId = Native.abc_permission_user_id(h);
            WorkspaceId = Native.abc_permission_workspace_id(h); OrganizationId = Native.abc_permission_organization_id(h);
            Scope = Native.abc_permission_scope(h); ScopeId = Native.abc_permission_scope_id(h); Json = Native.abc_permission_json(h);
        }
    }
    public string Id { get; private set; } public string Type { get; private set; } public string UserId { get; private set; }
    public string WorkspaceId { get; private set; } public string OrganizationId { get; private set; }
    public string Scope { get; private set; } public string ScopeId { get; private set; } public string Json { get; private set; }
}

public enum DefinitionKind {
    Source = (int)abc_definition_kind.ABC_DEFINITION_SOURCE,
    Destination = (int)abc_definition_kind.ABC_DEFINITION_DESTINATION,
}

/// <summary>A custom connector definition (a Docker image).</summary>
public sealed class Definition {
    internal Definition(DefinitionHandle h) {
        using (h) {
            Kind = (DefinitionKind)Native.abc_definition_get_kind(h); Id = Native.abc_definition_id(h);
            Name = Native.abc_definition_name(h); DockerRepository = Native.abc_definition_docker_repository(h);
            DockerImageTag = Native.abc_definition_docker_image_tag(h);
            DocumentationUrl = Native.abc_definition_documentation_url(h); Json = Native.abc_definition_json(h);
        }
    }
    public DefinitionKind Kind { get; private set; } public string Id { get; private set; } public string Name { get; private set; }
    public string DockerRepository { get; private set; } public string DockerImageTag { get; private set; }
    public string DocumentationUrl { get; private set; } public string Json { get; private set; }
}

/// <summary>A declarative (low-code manifest) source definition.</summary>
public sealed class DeclarativeDefinition {
    internal DeclarativeDefinition(DeclarativeDefinitionHandle h) {
        using (h) {
            Id = Native.abc_declarative_definition_id(h); Name = Native.abc_declarative_definition_name(h);
            ManifestJson = Native.abc_declarative_definition_manifest(h);
            Version = Native.abc_declarative_definition_version(h); Json = Native.abc_declarative_definition_json(h);
        }
    }
    public string Id { get; private set; } public string Name { get; private set; }
    public string ManifestJson { get; private set; } public long Version { get; private set; } public string Json { get; private set; }
}

/// <summary>Which jobs Workspace.ListJobs and Jobs hand out; null members do not filter.</summary>
public sealed class JobFilter {
    public string ConnectionId { get; set; }
    public IList<string> WorkspaceIds { get; } = new List<string>();
    /// <summary>"sync", "reset", "refresh" or "clear".</summary>
    public string JobType { get; set; }
    public JobState? Status { get; set; }
    public DateTimeOffset? CreatedAfter { get; set; } public DateTimeOffset? CreatedBefore { get; set; }
    public DateTimeOffset? UpdatedAfter { get; set; } public DateTimeOffset? UpdatedBefore { get; set; }
    /// <summary>"createdAt" or "updatedAt", with Descending.</summary>
    public string OrderBy { get; set; }
    public bool Descending { get; set; }
    public int? PageSize { get; set; }

    private static long Seconds(DateTimeOffset? time) { return time.HasValue ? time.Value.ToUnixTimeSeconds() : 0; }

    internal static JobFilterHandle ToNative(JobFilter filter) {
        if (filter == null) return null;
        return NativeHandle.Made<JobFilterHandle>(Native.abc_job_filter_new, h => {
            if (filter.ConnectionId != null) Native.abc_job_filter_set_connection_id(h, filter.ConnectionId);
            foreach (string id in filter.WorkspaceIds) Native.abc_job_filter_add_workspace_id(h, id);
            if (filter.JobType != null) Native.abc_job_filter_set_job_type(h, filter.JobType);
            if (filter.Status.HasValue) Native.abc_job_filter_set_status(h, (abc_job_state)(int)filter.Status.Value);
            if (filter.CreatedAfter.HasValue || filter.CreatedBefore.HasValue) {
                Native.abc_job_filter_set_created_between(h, Seconds(filter.CreatedAfter), Seconds(filter.CreatedBefore));
            }
            if (filter.UpdatedAfter.HasValue || filter.UpdatedBefore.HasValue) {
                Native.abc_job_filter_set_updated_between(h, Seconds(filter.UpdatedAfter), Seconds(filter.UpdatedBefore));
            }
            if (filter.OrderBy != null) Native.abc_job_filter_set_order(h, filter.OrderBy, filter.Descending ? 1 : 0);
            if (filter.PageSize.HasValue) Native.abc_job_filter_set_page_size(h, filter.PageSize.Value);
        });
    }
}

/// <summary>Whose OAuth credential overrides a call changes.</summary>
public enum OAuthScope { Workspace, Organization }

public sealed partial class Workspace {
    private delegate abc_status OpenIterator<TIterator>(out TIterator iterator);
    private delegate abc_status NextItem<TIterator, TItem>(out TItem item, TIterator iterator);

    // A lazy walk over a record iterator: opened at the first MoveNext, freed when it ends.
    private IEnumerable<T> WalkRecords<TIterator, TItem, T>(OpenIterator<TIterator> open, NextItem<TIterator, TItem> next,
                                                            Func<TItem, T> wrap)
        where TIterator : NativeHandle where TItem : NativeHandle {
        TIterator iterator;
        open(out iterator);
        using (Adopt(iterator)) {
            while (true) {
                TItem item;
                next(out item, iterator);
                if (item.IsInvalid) yield break;
                yield return wrap(item);
            }
        }
    }

    // ---- tags ----
    public Tag CreateTag(string name, string color) {
        TagHandle h;
        Native.abc_tag_create(out h, Handle, Actor.Required(name, "name"), Actor.Required(color, "color"));
        return new Tag(this, Adopt(h));
    }
    public Tag GetTag(string tagId) {
        TagHandle h;
        Native.abc_tag_get(out h, Handle, Actor.Required(tagId, "tagId"));
        return new Tag(this, Adopt(h));
    }
    public void DeleteTag(string tagId) { Native.abc_tag_delete(Handle, Actor.Required(tagId, "tagId")); }
    /// <summary>The workspace's tags, lazily, a page at a time (each a Tag to dispose).</summary>
    public IEnumerable<Tag> Tags(ListOptions options = null) {
        return WalkRecords<TagIteratorHandle, TagHandle, Tag>((out TagIteratorHandle it) => {
            using (ListOptionsHandle o = ListOptions.ToNative(options)) return Native.abc_workspace_iterate_tags(out it, Handle, o);
        }, Native.abc_tag_iterator_next, h => new Tag(this, Adopt(h)));
    }

    // ---- organizations, users, permissions ----
    public IEnumerable<Organization> Organizations(ListOptions options = null) {
        return WalkRecords<OrganizationIteratorHandle, OrganizationHandle, Organization>((out OrganizationIteratorHandle it) => {
            using (ListOptionsHandle o = ListOptions.ToNative(options)) return Native.abc_workspace_iterate_organizations(out it, Handle, o);
        }, Native.abc_organization_iterator_next, h => new Organization(h));
    }
    public IEnumerable<User> Users(string organizationId, ListOptions options = null) {
        return WalkRecords<UserIteratorHandle, UserHandle, User>((out UserIteratorHandle it) => {
            using (ListOptionsHandle o = ListOptions.ToNative(options)) return Native.abc_workspace_iterate_users(out it, Handle, organizationId, o);
        }, Native.abc_user_iterator_next, h => new User(h));
    }
    /// <summary>The permissions of a user or (userId null) of an organization.</summary>
    public IEnumerable<Permission> Permissions(string userId, string organizationId = null) {
        return WalkRecords<PermissionIteratorHandle, PermissionHandle, Permission>((out PermissionIteratorHandle it) => Native.abc_workspace_iterate_permissions(out it, Handle, userId, organizationId),
                           Native.abc_permission_iterator_next, h => new Permission(h));
    }
    /// <summary>Grants permissionType on a workspace or (workspaceId null) an organization.</summary>
    public Permission CreatePermission(string userId, string permissionType, string workspaceId, string organizationId = null) {
        PermissionHandle h;
        Native.abc_permission_create(out h, Handle, userId, permissionType, workspaceId, organizationId);
        return new Permission(h);
    }
    public Permission GetPermission(string permissionId) { return new Permission(FetchPermission(permissionId, null)); }
    public Permission UpdatePermission(string permissionId, string permissionType) {
        return new Permission(FetchPermission(permissionId, h => Native.abc_permission_update(h, permissionType)));
    }
    private PermissionHandle FetchPermission(string id, Action<PermissionHandle> change) {
        return NativeHandle.Made((out PermissionHandle h) => Native.abc_permission_get(out h, Handle, Actor.Required(id, "permissionId")),
                                 change ?? (h => { }));
    }
    public void DeletePermission(string permissionId) { Native.abc_permission_delete(Handle, Actor.Required(permissionId, "permissionId")); }

    // ---- definitions ----
    public Definition CreateDefinition(DefinitionKind kind, string name, string dockerRepository, string dockerImageTag,
                                       string documentationUrl = null) {
        DefinitionHandle h;
        Native.abc_definition_create(out h, Handle, (abc_definition_kind)kind, name, dockerRepository, dockerImageTag, documentationUrl);
        return new Definition(h);
    }
    public Definition GetDefinition(DefinitionKind kind, string definitionId) {
        return new Definition(FetchDefinition(kind, definitionId, null));
    }
    /// <summary>Renames it and/or sets its image tag (null keeps the value).</summary>
    public Definition UpdateDefinition(DefinitionKind kind, string definitionId, string name = null, string dockerImageTag = null) {
        return new Definition(FetchDefinition(kind, definitionId, h => Native.abc_definition_update(
            h, name ?? Native.abc_definition_name(h), dockerImageTag ?? Native.abc_definition_docker_image_tag(h))));
    }
    private DefinitionHandle FetchDefinition(DefinitionKind kind, string id, Action<DefinitionHandle> change) {
        return NativeHandle.Made((out DefinitionHandle h) =>
            Native.abc_definition_get(out h, Handle, (abc_definition_kind)kind, Actor.Required(id, "definitionId")), change ?? (h => { }));
    }
    public void DeleteDefinition(DefinitionKind kind, string definitionId) {
        Native.abc_definition_delete(Handle, (abc_definition_kind)kind, Actor.Required(definitionId, "definitionId"));
    }
    public IEnumerable<Definition> Definitions(DefinitionKind kind, ListOptions options = null) {
        return WalkRecords<DefinitionIteratorHandle, DefinitionHandle, Definition>((out DefinitionIteratorHandle it) => {
            using (ListOptionsHandle o = ListOptions.ToNative(options)) {
                return Native.abc_workspace_iterate_definitions(out it, Handle, (abc_definition_kind)kind, o);
            }
        }, Native.abc_definition_iterator_next, h => new Definition(h));
    }

    // ---- declarative definitions ----
    public DeclarativeDefinition CreateDeclarativeDefinition(string name, string manifestJson) {
        DeclarativeDefinitionHandle h;
        Native.abc_declarative_definition_create(out h, Handle, Actor.Required(name, "name"), Actor.Required(manifestJson, "manifestJson"));
        return new DeclarativeDefinition(h);
    }
    public DeclarativeDefinition GetDeclarativeDefinition(string definitionId) {
        return new DeclarativeDefinition(FetchDeclarative(definitionId, null));
    }
    /// <summary>Publishes a new manifest; returns the definition as stored.</summary>
    public DeclarativeDefinition UpdateDeclarativeDefinition(string definitionId, string manifestJson) {
        return new DeclarativeDefinition(FetchDeclarative(definitionId,
            h => Native.abc_declarative_definition_update(h, Actor.Required(manifestJson, "manifestJson"))));
    }
    private DeclarativeDefinitionHandle FetchDeclarative(string id, Action<DeclarativeDefinitionHandle> change) {
        return NativeHandle.Made((out DeclarativeDefinitionHandle h) =>
            Native.abc_declarative_definition_get(out h, Handle, Actor.Required(id, "definitionId")), change ?? (h => { }));
    }
    public void DeleteDeclarativeDefinition(string definitionId) {
        Native.abc_declarative_definition_delete(Handle, Actor.Required(definitionId, "definitionId"));
    }
    public IEnumerable<DeclarativeDefinition> DeclarativeDefinitions(ListOptions options = null) {
        return WalkRecords<DeclarativeDefinitionIteratorHandle, DeclarativeDefinitionHandle, DeclarativeDefinition>((out DeclarativeDefinitionIteratorHandle it) => {
            using (ListOptionsHandle o = ListOptions.ToNative(options)) {
                return Native.abc_workspace_iterate_declarative_definitions(out it, Handle, o);
            }
        }, Native.abc_declarative_definition_iterator_next, h => new DeclarativeDefinition(h));
    }

    // ---- workspaces, health, any request, OAuth ----
    public WorkspaceInfo CreateWorkspace(string name, string organizationId = null, string notificationsJson = null) {
        WorkspaceInfoHandle h;
        Native.abc_workspace_info_create(out h, Handle, Actor.Required(name, "name"), organizationId, notificationsJson);
        return WorkspaceInfo.From(h);
    }
    public WorkspaceInfo UpdateWorkspace(string workspaceId, string name = null, string notificationsJson = null) {
        WorkspaceInfoHandle h;
        Native.abc_workspace_info_update(out h, Handle, Actor.Required(workspaceId, "workspaceId"), name, notificationsJson);
        return WorkspaceInfo.From(h);
    }
    /// <summary>Deletes a workspace with its connections, sources and destinations.</summary>
    public void DeleteWorkspace(string workspaceId, SafeMode safeMode = SafeMode.Default) {
        Native.abc_workspace_info_delete(Handle, Actor.Required(workspaceId, "workspaceId"), (abc_safe_mode)safeMode);
    }
    /// <summary>Throws unless the API answers its health check.</summary>
    public void CheckHealth() { Native.abc_workspace_check_health(Handle); }
    /// <summary>Any request to the API root with this workspace's credentials (like gh api); a 4xx
    /// or 5xx answer throws as every call does. Returns the body; httpStatus the status.</summary>
    public string Request(string method, string path, string bodyJson, out int httpStatus) {
        string body;
        long status;
        Native.abc_workspace_request(out body, out status, Handle, Actor.Required(method, "method"), Actor.Required(path, "path"), bodyJson);
        httpStatus = (int)status;
        return body;
    }
    /// <summary>Starts an OAuth flow for a source type; returns the API's answer (JSON).</summary>
    public string InitiateOAuth(string sourceType, string redirectUrl, string oauthInputJson = null) {
        string json;
        Native.abc_source_initiate_oauth(out json, Handle, sourceType, redirectUrl, oauthInputJson);
        return json;
    }
    /// <summary>Overrides a connector's OAuth credentials for a workspace or organization id.</summary>
    public void SetOAuthCredentials(OAuthScope scope, string id, string actorType, string name, string configurationJson) {
        if (scope == OAuthScope.Organization) Native.abc_organization_set_oauth_credentials(Handle, id, actorType, name, configurationJson);
        else Native.abc_workspace_set_oauth_credentials(Handle, id, actorType, name, configurationJson);
    }
    public void DeleteOAuthCredentials(OAuthScope scope, string id, string actorType, string name) {
        if (scope == OAuthScope.Organization) Native.abc_organization_delete_oauth_credentials(Handle, id, actorType, name);
        else Native.abc_workspace_delete_oauth_credentials(Handle, id, actorType, name);
    }

    // ---- jobs of the workspace ----
    /// <summary>Every job passing the filter (null: all), all pages fetched now.</summary>
    public ResourceList<Job> ListJobs(JobFilter filter = null) {
        JobListHandle list;
        using (JobFilterHandle f = JobFilter.ToNative(filter)) Native.abc_workspace_list_jobs(out list, Handle, f);
        return WrapJobs(list);
    }

    // A job list of this workspace as a ResourceList (each Job the caller's).
    internal ResourceList<Job> WrapJobs(JobListHandle list) {
        Adopt(list);
        return new ResourceList<Job>(list, () => (int)Native.abc_job_list_count(list), index => {
            JobHandle job;
            Native.abc_job_list_get(out job, list, (uint)index);
            return Job.Adopt(this, job);
        });
    }
    /// <summary>The jobs passing the filter, lazily, a page at a time.</summary>
    public IEnumerable<Job> Jobs(JobFilter filter = null) {
        return WalkRecords<JobIteratorHandle, JobHandle, Job>((out JobIteratorHandle it) => {
            using (JobFilterHandle f = JobFilter.ToNative(filter)) return Native.abc_workspace_iterate_jobs(out it, Handle, f);
        }, Native.abc_job_iterator_next, h => Job.Adopt(this, h));
    }
}

}
