package airbytecloud

import (
	"context"

	"github.com/airbyte-cloud/libairbyte_cloud/bindings/go/internal/capi"
)

// Connection is a handle on one connection of a workspace. It is lazy: the first getter that
// needs the connection's details (Name, SourceID, ...) fetches them once, under its context;
// Refresh fetches them again. Calls on one Connection are serialised.
type Connection struct {
	h  handle  // abc_connection; holds the workspace
	ws *native // for the jobs it hands out

	id, url, historyURL string
}

func newConnection(ptr capi.Connection, ws *native) *Connection {
	c := &Connection{
		ws:         ws,
		id:         capi.Abc_connection_id(ptr),
		url:        capi.Abc_connection_url(ptr),
		historyURL: capi.Abc_connection_job_history_url(ptr),
	}
	c.h.set("Connection", nativeOf(ptr, capi.Abc_connection_free, ws))
	return finalized(c)
}

func (c *Connection) handle() *handle {
	return handleOf(c, func(c *Connection) *handle { return &c.h })
}

// Close releases the handle. Closing twice is a no-op; it waits for a call in flight on this
// Connection.
func (c *Connection) Close() error { return closeHandle(c, c.handle()) }

// ID is the connection id (no request).
func (c *Connection) ID() string { return fieldOf(c, func(c *Connection) string { return c.id }) }

// URL is the connection's web UI address (no request).
func (c *Connection) URL() string { return fieldOf(c, func(c *Connection) string { return c.url }) }

// JobHistoryURL is the web UI address of the connection's job history (no request).
func (c *Connection) JobHistoryURL() string {
	return fieldOf(c, func(c *Connection) string { return c.historyURL })
}

// Refresh fetches the connection's details now (GET /connections/{id}).
func (c *Connection) Refresh(ctx context.Context) error {
	return callContext(ctx, c.handle(), "Connection", capi.Abc_connection_refresh)
}

// text reads one detail, fetching the details first when they are not loaded yet.
func (c *Connection) text(ctx context.Context, f func(*string, capi.Connection, *capi.Error) capi.Enum_SS_abc_status) (string, error) {
	return resultContext(ctx, c.handle(), "Connection", f)
}

// Name is the connection's name.
func (c *Connection) Name(ctx context.Context) (string, error) {
	return c.text(ctx, capi.Abc_connection_name)
}

// SourceID is the id of the connection's source.
func (c *Connection) SourceID(ctx context.Context) (string, error) {
	return c.text(ctx, capi.Abc_connection_source_id)
}

// DestinationID is the id of the connection's destination.
func (c *Connection) DestinationID(ctx context.Context) (string, error) {
	return c.text(ctx, capi.Abc_connection_destination_id)
}

// Prefix is the table prefix ("" when none).
func (c *Connection) Prefix(ctx context.Context) (string, error) {
	return c.text(ctx, capi.Abc_connection_prefix)
}

// Status is the connection's status as the API spells it ("active", "inactive", ...).
func (c *Connection) Status(ctx context.Context) (string, error) {
	return c.text(ctx, capi.Abc_connection_status)
}

// Streams gives the names of the selected streams.
func (c *Connection) Streams(ctx context.Context) ([]string, error) {
	count, err := resultContext(ctx, c.handle(), "Connection", capi.Abc_connection_stream_count)
	if err != nil {
		return nil, err
	}
	names := make([]string, 0, count)
	for i := 0; i < count; i++ {
		name, err := result(c.handle(), "Connection", func(out *string, p capi.Connection, e *capi.Error) capi.Enum_SS_abc_status {
			return capi.Abc_connection_stream_name(out, p, int64(i), e)
		})
		if err != nil {
			return nil, err
		}
		names = append(names, name)
	}
	return names, nil
}

// History lists the connection's sync jobs, newest first: at most limit (1..100) after
// skipping offset. Each entry is a snapshot; Workspace.Job gives a live handle on one.
func (c *Connection) History(ctx context.Context, limit int, offset int64) ([]JobInfo, error) {
	if _, err := cInt("limit", limit); err != nil {
		return nil, err
	}
	return await(ctx, func() ([]JobInfo, error) {
		list, err := result(c.handle(), "Connection", func(out *capi.JobList, p capi.Connection, e *capi.Error) capi.Enum_SS_abc_status {
			return capi.Abc_connection_list_jobs(out, p, limit, offset, e)
		})
		if err != nil {
			return nil, err
		}
		return takeItems(list, capi.Abc_job_list_count, capi.Abc_job_list_get, capi.Abc_job_list_free, takeJobInfo)
	})
}

// LatestJob gives the connection's most recent sync job, or (nil, nil) when it has none.
func (c *Connection) LatestJob(ctx context.Context) (*Job, error) {
	return await(ctx, func() (job *Job, err error) {
		err = call(c.handle(), "Connection", func(p capi.Connection, e *capi.Error) capi.Enum_SS_abc_status {
			var ptr capi.Job
			st := capi.Abc_connection_latest_job(&ptr, p, e)
			if ptr != 0 {
				job = newJob(ptr, c.ws) // under the lock: c still holds c.ws
			}
			return st
		})
		return job, err
	})
}

// RunSync is Workspace.RunSync on this connection.
func (c *Connection) RunSync(ctx context.Context, opts *SyncOptions) (*Job, error) {
	if c.handle() == nil {
		return nil, closedError("Connection")
	}
	c.h.mu.Lock()
	if c.h.closed || c.ws == nil {
		c.h.mu.Unlock()
		return nil, closedError("Connection")
	}
	ws := c.ws
	ws.retain() // the connection handle itself is not used: the wait does not hold c.h.mu
	c.h.mu.Unlock()
	defer ws.release()
	return runSync(ctx, ws, c.id, opts)
}
