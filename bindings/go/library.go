package airbytecloud

import (
	"github.com/airbyte-cloud/libairbyte_cloud/bindings/go/internal/capi"
)

// HeaderVersion is the version of the C header this package was built against. Compare it
// with Version() to detect a header/library mismatch.
const HeaderVersion = capi.ABC_VERSION_STRING

// Version is the run-time version of the native library ("major.minor.patch").
func Version() string { return capi.Abc_version_string() }

// VersionNumber is the run-time version as (major << 16) | (minor << 8) | patch.
func VersionNumber() int { return capi.Abc_version_number() }

// Init takes a reference on the library's process-wide state (libcurl). It is optional: every
// Workspace takes its own. Each successful Init needs one Shutdown.
func Init() error {
	return statusError(capi.Abc_library_init(), "library initialisation")
}

// Shutdown releases one reference taken by Init. Extra calls are ignored.
func Shutdown() { capi.Abc_library_shutdown() }

// Secret reads the secret named name from the environment (e.g. "AIRBYTE_CLOUD_CLIENT_SECRET").
// An unset or empty variable gives an error matching ErrNotFound that names the variable,
// never a value.
func Secret(name string) (string, error) {
	if err := checkText("name", name); err != nil {
		return "", err
	}
	var out string
	var e capi.Error
	st := capi.Abc_secret_get(&out, name, &e)
	if err := takeError(st, e, nil); err != nil {
		return "", err
	}
	return out, nil
}

// JobState is the state of a job as the API reports it.
type JobState int

// Job states (values fixed by the C ABI).
const (
	JobStateUnknown    JobState = 0 // not fetched yet, or a state this version does not know
	JobStatePending    JobState = 1
	JobStateQueued     JobState = 2
	JobStateRunning    JobState = 3
	JobStateIncomplete JobState = 4 // an attempt failed; Airbyte will retry (not final)
	JobStateFailed     JobState = 5
	JobStateSucceeded  JobState = 6
	JobStateCancelled  JobState = 7
)

// jobStates gives, at the index of each Go constant, the value SWIG reads from the C header
// (TestEnumValuesMatchTheHeader compares them; TestAPICoverage finds every enumerator here).
var jobStates = [...]capi.Enum_SS_abc_job_state{
	JobStateUnknown: capi.ABC_JOB_STATE_UNKNOWN, JobStatePending: capi.ABC_JOB_STATE_PENDING,
	JobStateQueued: capi.ABC_JOB_STATE_QUEUED, JobStateRunning: capi.ABC_JOB_STATE_RUNNING,
	JobStateIncomplete: capi.ABC_JOB_STATE_INCOMPLETE, JobStateFailed: capi.ABC_JOB_STATE_FAILED,
	JobStateSucceeded: capi.ABC_JOB_STATE_SUCCEEDED,
	JobStateCancelled: capi.ABC_JOB_STATE_CANCELLED,
}

// String is the state as the API spells it ("pending", "succeeded", ...).
func (s JobState) String() string {
	return capi.Abc_job_state_name(capi.Enum_SS_abc_job_state(s))
}

// IsFinal reports whether the state is final (failed, succeeded or cancelled).
func (s JobState) IsFinal() bool {
	return capi.Abc_job_state_is_final(capi.Enum_SS_abc_job_state(s)) != 0
}

// LogLevel is the severity of a log line.
type LogLevel int

// Log levels (values fixed by the C ABI).
const (
	LogError   LogLevel = 1
	LogWarning LogLevel = 2
	LogInfo    LogLevel = 3
	LogDebug   LogLevel = 4
)

// logLevels gives, at the index of each Go constant, the value SWIG reads from the C header
// (TestEnumValuesMatchTheHeader compares them; TestAPICoverage finds every enumerator here).
var logLevels = [...]capi.Enum_SS_abc_log_level{
	LogError: capi.ABC_LOG_ERROR, LogWarning: capi.ABC_LOG_WARNING, LogInfo: capi.ABC_LOG_INFO,
	LogDebug: capi.ABC_LOG_DEBUG,
}

// String names the level ("error", "warning", "info", "debug").
func (l LogLevel) String() string {
	switch l {
	case LogError:
		return "error"
	case LogWarning:
		return "warning"
	case LogInfo:
		return "info"
	case LogDebug:
		return "debug"
	}
	return "LogLevel(" + itoa(int64(l)) + ")"
}
