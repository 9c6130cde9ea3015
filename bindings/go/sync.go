package airbytecloud

import (
	"context"
	"runtime/cgo"
	"time"

	"github.com/airbyte-cloud/libairbyte_cloud/bindings/go/internal/capi"
)

// SyncOptions says how RunSync and the waits behave. The zero value (or nil) means the
// defaults: wait until the job is final, for at most 1 hour; a failed or cancelled job is a
// *SyncError; a timeout is a *TimeoutError; a connection already running a job is
// ErrSyncAlreadyRunning.
type SyncOptions struct {
	// NoWait makes RunSync return as soon as the job has started.
	NoWait bool
	// Timeout bounds a wait (1 ms .. 30 days); 0 means the default, 1 hour.
	Timeout time.Duration
	// AllowFailure makes a job that ends failed or cancelled no error: read Job.State.
	AllowFailure bool
	// AllowTimeout makes a wait that times out no error: the job is returned still running.
	AllowTimeout bool
	// JobType is the job RunSync starts: "sync" ("" too), "reset", "refresh" or "clear".
	JobType string
	// AttachIfRunning makes RunSync wait for the job the connection is already running instead
	// of failing with ErrSyncAlreadyRunning.
	AttachIfRunning bool
	// Progress, when set, is called after every poll with the job's latest figures, on the
	// goroutine that waits. Return false to stop waiting (the wait then fails with
	// ErrCancelled; the job goes on). A panic in Progress stops the wait and is raised again
	// once the native call has returned. Progress must not call methods of the Job being
	// waited for (Job.Wait holds it): everything it needs is in Progress.
	Progress func(Progress) bool
}

// Progress is what a wait reports after each poll.
type Progress struct {
	JobID       int64
	State       JobState
	Elapsed     time.Duration
	RowsSynced  int64
	BytesSynced int64
}

// syncCall is one native abc_sync_options for one call, with its cancel token and progress
// bridge.
type syncCall struct {
	opts     capi.SyncOptions
	token    capi.CancelToken
	progress cgo.Handle

	panicked   bool
	panicValue interface{}
}

// prepareSync builds the native options for opts (nil: defaults) and, when ctx can be done, a
// cancel token.
func prepareSync(ctx context.Context, opts *SyncOptions) (*syncCall, error) {
	if opts == nil {
		opts = &SyncOptions{}
	}
	// Out parameters are fresh variables: cgo refuses a pointer into memory that holds Go
	// pointers (syncCall does).
	var native capi.SyncOptions
	var e capi.Error
	if err := takeError(capi.Abc_sync_options_new(&native, &e), e, nil); err != nil {
		return nil, err
	}
	call := &syncCall{opts: native}
	steps := []func(*capi.Error) capi.Enum_SS_abc_status{
		func(e *capi.Error) capi.Enum_SS_abc_status {
			return capi.Abc_sync_options_set_wait(call.opts, flag(!opts.NoWait), e)
		},
		func(e *capi.Error) capi.Enum_SS_abc_status {
			return capi.Abc_sync_options_set_fail_on_sync_failure(call.opts, flag(!opts.AllowFailure), e)
		},
		func(e *capi.Error) capi.Enum_SS_abc_status {
			return capi.Abc_sync_options_set_fail_on_timeout(call.opts, flag(!opts.AllowTimeout), e)
		},
		func(e *capi.Error) capi.Enum_SS_abc_status {
			return capi.Abc_sync_options_set_attach_if_running(call.opts, flag(opts.AttachIfRunning), e)
		},
	}
	if err := checkText("job type", opts.JobType); err != nil {
		call.release()
		return nil, err
	}
	if opts.JobType != "" {
		steps = append(steps, func(e *capi.Error) capi.Enum_SS_abc_status {
			return capi.Abc_sync_options_set_job_type(call.opts, opts.JobType, e)
		})
	}
	if opts.Timeout != 0 {
		steps = append(steps, func(e *capi.Error) capi.Enum_SS_abc_status {
			return capi.Abc_sync_options_set_timeout_ms(call.opts, durationMS(opts.Timeout), e)
		})
	}
	if opts.Progress != nil {
		user := opts.Progress
		call.progress = cgo.NewHandle(capi.ProgressFunc(func(jobID int64, state int, elapsedMS, rows, bytes int64) (result int) {
			defer func() {
				if r := recover(); r != nil {
					call.panicked, call.panicValue, result = true, r, 1
				}
			}()
			if user(Progress{JobID: jobID, State: JobState(state), Elapsed: time.Duration(elapsedMS) * time.Millisecond,
				RowsSynced: rows, BytesSynced: bytes}) {
				return 0
			}
			return 1
		}))
		steps = append(steps, func(e *capi.Error) capi.Enum_SS_abc_status {
			return capi.Abc_sync_options_set_progress_callback(call.opts, uintptr(call.progress), e)
		})
	}
	if ctx.Done() != nil {
		steps = append(steps, func(e *capi.Error) capi.Enum_SS_abc_status {
			var token capi.CancelToken
			st := capi.Abc_cancel_token_new(&token, e)
			call.token = token
			return st
		}, func(e *capi.Error) capi.Enum_SS_abc_status {
			return capi.Abc_sync_options_set_cancel_token(call.opts, call.token, e)
		})
	}
	for _, step := range steps {
		var e capi.Error
		if err := takeError(step(&e), e, nil); err != nil {
			call.release()
			return nil, err
		}
	}
	return call, nil
}

// watch cancels the call's token when ctx is done, until the returned stop is called. stop
// returns only once the watching goroutine is gone, so the token may then be freed.
func (c *syncCall) watch(ctx context.Context) (stop func()) { return watchToken(ctx, c.token) }

// watchToken cancels token (0: none) when ctx is done, until the returned stop is called. stop
// returns only once the watching goroutine is gone, so the token may then be freed.
func watchToken(ctx context.Context, token capi.CancelToken) (stop func()) {
	if token == 0 || ctx.Done() == nil {
		return func() {}
	}
	done := make(chan struct{})
	exited := make(chan struct{})
	go func() {
		defer close(exited)
		select {
		case <-ctx.Done():
			capi.Abc_cancel_token_cancel(token)
		case <-done:
		}
	}()
	return func() {
		close(done)
		<-exited
	}
}

// cancelled reports whether the call's token was cancelled (by the context).
func (c *syncCall) cancelled() bool {
	return c.token != 0 && capi.Abc_cancel_token_is_cancelled(c.token) != 0
}

// cause gives the context's error for a wait the context stopped.
func (c *syncCall) cause(ctx context.Context, st capi.Enum_SS_abc_status) error {
	if st == capi.ABC_ERROR_CANCELLED && c.cancelled() {
		return ctx.Err()
	}
	return nil
}

func (c *syncCall) release() {
	if c.opts != 0 {
		capi.Abc_sync_options_free(c.opts)
		c.opts = 0
	}
	if c.token != 0 {
		capi.Abc_cancel_token_free(c.token)
		c.token = 0
	}
	if c.progress != 0 {
		c.progress.Delete()
		c.progress = 0
	}
}

// finish releases everything and raises again a panic of the Progress function.
func (c *syncCall) finish() {
	c.release()
	if c.panicked {
		panic(c.panicValue)
	}
}

// runSync is RunSync with a reference held on the workspace.
func runSync(ctx context.Context, ws *native, connectionID string, opts *SyncOptions) (job *Job, err error) {
	if ctx == nil {
		return nil, invalid("ctx is nil")
	}
	if err := ctx.Err(); err != nil {
		return nil, contextDone(err)
	}
	call, err := prepareSync(ctx, opts)
	if err != nil {
		return nil, err
	}
	defer call.finish()
	var out capi.Job
	var e capi.Error
	stop := call.watch(ctx)
	st := capi.Abc_run_sync(&out, capi.Workspace(ws.ptr), connectionID, call.opts, &e)
	stop()
	if out != 0 {
		job = newJob(out, ws)
	}
	return job, takeError(st, e, call.cause(ctx, st))
}
