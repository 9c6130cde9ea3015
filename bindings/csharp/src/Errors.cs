// The exception hierarchy, and the one place a C abc_error becomes a .NET exception.
using System;

namespace AirbyteCloud {

/// <summary>What a failed call returned (abc_status). Values match the C API.</summary>
public enum AirbyteStatus {
    Ok = (int)abc_status.ABC_OK,
    InvalidArgument = (int)abc_status.ABC_ERROR_INVALID_ARGUMENT,
    OutOfMemory = (int)abc_status.ABC_ERROR_OUT_OF_MEMORY,
    Transport = (int)abc_status.ABC_ERROR_TRANSPORT,
    RequestTimeout = (int)abc_status.ABC_ERROR_REQUEST_TIMEOUT,
    Auth = (int)abc_status.ABC_ERROR_AUTH,
    Forbidden = (int)abc_status.ABC_ERROR_FORBIDDEN,
    NotFound = (int)abc_status.ABC_ERROR_NOT_FOUND,
    Conflict = (int)abc_status.ABC_ERROR_CONFLICT,
    SyncAlreadyRunning = (int)abc_status.ABC_ERROR_SYNC_ALREADY_RUNNING,
    RateLimited = (int)abc_status.ABC_ERROR_RATE_LIMITED,
    Server = (int)abc_status.ABC_ERROR_SERVER,
    Api = (int)abc_status.ABC_ERROR_API,
    Protocol = (int)abc_status.ABC_ERROR_PROTOCOL,
    SyncFailed = (int)abc_status.ABC_ERROR_SYNC_FAILED,
    WaitTimeout = (int)abc_status.ABC_ERROR_WAIT_TIMEOUT,
    Cancelled = (int)abc_status.ABC_ERROR_CANCELLED,
    Unsupported = (int)abc_status.ABC_ERROR_UNSUPPORTED,
    Internal = (int)abc_status.ABC_ERROR_INTERNAL,
    Refused = (int)abc_status.ABC_ERROR_REFUSED,
    JobStartUnknown = (int)abc_status.ABC_ERROR_JOB_START_UNKNOWN,
}

/// <summary>
/// A call into libairbyte_cloud failed. The subclass says how (AuthException, NotFoundException,
/// SyncFailedException...); the properties carry the C API's error detail.
/// </summary>
public class AirbyteException : Exception {
    internal AirbyteException(ErrorDetail detail) : base(detail.Message) {
        Status = detail.Status;
        HttpStatus = detail.HttpStatus;
        ProblemType = detail.ProblemType;
        ProblemDetail = detail.ProblemDetail;
        ConnectionId = detail.ConnectionId;
        JobId = detail.JobId;
        JobState = detail.JobState;
        Timeout = detail.Timeout;
        FailureOrigin = detail.FailureOrigin;
        FailureType = detail.FailureType;
        FailureMessage = detail.FailureMessage;
    }

    /// <summary>The status the call returned.</summary>
    public AirbyteStatus Status { get; private set; }
    /// <summary>HTTP status of the response behind the failure; 0 when there was none.</summary>
    public int HttpStatus { get; private set; }
    /// <summary>The API problem's type URI, or null.</summary>
    public string ProblemType { get; private set; }
    /// <summary>The API problem's detail (or title), or null.</summary>
    public string ProblemDetail { get; private set; }
    /// <summary>For sync and wait failures: the connection id, else null.</summary>
    public string ConnectionId { get; private set; }
    /// <summary>For sync and wait failures: the job id, else 0.</summary>
    public long JobId { get; private set; }
    /// <summary>For sync and wait failures: the job's last known state.</summary>
    public JobState JobState { get; private set; }
    /// <summary>For wait and request timeouts: the timeout that expired, else zero.</summary>
    public TimeSpan Timeout { get; private set; }
    /// <summary>For a job that ended failed: where the latest attempt's failure came from
    /// ("destination", "source"...), as Airbyte's Config API reports it; null when not known.</summary>
    public string FailureOrigin { get; private set; }
    /// <summary>Like FailureOrigin: the failure's type ("system_error", "config_error"...).</summary>
    public string FailureType { get; private set; }
    /// <summary>Like FailureOrigin: the failure's message for users (e.g. the destination's
    /// connection error); the exception's Message includes it.</summary>
    public string FailureMessage { get; private set; }
    /// <summary>
    /// For failures after a sync started (failed, timed out, cancelled, polling failed): the job,
    /// which goes on on the server. The caller owns it (dispose it or let the GC do it).
    /// </summary>
    public Job Job { get; internal set; }

    // The delegate the C glue calls with each failed call's abc_error (ownership included). It
    // runs inside that call, on its thread; the generated method throws what it leaves pending.
    // Nothing may escape it into native code.
    internal static void SetPending(IntPtr error) {
        try {
            NativeMethods.SWIGPendingException.Set(FromNative(error));
        } catch (Exception e) {
            try { NativeMethods.SWIGPendingException.Set(e); } catch { }
        } finally {
            NativeMethods.abc_error_free(error);
        }
    }

    internal static AirbyteException FromNative(IntPtr error) {
        var detail = new ErrorDetail();
        detail.Status = (AirbyteStatus)NativeMethods.abc_error_status(error);
        detail.Message = MethodNames.CSharpMessage(Utf8.NullIfEmpty(Utf8.Decode(NativeMethods.abc_error_message(error)))
                                                   ?? Library.Describe(detail.Status));
        detail.HttpStatus = NativeMethods.abc_error_http_status(error);
        detail.ProblemType = Utf8.NullIfEmpty(Utf8.Decode(NativeMethods.abc_error_problem_type(error)));
        detail.ProblemDetail = Utf8.NullIfEmpty(Utf8.Decode(NativeMethods.abc_error_problem_detail(error)));
        detail.ConnectionId = Utf8.NullIfEmpty(Utf8.Decode(NativeMethods.abc_error_connection_id(error)));
        detail.JobId = NativeMethods.abc_error_job_id(error);
        detail.JobState = (JobState)NativeMethods.abc_error_job_state(error);
        detail.Timeout = Time.FromMilliseconds(NativeMethods.abc_error_timeout_ms(error));
        detail.FailureOrigin = Utf8.NullIfEmpty(Utf8.Decode(NativeMethods.abc_error_failure_origin(error)));
        detail.FailureType = Utf8.NullIfEmpty(Utf8.Decode(NativeMethods.abc_error_failure_type(error)));
        detail.FailureMessage = Utf8.NullIfEmpty(Utf8.Decode(NativeMethods.abc_error_failure_message(error)));
        switch (detail.Status) {
        case AirbyteStatus.InvalidArgument: return new InvalidArgumentException(detail);
        case AirbyteStatus.Transport: return new TransportException(detail);
        case AirbyteStatus.RequestTimeout: return new RequestTimeoutException(detail);
        case AirbyteStatus.Auth: return new AuthException(detail);
        case AirbyteStatus.Forbidden: return new ForbiddenException(detail);
        case AirbyteStatus.NotFound: return new NotFoundException(detail);
        case AirbyteStatus.Conflict: return new ConflictException(detail);
        case AirbyteStatus.SyncAlreadyRunning: return new SyncAlreadyRunningException(detail);
        case AirbyteStatus.RateLimited: return new RateLimitedException(detail);
        case AirbyteStatus.Server: return new ServerException(detail);
        case AirbyteStatus.Api: return new ApiException(detail);
        case AirbyteStatus.Protocol: return new ProtocolException(detail);
        case AirbyteStatus.SyncFailed: return new SyncFailedException(detail);
        case AirbyteStatus.WaitTimeout: return new WaitTimeoutException(detail);
        case AirbyteStatus.Cancelled: return new CancelledException(detail);
        case AirbyteStatus.Unsupported: return new UnsupportedException(detail);
        case AirbyteStatus.Internal: return new InternalException(detail);
        case AirbyteStatus.Refused: return new RefusedException(detail);
        case AirbyteStatus.JobStartUnknown: return new JobStartUnknownException(detail);
        default: return new AirbyteException(detail); // OutOfMemory, and statuses added later
        }
    }
}

internal sealed class ErrorDetail {
    internal AirbyteStatus Status;
    internal string Message;
    internal int HttpStatus;
    internal string ProblemType;
    internal string ProblemDetail;
    internal string ConnectionId;
    internal long JobId;
    internal JobState JobState;
    internal string FailureOrigin, FailureType, FailureMessage;
    internal TimeSpan Timeout;
}

/// <summary>A null, empty or out-of-range argument, or bad input (the C API's check).</summary>
public class InvalidArgumentException : AirbyteException {
    internal InvalidArgumentException(ErrorDetail detail) : base(detail) { }
}

/// <summary>No response: DNS, connect, TLS, dropped connection.</summary>
public class TransportException : AirbyteException {
    internal TransportException(ErrorDetail detail) : base(detail) { }
}

/// <summary>One HTTP request exceeded the request timeout (see Timeout).</summary>
public class RequestTimeoutException : TransportException {
    internal RequestTimeoutException(ErrorDetail detail) : base(detail) { }
}

/// <summary>401, or the client-credentials token exchange failed.</summary>
public class AuthException : AirbyteException {
    internal AuthException(ErrorDetail detail) : base(detail) { }
}

/// <summary>403: the credentials lack access.</summary>
public class ForbiddenException : AirbyteException {
    internal ForbiddenException(ErrorDetail detail) : base(detail) { }
}

/// <summary>404: no such workspace, connection or job (or a secret that is not set).</summary>
public class NotFoundException : AirbyteException {
    internal NotFoundException(ErrorDetail detail) : base(detail) { }
}

/// <summary>409 other than "sync already running".</summary>
public class ConflictException : AirbyteException {
    internal ConflictException(ErrorDetail detail) : base(detail) { }
}

/// <summary>409 try-again-later: the connection already has a running job.</summary>
public class SyncAlreadyRunningException : ConflictException {
    internal SyncAlreadyRunningException(ErrorDetail detail) : base(detail) { }
}

/// <summary>429, still after the configured retries.</summary>
public class RateLimitedException : AirbyteException {
    internal RateLimitedException(ErrorDetail detail) : base(detail) { }
}

/// <summary>5xx, still after the configured retries.</summary>
public class ServerException : AirbyteException {
    internal ServerException(ErrorDetail detail) : base(detail) { }
}

/// <summary>Another 4xx (400, 422...): see ProblemType and ProblemDetail.</summary>
public class ApiException : AirbyteException {
    internal ApiException(ErrorDetail detail) : base(detail) { }
}

/// <summary>A response that is not what the API promises.</summary>
public class ProtocolException : AirbyteException {
    internal ProtocolException(ErrorDetail detail) : base(detail) { }
}

/// <summary>The job ended failed or cancelled: see JobId, ConnectionId, JobState (and Job).</summary>
public class SyncFailedException : AirbyteException {
    internal SyncFailedException(ErrorDetail detail) : base(detail) { }
}

/// <summary>Waiting for a job exceeded Timeout; the job goes on (see JobId and Job).</summary>
public class WaitTimeoutException : AirbyteException {
    internal WaitTimeoutException(ErrorDetail detail) : base(detail) { }
}

/// <summary>
/// A wait was stopped by the progress callback (SyncProgress.StopWaiting). A wait stopped by its
/// CancellationToken throws OperationCanceledException instead, with this as InnerException.
/// </summary>
public class CancelledException : AirbyteException {
    internal CancelledException(ErrorDetail detail) : base(detail) { }
}

/// <summary>A feature this build or this server does not offer.</summary>
public class UnsupportedException : AirbyteException {
    internal UnsupportedException(ErrorDetail detail) : base(detail) { }
}

/// <summary>A safety check refused a destructive call (SafeMode): nothing was deleted.</summary>
public class RefusedException : AirbyteException {
    internal RefusedException(ErrorDetail detail) : base(detail) { }
}

/// <summary>
/// The answer to a sync start was lost and whether a job started could not be decided: a job may
/// be running on the connection the message names (ConnectionId).
/// </summary>
public class JobStartUnknownException : AirbyteException {
    internal JobStartUnknownException(ErrorDetail detail) : base(detail) { }
}

/// <summary>A bug in libairbyte_cloud; please report it.</summary>
public class InternalException : AirbyteException {
    internal InternalException(ErrorDetail detail) : base(detail) { }
}

}
