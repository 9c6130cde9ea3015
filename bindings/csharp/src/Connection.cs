// A connection (source -> destination) and its job history.
using System;
using System.Collections.Generic;
using System.Threading;

namespace AirbyteCloud {

/// <summary>
/// A connection handle. Lazy: getting it sends no request; the first property that needs the
/// connection's details fetches them once (Refresh() fetches again). Use from one thread at a time.
/// </summary>
public sealed partial class Connection : WorkspaceObject {
    internal Connection(Workspace workspace, ConnectionHandle handle) : base(workspace, handle) { }

    internal ConnectionHandle Handle { get { return (ConnectionHandle)BaseHandle; } }

    /// <summary>The connection id (no request).</summary>
    public string Id { get { return Native.abc_connection_id(Handle); } }
    /// <summary>The connection's web UI address (no request).</summary>
    public string Url { get { return Native.abc_connection_url(Handle); } }
    /// <summary>The web UI address of the connection's job history (no request).</summary>
    public string JobHistoryUrl { get { return Native.abc_connection_job_history_url(Handle); } }

    // One detail of the connection; the first one read fetches them all.
    internal delegate abc_status DetailGetter(out string value, ConnectionHandle connection);

    private string Detail(DetailGetter getter) {
        string value;
        getter(out value, Handle);
        return value;
    }

    public string Name { get { return Detail(Native.abc_connection_name); } }
    public string SourceId { get { return Detail(Native.abc_connection_source_id); } }
    public string DestinationId { get { return Detail(Native.abc_connection_destination_id); } }
    /// <summary>The table prefix ("" when none).</summary>
    public string Prefix { get { return Detail(Native.abc_connection_prefix); } }
    /// <summary>The status as the API spells it ("active", "inactive"...).</summary>
    public string Status { get { return Detail(Native.abc_connection_status); } }
    /// <summary>How many streams are selected.</summary>
    public int StreamCount {
        get { long count; Native.abc_connection_stream_count(out count, Handle); return (int)count; }
    }
    /// <summary>Names of the selected streams.</summary>
    public IReadOnlyList<string> StreamNames {
        get {
            int count = StreamCount;
            var names = new List<string>(count);
            for (int index = 0; index < count; index++) {
                string name;
                Native.abc_connection_stream_name(out name, Handle, (uint)index);
                names.Add(name);
            }
            return names.AsReadOnly();
        }
    }

    /// <summary>Fetches the connection's details again.</summary>
    public void Refresh() { Native.abc_connection_refresh(Handle); }

    /// <summary>Workspace.RunSync on this connection.</summary>
    public Job RunSync(SyncOptions options = null, CancellationToken cancellationToken = default(CancellationToken)) {
        return Workspace.RunSync(Id, options, cancellationToken);
    }

    /// <summary>One page of the connection's sync jobs, newest first.</summary>
    /// <param name="limit">1..100 jobs.</param>
    /// <param name="offset">Jobs to skip.</param>
    public ResourceList<Job> ListJobs(int limit = 20, long offset = 0) {
        JobListHandle list;
        Native.abc_connection_list_jobs(out list, Handle, limit, offset);
        return Workspace.WrapJobs(list);
    }

    /// <summary>
    /// All the connection's sync jobs, newest first, fetched a page at a time as the enumeration
    /// goes. Each Job is the caller's: dispose it (or let the GC do it).
    /// </summary>
    public IEnumerable<Job> History(int pageSize = 100) {
        if (pageSize < 1 || pageSize > 100) throw new ArgumentOutOfRangeException("pageSize", "1..100");
        return HistoryPages(pageSize);
    }

    private IEnumerable<Job> HistoryPages(int pageSize) {
        for (long offset = 0;; ) {
            int count;
            using (ResourceList<Job> page = ListJobs(pageSize, offset)) {
                count = page.Count;
                foreach (Job job in page) yield return job;
            }
            if (count < pageSize) yield break;
            offset += count;
        }
    }

    /// <summary>The most recent sync job, or null when the connection has none.</summary>
    public Job LatestJob() {
        JobHandle handle;
        Native.abc_connection_latest_job(out handle, Handle);
        return Job.Adopt(Workspace, handle);
    }

    public override string ToString() {
        return IsDisposed ? "Connection (disposed)" : "Connection " + Id;
    }
}

}
