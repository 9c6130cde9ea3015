package airbytecloud

import (
	"context"
	"encoding/json"

	"github.com/airbyte-cloud/libairbyte_cloud/bindings/go/internal/capi"
)

// ConnectionSpec holds the fields of a connection to create (Workspace.CreateConnection) or the
// changes to make to one (Connection.Update). Zero fields are not set.
type ConnectionSpec struct {
	Name          string // required to create
	SourceID      string // required to create; cannot be changed by an update
	DestinationID string // required to create; cannot be changed by an update
	// Streams is the connection's whole stream selection (for an update it replaces the current
	// one). None: a create leaves the choice to the server, an update keeps the selection.
	Streams []StreamSpec
	// Prefix of the destination tables; nil leaves it unset, a pointer to "" means none.
	Prefix *string
	// Schedule: nil leaves it unset; &Schedule{} is manual (syncs only when started);
	// &Schedule{Cron: "0 0 12 * * ?"} a Quartz cron schedule (6 or 7 fields, seconds first).
	Schedule *Schedule
	// Namespace: where the destination puts the data; nil leaves it unset.
	Namespace *Namespace
	// Status is "active" (enabled) or "inactive" (disabled); "" leaves it unset.
	Status string
	// Tags to attach (an update replaces the connection's tags with these); none: unset.
	Tags []*Tag
}

// StreamSpec selects one stream of a connection.
type StreamSpec struct {
	Name string // the stream, e.g. from a StreamCatalog; each only once
	// SyncMode is "" for the server's default, or "full_refresh_overwrite",
	// "full_refresh_overwrite_deduped", "full_refresh_append", "full_refresh_update",
	// "full_refresh_soft_delete", "incremental_append", "incremental_deduped_history",
	// "incremental_update", "incremental_soft_delete".
	SyncMode string
	// CursorField is "" for the source's default, a top-level field name ("updated_at"), or a
	// JSON array of strings for a nested path (`["meta","updated_at"]`).
	CursorField string
	// PrimaryKey is "" for the source's default, a top-level field name ("id"), or a JSON array
	// of paths (`[["id"],["region"]]`).
	PrimaryKey string
}

// Schedule is a connection's sync schedule: manual when Cron is "".
type Schedule struct{ Cron string }

// Namespace says where the destination puts a connection's data.
type Namespace struct {
	Definition string // "source", "destination" or "custom_format"
	Format     string // with "custom_format" (e.g. "${SOURCE_NAMESPACE}_raw"); "" otherwise
}

// native builds the abc_connection_spec; the caller frees it.
func (s *ConnectionSpec) native() (capi.ConnectionSpec, error) {
	if s == nil {
		return 0, invalid("the connection spec is nil")
	}
	type spec = capi.ConnectionSpec
	type status = capi.Enum_SS_abc_status
	var b builder[spec]
	for _, t := range [][2]string{{"name", s.Name}, {"source id", s.SourceID}, {"destination id", s.DestinationID}, {"status", s.Status}} {
		b.text(t[0], t[1])
	}
	setIf(&b, s.Name, capi.Abc_connection_spec_set_name)
	setIf(&b, s.SourceID, capi.Abc_connection_spec_set_source_id)
	setIf(&b, s.DestinationID, capi.Abc_connection_spec_set_destination_id)
	for _, st := range s.Streams {
		st := st
		b.text("stream name", st.Name)
		b.text("sync mode", st.SyncMode)
		b.text("cursor field", st.CursorField)
		b.text("primary key", st.PrimaryKey)
		b.step(func(p spec, e *capi.Error) status {
			return capi.Abc_connection_spec_add_stream(p, st.Name, st.SyncMode, st.CursorField, st.PrimaryKey, e)
		})
	}
	if s.Prefix != nil {
		b.text("prefix", *s.Prefix)
		prefix := *s.Prefix
		b.step(func(p spec, e *capi.Error) status { return capi.Abc_connection_spec_set_prefix(p, prefix, e) })
	}
	if s.Schedule != nil && s.Schedule.Cron == "" {
		b.step(capi.Abc_connection_spec_set_schedule_manual)
	} else if s.Schedule != nil {
		b.text("cron expression", s.Schedule.Cron)
		setIf(&b, s.Schedule.Cron, capi.Abc_connection_spec_set_schedule_cron)
	}
	if s.Namespace != nil {
		ns := *s.Namespace
		b.text("namespace definition", ns.Definition)
		b.text("namespace format", ns.Format)
		b.step(func(p spec, e *capi.Error) status {
			return capi.Abc_connection_spec_set_namespace(p, ns.Definition, ns.Format, e)
		})
	}
	setIf(&b, s.Status, capi.Abc_connection_spec_set_status)
	for _, tag := range s.Tags {
		tag := tag
		b.step(func(p spec, e *capi.Error) status {
			t, err := tag.handle().lock("Tag")
			if err != nil {
				return capi.Abc_connection_spec_add_tag(p, 0, e) // C names the missing tag
			}
			defer tag.h.mu.Unlock()
			return capi.Abc_connection_spec_add_tag(p, capi.Tag(t), e)
		})
	}
	return b.make(capi.Abc_connection_spec_new, capi.Abc_connection_spec_free)
}

// use runs f with the native spec, then frees it.
func (s *ConnectionSpec) use(f func(capi.ConnectionSpec) error) error {
	spec, err := s.native()
	if err != nil {
		return err
	}
	defer capi.Abc_connection_spec_free(spec)
	return f(spec)
}

// JSON is the POST /connections body the spec makes, checking that name, source and
// destination are set. No request.
func (s *ConnectionSpec) JSON() (json.RawMessage, error) {
	var out string
	err := s.use(func(spec capi.ConnectionSpec) error {
		var e capi.Error
		return takeError(capi.Abc_connection_spec_to_json(&out, spec, &e), e, nil)
	})
	if err != nil {
		return nil, err
	}
	return json.RawMessage(out), nil
}

var connectionLists = &listAPI[capi.ConnectionList, capi.ConnectionIterator, capi.Connection]{
	list: capi.Abc_workspace_list_connections, count: capi.Abc_connection_list_count, at: capi.Abc_connection_list_get,
	free: capi.Abc_connection_list_free, iterate: capi.Abc_workspace_iterate_connections,
	next: capi.Abc_connection_iterator_next, freeIterator: capi.Abc_connection_iterator_free,
}

// CreateConnection creates a connection (POST /connections); the handle holds the created
// connection's details. It is never resent in a way that could create two.
func (w *Workspace) CreateConnection(ctx context.Context, spec ConnectionSpec) (*Connection, error) {
	return withWorkspace(ctx, w, func(n *native) (conn *Connection, err error) {
		err = spec.use(func(native capi.ConnectionSpec) error {
			var out capi.Connection
			var e capi.Error
			if err := takeError(capi.Abc_connection_create(&out, capi.Workspace(n.ptr), native, &e), e, nil); err != nil {
				return err
			}
			conn = newConnection(out, n)
			return nil
		})
		return conn, err
	})
}

// DeleteConnection deletes a connection and, with cascade, its source and destination
// afterwards. Safe mode (on by default for a cascade) deletes nothing unless each resource to
// delete is named as disposable and, for a cascade, neither the source nor the destination is
// used by another connection.
func (w *Workspace) DeleteConnection(ctx context.Context, id string, cascade bool, mode SafeMode) error {
	if err := checkText("connection id", id); err != nil {
		return err
	}
	return workspaceCall(ctx, w, func(ws capi.Workspace, e *capi.Error) capi.Enum_SS_abc_status {
		return capi.Abc_connection_delete(ws, id, flag(cascade), capi.Enum_SS_abc_safe_mode(mode), e)
	})
}

// Connections lists every connection passing opts (nil: all), all pages fetched now. Each
// handle holds its listed details.
func (w *Workspace) Connections(ctx context.Context, opts *ListOptions) ([]*Connection, error) {
	return listAll(ctx, w, opts, connectionLists, newConnection)
}

// IterateConnections walks the workspace's connections lazily, under ctx. No request yet.
func (w *Workspace) IterateConnections(ctx context.Context, opts *ListOptions) (*Iterator[*Connection], error) {
	return iterate(ctx, w, opts, connectionLists, newConnection)
}

// Update changes the connection (PATCH /connections/{id}) by the fields set in changes: name,
// streams, prefix, schedule, namespace, status. Setting the source or destination id, or
// nothing, is ErrInvalidArgument before any request. The handle's details become the response.
func (c *Connection) Update(ctx context.Context, changes ConnectionSpec) error {
	_, err := await(ctx, func() (struct{}, error) {
		return struct{}{}, changes.use(func(spec capi.ConnectionSpec) error {
			return call(c.handle(), "Connection", func(p capi.Connection, e *capi.Error) capi.Enum_SS_abc_status {
				return capi.Abc_connection_update(p, spec, e)
			})
		})
	})
	return err
}

// ScheduleType is "manual", "cron" or "basic".
func (c *Connection) ScheduleType(ctx context.Context) (string, error) {
	return c.text(ctx, capi.Abc_connection_schedule_type)
}

// CronExpression is the cron expression ("" unless the schedule is cron).
func (c *Connection) CronExpression(ctx context.Context) (string, error) {
	return c.text(ctx, capi.Abc_connection_cron_expression)
}

// NamespaceDefinition is "source", "destination" or "custom_format".
func (c *Connection) NamespaceDefinition(ctx context.Context) (string, error) {
	return c.text(ctx, capi.Abc_connection_namespace_definition)
}

// JSON is the whole connection as the API returned it (streams with their sync modes, cursors
// and keys; schedule; tags...).
func (c *Connection) JSON(ctx context.Context) (json.RawMessage, error) {
	text, err := c.text(ctx, capi.Abc_connection_json)
	if err != nil {
		return nil, err
	}
	return json.RawMessage(text), nil
}

// ---- Workspaces -----------------------------------------------------------------------------

// WorkspaceInfo is a snapshot of a workspace's details. To work in a listed workspace, make a
// Workspace with its ID.
type WorkspaceInfo struct {
	ID            string
	Name          string
	DataResidency string // "auto", "us", "eu", ...
	JSON          string // the workspace as the API gave it (text: WorkspaceInfo stays comparable)
}

func takeWorkspaceInfo(p capi.WorkspaceInfo) WorkspaceInfo {
	defer capi.Abc_workspace_info_free(p)
	return WorkspaceInfo{
		ID:            capi.Abc_workspace_info_id(p),
		Name:          capi.Abc_workspace_info_name(p),
		DataResidency: capi.Abc_workspace_info_data_residency(p),
		JSON:          capi.Abc_workspace_info_json(p),
	}
}

var workspaceLists = &listAPI[capi.WorkspaceInfoList, capi.WorkspaceInfoIterator, capi.WorkspaceInfo]{
	list: capi.Abc_workspace_list_workspaces, count: capi.Abc_workspace_info_list_count, at: capi.Abc_workspace_info_list_get,
	free: capi.Abc_workspace_info_list_free, iterate: capi.Abc_workspace_iterate_workspaces,
	next: capi.Abc_workspace_info_iterator_next, freeIterator: capi.Abc_workspace_info_iterator_free,
}

func wrapWorkspaceInfo(p capi.WorkspaceInfo, _ *native) WorkspaceInfo { return takeWorkspaceInfo(p) }

// Info fetches the details of workspace id (GET /workspaces/{id}); "" for this workspace.
func (w *Workspace) Info(ctx context.Context, id string) (WorkspaceInfo, error) {
	if err := checkText("workspace id", id); err != nil {
		return WorkspaceInfo{}, err
	}
	return workspaceMake(ctx, w, func(out *capi.WorkspaceInfo, ws capi.Workspace, e *capi.Error) capi.Enum_SS_abc_status {
		return capi.Abc_workspace_info_get(out, ws, id, e)
	}, wrapWorkspaceInfo)
}

// Name fetches this workspace's name (one request each call).
func (w *Workspace) Name(ctx context.Context) (string, error) {
	return withWorkspace(ctx, w, func(n *native) (string, error) {
		var out string
		var e capi.Error
		err := takeError(capi.Abc_workspace_name(&out, capi.Workspace(n.ptr), &e), e, nil)
		return out, err
	})
}

// Workspaces lists every workspace the credentials can reach passing opts (nil: all).
func (w *Workspace) Workspaces(ctx context.Context, opts *ListOptions) ([]WorkspaceInfo, error) {
	return listAll(ctx, w, opts, workspaceLists, wrapWorkspaceInfo)
}

// IterateWorkspaces walks the workspaces the credentials can reach lazily, under ctx. No
// request yet.
func (w *Workspace) IterateWorkspaces(ctx context.Context, opts *ListOptions) (*Iterator[WorkspaceInfo], error) {
	return iterate(ctx, w, opts, workspaceLists, wrapWorkspaceInfo)
}

// ---- Streams --------------------------------------------------------------------------------

// StreamCatalog is what a source offers (GET /streams), to pick streams and sync modes before
// creating a connection. Calls on one StreamCatalog are serialised.
type StreamCatalog struct{ h handle }

// Stream is one stream of a StreamCatalog.
type Stream struct {
	Name                string
	Namespace           string     // "" when none
	SyncModes           []string   // the supported sync modes
	DefaultCursor       []string   // the default cursor field path (empty when none)
	SourceDefinedCursor bool       // the source defines the cursor: it cannot be chosen
	PrimaryKey          [][]string // the source-defined primary key, as paths (empty when none)
}

// StreamCatalog fetches the streams of a source; destinationID (optional, "") narrows the sync
// modes to those the destination supports.
func (w *Workspace) StreamCatalog(ctx context.Context, sourceID, destinationID string) (*StreamCatalog, error) {
	if err := checkText("source id", sourceID); err != nil {
		return nil, err
	}
	if err := checkText("destination id", destinationID); err != nil {
		return nil, err
	}
	return workspaceMake(ctx, w, func(out *capi.StreamCatalog, ws capi.Workspace, e *capi.Error) capi.Enum_SS_abc_status {
		return capi.Abc_stream_catalog_get(out, ws, sourceID, destinationID, e)
	}, func(p capi.StreamCatalog, _ *native) *StreamCatalog {
		c := &StreamCatalog{}
		c.h.set("StreamCatalog", nativeOf(p, capi.Abc_stream_catalog_free))
		return finalized(c)
	})
}

func (c *StreamCatalog) handle() *handle {
	return handleOf(c, func(c *StreamCatalog) *handle { return &c.h })
}

// Len is the number of streams (0 for a closed or nil catalog).
func (c *StreamCatalog) Len() int {
	return int(get(c.handle(), "StreamCatalog", capi.Abc_stream_catalog_count))
}

// Find gives the index of the stream named name (ErrNotFound when there is none).
func (c *StreamCatalog) Find(name string) (int, error) {
	if err := checkText("stream name", name); err != nil {
		return 0, err
	}
	return result(c.handle(), "StreamCatalog", func(out *int, p capi.StreamCatalog, e *capi.Error) capi.Enum_SS_abc_status {
		return capi.Abc_stream_catalog_find(out, p, name, e)
	})
}

// Stream gives stream index (< Len).
func (c *StreamCatalog) Stream(index int) (Stream, error) {
	// Each result has its own variable: cgo refuses a pointer into memory that holds Go
	// pointers (a Stream whose Name is already set).
	var name, namespace, modes, cursor, key string
	var defined int
	i := int64(index)
	steps := []func(capi.StreamCatalog, *capi.Error) capi.Enum_SS_abc_status{
		streamField(&name, capi.Abc_stream_catalog_name, i), streamField(&namespace, capi.Abc_stream_catalog_namespace, i),
		streamField(&modes, capi.Abc_stream_catalog_sync_modes, i), streamField(&cursor, capi.Abc_stream_catalog_default_cursor, i),
		streamField(&defined, capi.Abc_stream_catalog_source_defined_cursor, i), streamField(&key, capi.Abc_stream_catalog_primary_key, i),
	}
	if index < 0 {
		return Stream{}, invalid("stream index is negative")
	}
	err := call(c.handle(), "StreamCatalog", func(p capi.StreamCatalog, e *capi.Error) capi.Enum_SS_abc_status {
		for _, step := range steps {
			if st := step(p, e); st != capi.ABC_OK {
				return st
			}
		}
		return capi.ABC_OK
	})
	if err != nil {
		return Stream{}, err
	}
	s := Stream{Name: name, Namespace: namespace, SourceDefinedCursor: defined != 0}
	for _, field := range []struct {
		text string
		into any
	}{{modes, &s.SyncModes}, {cursor, &s.DefaultCursor}, {key, &s.PrimaryKey}} {
		if err := json.Unmarshal([]byte(field.text), field.into); err != nil {
			return Stream{}, &Error{Status: StatusProtocol, Message: "stream " + s.Name + ": " + err.Error()}
		}
	}
	return s, nil
}

// streamField is the step that reads one field of stream i into out.
func streamField[T any](out *T, get func(*T, capi.StreamCatalog, int64, *capi.Error) capi.Enum_SS_abc_status,
	i int64) func(capi.StreamCatalog, *capi.Error) capi.Enum_SS_abc_status {
	return func(p capi.StreamCatalog, e *capi.Error) capi.Enum_SS_abc_status { return get(out, p, i, e) }
}

// Streams gives every stream.
func (c *StreamCatalog) Streams() ([]Stream, error) {
	n := c.Len()
	out := make([]Stream, 0, n)
	for i := 0; i < n; i++ {
		s, err := c.Stream(i)
		if err != nil {
			return nil, err
		}
		out = append(out, s)
	}
	return out, nil
}

// SupportsSyncMode reports whether stream index supports syncMode.
func (c *StreamCatalog) SupportsSyncMode(index int, syncMode string) (bool, error) {
	if err := checkText("sync mode", syncMode); err != nil {
		return false, err
	}
	if index < 0 {
		return false, invalid("stream index is negative")
	}
	out, err := result(c.handle(), "StreamCatalog", func(out *int, p capi.StreamCatalog, e *capi.Error) capi.Enum_SS_abc_status {
		return capi.Abc_stream_catalog_supports_sync_mode(out, p, int64(index), syncMode, e)
	})
	return out != 0, err
}

// Close releases the catalog. Closing twice is a no-op.
func (c *StreamCatalog) Close() error { return closeHandle(c, c.handle()) }
