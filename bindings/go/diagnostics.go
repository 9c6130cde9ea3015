package airbytecloud

import (
	"context"
	"encoding/json"
	"runtime/cgo"
	"time"

	"github.com/airbyte-cloud/libairbyte_cloud/bindings/go/internal/capi"
)

// Why a sync failed and what it left: job attempts with their failures, attempt logs, connection
// state, the configured catalog and connector checks. These use Airbyte's Config API (see
// WithConfigAPIURL), which is not covered by the public API's stability promise.

// Attempt is one attempt of a job (Airbyte retries a failed attempt).
type Attempt struct {
	Number      int64  // within its job, from 0
	Status      string // "running", "failed" or "succeeded"
	CreatedAt   time.Time
	EndedAt     time.Time // zero while running
	RowsSynced  int64
	BytesSynced int64
	Failures    []AttemptFailure // none for an attempt that did not fail
}

// AttemptFailure is one failure an attempt recorded.
type AttemptFailure struct {
	Origin          string // "source", "destination", "replication", "airbyte_platform"...; "" when unknown
	Type            string // "config_error", "system_error", "transient_error"...; "" when unknown
	ExternalMessage string // for users (e.g. the destination's connection error)
	InternalMessage string // for operators (often an exception's text)
	Retryable       *bool  // nil when not known
	Time            time.Time
}

// LastAttempt is the attempt number ReadJobLogs takes for a job's last attempt.
const LastAttempt = -1

// copied wraps a C result that is read into Go values at once, then freed.
func copied[P ~uintptr, T any](free func(P), read func(P) T) func(P, *native) T {
	return func(p P, _ *native) T {
		defer free(p)
		return read(p)
	}
}

// texts reads n strings by index.
func texts(n int64, at func(int64) string) []string {
	out := make([]string, n)
	for i := range out {
		out[i] = at(int64(i))
	}
	return out
}

// rawJSON is JSON text as a json.RawMessage, nil for "".
func rawJSON(text string) json.RawMessage {
	if text == "" {
		return nil
	}
	return json.RawMessage(text)
}

// JobAttempts fetches the attempts of job jobID, oldest first, each with its failures.
func (w *Workspace) JobAttempts(ctx context.Context, jobID int64) ([]Attempt, error) {
	return workspaceMake(ctx, w, func(out *capi.AttemptList, ws capi.Workspace, e *capi.Error) capi.Enum_SS_abc_status {
		return capi.Abc_job_attempts_get(out, ws, jobID, e)
	}, copied(capi.Abc_attempt_list_free, attempts))
}

func attempts(l capi.AttemptList) []Attempt {
	out := make([]Attempt, capi.Abc_attempt_list_count(l))
	for i := range out {
		k := int64(i)
		out[i] = Attempt{Number: capi.Abc_attempt_number(l, k), Status: capi.Abc_attempt_status(l, k),
			CreatedAt: unixTime(capi.Abc_attempt_created_at(l, k)), EndedAt: unixTime(capi.Abc_attempt_ended_at(l, k)),
			RowsSynced: capi.Abc_attempt_rows_synced(l, k), BytesSynced: capi.Abc_attempt_bytes_synced(l, k),
			Failures: make([]AttemptFailure, capi.Abc_attempt_failure_count(l, k))}
		for f := range out[i].Failures {
			g := int64(f)
			failure := AttemptFailure{Origin: capi.Abc_attempt_failure_origin(l, k, g),
				Type:            capi.Abc_attempt_failure_type(l, k, g),
				ExternalMessage: capi.Abc_attempt_failure_external_message(l, k, g),
				InternalMessage: capi.Abc_attempt_failure_internal_message(l, k, g),
				Time:            time.UnixMilli(capi.Abc_attempt_failure_timestamp_ms(l, k, g))}
			if r := capi.Abc_attempt_failure_retryable(l, k, g); r >= 0 {
				retryable := r == 1
				failure.Retryable = &retryable
			}
			out[i].Failures[f] = failure
		}
	}
	return out
}

// ReadJobLogs reads the log of one attempt of job jobID (LastAttempt for the last) and calls fn
// with each line, streamed: a log of any size is read with memory for one line at a time. fn
// returning false stops the reading (no error). With follow, it keeps reading new lines until
// the job is final (following a new attempt with LastAttempt). It returns how many lines fn got.
// fn runs on the calling goroutine; cancelling ctx stops a follow at once and a plain read at
// the next line, with an error matching ctx.Err(). A panic in fn stops the reading and is raised
// again once the native call has returned.
func (w *Workspace) ReadJobLogs(ctx context.Context, jobID, attempt int64, follow bool, fn func(line string) bool) (int64, error) {
	if fn == nil {
		return 0, invalid("fn is nil")
	}
	if err := checkContext(ctx); err != nil {
		return 0, err
	}
	n, err := w.acquire()
	if err != nil {
		return 0, err
	}
	defer n.release()
	var token capi.CancelToken
	var e capi.Error
	if err := takeError(capi.Abc_cancel_token_new(&token, &e), e, nil); err != nil {
		return 0, err
	}
	defer capi.Abc_cancel_token_free(token)
	var panicValue any
	callback := cgo.NewHandle(capi.LogLineFunc(func(line string) (stop int) {
		defer func() {
			if r := recover(); r != nil {
				panicValue, stop = r, 1
			}
		}()
		if ctx.Err() != nil || !fn(line) {
			return 1
		}
		return 0
	}))
	defer callback.Delete()
	var lines int64
	stop := watchToken(ctx, token)
	st := capi.Abc_job_logs_read(&lines, capi.Workspace(n.ptr), jobID, attempt, flag(follow), token, uintptr(callback), &e)
	stop()
	if panicValue != nil {
		takeError(st, e, nil)
		panic(panicValue)
	}
	if ctx.Err() != nil && (st == capi.ABC_OK || st == capi.ABC_ERROR_CANCELLED) {
		takeError(st, e, nil)
		return lines, contextDone(ctx.Err())
	}
	return lines, takeError(st, e, nil)
}

// ConnectionState is what incremental syncs of a connection resume from.
type ConnectionState struct {
	JSON        json.RawMessage // the whole state; SetConnectionState takes it back
	Type        string          // "stream", "global", "legacy" or "not_set"
	SharedState json.RawMessage // a global state's shared part; nil otherwise
	Streams     []StreamState   // the streams with a state
}

// StreamState is the state of one stream.
type StreamState struct {
	Name, Namespace string
	State           json.RawMessage // nil when none
}

func connectionState(s capi.ConnectionState) *ConnectionState {
	out := &ConnectionState{JSON: rawJSON(capi.Abc_connection_state_json(s)), Type: capi.Abc_connection_state_type(s),
		SharedState: rawJSON(capi.Abc_connection_state_shared_state(s)),
		Streams:     make([]StreamState, capi.Abc_connection_state_stream_count(s))}
	for i := range out.Streams {
		k := int64(i)
		out.Streams[i] = StreamState{Name: capi.Abc_connection_state_stream_name(s, k),
			Namespace: capi.Abc_connection_state_stream_namespace(s, k),
			State:     rawJSON(capi.Abc_connection_state_stream_state(s, k))}
	}
	return out
}

// ConnectionState fetches the state of a connection.
func (w *Workspace) ConnectionState(ctx context.Context, connectionID string) (*ConnectionState, error) {
	return connectionRead(ctx, w, connectionID, capi.Abc_connection_state_get, capi.Abc_connection_state_free, connectionState)
}

// connectionRead fetches something of a connection that is copied into Go values at once.
func connectionRead[P ~uintptr, T any](ctx context.Context, w *Workspace, connectionID string,
	get func(*P, capi.Workspace, string, *capi.Error) capi.Enum_SS_abc_status, free func(P), read func(P) T) (T, error) {
	if err := checkText("connection id", connectionID); err != nil {
		var zero T
		return zero, err
	}
	return workspaceMake(ctx, w, func(out *P, ws capi.Workspace, e *capi.Error) capi.Enum_SS_abc_status {
		return get(out, ws, connectionID, e)
	}, copied(free, read))
}

// SetConnectionState replaces a connection's state with state (a *ConnectionState as
// ConnectionState gave, or its JSON as text, []byte or json.RawMessage) and gives the state as
// stored. Do not run it while a sync of the connection runs.
func (w *Workspace) SetConnectionState(ctx context.Context, connectionID string, state any) (*ConnectionState, error) {
	if s, ok := state.(*ConnectionState); ok && s != nil {
		state = s.JSON
	}
	text, err := jsonConfig("state", state)
	if err != nil {
		return nil, err
	}
	return connectionRead(ctx, w, connectionID, func(out *capi.ConnectionState, ws capi.Workspace, id string, e *capi.Error) capi.Enum_SS_abc_status {
		return capi.Abc_connection_state_set(out, ws, id, text, e)
	}, capi.Abc_connection_state_free, connectionState)
}

// ConfiguredCatalog is the streams a connection syncs and how.
type ConfiguredCatalog struct {
	JSON    json.RawMessage // the whole syncCatalog
	Streams []ConfiguredStream
}

// ConfiguredStream is one stream of a ConfiguredCatalog. Field paths are joined with '.'.
type ConfiguredStream struct {
	Name, Namespace     string
	Selected            bool
	SyncMode            string // "full_refresh" or "incremental"
	DestinationSyncMode string // "append", "overwrite", "append_dedup"...
	CursorField         string // "" when none
	PrimaryKey          []string
	SelectedFields      []string // none: every field is synced
}

func configuredCatalog(c capi.ConfiguredCatalog) *ConfiguredCatalog {
	out := &ConfiguredCatalog{JSON: rawJSON(capi.Abc_configured_catalog_json(c)),
		Streams: make([]ConfiguredStream, capi.Abc_configured_catalog_count(c))}
	for i := range out.Streams {
		k := int64(i)
		out.Streams[i] = ConfiguredStream{Name: capi.Abc_configured_catalog_name(c, k),
			Namespace: capi.Abc_configured_catalog_namespace(c, k), Selected: capi.Abc_configured_catalog_selected(c, k) != 0,
			SyncMode:            capi.Abc_configured_catalog_sync_mode(c, k),
			DestinationSyncMode: capi.Abc_configured_catalog_destination_sync_mode(c, k),
			CursorField:         capi.Abc_configured_catalog_cursor_field(c, k),
			PrimaryKey: texts(capi.Abc_configured_catalog_primary_key_count(c, k),
				func(j int64) string { return capi.Abc_configured_catalog_primary_key(c, k, j) }),
			SelectedFields: texts(capi.Abc_configured_catalog_selected_field_count(c, k),
				func(j int64) string { return capi.Abc_configured_catalog_selected_field(c, k, j) })}
	}
	return out
}

// ConfiguredCatalog fetches the configured catalog of a connection.
func (w *Workspace) ConfiguredCatalog(ctx context.Context, connectionID string) (*ConfiguredCatalog, error) {
	return connectionRead(ctx, w, connectionID, capi.Abc_configured_catalog_get, capi.Abc_configured_catalog_free, configuredCatalog)
}

// CheckResult is the outcome of a connector check. A failed check is not an error.
type CheckResult struct {
	Succeeded bool
	Message   string // the connector's message ("" when none)
}

type checkFunc func(*int, *string, capi.Workspace, string, *capi.Error) capi.Enum_SS_abc_status

func check(ctx context.Context, w *Workspace, f checkFunc, idName, id string) (CheckResult, error) {
	if err := checkText(idName, id); err != nil {
		return CheckResult{}, err
	}
	return withWorkspace(ctx, w, func(n *native) (CheckResult, error) {
		var succeeded int
		var message string
		var e capi.Error
		err := takeError(f(&succeeded, &message, capi.Workspace(n.ptr), id, &e), e, nil)
		return CheckResult{Succeeded: succeeded != 0, Message: message}, err
	})
}

// CheckSource runs the source connector's check against its stored configuration.
func (w *Workspace) CheckSource(ctx context.Context, sourceID string) (CheckResult, error) {
	return check(ctx, w, capi.Abc_source_check, "source id", sourceID)
}

// CheckDestination runs the destination connector's check against its stored configuration.
func (w *Workspace) CheckDestination(ctx context.Context, destinationID string) (CheckResult, error) {
	return check(ctx, w, capi.Abc_destination_check, "destination id", destinationID)
}
