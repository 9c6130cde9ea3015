// Why a sync failed and what it left (airbyte_cloud/diagnostics.h): job attempts and their
// failures, attempt logs, connection state, the configured catalog, connector checks. These use
// Airbyte's Config API (ClientOptions.ConfigApiUrl), which is not covered by the public API's
// stability promise. Results are plain objects, copied before the native handle is freed.
using System;
using System.Collections.Generic;
using System.Runtime.ExceptionServices;
using System.Threading;

namespace AirbyteCloud {

/// <summary>One attempt of a job (Airbyte retries a failed attempt). Status is "running", "failed"
/// or "succeeded"; EndedAt is null while running; Failures is empty for an attempt that did not
/// fail.</summary>
public sealed class Attempt {
    public long Number { get; internal set; }
    public string Status { get; internal set; }
    public DateTimeOffset? CreatedAt { get; internal set; } public DateTimeOffset? EndedAt { get; internal set; }
    public long RowsSynced { get; internal set; } public long BytesSynced { get; internal set; }
    public IReadOnlyList<AttemptFailure> Failures { get; internal set; }
}

/// <summary>One failure an attempt recorded. Origin: "source", "destination", "replication",
/// "airbyte_platform"...; Type: "config_error", "system_error", "transient_error"... ("" when not
/// known); ExternalMessage is for users, InternalMessage for operators; Retryable is null when not
/// known.</summary>
public sealed class AttemptFailure {
    public string Origin { get; internal set; } public string Type { get; internal set; }
    public string ExternalMessage { get; internal set; } public string InternalMessage { get; internal set; }
    public bool? Retryable { get; internal set; }
    public DateTimeOffset Time { get; internal set; }
}

/// <summary>What incremental syncs of a connection resume from. Json is the whole state
/// (Workspace.SetConnectionState takes it back); Type is "stream", "global", "legacy" or "not_set";
/// SharedStateJson is a global state's shared part, null otherwise.</summary>
public sealed class ConnectionState {
    public string Json { get; internal set; } public string Type { get; internal set; }
    public string SharedStateJson { get; internal set; }
    public IReadOnlyList<StreamState> Streams { get; internal set; }
}

/// <summary>One stream's state; StateJson is null when it has none.</summary>
public sealed class StreamState {
    public string Name { get; internal set; } public string Namespace { get; internal set; }
    public string StateJson { get; internal set; }
}

/// <summary>The streams a connection syncs and how (Json: the whole syncCatalog).</summary>
public sealed class ConfiguredCatalog {
    public string Json { get; internal set; }
    public IReadOnlyList<ConfiguredStream> Streams { get; internal set; }
}

/// <summary>One stream of a ConfiguredCatalog. SyncMode is "full_refresh" or "incremental",
/// DestinationSyncMode "append", "overwrite", "append_dedup"...; CursorField is "" when none;
/// field paths are joined with '.'; no SelectedFields means every field is synced.</summary>
public sealed class ConfiguredStream {
    public string Name { get; internal set; } public string Namespace { get; internal set; }
    public bool Selected { get; internal set; }
    public string SyncMode { get; internal set; } public string DestinationSyncMode { get; internal set; }
    public string CursorField { get; internal set; }
    public IReadOnlyList<string> PrimaryKey { get; internal set; } public IReadOnlyList<string> SelectedFields { get; internal set; }
}

/// <summary>A connector check's outcome (a failed check is not an exception); Message is the
/// connector's ("" when none).</summary>
public sealed class CheckResult {
    public bool Succeeded { get; internal set; }
    public string Message { get; internal set; }
}

public sealed partial class Workspace {
    /// <summary>ReadJobLog's attempt number for a job's last attempt.</summary>
    public const long LastAttempt = -1;

    private delegate abc_status CheckCall(out int succeeded, out string message, WorkspaceHandle workspace, string id);

    // count items read by index.
    private static T[] Indexed<T>(uint count, Func<uint, T> item) {
        var items = new T[count];
        for (uint i = 0; i < count; i++) items[i] = item(i);
        return items;
    }

    private static string JsonOrNull(string text) { return Utf8.NullIfEmpty(text); }


    /// <summary>The attempts of a job, oldest first, each with its failures.</summary>
    public IReadOnlyList<Attempt> GetJobAttempts(long jobId) {
        AttemptListHandle h;
        Native.abc_job_attempts_get(out h, Handle, jobId);
        using (h) {
            return Indexed(Native.abc_attempt_list_count(h), i => new Attempt {
                Number = Native.abc_attempt_number(h, i), Status = Native.abc_attempt_status(h, i),
                CreatedAt = Time.FromUnixSeconds(Native.abc_attempt_created_at(h, i)),
                EndedAt = Time.FromUnixSeconds(Native.abc_attempt_ended_at(h, i)),
                RowsSynced = Native.abc_attempt_rows_synced(h, i), BytesSynced = Native.abc_attempt_bytes_synced(h, i),
                Failures = Indexed(Native.abc_attempt_failure_count(h, i), f => new AttemptFailure {
                    Origin = Native.abc_attempt_failure_origin(h, i, f), Type = Native.abc_attempt_failure_type(h, i, f),
                    ExternalMessage = Native.abc_attempt_failure_external_message(h, i, f),
                    InternalMessage = Native.abc_attempt_failure_internal_message(h, i, f),
                    Retryable = Native.abc_attempt_failure_retryable(h, i, f) < 0
                                    ? (bool?)null : Native.abc_attempt_failure_retryable(h, i, f) == 1,
                    Time = DateTimeOffset.FromUnixTimeMilliseconds(Native.abc_attempt_failure_timestamp_ms(h, i, f)),
                }),
            });
        }
    }

    /// <summary>
    /// Reads the log of one attempt of a job (LastAttempt for the last) and calls onLine with
    /// each line, streamed: a log of any size is read with memory for one line at a time. onLine
    /// returning false stops the reading. With follow, new lines are read until the job is final.
    /// Cancelling the token stops a follow at once and a plain read at the next line
    /// (OperationCanceledException); an exception onLine throws stops the reading and is rethrown.
    /// Returns how many lines onLine got.
    /// </summary>
    public long ReadJobLog(long jobId, Func<string, bool> onLine, long attempt = LastAttempt, bool follow = false,
                           CancellationToken cancellationToken = default(CancellationToken)) {
        if (onLine == null) throw new ArgumentNullException("onLine");
        using (var scope = new WaitScope(null, cancellationToken, false)) {
            Exception callbackError = null;
            NativeMethods.LogLineCallback callback = (line, length, userData) => {
                try {
                    if (cancellationToken.IsCancellationRequested) return 1;
                    return onLine(Utf8.Decode(line, (int)length.ToUInt64())) ? 0 : 1;
                } catch (Exception e) {
                    callbackError = e; // never unwind through C
                    return 1;
                }
            };
            long lines;
            try {
                Native.abc_job_logs_read(out lines, Handle, jobId, attempt, follow ? 1 : 0, scope.CancelToken, callback,
                                         IntPtr.Zero);
            } catch (AirbyteException e) {
                if (callbackError == null) {
                    scope.Rethrow(e);
                    throw;
                }
                lines = 0;
            } finally {
                GC.KeepAlive(callback);
            }
            if (callbackError != null) ExceptionDispatchInfo.Capture(callbackError).Throw();
            cancellationToken.ThrowIfCancellationRequested();
            return lines;
        }
    }

    /// <summary>The state of a connection.</summary>
    public ConnectionState GetConnectionState(string connectionId) {
        ConnectionStateHandle h;
        Native.abc_connection_state_get(out h, Handle, Actor.Required(connectionId, "connectionId"));
        return ReadState(h);
    }

    /// <summary>Replaces a connection's state with stateJson (ConnectionState.Json) and returns the
    /// state as stored. Do not run it while a sync of the connection runs.</summary>
    public ConnectionState SetConnectionState(string connectionId, string stateJson) {
        ConnectionStateHandle h;
        Native.abc_connection_state_set(out h, Handle, Actor.Required(connectionId, "connectionId"), Actor.Required(stateJson, "stateJson"));
        return ReadState(h);
    }

    private static ConnectionState ReadState(ConnectionStateHandle h) {
        using (h) {
            return new ConnectionState {
                Json = Native.abc_connection_state_json(h), Type = Native.abc_connection_state_type(h),
                SharedStateJson = JsonOrNull(Native.abc_connection_state_shared_state(h)),
                Streams = Indexed(Native.abc_connection_state_stream_count(h), i => new StreamState {
                    Name = Native.abc_connection_state_stream_name(h, i),
                    Namespace = Native.abc_connection_state_stream_namespace(h, i),
                    StateJson = JsonOrNull(Native.abc_connection_state_stream_state(h, i)),
                }),
            };
        }
    }

    /// <summary>The configured catalog of a connection: the streams it syncs and how.</summary>
    public ConfiguredCatalog GetConfiguredCatalog(string connectionId) {
        ConfiguredCatalogHandle h;
        Native.abc_configured_catalog_get(out h, Handle, Actor.Required(connectionId, "connectionId"));
        using (h) {
            return new ConfiguredCatalog {
                Json = Native.abc_configured_catalog_json(h),
                Streams = Indexed(Native.abc_configured_catalog_count(h), i => new ConfiguredStream {
                    Name = Native.abc_configured_catalog_name(h, i), Namespace = Native.abc_configured_catalog_namespace(h, i),
                    Selected = Native.abc_configured_catalog_selected(h, i) != 0,
                    SyncMode = Native.abc_configured_catalog_sync_mode(h, i),
                    DestinationSyncMode = Native.abc_configured_catalog_destination_sync_mode(h, i),
                    CursorField = Native.abc_configured_catalog_cursor_field(h, i),
                    PrimaryKey = Indexed(Native.abc_configured_catalog_primary_key_count(h, i),
                                         k => Native.abc_configured_catalog_primary_key(h, i, k)),
                    SelectedFields = Indexed(Native.abc_configured_catalog_selected_field_count(h, i),
                                             k => Native.abc_configured_catalog_selected_field(h, i, k)),
                }),
            };
        }
    }

    /// <summary>Runs the source connector's check against its stored configuration.</summary>
    public CheckResult CheckSource(string sourceId) { return Check(Native.abc_source_check, sourceId); }

    /// <summary>Runs the destination connector's check against its stored configuration.</summary>
    public CheckResult CheckDestination(string destinationId) {
        return Check(Native.abc_destination_check, destinationId);
    }

    private CheckResult Check(CheckCall check, string id) {
        int succeeded;
        string message;
        check(out succeeded, out message, Handle, Actor.Required(id, "id"));
        return new CheckResult { Succeeded = succeeded != 0, Message = message ?? "" };
    }
}

}
