package airbytecloud

import (
	"context"
	"reflect"

	"github.com/airbyte-cloud/libairbyte_cloud/bindings/go/internal/capi"
)

// Every exported method that may send a request takes a context.Context first. Waits
// (RunSync, Job.Wait, Waiter.Next) pass a cancel token to C, which stops them at once. The other
// C calls cannot be interrupted: they run on a goroutine of their own, and when ctx is done
// first the method returns at once with an error matching ErrCancelled and ctx.Err(); the C call
// finishes in the background (at most the request timeout and retry deadline of the Workspace),
// holding what it uses, and whatever it made is closed. A create cancelled that way may still
// create the resource on the server.

// checkContext refuses a nil context and one that is already done.
func checkContext(ctx context.Context) error {
	if ctx == nil {
		return invalid("ctx is nil")
	}
	if err := ctx.Err(); err != nil {
		return contextDone(err)
	}
	return nil
}

// contextDone is the error of a call whose context was done first.
func contextDone(cause error) error {
	return &Error{Status: StatusCancelled, Message: "the context is done: " + cause.Error(), cause: cause}
}

type outcome[T any] struct {
	value T
	err   error
}

// await runs f, a C call that may block on the network, so that ctx ends the wait for it (see
// above). f must hold everything it uses until it returns.
func await[T any](ctx context.Context, f func() (T, error)) (T, error) {
	if err := checkContext(ctx); err != nil {
		var zero T
		return zero, err
	}
	return run(ctx, f)
}

// run is await once ctx has been checked.
func run[T any](ctx context.Context, f func() (T, error)) (T, error) {
	if ctx.Done() == nil { // context.Background(): no goroutine needed
		return f()
	}
	method := callerMethod() // the goroutine's stack will not show it
	done := make(chan outcome[T], 1)
	go func() {
		v, err := f()
		done <- outcome[T]{v, err}
	}()
	select {
	case r := <-done:
		return r.value, withMethod(r.err, method)
	case <-ctx.Done():
		go func() {
			if r := <-done; r.err == nil {
				dispose(r.value)
			}
		}()
		var zero T
		return zero, contextDone(ctx.Err())
	}
}

// dispose closes a result nobody will receive: a handle, or a slice of them.
func dispose(v any) {
	if c, ok := v.(closer); ok {
		c.Close()
		return
	}
	if r := reflect.ValueOf(v); r.Kind() == reflect.Slice {
		for i := 0; i < r.Len(); i++ {
			dispose(r.Index(i).Interface())
		}
	}
}

// callContext is call for a C call that may block on the network.
func callContext[P ~uintptr](ctx context.Context, h *handle, kind string, f func(P, *capi.Error) capi.Enum_SS_abc_status) error {
	_, err := await(ctx, func() (struct{}, error) { return struct{}{}, call(h, kind, f) })
	return err
}

// resultContext is result for a C call that may block on the network.
func resultContext[P ~uintptr, T any](ctx context.Context, h *handle, kind string, f func(*T, P, *capi.Error) capi.Enum_SS_abc_status) (T, error) {
	return await(ctx, func() (T, error) { return result(h, kind, f) })
}

// withWorkspace runs f with the native workspace, a reference held until f returns, honouring
// ctx as await does.
func withWorkspace[T any](ctx context.Context, w *Workspace, f func(ws *native) (T, error)) (T, error) {
	var zero T
	if err := checkContext(ctx); err != nil {
		return zero, err
	}
	n, err := w.acquire()
	if err != nil {
		return zero, err
	}
	return run(ctx, func() (T, error) {
		defer n.release()
		return f(n)
	})
}

// workspaceCall runs a fallible C call on the workspace (a delete, a check).
func workspaceCall(ctx context.Context, w *Workspace, f func(capi.Workspace, *capi.Error) capi.Enum_SS_abc_status) error {
	_, err := withWorkspace(ctx, w, func(n *native) (struct{}, error) {
		var e capi.Error
		return struct{}{}, takeError(f(capi.Workspace(n.ptr), &e), e, nil)
	})
	return err
}

// workspaceMake runs a C call that makes one object of the workspace (a get, a create) and
// wraps the new C handle, which then holds the workspace.
func workspaceMake[P ~uintptr, T any](ctx context.Context, w *Workspace,
	f func(*P, capi.Workspace, *capi.Error) capi.Enum_SS_abc_status, wrap func(P, *native) T) (T, error) {
	return withWorkspace(ctx, w, func(n *native) (T, error) {
		var out P
		var e capi.Error
		if err := takeError(f(&out, capi.Workspace(n.ptr), &e), e, nil); err != nil {
			var zero T
			return zero, err
		}
		return wrap(out, n), nil
	})
}
