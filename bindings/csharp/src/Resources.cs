// Managing resources: sources, destinations, connections, workspaces and stream catalogs.
// Configurations are JSON text, in and out, as in the C API.
using System;
using System.Collections;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;

namespace AirbyteCloud {

/// <summary>Whether a delete first checks that each resource it removes is named as disposable
/// (its name contains "deleteme" or "delete-me"). A refused delete throws RefusedException.</summary>
public enum SafeMode {
    /// <summary>On for a cascading delete, off for the delete of the one resource named.</summary>
    Default = (int)abc_safe_mode.ABC_SAFE_MODE_DEFAULT,
    /// <summary>Check every resource the call deletes.</summary>
    On = (int)abc_safe_mode.ABC_SAFE_MODE_ON,
    /// <summary>Delete without checking names.</summary>
    Off = (int)abc_safe_mode.ABC_SAFE_MODE_OFF,
}

/// <summary>Which items a list or a walk hands out, and how it pages. Default: every item,
/// 100 per request, deleted ones left out. Names are matched client-side.</summary>
public sealed class ListOptions {
    /// <summary>Only items named exactly this.</summary>
    public string Name { get; set; }
    /// <summary>Only items whose name contains this, ignoring ASCII letter case.</summary>
    public string NameContains { get; set; }
    /// <summary>Items asked for per request, 1..100.</summary>
    public int? PageSize { get; set; }
    public bool IncludeDeleted { get; set; }
    /// <summary>The API's own filters, where a list takes them.</summary>
    public IList<string> WorkspaceIds { get; } = new List<string>();
    public IList<string> TagIds { get; } = new List<string>();
    public IList<string> UserIds { get; } = new List<string>();
    public IList<string> Emails { get; } = new List<string>();

    /// <summary>Whether an item named `name` passes the name filters (no request).</summary>
    public bool Matches(string name) {
        using (ListOptionsHandle native = ToNative(this)) return Native.abc_list_options_matches(native, name) != 0;
    }

    // null for null (the C API's "everything").
    internal static ListOptionsHandle ToNative(ListOptions options) {
        if (options == null) return null;
        return NativeHandle.Made<ListOptionsHandle>(Native.abc_list_options_new, native => {
            if (options.Name != null) Native.abc_list_options_set_name(native, options.Name);
            if (options.NameContains != null) Native.abc_list_options_set_name_contains(native, options.NameContains);
            if (options.PageSize.HasValue) Native.abc_list_options_set_page_size(native, options.PageSize.Value);
            if (options.IncludeDeleted) Native.abc_list_options_set_include_deleted(native, 1);
            foreach (string id in options.WorkspaceIds) Native.abc_list_options_add_workspace_id(native, id);
            foreach (string id in options.TagIds) Native.abc_list_options_add_tag_id(native, id);
            foreach (string id in options.UserIds) Native.abc_list_options_add_user_id(native, id);
            foreach (string email in options.Emails) Native.abc_list_options_add_email(native, email);
        });
    }
}

/// <summary>
/// A list fetched at once (every page). Each element read is a new object the caller owns
/// (dispose it or let the GC do it); the list itself is disposable too.
/// </summary>
public sealed class ResourceList<T> : IReadOnlyList<T>, IDisposable where T : class {
    private readonly NativeHandle handle;
    private readonly Func<int> count;
    private readonly Func<int, T> get;

    internal ResourceList(NativeHandle handle, Func<int> count, Func<int, T> get) {
        this.handle = handle;
        this.count = count;
        this.get = get;
    }

    public int Count { get { return count(); } }

    public T this[int index] {
        get {
            if (index < 0) throw new ArgumentOutOfRangeException("index");
            return get(index);
        }
    }

    public IEnumerator<T> GetEnumerator() {
        int total = Count;
        for (int index = 0; index < total; index++) yield return this[index];
    }

    IEnumerator IEnumerable.GetEnumerator() { return GetEnumerator(); }

    public void Dispose() { handle.Dispose(); }
}

// The C API of one kind of workspace list: all pages at once, or a lazy iterator.
internal delegate abc_status OpenList<THandle>(out THandle list, WorkspaceHandle workspace, ListOptionsHandle options);
internal delegate abc_status ListItem<TList, TItem>(out TItem item, TList list, uint index);
internal delegate abc_status NextItem<TIterator, TItem>(out TItem item, TIterator iterator);
// The create and get calls of sources and destinations, which differ only in their handle type.
internal delegate abc_status CreateActorCall<THandle>(out THandle actor, WorkspaceHandle workspace, string name,
                                                      string type, string definitionId, string configurationJson);
internal delegate abc_status GetActorCall<THandle>(out THandle actor, WorkspaceHandle workspace, string id);

internal sealed class ListApi<TList, TIterator, TItem>
    where TList : NativeHandle where TIterator : NativeHandle where TItem : NativeHandle {
    internal readonly OpenList<TList> List;
    internal readonly Func<TList, uint> Count;
    internal readonly ListItem<TList, TItem> At;
    internal readonly OpenList<TIterator> Iterate;
    internal readonly NextItem<TIterator, TItem> Next;

    internal ListApi(OpenList<TList> list, Func<TList, uint> count, ListItem<TList, TItem> at, OpenList<TIterator> iterate,
                     NextItem<TIterator, TItem> next) {
        List = list;
        Count = count;
        At = at;
        Iterate = iterate;
        Next = next;
    }
}

/// <summary>What sources and destinations share (Airbyte calls both "actors"): a snapshot whose
/// properties send no request; Refresh, Rename, UpdateConfiguration and Replace update it. Use
/// from one thread at a time (after a cancelled async call, the object is in use until its native
/// call ends).</summary>
public abstract class Actor : WorkspaceObject {
    private readonly ActorApi api;

    internal Actor(Workspace workspace, NativeHandle handle, ActorApi api) : base(workspace, handle) { this.api = api; }

    internal NativeHandle Handle { get { return BaseHandle; } }
    public string Id { get { return api.Id(Handle); } }
    public string Name { get { return api.Name(Handle); } }
    public string DefinitionId { get { return api.DefinitionId(Handle); } }
    public string WorkspaceId { get { return api.WorkspaceId(Handle); } }
    /// <summary>The configuration as compact JSON text, secrets masked.</summary>
    public string Configuration { get { return api.Configuration(Handle); } }
    public DateTimeOffset? CreatedAt { get { return Time.FromUnixSeconds(api.CreatedAt(Handle)); } }
    internal string ConnectorType { get { return api.Type(Handle); } }

    /// <summary>Fetches the actor again.</summary>
    public void Refresh() { api.Refresh(Handle); }
    /// <summary>Renames the actor (PATCH).</summary>
    public void Rename(string name) { api.Rename(Handle, Required(name, "name")); }
    /// <summary>Replaces the configuration fields given (PATCH); the others stay.</summary>
    public void UpdateConfiguration(string configurationJson) {
        api.Update(Handle, Required(configurationJson, "configurationJson"));
    }
    /// <summary>Replaces name and whole configuration (PUT); masked secrets sent back keep their values.</summary>
    public void Replace(string name, string configurationJson) {
        api.Replace(Handle, Required(name, "name"), Required(configurationJson, "configurationJson"));
    }
    /// <summary>Deletes the actor (and, on the server, the connections that use it).</summary>
    public void Delete(SafeMode safeMode = SafeMode.Default) { api.Delete(Workspace, Id, safeMode); }

    public Task RefreshAsync(CancellationToken cancellationToken = default(CancellationToken)) {
        return Async.Run(Refresh, cancellationToken);
    }
    public Task RenameAsync(string name, CancellationToken cancellationToken = default(CancellationToken)) {
        return Async.Run(() => Rename(name), cancellationToken);
    }
    public Task UpdateConfigurationAsync(string configurationJson, CancellationToken cancellationToken = default(CancellationToken)) {
        return Async.Run(() => UpdateConfiguration(configurationJson), cancellationToken);
    }
    public Task ReplaceAsync(string name, string configurationJson, CancellationToken cancellationToken = default(CancellationToken)) {
        return Async.Run(() => Replace(name, configurationJson), cancellationToken);
    }
    public Task DeleteAsync(SafeMode safeMode = SafeMode.Default, CancellationToken cancellationToken = default(CancellationToken)) {
        return Async.Run(() => Delete(safeMode), cancellationToken);
    }

    public override string ToString() {
        return IsDisposed ? api.Kind + " (disposed)" : api.Kind + " " + Id + " (" + Name + ")";
    }

    internal static string Required(string value, string argument) {
        if (value == null) throw new ArgumentNullException(argument);
        return value;
    }
}

// The C API of one actor kind; sources and destinations have the same shape.
internal sealed class ActorApi {
    internal string Kind;
    internal Func<NativeHandle, string> Id, Name, Type, DefinitionId, WorkspaceId, Configuration;
    internal Func<NativeHandle, long> CreatedAt;
    internal Action<NativeHandle> Refresh;
    internal Action<NativeHandle, string> Rename, Update;
    internal Action<NativeHandle, string, string> Replace;
    internal Action<Workspace, string, SafeMode> Delete;

    // One table from the kind's typed C functions (method groups), cast once here.
    private static ActorApi Of<T>(string kind, Func<T, string> id, Func<T, string> name, Func<T, string> type,
                                  Func<T, string> definitionId, Func<T, string> workspaceId, Func<T, string> configuration,
                                  Func<T, long> createdAt, Func<T, abc_status> refresh, Func<T, string, abc_status> rename,
                                  Func<T, string, abc_status> update, Func<T, string, string, abc_status> replace,
                                  Action<Workspace, string, SafeMode> delete) where T : NativeHandle {
        return new ActorApi {
            Kind = kind, Id = h => id((T)h), Name = h => name((T)h), Type = h => type((T)h),
            DefinitionId = h => definitionId((T)h), WorkspaceId = h => workspaceId((T)h),
            Configuration = h => configuration((T)h), CreatedAt = h => createdAt((T)h), Refresh = h => refresh((T)h),
            Rename = (h, text) => rename((T)h, text), Update = (h, json) => update((T)h, json),
            Replace = (h, text, json) => replace((T)h, text, json), Delete = delete,
        };
    }

    internal static readonly ActorApi Sources = Of<SourceHandle>("Source",
        Native.abc_source_id, Native.abc_source_name, Native.abc_source_type, Native.abc_source_definition_id,
        Native.abc_source_workspace_id, Native.abc_source_configuration, Native.abc_source_created_at, Native.abc_source_refresh,
        Native.abc_source_rename, Native.abc_source_update_configuration, Native.abc_source_replace,
        (workspace, id, mode) => workspace.DeleteSource(id, mode));

    internal static readonly ActorApi Destinations = Of<DestinationHandle>("Destination",
        Native.abc_destination_id, Native.abc_destination_name, Native.abc_destination_type, Native.abc_destination_definition_id,
        Native.abc_destination_workspace_id, Native.abc_destination_configuration, Native.abc_destination_created_at,
        Native.abc_destination_refresh, Native.abc_destination_rename, Native.abc_destination_update_configuration,
        Native.abc_destination_replace, (workspace, id, mode) => workspace.DeleteDestination(id, mode));
}

/// <summary>A snapshot of one source (see Actor).</summary>
public sealed class Source : Actor {
    internal Source(Workspace workspace, SourceHandle handle) : base(workspace, handle, ActorApi.Sources) { }

    /// <summary>The connector type ("faker"...), as the server reports it.</summary>
    public string SourceType { get { return ConnectorType; } }
}

/// <summary>A snapshot of one destination (see Actor).</summary>
public sealed class Destination : Actor {
    internal Destination(Workspace workspace, DestinationHandle handle) : base(workspace, handle, ActorApi.Destinations) { }

    /// <summary>The connector type ("postgres", "motherduck"...).</summary>
    public string DestinationType { get { return ConnectorType; } }
}

/// <summary>
/// Destination configuration JSON for the warehouses PyAirbyte deploys to, from typed settings:
/// pass the result to Workspace.CreateDestination. The JSON holds the secrets given: do not log it.
/// Optional arguments may be null.
/// </summary>
public static class DestinationConfig {
    /// <summary>Airbyte's definition id of destination-motherduck.</summary>
    public const string MotherDuckDefinitionId = Native.ABC_MOTHERDUCK_DEFINITION_ID;

    /// <param name="sslMode">"disable", "allow", "prefer" or "require".</param>
    public static string Postgres(string host, int port, string database, string schema, string username,
                                  string password = null, string sslMode = null) {
        string json;
        Native.abc_destination_config_postgres(out json, host, port, database, schema, username, password, sslMode);
        return json;
    }

    /// <param name="host">The account's host, e.g. "accountname.snowflakecomputing.com".</param>
    public static string SnowflakePassword(string host, string role, string warehouse, string database, string schema,
                                           string username, string password) {
        string json;
        Native.abc_destination_config_snowflake_password(out json, host, role, warehouse, database, schema, username, password);
        return json;
    }

    /// <param name="privateKey">The PEM text of the key, not a path.</param>
    public static string SnowflakeKeyPair(string host, string role, string warehouse, string database, string schema,
                                          string username, string privateKey, string privateKeyPassword = null) {
        string json;
        Native.abc_destination_config_snowflake_key_pair(out json, host, role, warehouse, database, schema, username,
                                                         privateKey, privateKeyPassword);
        return json;
    }

    /// <param name="credentialsJson">The service-account key file's content, or null.</param>
    public static string BigQuery(string projectId, string datasetId, string datasetLocation, string credentialsJson = null) {
        string json;
        Native.abc_destination_config_bigquery(out json, projectId, datasetId, datasetLocation, credentialsJson);
        return json;
    }

    /// <param name="destinationPath">e.g. "/local/file.duckdb", or "md:&lt;db&gt;" (then motherDuckApiKey).</param>
    public static string DuckDb(string destinationPath, string schema = null, string motherDuckApiKey = null) {
        string json;
        Native.abc_destination_config_duckdb(out json, destinationPath, schema, motherDuckApiKey);
        return json;
    }

    public static string MotherDuck(string motherDuckApiKey, string database = null, string schema = null) {
        string json;
        Native.abc_destination_config_motherduck(out json, motherDuckApiKey, database, schema);
        return json;
    }
}

/// <summary>A stream to select in a ConnectionSpec.</summary>
public sealed class StreamSelection {
    public string Name { get; set; }
    /// <summary>null for the server's default, or e.g. "full_refresh_overwrite", "incremental_append".</summary>
    public string SyncMode { get; set; }
    /// <summary>null for the source's default; a field name; or a JSON array of strings (a path).</summary>
    public string CursorField { get; set; }
    /// <summary>null for the source's default; a field name; or a JSON array of paths.</summary>
    public string PrimaryKey { get; set; }
}

/// <summary>
/// The fields of a connection to create (Name, SourceId, DestinationId required), or the changes
/// to make to one (Connection.Update). Unset (null/false/empty) fields are left out.
/// </summary>
public sealed class ConnectionSpec {
    private readonly List<StreamSelection> streams = new List<StreamSelection>();

    /// <summary>Tags to attach (an update replaces the connection's tags with these).</summary>
    public IList<Tag> Tags { get; } = new List<Tag>();

    public string Name { get; set; }
    public string SourceId { get; set; }
    public string DestinationId { get; set; }
    /// <summary>Prefix of the destination tables ("" for none).</summary>
    public string Prefix { get; set; }
    /// <summary>true: syncs only when started.</summary>
    public bool ManualSchedule { get; set; }
    /// <summary>A Quartz cron schedule, seconds first, e.g. "0 0 12 * * ?".</summary>
    public string CronSchedule { get; set; }
    /// <summary>"source", "destination" or "custom_format" (then NamespaceFormat).</summary>
    public string NamespaceDefinition { get; set; }
    public string NamespaceFormat { get; set; }
    /// <summary>"active" or "inactive".</summary>
    public string Status { get; set; }
    /// <summary>The selected streams: the connection's whole selection.</summary>
    public IList<StreamSelection> Streams { get { return streams; } }

    /// <summary>Selects a stream; returns this spec.</summary>
    public ConnectionSpec AddStream(string name, string syncMode = null, string cursorField = null, string primaryKey = null) {
        streams.Add(new StreamSelection { Name = name, SyncMode = syncMode, CursorField = cursorField, PrimaryKey = primaryKey });
        return this;
    }

    /// <summary>The POST /connections body this spec makes (no request).</summary>
    public string ToJson() {
        using (ConnectionSpecHandle native = ToNative()) {
            string json;
            Native.abc_connection_spec_to_json(out json, native);
            return json;
        }
    }

    internal ConnectionSpecHandle ToNative() {
        ConnectionSpecHandle native;
        Native.abc_connection_spec_new(out native);
        try {
            if (Name != null) Native.abc_connection_spec_set_name(native, Name);
            if (SourceId != null) Native.abc_connection_spec_set_source_id(native, SourceId);
            if (DestinationId != null) Native.abc_connection_spec_set_destination_id(native, DestinationId);
            foreach (StreamSelection stream in streams) {
                if (stream == null) throw new ArgumentException("Streams contains null.", "Streams");
                Native.abc_connection_spec_add_stream(native, stream.Name, stream.SyncMode, stream.CursorField, stream.PrimaryKey);
            }
            if (Prefix != null) Native.abc_connection_spec_set_prefix(native, Prefix);
            if (ManualSchedule) Native.abc_connection_spec_set_schedule_manual(native);
            if (CronSchedule != null) Native.abc_connection_spec_set_schedule_cron(native, CronSchedule);
            if (NamespaceDefinition != null || NamespaceFormat != null) {
                Native.abc_connection_spec_set_namespace(native, NamespaceDefinition, NamespaceFormat);
            }
            if (Status != null) Native.abc_connection_spec_set_status(native, Status);
            foreach (Tag tag in Tags) Native.abc_connection_spec_add_tag(native, tag.Handle);
            return native;
        } catch {
            native.Dispose();
            throw;
        }
    }
}

public sealed partial class Connection {
    /// <summary>"manual", "cron" or "basic".</summary>
    public string ScheduleType { get { return Detail(Native.abc_connection_schedule_type); } }
    /// <summary>The cron expression ("" unless the schedule is cron).</summary>
    public string CronExpression { get { return Detail(Native.abc_connection_cron_expression); } }
    /// <summary>"source", "destination" or "custom_format".</summary>
    public string NamespaceDefinition { get { return Detail(Native.abc_connection_namespace_definition); } }
    /// <summary>The whole connection as the API returned it, compact JSON.</summary>
    public string Json { get { return Detail(Native.abc_connection_json); } }

    /// <summary>Changes the connection (PATCH) by the fields set in `changes`; the details become the response.</summary>
    public void Update(ConnectionSpec changes) {
        if (changes == null) throw new ArgumentNullException("changes");
        using (ConnectionSpecHandle native = changes.ToNative()) Native.abc_connection_update(Handle, native);
    }

    /// <summary>Workspace.DeleteConnection on this connection.</summary>
    public void Delete(bool cascade = false, SafeMode safeMode = SafeMode.Default) {
        Workspace.DeleteConnection(Id, cascade, safeMode);
    }
}

/// <summary>Details of a workspace the credentials can reach (a copy; nothing to dispose).</summary>
public sealed class WorkspaceInfo {
    internal WorkspaceInfo(WorkspaceInfoHandle handle) {
        using (handle) {
            Id = Native.abc_workspace_info_id(handle);
            Name = Native.abc_workspace_info_name(handle);
            DataResidency = Native.abc_workspace_info_data_residency(handle);
            Json = Native.abc_workspace_info_json(handle);
        }
    }

    internal static WorkspaceInfo From(WorkspaceInfoHandle handle) {
        return handle == null || handle.IsInvalid ? null : new WorkspaceInfo(handle);
    }

    public string Id { get; private set; }
    public string Name { get; private set; }
    /// <summary>"auto", "us", "eu"...</summary>
    public string DataResidency { get; private set; }
    /// <summary>The workspace as the API gave it.</summary>
    public string Json { get; private set; }

    public override string ToString() { return "Workspace " + Id + " (" + Name + ")"; }
}

/// <summary>One stream a source offers. JSON arrays stay JSON text.</summary>
public sealed class StreamInfo {
    private readonly StreamCatalog catalog;
    private readonly int index;

    internal StreamInfo(StreamCatalog catalog, int index) {
        this.catalog = catalog;
        this.index = index;
        StreamCatalogHandle handle = catalog.Handle;
        string text;
        int flag;
        Native.abc_stream_catalog_name(out text, handle, (uint)index);
        Name = text;
        Native.abc_stream_catalog_namespace(out text, handle, (uint)index);
        Namespace = text;
        Native.abc_stream_catalog_sync_modes(out text, handle, (uint)index);
        SyncModesJson = text;
        Native.abc_stream_catalog_default_cursor(out text, handle, (uint)index);
        DefaultCursorJson = text;
        Native.abc_stream_catalog_source_defined_cursor(out flag, handle, (uint)index);
        SourceDefinedCursor = flag != 0;
        Native.abc_stream_catalog_primary_key(out text, handle, (uint)index);
        PrimaryKeyJson = text;
    }

    public string Name { get; private set; }
    /// <summary>"" when none.</summary>
    public string Namespace { get; private set; }
    /// <summary>The supported sync modes, a JSON array of strings.</summary>
    public string SyncModesJson { get; private set; }
    /// <summary>The default cursor field, a JSON array of strings ("[]" when none).</summary>
    public string DefaultCursorJson { get; private set; }
    /// <summary>true when the source defines the cursor (it cannot be chosen).</summary>
    public bool SourceDefinedCursor { get; private set; }
    /// <summary>The source-defined primary key, a JSON array of paths ("[]" when none).</summary>
    public string PrimaryKeyJson { get; private set; }

    /// <summary>Whether the stream supports `syncMode` (asks the catalog, which must not be disposed).</summary>
    public bool SupportsSyncMode(string syncMode) {
        int supported;
        Native.abc_stream_catalog_supports_sync_mode(out supported, catalog.Handle, (uint)index, syncMode);
        return supported != 0;
    }
}

/// <summary>What a source offers, to pick streams and sync modes before creating a connection.</summary>
public sealed class StreamCatalog : IReadOnlyList<StreamInfo>, IDisposable {
    internal readonly StreamCatalogHandle Handle;

    internal StreamCatalog(StreamCatalogHandle handle) { Handle = handle; }

    public int Count { get { return (int)Native.abc_stream_catalog_count(Handle); } }

    public StreamInfo this[int index] {
        get {
            if (index < 0) throw new ArgumentOutOfRangeException("index");
            return new StreamInfo(this, index);
        }
    }

    /// <summary>The index of the stream named `streamName`, or -1.</summary>
    public int IndexOf(string streamName) {
        if (streamName == null) throw new ArgumentNullException("streamName");
        try {
            long index;
            Native.abc_stream_catalog_find(out index, Handle, streamName);
            return (int)index;
        } catch (NotFoundException) {
            return -1;
        }
    }

    /// <summary>The stream named `streamName`, or null.</summary>
    public StreamInfo Find(string streamName) {
        int index = IndexOf(streamName);
        return index < 0 ? null : this[index];
    }

    public IEnumerator<StreamInfo> GetEnumerator() {
        int total = Count;
        for (int index = 0; index < total; index++) yield return this[index];
    }

    IEnumerator IEnumerable.GetEnumerator() { return GetEnumerator(); }

    public void Dispose() { Handle.Dispose(); }
}

public sealed partial class Workspace {
    private static readonly ListApi<SourceListHandle, SourceIteratorHandle, SourceHandle> SourceLists =
        new ListApi<SourceListHandle, SourceIteratorHandle, SourceHandle>(Native.abc_workspace_list_sources,
            Native.abc_source_list_count, Native.abc_source_list_get, Native.abc_workspace_iterate_sources, Native.abc_source_iterator_next);
    private static readonly ListApi<DestinationListHandle, DestinationIteratorHandle, DestinationHandle> DestinationLists =
        new ListApi<DestinationListHandle, DestinationIteratorHandle, DestinationHandle>(Native.abc_workspace_list_destinations,
            Native.abc_destination_list_count, Native.abc_destination_list_get, Native.abc_workspace_iterate_destinations,
            Native.abc_destination_iterator_next);
    private static readonly ListApi<ConnectionListHandle, ConnectionIteratorHandle, ConnectionHandle> ConnectionLists =
        new ListApi<ConnectionListHandle, ConnectionIteratorHandle, ConnectionHandle>(Native.abc_workspace_list_connections,
            Native.abc_connection_list_count, Native.abc_connection_list_get, Native.abc_workspace_iterate_connections,
            Native.abc_connection_iterator_next);
    private static readonly ListApi<WorkspaceInfoListHandle, WorkspaceInfoIteratorHandle, WorkspaceInfoHandle> WorkspaceLists =
        new ListApi<WorkspaceInfoListHandle, WorkspaceInfoIteratorHandle, WorkspaceInfoHandle>(Native.abc_workspace_list_workspaces,
            Native.abc_workspace_info_list_count, Native.abc_workspace_info_list_get, Native.abc_workspace_iterate_workspaces,
            Native.abc_workspace_info_iterator_next);

    // Every item of a workspace list, all pages fetched now.
    private ResourceList<T> FetchList<TList, TIterator, TItem, T>(ListApi<TList, TIterator, TItem> api, ListOptions options,
                                                                   Func<TItem, T> wrap)
        where TList : NativeHandle where TIterator : NativeHandle where TItem : NativeHandle where T : class {
        TList list;
        using (ListOptionsHandle native = ListOptions.ToNative(options)) api.List(out list, Handle, native);
        Adopt(list);
        return new ResourceList<T>(list, () => (int)api.Count(list), index => {
            TItem item;
            api.At(out item, list, (uint)index);
            return wrap(item);
        });
    }

    // A lazy walk over a workspace list: opened at the first MoveNext, a page at a time, freed
    // when the enumeration ends or is disposed.
    private IEnumerable<T> Walk<TList, TIterator, TItem, T>(ListApi<TList, TIterator, TItem> api, ListOptions options,
                                                            Func<TItem, T> wrap)
        where TList : NativeHandle where TIterator : NativeHandle where TItem : NativeHandle where T : class {
        TIterator iterator;
        using (ListOptionsHandle native = ListOptions.ToNative(options)) api.Iterate(out iterator, Handle, native);
        using (Adopt(iterator)) {
            while (true) {
                TItem item;
                api.Next(out item, iterator);
                if (item.IsInvalid) yield break;
                yield return wrap(item);
            }
        }
    }

    private T CreateActor<THandle, T>(CreateActorCall<THandle> create, Func<THandle, T> wrap, string name, string type,
                                      string configurationJson, string definitionId) {
        THandle handle;
        create(out handle, Handle, Actor.Required(name, "name"), type, definitionId,
               Actor.Required(configurationJson, "configurationJson"));
        return wrap(handle);
    }

    private T GetActor<THandle, T>(GetActorCall<THandle> get, Func<THandle, T> wrap, string id, string idName) {
        THandle handle;
        get(out handle, Handle, Actor.Required(id, idName));
        return wrap(handle);
    }

    private Source WrapSource(SourceHandle handle) { return new Source(this, Adopt(handle)); }
    private Destination WrapDestination(DestinationHandle handle) { return new Destination(this, Adopt(handle)); }
    private Connection WrapConnection(ConnectionHandle handle) { return new Connection(this, Adopt(handle)); }

    // ---- sources ----

    /// <summary>Creates a source. Never resent in a way that could create two.</summary>
    /// <param name="sourceType">The connector, e.g. "faker", "postgres"; null to rely on definitionId
    /// or the configuration's own "sourceType".</param>
    /// <param name="configurationJson">The connector configuration, a JSON object.</param>
    public Source CreateSource(string name, string sourceType, string configurationJson, string definitionId = null) {
        return CreateActor<SourceHandle, Source>(Native.abc_source_create, WrapSource, name, sourceType,
                                                 configurationJson, definitionId);
    }

    /// <summary>Fetches a source; secrets come back masked.</summary>
    public Source GetSource(string sourceId) {
        return GetActor<SourceHandle, Source>(Native.abc_source_get, WrapSource, sourceId, "sourceId");
    }

    /// <summary>Deletes a source; SafeMode.On refuses (RefusedException) unless its name is disposable.</summary>
    public void DeleteSource(string sourceId, SafeMode safeMode = SafeMode.Default) {
        Native.abc_source_delete(Handle, Actor.Required(sourceId, "sourceId"), (abc_safe_mode)safeMode);
    }

    /// <summary>Every source passing `options`, all pages fetched now.</summary>
    public ResourceList<Source> ListSources(ListOptions options = null) { return FetchList(SourceLists, options, WrapSource); }

    /// <summary>The sources passing `options`, a page at a time as the enumeration goes.</summary>
    public IEnumerable<Source> Sources(ListOptions options = null) { return Walk(SourceLists, options, WrapSource); }

    // ---- destinations ----

    /// <summary>Creates a destination (configuration e.g. from DestinationConfig).</summary>
    /// <param name="destinationType">e.g. "postgres", "snowflake", "bigquery", "duckdb", "motherduck".</param>
    public Destination CreateDestination(string name, string destinationType, string configurationJson,
                                         string definitionId = null) {
        return CreateActor<DestinationHandle, Destination>(Native.abc_destination_create, WrapDestination, name,
                                                           destinationType, configurationJson, definitionId);
    }

    public Destination GetDestination(string destinationId) {
        return GetActor<DestinationHandle, Destination>(Native.abc_destination_get, WrapDestination, destinationId,
                                                        "destinationId");
    }

    public void DeleteDestination(string destinationId, SafeMode safeMode = SafeMode.Default) {
        Native.abc_destination_delete(Handle, Actor.Required(destinationId, "destinationId"), (abc_safe_mode)safeMode);
    }

    public ResourceList<Destination> ListDestinations(ListOptions options = null) {
        return FetchList(DestinationLists, options, WrapDestination);
    }

    public IEnumerable<Destination> Destinations(ListOptions options = null) {
        return Walk(DestinationLists, options, WrapDestination);
    }

    // ---- connections ----

    /// <summary>Creates a connection; the returned Connection holds its details (no further request).</summary>
    public Connection CreateConnection(ConnectionSpec spec) {
        if (spec == null) throw new ArgumentNullException("spec");
        ConnectionHandle handle;
        using (ConnectionSpecHandle native = spec.ToNative()) Native.abc_connection_create(out handle, Handle, native);
        return WrapConnection(handle);
    }

    /// <summary>
    /// Deletes a connection and, with cascade, its source and destination. Safe mode (on by default
    /// for cascades) deletes nothing unless each resource is named as disposable and, for a cascade,
    /// no other connection uses the source or destination.
    /// </summary>
    public void DeleteConnection(string connectionId, bool cascade = false, SafeMode safeMode = SafeMode.Default) {
        Native.abc_connection_delete(Handle, Actor.Required(connectionId, "connectionId"), cascade ? 1 : 0,
                                     (abc_safe_mode)safeMode);
    }

    public ResourceList<Connection> ListConnections(ListOptions options = null) {
        return FetchList(ConnectionLists, options, WrapConnection);
    }

    public IEnumerable<Connection> Connections(ListOptions options = null) {
        return Walk(ConnectionLists, options, WrapConnection);
    }

    // ---- workspaces and streams ----

    /// <summary>A workspace's details; null workspaceId for this workspace.</summary>
    public WorkspaceInfo GetInfo(string workspaceId = null) {
        WorkspaceInfoHandle handle;
        Native.abc_workspace_info_get(out handle, Handle, workspaceId);
        return WorkspaceInfo.From(handle);
    }

    /// <summary>This workspace's name (one request each call).</summary>
    public string GetName() {
        string name;
        Native.abc_workspace_name(out name, Handle);
        return name;
    }

    /// <summary>Every workspace the credentials can reach passing `options`.</summary>
    public IReadOnlyList<WorkspaceInfo> ListWorkspaces(ListOptions options = null) {
        using (ResourceList<WorkspaceInfo> list = FetchList(WorkspaceLists, options, WorkspaceInfo.From)) {
            return new List<WorkspaceInfo>(list).AsReadOnly();
        }
    }

    /// <summary>The workspaces the credentials can reach, a page at a time.</summary>
    public IEnumerable<WorkspaceInfo> Workspaces(ListOptions options = null) {
        return Walk(WorkspaceLists, options, WorkspaceInfo.From);
    }

    /// <summary>The streams of a source; a destination id narrows them to its sync modes.</summary>
    public StreamCatalog GetStreamCatalog(string sourceId, string destinationId = null) {
        StreamCatalogHandle handle;
        Native.abc_stream_catalog_get(out handle, Handle, Actor.Required(sourceId, "sourceId"), destinationId);
        return new StreamCatalog(Adopt(handle));
    }
}

}
