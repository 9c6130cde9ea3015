package airbytecloud

import (
	"context"
	"sort"
	"time"

	"github.com/airbyte-cloud/libairbyte_cloud/bindings/go/internal/capi"
)

// Waiter waits for many jobs at once: each round polls all unfinished jobs concurrently over
// the workspace's keep-alive connections, and Next hands back each job as it becomes final.
// The waiter updates the snapshots of the jobs added to it and keeps them alive until it is
// closed. Calls on one Waiter are serialised.
type Waiter struct {
	h    handle // abc_waiter; holds the workspace and every added job
	jobs []*Job // in add order
}

func newWaiter(ptr capi.Waiter, ws *native) *Waiter {
	w := &Waiter{}
	w.h.set("Waiter", nativeOf(ptr, capi.Abc_waiter_free, ws))
	return finalized(w)
}

func (w *Waiter) handle() *handle { return handleOf(w, func(w *Waiter) *handle { return &w.h }) }

// lock locks the waiter and gives its C handle; the caller unlocks w.h.mu.
func (w *Waiter) lock() (capi.Waiter, error) {
	ptr, err := w.handle().lock("Waiter")
	return capi.Waiter(ptr), err
}

// Close releases the waiter and its hold on the added jobs. Closing twice is a no-op.
func (w *Waiter) Close() error { return closeHandle(w, w.handle()) }

// Add adds a job to wait for and gives its position (counting from 0 in add order).
func (w *Waiter) Add(job *Job) (int, error) {
	ptr, err := w.lock()
	if err != nil {
		return 0, err
	}
	defer w.h.mu.Unlock()
	index, err := result(job.handle(), "Job", func(out *int, p capi.Job, e *capi.Error) capi.Enum_SS_abc_status {
		st := capi.Abc_waiter_add(ptr, p, out, e)
		if st == capi.ABC_OK {
			w.h.n.addDep(job.h.n) // under the job's lock: the job is not closed under us
		}
		return st
	})
	if err != nil {
		return 0, err
	}
	w.jobs = append(w.jobs, job)
	return index, nil
}

// Pending is the number of added jobs that are not yet final (0 for a closed or nil Waiter).
func (w *Waiter) Pending() int {
	return int(get(w.handle(), "Waiter", capi.Abc_waiter_pending_count))
}

// maxNextChunk is how long one native wait of Next lasts when Next has no timeout of its own.
const maxNextChunk = time.Hour

// Next blocks until one more added job is final and gives it with its position. Jobs are
// reported once each; a failed job is reported like any other (read its State). timeout <= 0
// means no limit but ctx.
//
// Errors: ErrNotFound when every added job has been reported; a *TimeoutError when none
// finished within timeout; ErrCancelled (and ctx's error) when ctx is done.
func (w *Waiter) Next(ctx context.Context, timeout time.Duration) (int, *Job, error) {
	if ctx == nil {
		return 0, nil, invalid("ctx is nil")
	}
	ptr, err := w.lock()
	if err != nil {
		return 0, nil, err
	}
	defer w.h.mu.Unlock()
	if err := ctx.Err(); err != nil {
		return 0, nil, contextDone(err)
	}
	// The waiter updates the jobs' snapshots: hold every job, in one global order.
	jobs := append([]*Job(nil), w.jobs...)
	sort.Slice(jobs, func(a, b int) bool { return jobs[a].seq < jobs[b].seq })
	for i, job := range jobs {
		if i > 0 && job == jobs[i-1] {
			continue
		}
		job.h.mu.Lock()
		defer job.h.mu.Unlock()
	}

	var token capi.CancelToken
	if ctx.Done() != nil {
		var e capi.Error
		if err := takeError(capi.Abc_cancel_token_new(&token, &e), e, nil); err != nil {
			return 0, nil, err
		}
		defer capi.Abc_cancel_token_free(token)
	}
	call := &syncCall{token: token}
	stop := call.watch(ctx)
	defer stop()
	for {
		chunk := timeout
		if timeout <= 0 {
			chunk = maxNextChunk
		}
		var index int
		var e capi.Error
		st := capi.Abc_waiter_next(&index, ptr, durationMS(chunk), token, &e)
		if st == capi.ABC_ERROR_WAIT_TIMEOUT && timeout <= 0 {
			capi.Abc_error_free(e)
			continue
		}
		if err := takeError(st, e, call.cause(ctx, st)); err != nil {
			return 0, nil, err
		}
		if index < 0 || index >= len(w.jobs) {
			return 0, nil, &Error{Status: StatusInternal, Message: "the waiter reported an unknown job"}
		}
		return index, w.jobs[index], nil
	}
}
