package airbytecloud

import (
	"context"
	"runtime"
	"sync"

	"github.com/airbyte-cloud/libairbyte_cloud/bindings/go/internal/capi"
)

// Connection is a handle on one connection of a workspace. It is lazy: the first getter that
// needs the connection's details (Name, SourceID, ...) fetches them once; Refresh fetches them
// again. Calls on one Connection are serialised.
type Connection struct {
	mu     sync.Mutex
	closed bool
	n      *native // abc_connection; holds the workspace
	ws     *native

	id, url, historyURL string
}

func newConnection(ptr capi.Connection, ws *native) *Connection {
	c := &Connection{
		n:          newNative(uintptr(ptr), func(p uintptr) { capi.Abc_connection_free(capi.Connection(p)) }, ws),
		ws:         ws,
		id:         capi.Abc_connection_id(ptr),
		url:        capi.Abc_connection_url(ptr),
		historyURL: capi.Abc_connection_job_history_url(ptr),
	}
	runtime.SetFinalizer(c, (*Connection).Close)
	return c
}

// lock locks the connection and gives its C handle, or fails on a closed or nil one. The
// caller unlocks c.mu.
func (c *Connection) lock() (capi.Connection, error) {
	if c == nil {
		return 0, closedError("Connection")
	}
	c.mu.Lock()
	if c.closed || c.n == nil { // n is nil in a zero Connection not made by this package
		c.mu.Unlock()
		return 0, closedError("Connection")
	}
	return capi.Connection(c.n.ptr), nil
}

// Close releases the handle. Closing twice is a no-op; it waits for a call in flight on this
// Connection.
func (c *Connection) Close() error {
	if c == nil {
		return nil
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.closed {
		return nil
	}
	c.closed = true
	runtime.SetFinalizer(c, nil)
	if c.n != nil {
		c.n.release()
	}
	return nil
}

// ID is the connection id (no request).
func (c *Connection) ID() string {
	if c == nil {
		return ""
	}
	return c.id
}

// URL is the connection's web UI address (no request).
func (c *Connection) URL() string {
	if c == nil {
		return ""
	}
	return c.url
}

// JobHistoryURL is the web UI address of the connection's job history (no request).
func (c *Connection) JobHistoryURL() string {
	if c == nil {
		return ""
	}
	return c.historyURL
}

// Refresh fetches the connection's details now (GET /connections/{id}).
func (c *Connection) Refresh() error {
	ptr, err := c.lock()
	if err != nil {
		return err
	}
	defer c.mu.Unlock()
	var e capi.Error
	return takeError(capi.Abc_connection_refresh(ptr, &e), e, nil)
}

func (c *Connection) text(get func(*string, capi.Connection, *capi.Error) capi.Enum_SS_abc_status) (string, error) {
	ptr, err := c.lock()
	if err != nil {
		return "", err
	}
	defer c.mu.Unlock()
	var out string
	var e capi.Error
	if err := takeError(get(&out, ptr, &e), e, nil); err != nil {
		return "", err
	}
	return out, nil
}

// Name is the connection's name.
func (c *Connection) Name() (string, error) { return c.text(capi.Abc_connection_name) }

// SourceID is the id of the connection's source.
func (c *Connection) SourceID() (string, error) { return c.text(capi.Abc_connection_source_id) }

// DestinationID is the id of the connection's destination.
func (c *Connection) DestinationID() (string, error) {
	return c.text(capi.Abc_connection_destination_id)
}

// Prefix is the table prefix ("" when none).
func (c *Connection) Prefix() (string, error) { return c.text(capi.Abc_connection_prefix) }

// Status is the connection's status as the API spells it ("active", "inactive", ...).
func (c *Connection) Status() (string, error) { return c.text(capi.Abc_connection_status) }

// Streams gives the names of the selected streams.
func (c *Connection) Streams() ([]string, error) {
	ptr, err := c.lock()
	if err != nil {
		return nil, err
	}
	defer c.mu.Unlock()
	var count int
	var e capi.Error
	if err := takeError(capi.Abc_connection_stream_count(&count, ptr, &e), e, nil); err != nil {
		return nil, err
	}
	names := make([]string, 0, count)
	for i := 0; i < count; i++ {
		var name string
		var e capi.Error
		if err := takeError(capi.Abc_connection_stream_name(&name, ptr, int64(i), &e), e, nil); err != nil {
			return nil, err
		}
		names = append(names, name)
	}
	return names, nil
}

// History lists the connection's sync jobs, newest first: at most limit (1..100) after
// skipping offset. Each entry is a snapshot; Workspace.Job gives a live handle on one.
func (c *Connection) History(limit int, offset int64) ([]JobInfo, error) {
	if _, err := cInt("limit", limit); err != nil {
		return nil, err
	}
	ptr, err := c.lock()
	if err != nil {
		return nil, err
	}
	defer c.mu.Unlock()
	var list capi.JobList
	var e capi.Error
	if err := takeError(capi.Abc_connection_list_jobs(&list, ptr, limit, offset, &e), e, nil); err != nil {
		return nil, err
	}
	defer capi.Abc_job_list_free(list)
	count := capi.Abc_job_list_count(list)
	infos := make([]JobInfo, 0, count)
	for i := int64(0); i < count; i++ {
		var job capi.Job
		var e capi.Error
		if err := takeError(capi.Abc_job_list_get(&job, list, i, &e), e, nil); err != nil {
			return nil, err
		}
		infos = append(infos, jobInfo(job))
		capi.Abc_job_free(job)
	}
	return infos, nil
}

// LatestJob gives the connection's most recent sync job, or (nil, nil) when it has none.
func (c *Connection) LatestJob() (*Job, error) {
	ptr, err := c.lock()
	if err != nil {
		return nil, err
	}
	defer c.mu.Unlock()
	var job capi.Job
	var e capi.Error
	if err := takeError(capi.Abc_connection_latest_job(&job, ptr, &e), e, nil); err != nil {
		return nil, err
	}
	if job == 0 {
		return nil, nil
	}
	return newJob(job, c.ws), nil
}

// RunSync is Workspace.RunSync on this connection.
func (c *Connection) RunSync(ctx context.Context, opts *SyncOptions) (*Job, error) {
	if c == nil {
		return nil, closedError("Connection")
	}
	c.mu.Lock()
	if c.closed || c.ws == nil {
		c.mu.Unlock()
		return nil, closedError("Connection")
	}
	ws := c.ws
	ws.retain() // the connection handle itself is not used: the wait does not hold c.mu
	c.mu.Unlock()
	defer ws.release()
	return runSync(ctx, ws, c.id, opts)
}
