// How syncs and waits behave (SyncOptions), progress reports, and the one helper every wait goes
// through to bridge SyncOptions, progress callbacks and CancellationToken to the C API.
using System;
using System.Runtime.ExceptionServices;
using System.Threading;

namespace AirbyteCloud {

/// <summary>
/// How RunSync and the waits behave. Defaults: wait for completion; timeout 1 hour; a failed or
/// cancelled job throws SyncFailedException; a timeout throws WaitTimeoutException; a sync
/// already running throws SyncAlreadyRunningException.
/// </summary>
public sealed class SyncOptions {
    /// <summary>true: RunSync waits until the job is final. false: it returns once started.</summary>
    public bool Wait { get; set; }
    /// <summary>Longest time a wait may take (1 ms .. 30 days).</summary>
    public TimeSpan Timeout { get; set; }
    /// <summary>false: a failed or cancelled job is returned, not thrown; read job.Status.</summary>
    public bool FailOnSyncFailure { get; set; }
    /// <summary>false: a wait that times out returns the still running job.</summary>
    public bool FailOnTimeout { get; set; }
    /// <summary>true: when the connection already runs a job, attach to it instead of throwing.</summary>
    public bool AttachIfRunning { get; set; }
    /// <summary>The job RunSync starts: "sync" (null too), "reset", "refresh" or "clear".</summary>
    public string JobType { get; set; }
    /// <summary>
    /// Called after every poll with the job's latest figures, on the waiting thread. Call
    /// StopWaiting() on the report to end the wait (CancelledException). An exception it
    /// throws ends the wait and is rethrown by the call that waited.
    /// </summary>
    public Action<SyncProgress> Progress { get; set; }

    public SyncOptions() {
        Wait = true;
        Timeout = TimeSpan.FromHours(1);
        FailOnSyncFailure = true;
        FailOnTimeout = true;
    }
}

/// <summary>One progress report while waiting for a job.</summary>
public sealed class SyncProgress {
    internal SyncProgress(long jobId, JobState state, TimeSpan elapsed, long rowsSynced, long bytesSynced) {
        JobId = jobId;
        State = state;
        Elapsed = elapsed;
        RowsSynced = rowsSynced;
        BytesSynced = bytesSynced;
    }

    public long JobId { get; private set; }
    public JobState State { get; private set; }
    /// <summary>Time since the wait began.</summary>
    public TimeSpan Elapsed { get; private set; }
    public long RowsSynced { get; private set; }
    public long BytesSynced { get; private set; }
    internal bool StopRequested { get; private set; }

    /// <summary>Ends the wait after this report (the job goes on; the wait throws CancelledException).</summary>
    public void StopWaiting() { StopRequested = true; }
}

// One wait's native state: abc_sync_options built from SyncOptions, an abc_cancel_token tied to
// the CancellationToken, and the progress delegate. Use:
//   using (var scope = new WaitScope(options, token, true)) {
//       try { ...call with scope.Options / scope.CancelToken...; scope.Complete(); }
//       catch (AirbyteException e) { scope.Rethrow(e); throw; }
//   }
internal sealed class WaitScope : IDisposable {
    private readonly CancellationToken cancellation;
    private readonly CancellationTokenRegistration registration;
    private readonly Action<SyncProgress> progress;
    private readonly NativeMethods.ProgressCallback progressCallback;
    private Exception callbackError;

    // null when the C defaults do (no SyncOptions, nothing to cancel with).
    internal readonly SyncOptionsHandle Options;
    // null when the CancellationToken cannot be cancelled.
    internal readonly CancelTokenHandle CancelToken;

    internal WaitScope(SyncOptions options, CancellationToken cancellation, bool needsOptions) {
        cancellation.ThrowIfCancellationRequested();
        this.cancellation = cancellation;
        try {
            if (cancellation.CanBeCanceled) {
                Native.abc_cancel_token_new(out CancelToken);
                registration = cancellation.Register(CancelNative);
            }
            if (needsOptions && (options != null || CancelToken != null)) {
                Native.abc_sync_options_new(out Options);
                if (options != null) {
                    Native.abc_sync_options_set_wait(Options, options.Wait ? 1 : 0);
                    Native.abc_sync_options_set_timeout_ms(Options, Time.ToMilliseconds(options.Timeout));
                    Native.abc_sync_options_set_fail_on_sync_failure(Options, options.FailOnSyncFailure ? 1 : 0);
                    Native.abc_sync_options_set_fail_on_timeout(Options, options.FailOnTimeout ? 1 : 0);
                    Native.abc_sync_options_set_attach_if_running(Options, options.AttachIfRunning ? 1 : 0);
                    if (options.JobType != null) Native.abc_sync_options_set_job_type(Options, options.JobType);
                    if (options.Progress != null) {
                        progress = options.Progress;
                        progressCallback = OnProgress;
                        Native.abc_sync_options_set_progress_callback(Options, progressCallback, IntPtr.Zero);
                    }
                }
                if (CancelToken != null) {
                    Options.Borrow(CancelToken);
                    Native.abc_sync_options_set_cancel_token(Options, CancelToken);
                }
            }
        } catch {
            Dispose();
            throw;
        }
    }

    // Runs on the thread that cancels the CancellationToken: wakes the waiting thread at once.
    private void CancelNative() {
        try {
            Native.abc_cancel_token_cancel(CancelToken);
        } catch (ObjectDisposedException) {
            // The wait is over.
        }
    }

    private int OnProgress(IntPtr job, int state, long elapsedMs, long rowsSynced, long bytesSynced, IntPtr userData) {
        try {
            var report = new SyncProgress(NativeMethods.abc_job_id(job), (JobState)state,
                                          Time.FromMilliseconds(elapsedMs), rowsSynced, bytesSynced);
            progress(report);
            return report.StopRequested ? 1 : 0;
        } catch (Exception e) {
            // Never unwind through C: stop the wait and rethrow on the waiting thread.
            callbackError = e;
            return 1;
        }
    }

    // After a call that succeeded: a progress callback that threw still fails the call.
    internal void Complete() {
        if (callbackError != null) ExceptionDispatchInfo.Capture(callbackError).Throw();
    }

    // After a call that failed with `error`: throws what the caller should see instead, if
    // anything (the callback's own exception; OperationCanceledException for the token).
    internal void Rethrow(AirbyteException error) {
        Complete();
        if (error is CancelledException && CancelToken != null &&
            Native.abc_cancel_token_is_cancelled(CancelToken) != 0) {
            throw new OperationCanceledException(error.Message, error, cancellation);
        }
    }

    public void Dispose() {
        registration.Dispose(); // waits for a CancelNative already running
        if (Options != null) Options.Dispose();
        if (CancelToken != null) CancelToken.Dispose();
        GC.KeepAlive(progressCallback);
    }
}

}
