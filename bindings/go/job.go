package airbytecloud

import (
	"context"
	"sync/atomic"
	"time"

	"github.com/airbyte-cloud/libairbyte_cloud/bindings/go/internal/capi"
)

// Job holds the latest snapshot of one job. The getters read the snapshot (no request);
// Refresh, Wait and a Waiter update it. Calls on one Job are serialised: a getter waits while
// another goroutine's Wait on the same Job runs.
type Job struct {
	h   handle  // abc_job; holds the workspace
	ws  *native // for Datasets
	seq uint64  // lock order for waiters
}

var jobSeq uint64

func newJob(ptr capi.Job, ws *native) *Job {
	j := &Job{ws: ws, seq: atomic.AddUint64(&jobSeq, 1)}
	j.h.set("Job", nativeOf(ptr, capi.Abc_job_free, ws))
	return finalized(j)
}

func (j *Job) handle() *handle { return handleOf(j, func(j *Job) *handle { return &j.h }) }

// read runs get on the C handle; a closed or nil Job gives get's value for a NULL handle (every
// C getter returns its empty value).
func read[T any](j *Job, f func(capi.Job) T) T { return get(j.handle(), "Job", f) }

// Close releases the handle. Closing twice is a no-op; it waits for a call in flight on this
// Job. A Waiter the job was added to keeps the native job until the Waiter is closed.
func (j *Job) Close() error { return closeHandle(j, j.handle()) }

// ID is the job id (0 for a closed or nil Job).
func (j *Job) ID() int64 { return read(j, capi.Abc_job_id) }

// State is the job's state in the latest snapshot.
func (j *Job) State() JobState {
	return read(j, func(p capi.Job) JobState { return JobState(capi.Abc_job_status(p)) })
}

// IsComplete reports whether the snapshot's state is final.
func (j *Job) IsComplete() bool {
	return read(j, func(p capi.Job) bool { return capi.Abc_job_is_complete(p) != 0 })
}

// Type is the job type ("sync", "reset", "clear", ...).
func (j *Job) Type() string { return read(j, capi.Abc_job_type) }

// ConnectionID is the connection the job runs on.
func (j *Job) ConnectionID() string { return read(j, capi.Abc_job_connection_id) }

// RowsSynced is the number of records synced so far.
func (j *Job) RowsSynced() int64 { return read(j, capi.Abc_job_rows_synced) }

// BytesSynced is the number of bytes synced so far.
func (j *Job) BytesSynced() int64 { return read(j, capi.Abc_job_bytes_synced) }

// StartTime is when the job started (the zero Time when unknown).
func (j *Job) StartTime() time.Time { return unixTime(read(j, capi.Abc_job_start_time)) }

// StartTimeText is the start time as the API's ISO-8601 text ("" when unknown).
func (j *Job) StartTimeText() string { return read(j, capi.Abc_job_start_time_text) }

// LastUpdated is the job's last update; the API sets it only once the job is final (the zero
// Time before).
func (j *Job) LastUpdated() time.Time { return unixTime(read(j, capi.Abc_job_last_updated_time)) }

// Duration is the job's duration as the API reports it (0 while pending or unknown).
func (j *Job) Duration() time.Duration {
	return time.Duration(read(j, capi.Abc_job_duration_ms)) * time.Millisecond
}

// URL is the job's web UI address.
func (j *Job) URL() string { return read(j, capi.Abc_job_url) }

// JobInfo is a snapshot of a job as plain values.
type JobInfo struct {
	ID            int64
	State         JobState
	Type          string
	ConnectionID  string
	RowsSynced    int64
	BytesSynced   int64
	StartTime     time.Time // zero when unknown
	StartTimeText string
	LastUpdated   time.Time // zero until the job is final
	Duration      time.Duration
	URL           string
}

// Info gives the whole snapshot at once (the zero JobInfo for a closed or nil Job).
func (j *Job) Info() JobInfo {
	return read(j, func(p capi.Job) JobInfo {
		if p == 0 {
			return JobInfo{}
		}
		return jobInfo(p)
	})
}

// takeJobInfo is jobInfo of an owned job, which it frees.
func takeJobInfo(p capi.Job) JobInfo {
	defer capi.Abc_job_free(p)
	return jobInfo(p)
}

func jobInfo(p capi.Job) JobInfo {
	return JobInfo{
		ID:            capi.Abc_job_id(p),
		State:         JobState(capi.Abc_job_status(p)),
		Type:          capi.Abc_job_type(p),
		ConnectionID:  capi.Abc_job_connection_id(p),
		RowsSynced:    capi.Abc_job_rows_synced(p),
		BytesSynced:   capi.Abc_job_bytes_synced(p),
		StartTime:     unixTime(capi.Abc_job_start_time(p)),
		StartTimeText: capi.Abc_job_start_time_text(p),
		LastUpdated:   unixTime(capi.Abc_job_last_updated_time(p)),
		Duration:      time.Duration(capi.Abc_job_duration_ms(p)) * time.Millisecond,
		URL:           capi.Abc_job_url(p),
	}
}

func unixTime(seconds int64) time.Time {
	if seconds == 0 {
		return time.Time{}
	}
	return time.Unix(seconds, 0)
}

// Refresh fetches the job's current snapshot from the server.
func (j *Job) Refresh(ctx context.Context) error {
	return callContext(ctx, j.handle(), "Job", capi.Abc_job_refresh)
}

// CheckFailure returns a *SyncError when the snapshot's state is failed or cancelled, nil
// otherwise. No request.
func (j *Job) CheckFailure() error { return call(j.handle(), "Job", capi.Abc_job_check_failure) }

// Cancel asks the server to cancel the job (DELETE /jobs/{id}) and updates the snapshot.
func (j *Job) Cancel(ctx context.Context) error {
	return callContext(ctx, j.handle(), "Job", capi.Abc_job_cancel)
}

// Wait polls until the job is final, per opts (nil for the defaults; NoWait and
// AttachIfRunning do not apply). Cancelling ctx stops the wait, not the job.
func (j *Job) Wait(ctx context.Context, opts *SyncOptions) error {
	if ctx == nil {
		return invalid("ctx is nil")
	}
	ptr, err := j.handle().lock("Job")
	if err != nil {
		return err
	}
	defer j.h.mu.Unlock() // j is not nil once locked
	if err := ctx.Err(); err != nil {
		return contextDone(err)
	}
	call, err := prepareSync(ctx, opts)
	if err != nil {
		return err
	}
	defer call.finish()
	var e capi.Error
	stop := call.watch(ctx)
	st := capi.Abc_job_wait(capi.Job(ptr), call.opts, &e)
	stop()
	return takeError(st, e, call.cause(ctx, st))
}
