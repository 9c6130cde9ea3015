// Process-wide calls: versions, library init/shutdown, status text, secrets; and the enums.
using System;

namespace AirbyteCloud {

/// <summary>The state of a job, as the API reports it. Values match the C API.</summary>
public enum JobState {
    /// <summary>Not fetched yet, or a state this version does not know.</summary>
    Unknown = (int)abc_job_state.ABC_JOB_STATE_UNKNOWN,
    Pending = (int)abc_job_state.ABC_JOB_STATE_PENDING,
    Queued = (int)abc_job_state.ABC_JOB_STATE_QUEUED,
    Running = (int)abc_job_state.ABC_JOB_STATE_RUNNING,
    /// <summary>An attempt failed; Airbyte will retry. Not final.</summary>
    Incomplete = (int)abc_job_state.ABC_JOB_STATE_INCOMPLETE,
    Failed = (int)abc_job_state.ABC_JOB_STATE_FAILED,
    Succeeded = (int)abc_job_state.ABC_JOB_STATE_SUCCEEDED,
    Cancelled = (int)abc_job_state.ABC_JOB_STATE_CANCELLED,
}

/// <summary>Severity of a log message.</summary>
public enum LogLevel {
    Error = (int)abc_log_level.ABC_LOG_ERROR,
    Warning = (int)abc_log_level.ABC_LOG_WARNING,
    Info = (int)abc_log_level.ABC_LOG_INFO,
    Debug = (int)abc_log_level.ABC_LOG_DEBUG,
}

public static class JobStateExtensions {
    /// <summary>The state's name as the API spells it ("pending", "succeeded"...).</summary>
    public static string ApiName(this JobState state) {
        return Native.abc_job_state_name((abc_job_state)state);
    }

    /// <summary>True for failed, succeeded and cancelled.</summary>
    public static bool IsFinal(this JobState state) {
        return Native.abc_job_state_is_final((abc_job_state)state) != 0;
    }
}

public static class Library {
    /// <summary>The native library's version, "major.minor.patch".</summary>
    public static string Version { get { return Native.abc_version_string(); } }

    /// <summary>The native library's version as (major &lt;&lt; 16) | (minor &lt;&lt; 8) | patch.</summary>
    public static int VersionNumber { get { return Native.abc_version_number(); } }

    /// <summary>The version of the C header this binding was generated from.</summary>
    public static string BindingVersion { get { return Native.ABC_VERSION_STRING; } }

    /// <summary>
    /// Takes a reference on process-wide state (libcurl). Optional: each Workspace takes its own.
    /// Each call needs one Shutdown().
    /// </summary>
    public static void Initialize() { Native.abc_library_init(); }

    /// <summary>Releases one reference taken by Initialize(). Extra calls are ignored.</summary>
    public static void Shutdown() { Native.abc_library_shutdown(); }

    /// <summary>Static English text for a status ("invalid argument"...).</summary>
    public static string Describe(AirbyteStatus status) {
        return Native.abc_strerror((abc_status)status);
    }

    /// <summary>
    /// Whether `name` marks a resource as disposable for SafeMode (contains "deleteme" or
    /// "delete-me", any letter case).
    /// </summary>
    public static bool IsDisposableName(string name) { return Native.abc_name_is_disposable(name) != 0; }

    /// <summary>
    /// Reads a secret from the environment (e.g. "AIRBYTE_CLOUD_CLIENT_SECRET").
    /// Throws NotFoundException (naming the variable, never its value) when unset or empty.
    /// </summary>
    public static string GetSecret(string name) {
        if (name == null) throw new ArgumentNullException("name");
        string value;
        Native.abc_secret_get(out value, name);
        return value;
    }
}

}
