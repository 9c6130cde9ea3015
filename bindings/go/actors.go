package airbytecloud

import (
	"encoding/json"
	"runtime"
	"time"

	"github.com/airbyte-cloud/libairbyte_cloud/bindings/go/internal/capi"
)

// actorAPI is the C API of one resource kind (sources or destinations), which have the same
// shape.
type actorAPI struct {
	kind          string
	free          func(uintptr)
	refresh       func(uintptr, *capi.Error) capi.Enum_SS_abc_status
	id            func(uintptr) string
	name          func(uintptr) string
	typ           func(uintptr) string
	definitionID  func(uintptr) string
	workspaceID   func(uintptr) string
	configuration func(uintptr) string
	createdAt     func(uintptr) int64
	rename        func(uintptr, string, *capi.Error) capi.Enum_SS_abc_status
	update        func(uintptr, string, *capi.Error) capi.Enum_SS_abc_status
	replace       func(uintptr, string, string, *capi.Error) capi.Enum_SS_abc_status
}

// actor is a snapshot handle on a source or a destination.
type actor struct {
	h   handle
	api *actorAPI
}

func (a *actor) init(ptr uintptr, ws *native, api *actorAPI) {
	a.api = api
	a.h.n = newNative(ptr, api.free, ws)
}

// ok reports whether the actor was made by this package (a nil pointer or a zero Source or
// Destination is not).
func (a *actor) ok() bool { return a != nil && a.api != nil }

func (a *actor) str(f func(*actorAPI) func(uintptr) string) string {
	if !a.ok() {
		return ""
	}
	return get(&a.h, a.api.kind, f(a.api))
}

func (a *actor) createdAt() time.Time {
	if !a.ok() {
		return time.Time{}
	}
	return unixTime(get(&a.h, a.api.kind, a.api.createdAt))
}

func (a *actor) configuration() json.RawMessage {
	text := a.str(func(x *actorAPI) func(uintptr) string { return x.configuration })
	if text == "" {
		return nil
	}
	return json.RawMessage(text)
}

func (a *actor) refresh() error {
	if !a.ok() {
		return closedError("resource")
	}
	return call(&a.h, a.api.kind, a.api.refresh)
}

func (a *actor) rename(name string) error {
	if !a.ok() {
		return closedError("resource")
	}
	if err := checkText("name", name); err != nil {
		return err
	}
	return call(&a.h, a.api.kind, func(p uintptr, e *capi.Error) capi.Enum_SS_abc_status {
		return a.api.rename(p, name, e)
	})
}

func (a *actor) update(configuration any) error {
	if !a.ok() {
		return closedError("resource")
	}
	text, err := jsonConfig("configuration", configuration)
	if err != nil {
		return err
	}
	return call(&a.h, a.api.kind, func(p uintptr, e *capi.Error) capi.Enum_SS_abc_status {
		return a.api.update(p, text, e)
	})
}

func (a *actor) replace(name string, configuration any) error {
	if !a.ok() {
		return closedError("resource")
	}
	if err := checkText("name", name); err != nil {
		return err
	}
	text, err := jsonConfig("configuration", configuration)
	if err != nil {
		return err
	}
	return call(&a.h, a.api.kind, func(p uintptr, e *capi.Error) capi.Enum_SS_abc_status {
		return a.api.replace(p, name, text, e)
	})
}

func (a *actor) close() error {
	if a == nil {
		return nil
	}
	return a.h.close()
}

var sourceAPI = &actorAPI{
	kind: "Source",
	free: func(p uintptr) { capi.Abc_source_free(capi.Source(p)) },
	refresh: func(p uintptr, e *capi.Error) capi.Enum_SS_abc_status {
		return capi.Abc_source_refresh(capi.Source(p), e)
	},
	id:            func(p uintptr) string { return capi.Abc_source_id(capi.Source(p)) },
	name:          func(p uintptr) string { return capi.Abc_source_name(capi.Source(p)) },
	typ:           func(p uintptr) string { return capi.Abc_source_type(capi.Source(p)) },
	definitionID:  func(p uintptr) string { return capi.Abc_source_definition_id(capi.Source(p)) },
	workspaceID:   func(p uintptr) string { return capi.Abc_source_workspace_id(capi.Source(p)) },
	configuration: func(p uintptr) string { return capi.Abc_source_configuration(capi.Source(p)) },
	createdAt:     func(p uintptr) int64 { return capi.Abc_source_created_at(capi.Source(p)) },
	rename: func(p uintptr, name string, e *capi.Error) capi.Enum_SS_abc_status {
		return capi.Abc_source_rename(capi.Source(p), name, e)
	},
	update: func(p uintptr, config string, e *capi.Error) capi.Enum_SS_abc_status {
		return capi.Abc_source_update_configuration(capi.Source(p), config, e)
	},
	replace: func(p uintptr, name, config string, e *capi.Error) capi.Enum_SS_abc_status {
		return capi.Abc_source_replace(capi.Source(p), name, config, e)
	},
}

var destinationAPI = &actorAPI{
	kind: "Destination",
	free: func(p uintptr) { capi.Abc_destination_free(capi.Destination(p)) },
	refresh: func(p uintptr, e *capi.Error) capi.Enum_SS_abc_status {
		return capi.Abc_destination_refresh(capi.Destination(p), e)
	},
	id:            func(p uintptr) string { return capi.Abc_destination_id(capi.Destination(p)) },
	name:          func(p uintptr) string { return capi.Abc_destination_name(capi.Destination(p)) },
	typ:           func(p uintptr) string { return capi.Abc_destination_type(capi.Destination(p)) },
	definitionID:  func(p uintptr) string { return capi.Abc_destination_definition_id(capi.Destination(p)) },
	workspaceID:   func(p uintptr) string { return capi.Abc_destination_workspace_id(capi.Destination(p)) },
	configuration: func(p uintptr) string { return capi.Abc_destination_configuration(capi.Destination(p)) },
	createdAt:     func(p uintptr) int64 { return capi.Abc_destination_created_at(capi.Destination(p)) },
	rename: func(p uintptr, name string, e *capi.Error) capi.Enum_SS_abc_status {
		return capi.Abc_destination_rename(capi.Destination(p), name, e)
	},
	update: func(p uintptr, config string, e *capi.Error) capi.Enum_SS_abc_status {
		return capi.Abc_destination_update_configuration(capi.Destination(p), config, e)
	},
	replace: func(p uintptr, name, config string, e *capi.Error) capi.Enum_SS_abc_status {
		return capi.Abc_destination_replace(capi.Destination(p), name, config, e)
	},
}

// ---- Source ---------------------------------------------------------------------------------

// Source is a snapshot of one source: the getters send no request; Refresh, Rename,
// UpdateConfiguration and Replace update it. Calls on one Source are serialised.
type Source struct{ a actor }

// SourceSpec describes a source to create.
type SourceSpec struct {
	Name string // a non-blank name
	// Type is the connector, e.g. "faker" or "postgres" (sent as configuration.sourceType); ""
	// to rely on DefinitionID or on the configuration's own "sourceType".
	Type         string
	DefinitionID string // the connector definition's UUID; "" when Type says it
	// Configuration is the connector configuration, a JSON object: JSON text (string, []byte,
	// json.RawMessage) or a value encoding/json marshals (a map, a struct).
	Configuration any
}

func newSource(ptr capi.Source, ws *native) *Source {
	s := &Source{}
	s.a.init(uintptr(ptr), ws, sourceAPI)
	runtime.SetFinalizer(s, (*Source).Close)
	return s
}

func (s *Source) actor() *actor {
	if s == nil {
		return nil
	}
	return &s.a
}

// ID is the source id.
func (s *Source) ID() string {
	return s.actor().str(func(x *actorAPI) func(uintptr) string { return x.id })
}

// Name is the source's name.
func (s *Source) Name() string {
	return s.actor().str(func(x *actorAPI) func(uintptr) string { return x.name })
}

// Type is the connector type ("faker", ...) as the server reports it.
func (s *Source) Type() string {
	return s.actor().str(func(x *actorAPI) func(uintptr) string { return x.typ })
}

// DefinitionID is the connector definition id.
func (s *Source) DefinitionID() string {
	return s.actor().str(func(x *actorAPI) func(uintptr) string { return x.definitionID })
}

// WorkspaceID is the workspace the source belongs to.
func (s *Source) WorkspaceID() string {
	return s.actor().str(func(x *actorAPI) func(uintptr) string { return x.workspaceID })
}

// Configuration is the configuration as compact JSON, secrets masked ("**********").
func (s *Source) Configuration() json.RawMessage { return s.actor().configuration() }

// CreatedAt is the creation time (the zero Time when unknown).
func (s *Source) CreatedAt() time.Time { return s.actor().createdAt() }

// Refresh fetches the source again (GET /sources/{id}).
func (s *Source) Refresh() error { return s.actor().refresh() }

// Rename renames the source (PATCH).
func (s *Source) Rename(name string) error { return s.actor().rename(name) }

// UpdateConfiguration changes configuration fields (PATCH): the fields given replace the stored
// ones, the others stay. configuration is as in SourceSpec.
func (s *Source) UpdateConfiguration(configuration any) error { return s.actor().update(configuration) }

// Replace replaces the name and the whole configuration (PUT). Masked secrets sent back keep
// their stored values.
func (s *Source) Replace(name string, configuration any) error {
	return s.actor().replace(name, configuration)
}

// Close releases the handle. Closing twice is a no-op.
func (s *Source) Close() error {
	if s == nil {
		return nil
	}
	runtime.SetFinalizer(s, nil)
	return s.a.close()
}

// CreateSource creates a source (POST /sources). It is never resent in a way that could create
// two.
func (w *Workspace) CreateSource(spec SourceSpec) (*Source, error) {
	for _, t := range [][2]string{{"name", spec.Name}, {"type", spec.Type}, {"definition id", spec.DefinitionID}} {
		if err := checkText(t[0], t[1]); err != nil {
			return nil, err
		}
	}
	config, err := jsonConfig("configuration", spec.Configuration)
	if err != nil {
		return nil, err
	}
	n, err := w.acquire()
	if err != nil {
		return nil, err
	}
	defer n.release()
	var ptr capi.Source
	var e capi.Error
	st := capi.Abc_source_create(&ptr, capi.Workspace(n.ptr), spec.Name, spec.Type, spec.DefinitionID, config, &e)
	if err := takeError(st, e, nil); err != nil {
		return nil, err
	}
	return newSource(ptr, n), nil
}

// Source fetches a source (GET /sources/{id}); secrets come back masked.
func (w *Workspace) Source(id string) (*Source, error) {
	if err := checkText("source id", id); err != nil {
		return nil, err
	}
	n, err := w.acquire()
	if err != nil {
		return nil, err
	}
	defer n.release()
	var ptr capi.Source
	var e capi.Error
	if err := takeError(capi.Abc_source_get(&ptr, capi.Workspace(n.ptr), id, &e), e, nil); err != nil {
		return nil, err
	}
	return newSource(ptr, n), nil
}

// DeleteSource deletes a source (DELETE /sources/{id}); Airbyte also deletes the connections
// that use it. SafeModeOn first fetches the source and refuses (ErrRefused) unless its name is
// disposable.
func (w *Workspace) DeleteSource(id string, mode SafeMode) error {
	if err := checkText("source id", id); err != nil {
		return err
	}
	n, err := w.acquire()
	if err != nil {
		return err
	}
	defer n.release()
	var e capi.Error
	return takeError(capi.Abc_source_delete(capi.Workspace(n.ptr), id, capi.Enum_SS_abc_safe_mode(mode), &e), e, nil)
}

// Sources lists every source of the workspace passing opts (nil: all), all pages fetched now.
// Each is a snapshot handle the caller closes.
func (w *Workspace) Sources(opts *ListOptions) ([]*Source, error) {
	n, err := w.acquire()
	if err != nil {
		return nil, err
	}
	defer n.release()
	var out []*Source
	err = withListOptions(opts, func(o capi.ListOptions) error {
		var list capi.SourceList
		var e capi.Error
		if err := takeError(capi.Abc_workspace_list_sources(&list, capi.Workspace(n.ptr), o, &e), e, nil); err != nil {
			return err
		}
		defer capi.Abc_source_list_free(list)
		count := capi.Abc_source_list_count(list)
		for i := int64(0); i < count; i++ {
			var item capi.Source
			var e capi.Error
			if err := takeError(capi.Abc_source_list_get(&item, list, i, &e), e, nil); err != nil {
				closeAll(out)
				out = nil
				return err
			}
			out = append(out, newSource(item, n))
		}
		return nil
	})
	return out, err
}

// IterateSources walks the workspace's sources passing opts (nil: all) lazily. No request yet.
func (w *Workspace) IterateSources(opts *ListOptions) (*Iterator[*Source], error) {
	n, err := w.acquire()
	if err != nil {
		return nil, err
	}
	defer n.release()
	var it *Iterator[*Source]
	err = withListOptions(opts, func(o capi.ListOptions) error {
		var ptr capi.SourceIterator
		var e capi.Error
		if err := takeError(capi.Abc_workspace_iterate_sources(&ptr, capi.Workspace(n.ptr), o, &e), e, nil); err != nil {
			return err
		}
		it = newIterator("Iterator", uintptr(ptr), func(p uintptr) { capi.Abc_source_iterator_free(capi.SourceIterator(p)) }, n,
			func(p uintptr, e *capi.Error) (uintptr, capi.Enum_SS_abc_status) {
				var item capi.Source
				st := capi.Abc_source_iterator_next(&item, capi.SourceIterator(p), e)
				return uintptr(item), st
			},
			func(item uintptr) *Source { return newSource(capi.Source(item), n) })
		return nil
	})
	return it, err
}

// ---- Destination ----------------------------------------------------------------------------

// Destination is a snapshot of one destination, as Source.
type Destination struct{ a actor }

// DestinationSpec describes a destination to create.
type DestinationSpec struct {
	Name string // a non-blank name
	// Type is e.g. "postgres", "snowflake", "bigquery", "duckdb", "motherduck"; "" to rely on
	// DefinitionID or on the configuration's own "destinationType". A type the API's schema
	// does not list gives ErrInvalidArgument unless DefinitionID is given.
	Type         string
	DefinitionID string
	// Configuration is a JSON object as in SourceSpec, or a builder value (PostgresConfig,
	// SnowflakePasswordConfig, SnowflakeKeyPairConfig, BigQueryConfig, DuckDBConfig,
	// MotherDuckConfig).
	Configuration any
}

func newDestination(ptr capi.Destination, ws *native) *Destination {
	d := &Destination{}
	d.a.init(uintptr(ptr), ws, destinationAPI)
	runtime.SetFinalizer(d, (*Destination).Close)
	return d
}

func (d *Destination) actor() *actor {
	if d == nil {
		return nil
	}
	return &d.a
}

// ID is the destination id.
func (d *Destination) ID() string {
	return d.actor().str(func(x *actorAPI) func(uintptr) string { return x.id })
}

// Name is the destination's name.
func (d *Destination) Name() string {
	return d.actor().str(func(x *actorAPI) func(uintptr) string { return x.name })
}

// Type is the connector type ("postgres", "motherduck", ...).
func (d *Destination) Type() string {
	return d.actor().str(func(x *actorAPI) func(uintptr) string { return x.typ })
}

// DefinitionID is the connector definition id.
func (d *Destination) DefinitionID() string {
	return d.actor().str(func(x *actorAPI) func(uintptr) string { return x.definitionID })
}

// WorkspaceID is the workspace the destination belongs to.
func (d *Destination) WorkspaceID() string {
	return d.actor().str(func(x *actorAPI) func(uintptr) string { return x.workspaceID })
}

// Configuration is the configuration as compact JSON, secrets masked.
func (d *Destination) Configuration() json.RawMessage { return d.actor().configuration() }

// CreatedAt is the creation time (the zero Time when unknown).
func (d *Destination) CreatedAt() time.Time { return d.actor().createdAt() }

// Refresh fetches the destination again.
func (d *Destination) Refresh() error { return d.actor().refresh() }

// Rename renames the destination (PATCH).
func (d *Destination) Rename(name string) error { return d.actor().rename(name) }

// UpdateConfiguration changes configuration fields (PATCH).
func (d *Destination) UpdateConfiguration(configuration any) error {
	return d.actor().update(configuration)
}

// Replace replaces the name and the whole configuration (PUT).
func (d *Destination) Replace(name string, configuration any) error {
	return d.actor().replace(name, configuration)
}

// Close releases the handle. Closing twice is a no-op.
func (d *Destination) Close() error {
	if d == nil {
		return nil
	}
	runtime.SetFinalizer(d, nil)
	return d.a.close()
}

// CreateDestination creates a destination (POST /destinations). It is never resent in a way
// that could create two.
func (w *Workspace) CreateDestination(spec DestinationSpec) (*Destination, error) {
	for _, t := range [][2]string{{"name", spec.Name}, {"type", spec.Type}, {"definition id", spec.DefinitionID}} {
		if err := checkText(t[0], t[1]); err != nil {
			return nil, err
		}
	}
	config, err := jsonConfig("configuration", spec.Configuration)
	if err != nil {
		return nil, err
	}
	n, err := w.acquire()
	if err != nil {
		return nil, err
	}
	defer n.release()
	var ptr capi.Destination
	var e capi.Error
	st := capi.Abc_destination_create(&ptr, capi.Workspace(n.ptr), spec.Name, spec.Type, spec.DefinitionID, config, &e)
	if err := takeError(st, e, nil); err != nil {
		return nil, err
	}
	return newDestination(ptr, n), nil
}

// Destination fetches a destination (GET /destinations/{id}); secrets come back masked.
func (w *Workspace) Destination(id string) (*Destination, error) {
	if err := checkText("destination id", id); err != nil {
		return nil, err
	}
	n, err := w.acquire()
	if err != nil {
		return nil, err
	}
	defer n.release()
	var ptr capi.Destination
	var e capi.Error
	if err := takeError(capi.Abc_destination_get(&ptr, capi.Workspace(n.ptr), id, &e), e, nil); err != nil {
		return nil, err
	}
	return newDestination(ptr, n), nil
}

// DeleteDestination deletes a destination; Airbyte also deletes the connections that use it.
// mode is as for DeleteSource.
func (w *Workspace) DeleteDestination(id string, mode SafeMode) error {
	if err := checkText("destination id", id); err != nil {
		return err
	}
	n, err := w.acquire()
	if err != nil {
		return err
	}
	defer n.release()
	var e capi.Error
	return takeError(capi.Abc_destination_delete(capi.Workspace(n.ptr), id, capi.Enum_SS_abc_safe_mode(mode), &e), e, nil)
}

// Destinations lists every destination passing opts (nil: all), all pages fetched now.
func (w *Workspace) Destinations(opts *ListOptions) ([]*Destination, error) {
	n, err := w.acquire()
	if err != nil {
		return nil, err
	}
	defer n.release()
	var out []*Destination
	err = withListOptions(opts, func(o capi.ListOptions) error {
		var list capi.DestinationList
		var e capi.Error
		if err := takeError(capi.Abc_workspace_list_destinations(&list, capi.Workspace(n.ptr), o, &e), e, nil); err != nil {
			return err
		}
		defer capi.Abc_destination_list_free(list)
		count := capi.Abc_destination_list_count(list)
		for i := int64(0); i < count; i++ {
			var item capi.Destination
			var e capi.Error
			if err := takeError(capi.Abc_destination_list_get(&item, list, i, &e), e, nil); err != nil {
				closeAll(out)
				out = nil
				return err
			}
			out = append(out, newDestination(item, n))
		}
		return nil
	})
	return out, err
}

// IterateDestinations walks the workspace's destinations lazily. No request yet.
func (w *Workspace) IterateDestinations(opts *ListOptions) (*Iterator[*Destination], error) {
	n, err := w.acquire()
	if err != nil {
		return nil, err
	}
	defer n.release()
	var it *Iterator[*Destination]
	err = withListOptions(opts, func(o capi.ListOptions) error {
		var ptr capi.DestinationIterator
		var e capi.Error
		if err := takeError(capi.Abc_workspace_iterate_destinations(&ptr, capi.Workspace(n.ptr), o, &e), e, nil); err != nil {
			return err
		}
		it = newIterator("Iterator", uintptr(ptr), func(p uintptr) { capi.Abc_destination_iterator_free(capi.DestinationIterator(p)) }, n,
			func(p uintptr, e *capi.Error) (uintptr, capi.Enum_SS_abc_status) {
				var item capi.Destination
				st := capi.Abc_destination_iterator_next(&item, capi.DestinationIterator(p), e)
				return uintptr(item), st
			},
			func(item uintptr) *Destination { return newDestination(capi.Destination(item), n) })
		return nil
	})
	return it, err
}

// closeAll closes handles made before a later failure.
func closeAll[T interface{ Close() error }](items []T) {
	for _, item := range items {
		item.Close()
	}
}
