package airbytecloud

import (
	"context"
	"runtime"
	"sync"
	"time"

	"github.com/airbyte-cloud/libairbyte_cloud/bindings/go/internal/capi"
)

// Workspace is the entry point: one workspace id plus credentials and settings. It is safe for
// concurrent use by any number of goroutines; requests share a pool of keep-alive connections.
type Workspace struct {
	mu     sync.Mutex // guards closed and n
	closed bool
	n      *native // abc_workspace

	id, apiURL, url, configAPIURL string
}

// NewWorkspace makes a workspace handle for the workspace id (a UUID). No request is sent:
// Connect checks the API and the credentials.
func NewWorkspace(id string, opts ...Option) (*Workspace, error) {
	if err := checkText("workspace id", id); err != nil {
		return nil, err
	}
	return newWorkspace(opts, func(out *capi.Workspace, o capi.Options, e *capi.Error) capi.Enum_SS_abc_status {
		return capi.Abc_workspace_new(out, id, o, e)
	})
}

// NewWorkspaceFromEnvironment is NewWorkspace with the workspace id from
// AIRBYTE_CLOUD_WORKSPACE_ID and the settings not given by opts from the environment (see
// WithEnvironment).
func NewWorkspaceFromEnvironment(opts ...Option) (*Workspace, error) {
	return newWorkspace(opts, func(out *capi.Workspace, o capi.Options, e *capi.Error) capi.Enum_SS_abc_status {
		return capi.Abc_workspace_new_from_environment(out, o, e)
	})
}

func newWorkspace(opts []Option, make func(*capi.Workspace, capi.Options, *capi.Error) capi.Enum_SS_abc_status) (*Workspace, error) {
	c := newConfig(opts)
	o, err := c.build()
	if err != nil {
		return nil, err
	}
	var ptr capi.Workspace
	var e capi.Error
	st := make(&ptr, o, &e)
	capi.Abc_options_free(o) // the workspace keeps a copy
	if err := takeError(st, e, nil); err != nil {
		c.dropLog()
		return nil, err
	}
	log := c.log
	w := &Workspace{
		n: newNative(uintptr(ptr), func(p uintptr) {
			capi.Abc_workspace_free(capi.Workspace(p))
			if log != nil {
				log.Delete() // only once the library can no longer call it
			}
		}),
		id:     capi.Abc_workspace_id(ptr),
		apiURL: capi.Abc_workspace_api_url(ptr),
		url:    capi.Abc_workspace_url(ptr),

		configAPIURL: capi.Abc_workspace_config_api_url(ptr),
	}
	runtime.SetFinalizer(w, (*Workspace).Close)
	return w, nil
}

// acquire gives the native workspace with a reference held for the caller, who releases it.
func (w *Workspace) acquire() (*native, error) {
	if w == nil {
		return nil, closedError("Workspace")
	}
	w.mu.Lock()
	defer w.mu.Unlock()
	if w.closed || w.n == nil { // n is nil in a zero Workspace not made by NewWorkspace
		return nil, closedError("Workspace")
	}
	w.n.retain()
	return w.n, nil
}

// Close releases the workspace. Connections, jobs and waiters made from it stay usable (they
// keep the native workspace alive until they are closed too). Closing twice is a no-op.
func (w *Workspace) Close() error {
	if w == nil {
		return nil
	}
	w.mu.Lock()
	if w.closed {
		w.mu.Unlock()
		return nil
	}
	w.closed = true
	n := w.n
	w.mu.Unlock()
	runtime.SetFinalizer(w, nil)
	if n != nil {
		n.release()
	}
	return nil
}

// ID is the workspace id ("" for a nil Workspace).
func (w *Workspace) ID() string { return fieldOf(w, func(w *Workspace) string { return w.id }) }

// APIURL is the API root in use.
func (w *Workspace) APIURL() string { return fieldOf(w, func(w *Workspace) string { return w.apiURL }) }

// ConfigAPIURL is the Config API root the diagnostics use: WithConfigAPIURL's, or derived from
// the API root; "" when it could not be derived (the diagnostics then fail with
// ErrUnsupported, saying which option to set).
func (w *Workspace) ConfigAPIURL() string {
	return fieldOf(w, func(w *Workspace) string { return w.configAPIURL })
}

// URL is the workspace's web UI address.
func (w *Workspace) URL() string { return fieldOf(w, func(w *Workspace) string { return w.url }) }

// Connect checks that the API is reachable and the credentials grant this workspace
// (GET /workspaces/{id}). The error says which failed: ErrTransport or ErrRequestTimeout
// (unreachable), ErrAuth (credentials rejected), ErrNotFound or ErrForbidden (no such
// workspace or no access).
func (w *Workspace) Connect(ctx context.Context) error {
	return workspaceCall(ctx, w, capi.Abc_workspace_connect)
}

// RequestBudget is the state of a workspace's request budget (shared by the workspaces of the
// same API URL and credential).
type RequestBudget struct {
	Rate        float64       // the cap in requests per second (0: none)
	RateLimited int64         // 429 responses received so far
	Paused      time.Duration // what is left of the pause the last 429 started
	Delayed     time.Duration // the total time requests waited for the budget
}

// RequestBudget reads the budget's state; no request is sent.
func (w *Workspace) RequestBudget() (RequestBudget, error) {
	return withWorkspace(context.Background(), w, func(n *native) (RequestBudget, error) {
		var rate float64
		var limited, paused, delayed int64
		var e capi.Error
		status := capi.Abc_workspace_request_budget(&rate, &limited, &paused, &delayed, capi.Workspace(n.ptr), &e)
		if err := takeError(status, e, nil); err != nil {
			return RequestBudget{}, err
		}
		return RequestBudget{rate, limited, time.Duration(paused) * time.Millisecond,
			time.Duration(delayed) * time.Millisecond}, nil
	})
}

// Connection makes a handle for the connection id. No request is sent: the first getter that
// needs the connection's details fetches them.
func (w *Workspace) Connection(id string) (*Connection, error) {
	if err := checkText("connection id", id); err != nil {
		return nil, err
	}
	return workspaceMake(context.Background(), w, func(out *capi.Connection, ws capi.Workspace, e *capi.Error) capi.Enum_SS_abc_status {
		return capi.Abc_connection_get(out, ws, id, e)
	}, newConnection)
}

// Job fetches job jobID (GET /jobs/{id}).
func (w *Workspace) Job(ctx context.Context, jobID int64) (*Job, error) {
	return workspaceMake(ctx, w, func(out *capi.Job, ws capi.Workspace, e *capi.Error) capi.Enum_SS_abc_status {
		return capi.Abc_job_get(out, ws, jobID, e)
	}, newJob)
}

// RunSync starts a sync on the connection (POST /jobs) and, unless opts.NoWait, waits until
// the job is final. opts may be nil for the defaults.
//
// The job is returned whenever it started, also with an error when the wait failed
// (*SyncError, *TimeoutError, ErrCancelled, or a transport error while polling): the job goes
// on on the server and the caller may keep waiting, read or cancel it. Cancelling ctx stops the
// wait, not the job. Starting is never retried in a way that could create a second job.
func (w *Workspace) RunSync(ctx context.Context, connectionID string, opts *SyncOptions) (*Job, error) {
	if err := checkText("connection id", connectionID); err != nil {
		return nil, err
	}
	n, err := w.acquire()
	if err != nil {
		return nil, err
	}
	defer n.release()
	return runSync(ctx, n, connectionID, opts)
}

// NewWaiter makes a Waiter, which waits for many jobs of this workspace at once.
func (w *Workspace) NewWaiter() (*Waiter, error) {
	return workspaceMake(context.Background(), w, capi.Abc_waiter_new, newWaiter)
}
