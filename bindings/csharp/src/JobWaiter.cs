// One thread waiting for many jobs at once.
using System;
using System.Collections.Generic;
using System.Threading;

namespace AirbyteCloud {

/// <summary>
/// Waits for any number of jobs from one thread: each round polls all unfinished jobs
/// concurrently, and Next() hands back each job as it becomes final. The waiter keeps every added
/// job alive (and updates its snapshot) until the waiter is disposed. Use from one thread at a time.
/// </summary>
public sealed partial class JobWaiter : IDisposable {
    private readonly WaiterHandle handle;
    private readonly List<Job> jobs = new List<Job>();

    public JobWaiter(Workspace workspace) {
        if (workspace == null) throw new ArgumentNullException("workspace");
        WaiterHandle created;
        Native.abc_waiter_new(out created, workspace.Handle);
        handle = workspace.Adopt(created);
    }

    /// <summary>Adds a job; returns its position, counting from 0 in add order.</summary>
    public int Add(Job job) {
        if (job == null) throw new ArgumentNullException("job");
        handle.Borrow(job.Handle); // the C waiter borrows the job: it must outlive the waiter
        long index;
        Native.abc_waiter_add(handle, job.Handle, out index);
        jobs.Add(job);
        return (int)index;
    }

    /// <summary>The added jobs, in add order.</summary>
    public IReadOnlyList<Job> Jobs { get { return jobs.AsReadOnly(); } }

    /// <summary>Number of added jobs that are not yet final.</summary>
    public int PendingCount { get { return (int)Native.abc_waiter_pending_count(handle); } }

    /// <summary>
    /// Blocks until one more added job is final and returns it (each job once; failed jobs too:
    /// read job.Status). Returns null when no unreported job is left. Throws WaitTimeoutException
    /// when none finished within timeout, OperationCanceledException when cancellationToken is
    /// cancelled.
    /// </summary>
    public Job Next(TimeSpan timeout, CancellationToken cancellationToken = default(CancellationToken)) {
        using (var scope = new WaitScope(null, cancellationToken, false)) {
            try {
                long index;
                Native.abc_waiter_next(out index, handle, Time.ToMilliseconds(timeout), scope.CancelToken);
                return jobs[(int)index];
            } catch (NotFoundException) when (Native.abc_waiter_pending_count(handle) == 0) {
                return null;
            } catch (AirbyteException e) {
                scope.Rethrow(e);
                throw;
            }
        }
    }

    /// <summary>Each added job as it becomes final, until all are reported. timeout is per job.</summary>
    public IEnumerable<Job> Completions(TimeSpan timeout, CancellationToken cancellationToken = default(CancellationToken)) {
        for (Job job = Next(timeout, cancellationToken); job != null; job = Next(timeout, cancellationToken)) {
            yield return job;
        }
    }

    public void Dispose() { handle.Dispose(); }
}

}
