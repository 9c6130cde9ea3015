package airbytecloud

import (
	"context"
	"runtime"
	"sort"
	"sync"
	"time"

	"github.com/airbyte-cloud/libairbyte_cloud/bindings/go/internal/capi"
)

// Waiter waits for many jobs at once: each round polls all unfinished jobs concurrently over
// the workspace's keep-alive connections, and Next hands back each job as it becomes final.
// The waiter updates the snapshots of the jobs added to it and keeps them alive until it is
// closed. Calls on one Waiter are serialised.
type Waiter struct {
	mu     sync.Mutex
	closed bool
	n      *native // abc_waiter; holds the workspace and every added job
	jobs   []*Job  // in add order
}

func newWaiter(ptr capi.Waiter, ws *native) *Waiter {
	w := &Waiter{n: newNative(uintptr(ptr), func(p uintptr) { capi.Abc_waiter_free(capi.Waiter(p)) }, ws)}
	runtime.SetFinalizer(w, (*Waiter).Close)
	return w
}

func (w *Waiter) lock() (capi.Waiter, error) {
	if w == nil {
		return 0, closedError("Waiter")
	}
	w.mu.Lock()
	if w.closed || w.n == nil { // n is nil in a zero Waiter not made by this package
		w.mu.Unlock()
		return 0, closedError("Waiter")
	}
	return capi.Waiter(w.n.ptr), nil
}

// Close releases the waiter and its hold on the added jobs. Closing twice is a no-op.
func (w *Waiter) Close() error {
	if w == nil {
		return nil
	}
	w.mu.Lock()
	defer w.mu.Unlock()
	if w.closed {
		return nil
	}
	w.closed = true
	w.jobs = nil
	runtime.SetFinalizer(w, nil)
	if w.n != nil {
		w.n.release()
	}
	return nil
}

// Add adds a job to wait for and gives its position (counting from 0 in add order).
func (w *Waiter) Add(job *Job) (int, error) {
	ptr, err := w.lock()
	if err != nil {
		return 0, err
	}
	defer w.mu.Unlock()
	jobPtr, err := job.lock()
	if err != nil {
		return 0, err
	}
	defer job.mu.Unlock()
	var index int
	var e capi.Error
	if err := takeError(capi.Abc_waiter_add(ptr, jobPtr, &index, &e), e, nil); err != nil {
		return 0, err
	}
	w.n.addDep(job.n)
	w.jobs = append(w.jobs, job)
	return index, nil
}

// Pending is the number of added jobs that are not yet final (0 for a closed or nil Waiter).
func (w *Waiter) Pending() int {
	ptr, err := w.lock()
	if err != nil {
		return 0
	}
	defer w.mu.Unlock()
	return int(capi.Abc_waiter_pending_count(ptr))
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
	defer w.mu.Unlock()
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
		job.mu.Lock()
		defer job.mu.Unlock()
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
