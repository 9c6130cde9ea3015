// The entry point: one workspace id plus credentials. Thread-safe.
using System;
using System.Threading;

namespace AirbyteCloud {

/// <summary>
/// A workspace on an Airbyte API server. Safe to share between threads: any number of threads
/// may use one Workspace (and the connections and jobs made from it) at the same time.
/// Dispose it when done; connections and jobs made from it keep the native workspace alive until
/// they are disposed too.
/// </summary>
public sealed partial class Workspace : IDisposable {
    internal readonly WorkspaceHandle Handle;

    /// <summary>Makes a workspace handle. No request is sent; see Connect().</summary>
    /// <param name="workspaceId">The workspace UUID.</param>
    /// <param name="options">Settings (copied); null means all defaults, which have no credentials.</param>
    public Workspace(string workspaceId, ClientOptions options = null) {
        if (workspaceId == null) throw new ArgumentNullException("workspaceId");
        NativeMethods.LogCallback log;
        using (OptionsHandle native = (options ?? new ClientOptions()).ToNative(out log)) {
            Native.abc_workspace_new(out Handle, workspaceId, native);
        }
        Handle.KeepAlive(log);
    }

    private Workspace(WorkspaceHandle handle) { Handle = handle; }

    /// <summary>
    /// A workspace whose id comes from AIRBYTE_CLOUD_WORKSPACE_ID, with options completed from the
    /// environment (see ClientOptions.LoadEnvironment).
    /// </summary>
    public static Workspace FromEnvironment(ClientOptions options = null) {
        NativeMethods.LogCallback log;
        WorkspaceHandle handle;
        using (OptionsHandle native = (options ?? new ClientOptions()).ToNative(out log)) {
            Native.abc_workspace_new_from_environment(out handle, native);
        }
        handle.KeepAlive(log);
        return new Workspace(handle);
    }

    /// <summary>The workspace id.</summary>
    public string Id { get { return Native.abc_workspace_id(Handle); } }
    /// <summary>The API root in use.</summary>
    public string ApiUrl { get { return Native.abc_workspace_api_url(Handle); } }
    /// <summary>The Config API root the diagnostics use ("" when it could not be derived).</summary>
    public string ConfigApiUrl { get { return Native.abc_workspace_config_api_url(Handle); } }
    /// <summary>The workspace's web UI address.</summary>
    public string Url { get { return Native.abc_workspace_url(Handle); } }
    public bool IsDisposed { get { return Handle.IsDisposed; } }

    /// <summary>
    /// The request budget's state (shared by the workspaces of one API URL and credential). No
    /// request is sent.
    /// </summary>
    public RequestBudget RequestBudget {
        get {
            double rate;
            long rateLimited, pausedMs, delayedMs;
            Native.abc_workspace_request_budget(out rate, out rateLimited, out pausedMs, out delayedMs, Handle);
            return new RequestBudget(rate, rateLimited, TimeSpan.FromMilliseconds(pausedMs),
                                     TimeSpan.FromMilliseconds(delayedMs));
        }
    }

    /// <summary>
    /// Checks that the API is reachable and the credentials grant this workspace. Throws
    /// TransportException / RequestTimeoutException (unreachable), AuthException (credentials
    /// rejected), NotFoundException / ForbiddenException (no such workspace or no access).
    /// </summary>
    public void Connect() { Native.abc_workspace_connect(Handle); }

    /// <summary>A connection handle. No request is sent until a detail is read.</summary>
    public Connection GetConnection(string connectionId) {
        if (connectionId == null) throw new ArgumentNullException("connectionId");
        ConnectionHandle handle;
        Native.abc_connection_get(out handle, Handle, connectionId);
        return new Connection(this, Adopt(handle));
    }

    /// <summary>Fetches a job by id.</summary>
    public Job GetJob(long jobId) {
        JobHandle handle;
        Native.abc_job_get(out handle, Handle, jobId);
        return Job.Adopt(this, handle);
    }

    /// <summary>
    /// Starts a sync on a connection and, unless options say not to, waits until the job is final.
    /// Starting is never retried in a way that could create a second job. When the sync started
    /// but the wait failed (SyncFailedException, WaitTimeoutException, CancelledException,
    /// OperationCanceledException, a transport error while polling), the exception's Job is the
    /// job, which goes on on the server.
    /// </summary>
    /// <param name="cancellationToken">Cancels the wait (not the job): OperationCanceledException.</param>
    public Job RunSync(string connectionId, SyncOptions options = null,
                       CancellationToken cancellationToken = default(CancellationToken)) {
        if (connectionId == null) throw new ArgumentNullException("connectionId");
        using (var scope = new WaitScope(options, cancellationToken, true)) {
            JobHandle handle = null;
            try {
                Native.abc_run_sync(out handle, Handle, connectionId, scope.Options);
                Job job = Job.Adopt(this, handle);
                scope.Complete();
                return job;
            } catch (AirbyteException e) {
                if (handle != null && !handle.IsInvalid && e.Job == null) e.Job = Job.Adopt(this, handle);
                scope.Rethrow(e);
                throw;
            }
        }
    }

    /// <summary>A waiter that hands back each of many jobs as it becomes final.</summary>
    public JobWaiter CreateWaiter() { return new JobWaiter(this); }

    public void Dispose() { Handle.Dispose(); }

    // A handle made from this workspace: it keeps the native workspace alive until it is freed.
    internal T Adopt<T>(T handle) where T : NativeHandle {
        try {
            handle.Borrow(Handle);
        } catch {
            handle.Dispose();
            throw;
        }
        return handle;
    }
}

/// <summary>What Connection, Job, Source and Destination share: the workspace they were made
/// from, and a native handle that Dispose() frees (the finalizer does, as a safety net).</summary>
public abstract class WorkspaceObject : IDisposable {
    internal readonly NativeHandle BaseHandle;

    internal WorkspaceObject(Workspace workspace, NativeHandle handle) {
        Workspace = workspace;
        BaseHandle = handle;
    }

    public Workspace Workspace { get; private set; }
    public bool IsDisposed { get { return BaseHandle.IsDisposed; } }

    public void Dispose() { BaseHandle.Dispose(); }
}

/// <summary>A workspace's request budget (see Workspace.RequestBudget).</summary>
public sealed class RequestBudget {
    /// <summary>The cap in requests per second (0: none).</summary>
    public double Rate { get; }
    /// <summary>429 responses received so far.</summary>
    public long RateLimited { get; }
    /// <summary>What is left of the pause the last 429 started.</summary>
    public TimeSpan Paused { get; }
    /// <summary>The total time requests waited for the budget.</summary>
    public TimeSpan Delayed { get; }

    internal RequestBudget(double rate, long rateLimited, TimeSpan paused, TimeSpan delayed) {
        Rate = rate;
        RateLimited = rateLimited;
        Paused = paused;
        Delayed = delayed;
    }
}

}
