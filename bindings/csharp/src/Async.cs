// The one helper behind every *Async method: a blocking native call run on the thread pool,
// with a CancellationToken that ends the wait for it at once.
using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;

namespace AirbyteCloud {

internal static class Async {
    // Runs `call` on the thread pool. Cancelling `cancellationToken` cancels the returned Task at
    // once. Waits (RunSync, Wait, Next) also pass the token to C, which stops them; any other
    // native call cannot be interrupted: it finishes in the background (within the workspace's
    // request timeout and retry deadline), keeping its handles leased, and a result nobody will
    // receive is disposed. A create cancelled that way may still create the resource.
    internal static Task<T> Run<T>(Func<T> call, CancellationToken cancellationToken) {
        if (call == null) throw new ArgumentNullException("call");
        if (cancellationToken.IsCancellationRequested) return Task.FromCanceled<T>(cancellationToken);
        Task<T> work = Task.Run(call);
        if (!cancellationToken.CanBeCanceled) return work;
        var outcome = new TaskCompletionSource<T>(TaskCreationOptions.RunContinuationsAsynchronously);
        CancellationTokenRegistration registration =
            cancellationToken.Register(() => outcome.TrySetCanceled(cancellationToken));
        work.ContinueWith(done => {
            registration.Dispose();
            if (done.IsFaulted) {
                Exception error = done.Exception.InnerException;
                var cancelled = error as OperationCanceledException;
                if (cancelled != null) outcome.TrySetCanceled(cancelled.CancellationToken);
                else outcome.TrySetException(error);
            } else if (done.IsCanceled) {
                outcome.TrySetCanceled(cancellationToken);
            } else if (!outcome.TrySetResult(done.Result)) {
                var unwanted = done.Result as IDisposable; // the caller gave up on it
                if (unwanted != null) unwanted.Dispose();
            }
        }, TaskScheduler.Default);
        return outcome.Task;
    }

    internal static Task Run(Action call, CancellationToken cancellationToken) {
        return Run<object>(() => { call(); return null; }, cancellationToken);
    }
}

// The async twin of every call that sends a request: each is the blocking call run by
// Async.Run, so a new operation costs one line here. `cancellationToken` cancels the returned Task
// at once (see Async.Run for what happens to the native call).

public sealed partial class Workspace {
    // Issue 13, one line each (CancellationToken ct as everywhere).
    public Task<Tag> CreateTagAsync(string name, string color, CancellationToken ct = default(CancellationToken)) => Async.Run(() => CreateTag(name, color), ct);
    public Task<Tag> GetTagAsync(string tagId, CancellationToken ct = default(CancellationToken)) => Async.Run(() => GetTag(tagId), ct);
    public Task DeleteTagAsync(string tagId, CancellationToken ct = default(CancellationToken)) => Async.Run(() => DeleteTag(tagId), ct);
    public Task<Permission> CreatePermissionAsync(string userId, string permissionType, string workspaceId, string organizationId = null,
        CancellationToken ct = default(CancellationToken)) => Async.Run(() => CreatePermission(userId, permissionType, workspaceId, organizationId), ct);
    public Task<Permission> GetPermissionAsync(string permissionId, CancellationToken ct = default(CancellationToken)) => Async.Run(() => GetPermission(permissionId), ct);
    public Task<Permission> UpdatePermissionAsync(string permissionId, string permissionType, CancellationToken ct = default(CancellationToken)) =>
        Async.Run(() => UpdatePermission(permissionId, permissionType), ct);
    public Task DeletePermissionAsync(string permissionId, CancellationToken ct = default(CancellationToken)) => Async.Run(() => DeletePermission(permissionId), ct);
    public Task<Definition> CreateDefinitionAsync(DefinitionKind kind, string name, string dockerRepository, string dockerImageTag,
        string documentationUrl = null, CancellationToken ct = default(CancellationToken)) =>
        Async.Run(() => CreateDefinition(kind, name, dockerRepository, dockerImageTag, documentationUrl), ct);
    public Task<Definition> GetDefinitionAsync(DefinitionKind kind, string definitionId, CancellationToken ct = default(CancellationToken)) =>
        Async.Run(() => GetDefinition(kind, definitionId), ct);
    public Task<Definition> UpdateDefinitionAsync(DefinitionKind kind, string definitionId, string name = null, string dockerImageTag = null,
        CancellationToken ct = default(CancellationToken)) => Async.Run(() => UpdateDefinition(kind, definitionId, name, dockerImageTag), ct);
    public Task DeleteDefinitionAsync(DefinitionKind kind, string definitionId, CancellationToken ct = default(CancellationToken)) =>
        Async.Run(() => DeleteDefinition(kind, definitionId), ct);
    public Task<DeclarativeDefinition> CreateDeclarativeDefinitionAsync(string name, string manifestJson, CancellationToken ct = default(CancellationToken)) =>
        Async.Run(() => CreateDeclarativeDefinition(name, manifestJson), ct);
    public Task<DeclarativeDefinition> GetDeclarativeDefinitionAsync(string definitionId, CancellationToken ct = default(CancellationToken)) =>
        Async.Run(() => GetDeclarativeDefinition(definitionId), ct);
    public Task<DeclarativeDefinition> UpdateDeclarativeDefinitionAsync(string definitionId, string manifestJson,
        CancellationToken ct = default(CancellationToken)) => Async.Run(() => UpdateDeclarativeDefinition(definitionId, manifestJson), ct);
    public Task DeleteDeclarativeDefinitionAsync(string definitionId, CancellationToken ct = default(CancellationToken)) =>
        Async.Run(() => DeleteDeclarativeDefinition(definitionId), ct);
    public Task<WorkspaceInfo> CreateWorkspaceAsync(string name, string organizationId = null, string notificationsJson = null,
        CancellationToken ct = default(CancellationToken)) => Async.Run(() => CreateWorkspace(name, organizationId, notificationsJson), ct);
    public Task<WorkspaceInfo> UpdateWorkspaceAsync(string workspaceId, string name = null, string notificationsJson = null,
        CancellationToken ct = default(CancellationToken)) => Async.Run(() => UpdateWorkspace(workspaceId, name, notificationsJson), ct);
    public Task DeleteWorkspaceAsync(string workspaceId, SafeMode safeMode = SafeMode.Default, CancellationToken ct = default(CancellationToken)) =>
        Async.Run(() => DeleteWorkspace(workspaceId, safeMode), ct);
    public Task CheckHealthAsync(CancellationToken ct = default(CancellationToken)) => Async.Run(CheckHealth, ct);
    /// <summary>Request on the thread pool: the HTTP status and the body.</summary>
    public Task<KeyValuePair<int, string>> RequestAsync(string method, string path, string bodyJson = null,
        CancellationToken ct = default(CancellationToken)) => Async.Run(() => {
            int status;
            string body = Request(method, path, bodyJson, out status);
            return new KeyValuePair<int, string>(status, body);
        }, ct);
    public Task<string> InitiateOAuthAsync(string sourceType, string redirectUrl, string oauthInputJson = null,
        CancellationToken ct = default(CancellationToken)) => Async.Run(() => InitiateOAuth(sourceType, redirectUrl, oauthInputJson), ct);
    public Task SetOAuthCredentialsAsync(OAuthScope scope, string id, string actorType, string name, string configurationJson,
        CancellationToken ct = default(CancellationToken)) => Async.Run(() => SetOAuthCredentials(scope, id, actorType, name, configurationJson), ct);
    public Task DeleteOAuthCredentialsAsync(OAuthScope scope, string id, string actorType, string name,
        CancellationToken ct = default(CancellationToken)) => Async.Run(() => DeleteOAuthCredentials(scope, id, actorType, name), ct);
    public Task<ResourceList<Job>> ListJobsAsync(JobFilter filter = null, CancellationToken ct = default(CancellationToken)) =>
        Async.Run(() => ListJobs(filter), ct);

    public Task<IReadOnlyList<Attempt>> GetJobAttemptsAsync(long jobId, CancellationToken cancellationToken = default(CancellationToken)) {
        return Async.Run(() => GetJobAttempts(jobId), cancellationToken);
    }
    /// <summary>ReadJobLog on the thread pool; the token also stops the read natively.</summary>
    public Task<long> ReadJobLogAsync(long jobId, Func<string, bool> onLine, long attempt = LastAttempt, bool follow = false,
                                      CancellationToken cancellationToken = default(CancellationToken)) {
        return Async.Run(() => ReadJobLog(jobId, onLine, attempt, follow, cancellationToken), cancellationToken);
    }
    public Task<ConnectionState> GetConnectionStateAsync(string connectionId, CancellationToken cancellationToken = default(CancellationToken)) {
        return Async.Run(() => GetConnectionState(connectionId), cancellationToken);
    }
    public Task<ConnectionState> SetConnectionStateAsync(string connectionId, string stateJson,
                                                         CancellationToken cancellationToken = default(CancellationToken)) {
        return Async.Run(() => SetConnectionState(connectionId, stateJson), cancellationToken);
    }
    public Task<ConfiguredCatalog> GetConfiguredCatalogAsync(string connectionId, CancellationToken cancellationToken = default(CancellationToken)) {
        return Async.Run(() => GetConfiguredCatalog(connectionId), cancellationToken);
    }
    public Task<CheckResult> CheckSourceAsync(string sourceId, CancellationToken cancellationToken = default(CancellationToken)) {
        return Async.Run(() => CheckSource(sourceId), cancellationToken);
    }
    public Task<CheckResult> CheckDestinationAsync(string destinationId, CancellationToken cancellationToken = default(CancellationToken)) {
        return Async.Run(() => CheckDestination(destinationId), cancellationToken);
    }
    public Task ConnectAsync(CancellationToken cancellationToken = default(CancellationToken)) {
        return Async.Run(Connect, cancellationToken);
    }
    public Task<Job> GetJobAsync(long jobId, CancellationToken cancellationToken = default(CancellationToken)) {
        return Async.Run(() => GetJob(jobId), cancellationToken);
    }
    /// <summary>RunSync on the thread pool; the token also cancels the wait natively.</summary>
    public Task<Job> RunSyncAsync(string connectionId, SyncOptions options = null,
                                  CancellationToken cancellationToken = default(CancellationToken)) {
        return Async.Run(() => RunSync(connectionId, options, cancellationToken), cancellationToken);
    }
    public Task<Source> CreateSourceAsync(string name, string sourceType, string configurationJson, string definitionId = null,
                                          CancellationToken cancellationToken = default(CancellationToken)) {
        return Async.Run(() => CreateSource(name, sourceType, configurationJson, definitionId), cancellationToken);
    }
    public Task<Source> GetSourceAsync(string sourceId, CancellationToken cancellationToken = default(CancellationToken)) {
        return Async.Run(() => GetSource(sourceId), cancellationToken);
    }
    public Task DeleteSourceAsync(string sourceId, SafeMode safeMode = SafeMode.Default,
                                  CancellationToken cancellationToken = default(CancellationToken)) {
        return Async.Run(() => DeleteSource(sourceId, safeMode), cancellationToken);
    }
    public Task<ResourceList<Source>> ListSourcesAsync(ListOptions options = null,
                                                       CancellationToken cancellationToken = default(CancellationToken)) {
        return Async.Run(() => ListSources(options), cancellationToken);
    }
    public Task<Destination> CreateDestinationAsync(string name, string destinationType, string configurationJson,
                                                    string definitionId = null,
                                                    CancellationToken cancellationToken = default(CancellationToken)) {
        return Async.Run(() => CreateDestination(name, destinationType, configurationJson, definitionId), cancellationToken);
    }
    public Task<Destination> GetDestinationAsync(string destinationId, CancellationToken cancellationToken = default(CancellationToken)) {
        return Async.Run(() => GetDestination(destinationId), cancellationToken);
    }
    public Task DeleteDestinationAsync(string destinationId, SafeMode safeMode = SafeMode.Default,
                                       CancellationToken cancellationToken = default(CancellationToken)) {
        return Async.Run(() => DeleteDestination(destinationId, safeMode), cancellationToken);
    }
    public Task<ResourceList<Destination>> ListDestinationsAsync(ListOptions options = null,
                                                                 CancellationToken cancellationToken = default(CancellationToken)) {
        return Async.Run(() => ListDestinations(options), cancellationToken);
    }
    public Task<Connection> CreateConnectionAsync(ConnectionSpec spec, CancellationToken cancellationToken = default(CancellationToken)) {
        return Async.Run(() => CreateConnection(spec), cancellationToken);
    }
    public Task DeleteConnectionAsync(string connectionId, bool cascade = false, SafeMode safeMode = SafeMode.Default,
                                      CancellationToken cancellationToken = default(CancellationToken)) {
        return Async.Run(() => DeleteConnection(connectionId, cascade, safeMode), cancellationToken);
    }
    public Task<ResourceList<Connection>> ListConnectionsAsync(ListOptions options = null,
                                                               CancellationToken cancellationToken = default(CancellationToken)) {
        return Async.Run(() => ListConnections(options), cancellationToken);
    }
    public Task<WorkspaceInfo> GetInfoAsync(string workspaceId = null, CancellationToken cancellationToken = default(CancellationToken)) {
        return Async.Run(() => GetInfo(workspaceId), cancellationToken);
    }
    public Task<string> GetNameAsync(CancellationToken cancellationToken = default(CancellationToken)) {
        return Async.Run(GetName, cancellationToken);
    }
    public Task<IReadOnlyList<WorkspaceInfo>> ListWorkspacesAsync(ListOptions options = null,
                                                                  CancellationToken cancellationToken = default(CancellationToken)) {
        return Async.Run(() => ListWorkspaces(options), cancellationToken);
    }
    public Task<StreamCatalog> GetStreamCatalogAsync(string sourceId, string destinationId = null,
                                                     CancellationToken cancellationToken = default(CancellationToken)) {
        return Async.Run(() => GetStreamCatalog(sourceId, destinationId), cancellationToken);
    }
}

public sealed partial class Connection {
    /// <summary>Fetches the details; the properties then read them without a request.</summary>
    public Task RefreshAsync(CancellationToken cancellationToken = default(CancellationToken)) {
        return Async.Run(Refresh, cancellationToken);
    }
    public Task<Job> RunSyncAsync(SyncOptions options = null, CancellationToken cancellationToken = default(CancellationToken)) {
        return Workspace.RunSyncAsync(Id, options, cancellationToken);
    }
    public Task<ResourceList<Job>> ListJobsAsync(int limit = 20, long offset = 0,
                                                 CancellationToken cancellationToken = default(CancellationToken)) {
        return Async.Run(() => ListJobs(limit, offset), cancellationToken);
    }
    public Task<Job> LatestJobAsync(CancellationToken cancellationToken = default(CancellationToken)) {
        return Async.Run(LatestJob, cancellationToken);
    }
    public Task UpdateAsync(ConnectionSpec changes, CancellationToken cancellationToken = default(CancellationToken)) {
        return Async.Run(() => Update(changes), cancellationToken);
    }
    public Task DeleteAsync(bool cascade = false, SafeMode safeMode = SafeMode.Default,
                            CancellationToken cancellationToken = default(CancellationToken)) {
        return Async.Run(() => Delete(cascade, safeMode), cancellationToken);
    }
    public Task<DatasetSet> GetDatasetsAsync(DatasetOptions options = null, CancellationToken cancellationToken = default(CancellationToken)) {
        return Async.Run(() => GetDatasets(options), cancellationToken);
    }
}

public sealed partial class Job {
    public Task RefreshAsync(CancellationToken cancellationToken = default(CancellationToken)) {
        return Async.Run(Refresh, cancellationToken);
    }
    /// <summary>Wait on the thread pool; the token also cancels the wait natively.</summary>
    public Task WaitAsync(SyncOptions options = null, CancellationToken cancellationToken = default(CancellationToken)) {
        return Async.Run(() => Wait(options, cancellationToken), cancellationToken);
    }
    public Task CancelAsync(CancellationToken cancellationToken = default(CancellationToken)) {
        return Async.Run(Cancel, cancellationToken);
    }
    public Task<DatasetSet> GetDatasetsAsync(DatasetOptions options = null, CancellationToken cancellationToken = default(CancellationToken)) {
        return Async.Run(() => GetDatasets(options), cancellationToken);
    }
}

public sealed partial class JobWaiter {
    public Task<Job> NextAsync(TimeSpan timeout, CancellationToken cancellationToken = default(CancellationToken)) {
        return Async.Run(() => Next(timeout, cancellationToken), cancellationToken);
    }
}

public sealed partial class Dataset {
    /// <summary>Columns on the thread pool (the first use queries the warehouse).</summary>
    public Task<IReadOnlyList<DatasetColumn>> GetColumnsAsync(CancellationToken cancellationToken = default(CancellationToken)) {
        return Async.Run(() => Columns, cancellationToken);
    }
    public Task<long> CountRowsAsync(CancellationToken cancellationToken = default(CancellationToken)) {
        return Async.Run(CountRows, cancellationToken);
    }
    public Task<DatasetCursor> OpenCursorAsync(CancellationToken cancellationToken = default(CancellationToken)) {
        return Async.Run(OpenCursor, cancellationToken);
    }
}

public sealed partial class DatasetCursor {
    /// <summary>Read on the thread pool (a new page may be fetched).</summary>
    public Task<bool> ReadAsync(CancellationToken cancellationToken = default(CancellationToken)) {
        return Async.Run(Read, cancellationToken);
    }
}

}
