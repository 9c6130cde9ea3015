package airbytecloud

import (
	"errors"
	"reflect"
	"regexp"
	"runtime"
	"strconv"
	"strings"
	"time"

	"github.com/airbyte-cloud/libairbyte_cloud/bindings/go/internal/capi"
)

// Status is the outcome of a call, as the C API's abc_status. A Status is itself an error so
// that it can serve as the sentinel of its kind: errors.Is(err, ErrNotFound) holds for every
// error this package returns with that status.
type Status int

// Statuses (values fixed by the C ABI; new ones are only ever added at the end).
const (
	StatusOK                 Status = 0
	StatusInvalidArgument    Status = 1  // a nil, empty or out-of-range argument; a closed handle
	StatusOutOfMemory        Status = 2  //
	StatusTransport          Status = 3  // no response: DNS, connect, TLS, dropped
	StatusRequestTimeout     Status = 4  // one HTTP request exceeded the request timeout
	StatusAuth               Status = 5  // 401, or the token exchange failed
	StatusForbidden          Status = 6  // 403
	StatusNotFound           Status = 7  // 404: no such workspace, connection or job
	StatusConflict           Status = 8  // 409 other than "sync already running"
	StatusSyncAlreadyRunning Status = 9  // 409 try-again-later: the connection has a running job
	StatusRateLimited        Status = 10 // 429 after the configured retries
	StatusServer             Status = 11 // 5xx after the configured retries
	StatusAPI                Status = 12 // another 4xx: see ProblemType and ProblemDetail
	StatusProtocol           Status = 13 // a response that is not what the API promises
	StatusSyncFailed         Status = 14 // the job ended failed or cancelled
	StatusWaitTimeout        Status = 15 // a wait exceeded its timeout; the job goes on
	StatusCancelled          Status = 16 // the caller cancelled a wait
	StatusUnsupported        Status = 17 // a feature this build or server does not offer
	StatusInternal           Status = 18 // a bug in the library
	StatusRefused            Status = 19 // a safety check refused a destructive call
	StatusJobStartUnknown    Status = 20 // a sync start's answer was lost: a job may be running
)

// Sentinels, one per status, for errors.Is.
var (
	ErrInvalidArgument    error = StatusInvalidArgument
	ErrOutOfMemory        error = StatusOutOfMemory
	ErrTransport          error = StatusTransport
	ErrRequestTimeout     error = StatusRequestTimeout
	ErrAuth               error = StatusAuth
	ErrForbidden          error = StatusForbidden
	ErrNotFound           error = StatusNotFound
	ErrConflict           error = StatusConflict
	ErrSyncAlreadyRunning error = StatusSyncAlreadyRunning
	ErrRateLimited        error = StatusRateLimited
	ErrServer             error = StatusServer
	ErrAPI                error = StatusAPI
	ErrProtocol           error = StatusProtocol
	ErrSyncFailed         error = StatusSyncFailed
	ErrWaitTimeout        error = StatusWaitTimeout
	ErrCancelled          error = StatusCancelled
	ErrUnsupported        error = StatusUnsupported
	ErrInternal           error = StatusInternal
	ErrRefused            error = StatusRefused
	ErrJobStartUnknown    error = StatusJobStartUnknown

	// ErrClosed is matched (besides ErrInvalidArgument) by the error of a call on a closed
	// or nil handle.
	ErrClosed = errors.New("airbytecloud: use of a closed or nil handle")
)

// statuses gives, at the index of each Go constant, the value SWIG reads from the C header
// (TestEnumValuesMatchTheHeader compares them; TestAPICoverage finds every enumerator here).
var statuses = [...]capi.Enum_SS_abc_status{
	StatusOK: capi.ABC_OK, StatusInvalidArgument: capi.ABC_ERROR_INVALID_ARGUMENT,
	StatusOutOfMemory: capi.ABC_ERROR_OUT_OF_MEMORY, StatusTransport: capi.ABC_ERROR_TRANSPORT,
	StatusRequestTimeout: capi.ABC_ERROR_REQUEST_TIMEOUT, StatusAuth: capi.ABC_ERROR_AUTH,
	StatusForbidden: capi.ABC_ERROR_FORBIDDEN, StatusNotFound: capi.ABC_ERROR_NOT_FOUND,
	StatusConflict:           capi.ABC_ERROR_CONFLICT,
	StatusSyncAlreadyRunning: capi.ABC_ERROR_SYNC_ALREADY_RUNNING,
	StatusRateLimited:        capi.ABC_ERROR_RATE_LIMITED, StatusServer: capi.ABC_ERROR_SERVER,
	StatusAPI: capi.ABC_ERROR_API, StatusProtocol: capi.ABC_ERROR_PROTOCOL,
	StatusSyncFailed: capi.ABC_ERROR_SYNC_FAILED, StatusWaitTimeout: capi.ABC_ERROR_WAIT_TIMEOUT,
	StatusCancelled: capi.ABC_ERROR_CANCELLED, StatusUnsupported: capi.ABC_ERROR_UNSUPPORTED,
	StatusInternal: capi.ABC_ERROR_INTERNAL, StatusRefused: capi.ABC_ERROR_REFUSED,
	StatusJobStartUnknown: capi.ABC_ERROR_JOB_START_UNKNOWN,
}

// String is the library's English text for the status ("invalid argument", ...).
func (s Status) String() string { return capi.Abc_strerror(capi.Enum_SS_abc_status(s)) }

// Error makes a Status usable as a sentinel error.
func (s Status) Error() string { return "airbytecloud: " + s.String() }

// Error is the detail of a failed call.
type Error struct {
	Status        Status // what kind of failure; errors.Is(err, Status) matches it
	Message       string // a sentence saying what went wrong; never contains secrets
	HTTPStatus    int    // HTTP status of the response behind the failure; 0 when none
	ProblemType   string // the API problem's type ("" when none)
	ProblemDetail string // the API problem's detail or title ("" when none)
	ConnectionID  string // for sync and wait failures
	JobID         int64  // for sync and wait failures; 0 otherwise
	JobState      JobState
	Timeout       time.Duration // for wait and request timeouts: the timeout that expired
	// For a job that ended failed, the latest attempt's failure as Airbyte's Config API reports
	// it ("" when it could not be fetched): where it came from ("source", "destination",
	// "replication"...), its type ("config_error"...) and its message for users (Message
	// includes it).
	FailureOrigin, FailureType, FailureMessage string

	cause error  // context.Canceled, context.DeadlineExceeded, ErrClosed...
	text  string // Message in Go's names without the method, for withMethod
}

// Error formats the status and the message.
func (e *Error) Error() string {
	if e == nil {
		return "airbytecloud: <nil>"
	}
	text := e.Status.String()
	if e.Message != "" && !strings.EqualFold(e.Message, text) {
		text += ": " + e.Message
	}
	return "airbytecloud: " + text
}

// Is matches the sentinel (Status) of the error's status.
func (e *Error) Is(target error) bool {
	s, ok := target.(Status)
	return ok && e != nil && s == e.Status
}

// Unwrap gives the cause, when there is one: the context error of a cancelled wait, or
// ErrClosed.
func (e *Error) Unwrap() error {
	if e == nil {
		return nil
	}
	return e.cause
}

// SyncError says a job ended failed or cancelled (status StatusSyncFailed).
type SyncError struct {
	JobID        int64
	ConnectionID string
	JobState     JobState // JobStateFailed or JobStateCancelled
	// Why the job failed, as Error's fields of the same names ("" when not known).
	FailureOrigin, FailureMessage string
	Err                           *Error // the whole detail
}

func (e *SyncError) Error() string { return e.Err.Error() }

// Unwrap gives the *Error, so errors.As(err, &*Error) and errors.Is(err, ErrSyncFailed) work.
func (e *SyncError) Unwrap() error { return e.Err }

// TimeoutError says a wait (StatusWaitTimeout; the job goes on) or one HTTP request
// (StatusRequestTimeout) exceeded its timeout.
type TimeoutError struct {
	Timeout      time.Duration // the timeout that expired
	JobID        int64         // for a wait: the job still running
	ConnectionID string
	JobState     JobState
	Err          *Error
}

func (e *TimeoutError) Error() string { return e.Err.Error() }

// Unwrap gives the *Error.
func (e *TimeoutError) Unwrap() error { return e.Err }

// takeError turns a status and an owned abc_error into an error value (nil for ABC_OK) and
// frees the abc_error. cause, when not nil, becomes the error's Unwrap.
func takeError(st capi.Enum_SS_abc_status, e capi.Error, cause error) error {
	if e != 0 {
		defer capi.Abc_error_free(e)
	}
	if st == capi.ABC_OK {
		return nil
	}
	detail := &Error{Status: Status(st), cause: cause}
	if e != 0 {
		detail.Status = Status(capi.Abc_error_status(e))
		detail.Message = capi.Abc_error_message(e)
		detail.HTTPStatus = capi.Abc_error_http_status(e)
		detail.ProblemType = capi.Abc_error_problem_type(e)
		detail.ProblemDetail = capi.Abc_error_problem_detail(e)
		detail.ConnectionID = capi.Abc_error_connection_id(e)
		detail.JobID = capi.Abc_error_job_id(e)
		detail.JobState = JobState(capi.Abc_error_job_state(e))
		detail.Timeout = time.Duration(capi.Abc_error_timeout_ms(e)) * time.Millisecond
		detail.FailureOrigin = capi.Abc_error_failure_origin(e)
		detail.FailureType = capi.Abc_error_failure_type(e)
		detail.FailureMessage = capi.Abc_error_failure_message(e)
	}
	return wrapError(detail)
}

// wrapError gives the most specific error type for the detail's status, its message speaking
// in Go names.
func wrapError(detail *Error) error {
	detail.text = goMessage(detail.Message)
	detail.Message = withMethodName(detail.text, callerMethod())
	switch detail.Status {
	case StatusSyncFailed:
		return &SyncError{JobID: detail.JobID, ConnectionID: detail.ConnectionID, JobState: detail.JobState,
			FailureOrigin: detail.FailureOrigin, FailureMessage: detail.FailureMessage, Err: detail}
	case StatusWaitTimeout, StatusRequestTimeout:
		return &TimeoutError{Timeout: detail.Timeout, JobID: detail.JobID, ConnectionID: detail.ConnectionID,
			JobState: detail.JobState, Err: detail}
	}
	return detail
}

// statusError is takeError for calls that return only a status.
func statusError(st capi.Enum_SS_abc_status, what string) error {
	if st == capi.ABC_OK {
		return nil
	}
	return wrapError(&Error{Status: Status(st), Message: what + " failed: " + Status(st).String()})
}

// cCalls are the C calls the library's messages name, and what a Go caller uses instead.
var cCalls = []struct {
	call   *regexp.Regexp
	goName string
}{
	{regexp.MustCompile(`abc_dataset_options_set_secret\((options, \w+, value\) \(or _set_secret_env / _set_secret_file\)|\))`),
		"DatasetOptions.Secrets (or SecretEnv / SecretFiles)"},
	{regexp.MustCompile(`abc_options_set_config_api_url\(\)`), "WithConfigAPIURL"},
	{regexp.MustCompile(`abc_dataset_cursor_is_null`), "Cursor.IsNull"},
	{regexp.MustCompile(`abc_dataset_cursor_next`), "Cursor.Next"},
}

var cPrefix = regexp.MustCompile(`^(abc_[a-z0-9_]+: )+`)

// goMessage is a C message in Go's names: without the leading C function ("abc_connection_get:
// "), and with the Go names of the C calls it mentions.
func goMessage(message string) string {
	message = cPrefix.ReplaceAllString(message, "")
	for _, c := range cCalls {
		message = c.call.ReplaceAllLiteralString(message, c.goName)
	}
	return message
}

// withMethodName starts a message with the method called ("Workspace.Connection: ...").
func withMethodName(message, method string) string {
	if method == "" || strings.HasPrefix(message, method+":") {
		return message
	}
	if message == "" {
		return method + " failed"
	}
	return method + ": " + message
}

// withMethod names `method` in the message of err, an error of a C call that ran on a goroutine
// of its own (see run), whose stack does not show the method the caller called.
func withMethod(err error, method string) error {
	var detail *Error
	if method != "" && errors.As(err, &detail) && detail.text != "" {
		detail.Message = withMethodName(detail.text, method)
	}
	return err
}

var packagePath = reflect.TypeOf(Error{}).PkgPath() + "."

// callerMethod names the exported function or method of this package that the caller called
// ("Workspace.Connection"): the outermost exported frame of this package on the stack below the
// caller's code. "" when there is none (a goroutine of the package's own).
func callerMethod() string {
	pcs := make([]uintptr, 64)
	frames := runtime.CallersFrames(pcs[:runtime.Callers(2, pcs)])
	method := ""
	for more := true; more; {
		var frame runtime.Frame
		frame, more = frames.Next()
		ours := strings.HasPrefix(frame.Function, packagePath)
		if !ours || strings.HasSuffix(frame.File, "_test.go") {
			if method != "" {
				break
			}
			continue
		}
		if exported := exportedName(strings.TrimPrefix(frame.Function, packagePath)); exported != "" {
			method = exported
		}
	}
	return method
}

var closure = regexp.MustCompile(`^(func)?[0-9]+$`)

// exportedName turns "(*Workspace).Connection.func1" into "Workspace.Connection"; "" for a
// name that is not exported (a helper, a method of an unexported type).
func exportedName(function string) string {
	if i := strings.IndexByte(function, '['); i >= 0 { // a generic instance
		function = function[:i]
	}
	var parts []string
	for _, part := range strings.Split(strings.NewReplacer("(*", "", ")", "").Replace(function), ".") {
		if closure.MatchString(part) {
			break // a closure inside the named function
		}
		if part == "" || part[0] < 'A' || part[0] > 'Z' {
			return ""
		}
		parts = append(parts, part)
	}
	return strings.Join(parts, ".")
}

// invalid is the error of a bad argument caught in Go, before any C call.
func invalid(message string) error {
	return &Error{Status: StatusInvalidArgument, Message: message}
}

// closedError is the error of a call on a closed or nil handle.
func closedError(kind string) error {
	return &Error{Status: StatusInvalidArgument, Message: kind + " is closed or nil", cause: ErrClosed}
}

// checkText refuses strings C would silently cut short.
func checkText(name, value string) error {
	if strings.IndexByte(value, 0) >= 0 {
		return invalid(name + " contains a NUL byte")
	}
	return nil
}

// cInt refuses numbers that do not fit the C int parameter they go to.
func cInt(name string, value int) (int, error) {
	if value < -1<<31 || value > 1<<31-1 {
		return 0, invalid(name + " is out of range")
	}
	return value, nil
}

func itoa(v int64) string { return strconv.FormatInt(v, 10) }

// durationMS converts a duration to whole milliseconds, rounding a positive sub-millisecond
// remainder up so that a small positive duration never becomes 0.
func durationMS(d time.Duration) int64 {
	ms := int64(d / time.Millisecond)
	if d > 0 && d%time.Millisecond != 0 {
		ms++
	}
	return ms
}
