// Sync jobs: a snapshot of one job, refreshed by Refresh() and the waits.
using System;
using System.Threading;

namespace AirbyteCloud {

/// <summary>
/// The latest snapshot of one job. Properties read the snapshot (no request); Refresh() and
/// Wait() update it. Use from one thread at a time.
/// </summary>
public sealed partial class Job : WorkspaceObject {
    private Job(Workspace workspace, JobHandle handle) : base(workspace, handle) { }

    internal JobHandle Handle { get { return (JobHandle)BaseHandle; } }

    // Wraps a job handle made from `workspace`; null for a NULL handle ("no job").
    internal static Job Adopt(Workspace workspace, JobHandle handle) {
        if (handle == null || handle.IsInvalid) return null;
        return new Job(workspace, workspace.Adopt(handle));
    }

    public long Id { get { return Native.abc_job_id(Handle); } }
    /// <summary>The job's state in the latest snapshot.</summary>
    public JobState Status { get { return (JobState)Native.abc_job_status(Handle); } }
    /// <summary>True when the snapshot's state is final.</summary>
    public bool IsComplete { get { return Native.abc_job_is_complete(Handle) != 0; } }
    /// <summary>"sync", "reset", "clear"...</summary>
    public string JobType { get { return Native.abc_job_type(Handle); } }
    public string ConnectionId { get { return Native.abc_job_connection_id(Handle); } }
    /// <summary>Records synced so far.</summary>
    public long RowsSynced { get { return Native.abc_job_rows_synced(Handle); } }
    /// <summary>Bytes synced so far.</summary>
    public long BytesSynced { get { return Native.abc_job_bytes_synced(Handle); } }
    /// <summary>Start time, or null when unknown.</summary>
    public DateTimeOffset? StartTime { get { return Time.FromUnixSeconds(Native.abc_job_start_time(Handle)); } }
    /// <summary>Start time as the API's ISO-8601 text ("" when unknown).</summary>
    public string StartTimeText { get { return Native.abc_job_start_time_text(Handle); } }
    /// <summary>Last update; the API sets it only once the job is final (null before).</summary>
    public DateTimeOffset? LastUpdatedTime { get { return Time.FromUnixSeconds(Native.abc_job_last_updated_time(Handle)); } }
    /// <summary>How long the job ran (zero while pending or unknown).</summary>
    public TimeSpan Duration { get { return Time.FromMilliseconds(Native.abc_job_duration_ms(Handle)); } }
    /// <summary>The job's web UI address.</summary>
    public string Url { get { return Native.abc_job_url(Handle); } }

    /// <summary>Fetches the job's current snapshot from the server.</summary>
    public void Refresh() { Native.abc_job_refresh(Handle); }

    /// <summary>
    /// Polls until the job is final (options: Timeout, FailOnSyncFailure, FailOnTimeout, Progress;
    /// Wait and AttachIfRunning do not apply). Throws SyncFailedException, WaitTimeoutException,
    /// CancelledException, or OperationCanceledException when cancellationToken is cancelled
    /// (which stops the wait, not the job).
    /// </summary>
    public void Wait(SyncOptions options = null, CancellationToken cancellationToken = default(CancellationToken)) {
        using (var scope = new WaitScope(options, cancellationToken, true)) {
            try {
                Native.abc_job_wait(Handle, scope.Options);
                scope.Complete();
            } catch (AirbyteException e) {
                e.Job = this;
                scope.Rethrow(e);
                throw;
            }
        }
    }

    /// <summary>Asks the server to cancel the job and updates the snapshot.</summary>
    public void Cancel() { Native.abc_job_cancel(Handle); }

    /// <summary>Throws SyncFailedException when the snapshot's state is failed or cancelled. No request.</summary>
    public void ThrowIfFailed() {
        try {
            Native.abc_job_check_failure(Handle);
        } catch (AirbyteException e) {
            e.Job = this;
            throw;
        }
    }

    public override string ToString() {
        return IsDisposed ? "Job (disposed)" : "Job " + Id + " (" + Status.ApiName() + ")";
    }
}

}
