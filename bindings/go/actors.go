package airbytecloud

import (
	"context"
	"encoding/json"
	"time"

	"github.com/airbyte-cloud/libairbyte_cloud/bindings/go/internal/capi"
)

// Source is a snapshot of one source: the getters send no request; Refresh, Rename,
// UpdateConfiguration and Replace update it. Calls on one Source are serialised.
type Source = Actor[capi.Source]

// Destination is a snapshot of one destination, as Source.
type Destination = Actor[capi.Destination]

// actorHandle is the C handle of a source or a destination.
type actorHandle interface{ capi.Source | capi.Destination }

// Actor is what Source and Destination share (Airbyte calls both connectors "actors"): one
// implementation over the C API of either kind, which have the same shape.
type Actor[H actorHandle] struct {
	h   handle
	api *actorAPI[H]
}

// actorAPI is the C API of one actor kind.
type actorAPI[H actorHandle] struct {
	kind                                                    string
	free                                                    func(H)
	refresh                                                 func(H, *capi.Error) capi.Enum_SS_abc_status
	id, name, typ, definitionID, workspaceID, configuration func(H) string
	createdAt                                               func(H) int64
	rename, update                                          func(H, string, *capi.Error) capi.Enum_SS_abc_status
	replace                                                 func(H, string, string, *capi.Error) capi.Enum_SS_abc_status
	create                                                  func(*H, capi.Workspace, string, string, string, string, *capi.Error) capi.Enum_SS_abc_status
	get                                                     func(*H, capi.Workspace, string, *capi.Error) capi.Enum_SS_abc_status
	delete                                                  func(capi.Workspace, string, capi.Enum_SS_abc_safe_mode, *capi.Error) capi.Enum_SS_abc_status
	idName                                                  string // "source id"
}

var sourceAPI = &actorAPI[capi.Source]{
	kind: "Source", idName: "source id", free: capi.Abc_source_free, refresh: capi.Abc_source_refresh,
	id: capi.Abc_source_id, name: capi.Abc_source_name, typ: capi.Abc_source_type,
	definitionID: capi.Abc_source_definition_id, workspaceID: capi.Abc_source_workspace_id,
	configuration: capi.Abc_source_configuration, createdAt: capi.Abc_source_created_at,
	rename: capi.Abc_source_rename, update: capi.Abc_source_update_configuration, replace: capi.Abc_source_replace,
	create: capi.Abc_source_create, get: capi.Abc_source_get, delete: capi.Abc_source_delete,
}

var sourceLists = &listAPI[capi.SourceList, capi.SourceIterator, capi.Source]{
	list: capi.Abc_workspace_list_sources, count: capi.Abc_source_list_count, at: capi.Abc_source_list_get,
	free: capi.Abc_source_list_free, iterate: capi.Abc_workspace_iterate_sources,
	next: capi.Abc_source_iterator_next, freeIterator: capi.Abc_source_iterator_free,
}

var destinationAPI = &actorAPI[capi.Destination]{
	kind: "Destination", idName: "destination id", free: capi.Abc_destination_free, refresh: capi.Abc_destination_refresh,
	id: capi.Abc_destination_id, name: capi.Abc_destination_name, typ: capi.Abc_destination_type,
	definitionID: capi.Abc_destination_definition_id, workspaceID: capi.Abc_destination_workspace_id,
	configuration: capi.Abc_destination_configuration, createdAt: capi.Abc_destination_created_at,
	rename: capi.Abc_destination_rename, update: capi.Abc_destination_update_configuration,
	replace: capi.Abc_destination_replace,
	create:  capi.Abc_destination_create, get: capi.Abc_destination_get, delete: capi.Abc_destination_delete,
}

var destinationLists = &listAPI[capi.DestinationList, capi.DestinationIterator, capi.Destination]{
	list: capi.Abc_workspace_list_destinations, count: capi.Abc_destination_list_count, at: capi.Abc_destination_list_get,
	free: capi.Abc_destination_list_free, iterate: capi.Abc_workspace_iterate_destinations,
	next: capi.Abc_destination_iterator_next, freeIterator: capi.Abc_destination_iterator_free,
}

// wrapper gives the function that wraps a new C handle of this kind.
func (api *actorAPI[H]) wrapper() func(H, *native) *Actor[H] {
	return func(ptr H, ws *native) *Actor[H] {
		a := &Actor[H]{api: api}
		a.h.set(api.kind, nativeOf(ptr, api.free, ws))
		return finalized(a)
	}
}

// handle gives the actor's handle; nil for a nil Actor or one not made by this package.
func (a *Actor[H]) handle() *handle {
	if a == nil || a.api == nil {
		return nil
	}
	return &a.h
}

func (a *Actor[H]) text(f func(*actorAPI[H]) func(H) string) string {
	if a.handle() == nil {
		return ""
	}
	return get(&a.h, a.api.kind, f(a.api))
}

// ID is the actor's id.
func (a *Actor[H]) ID() string { return a.text(func(x *actorAPI[H]) func(H) string { return x.id }) }

// Name is the actor's name.
func (a *Actor[H]) Name() string {
	return a.text(func(x *actorAPI[H]) func(H) string { return x.name })
}

// Type is the connector type ("faker", "postgres", ...) as the server reports it.
func (a *Actor[H]) Type() string { return a.text(func(x *actorAPI[H]) func(H) string { return x.typ }) }

// DefinitionID is the connector definition id.
func (a *Actor[H]) DefinitionID() string {
	return a.text(func(x *actorAPI[H]) func(H) string { return x.definitionID })
}

// WorkspaceID is the workspace the actor belongs to.
func (a *Actor[H]) WorkspaceID() string {
	return a.text(func(x *actorAPI[H]) func(H) string { return x.workspaceID })
}

// Configuration is the configuration as compact JSON, secrets masked ("**********").
func (a *Actor[H]) Configuration() json.RawMessage {
	text := a.text(func(x *actorAPI[H]) func(H) string { return x.configuration })
	if text == "" {
		return nil
	}
	return json.RawMessage(text)
}

// CreatedAt is the creation time (the zero Time when unknown).
func (a *Actor[H]) CreatedAt() time.Time {
	if a.handle() == nil {
		return time.Time{}
	}
	return unixTime(get(&a.h, a.api.kind, a.api.createdAt))
}

// do runs a fallible C call on the actor that goes to the network.
func (a *Actor[H]) do(ctx context.Context, f func(*actorAPI[H], H, *capi.Error) capi.Enum_SS_abc_status) error {
	h := a.handle()
	if h == nil {
		return closedError("resource")
	}
	return callContext(ctx, h, a.api.kind, func(p H, e *capi.Error) capi.Enum_SS_abc_status { return f(a.api, p, e) })
}

// Refresh fetches the actor again (GET /sources/{id} or /destinations/{id}).
func (a *Actor[H]) Refresh(ctx context.Context) error {
	return a.do(ctx, func(x *actorAPI[H], p H, e *capi.Error) capi.Enum_SS_abc_status { return x.refresh(p, e) })
}

// Rename renames the actor (PATCH).
func (a *Actor[H]) Rename(ctx context.Context, name string) error {
	if err := checkText("name", name); err != nil {
		return err
	}
	return a.do(ctx, func(x *actorAPI[H], p H, e *capi.Error) capi.Enum_SS_abc_status { return x.rename(p, name, e) })
}

// UpdateConfiguration changes configuration fields (PATCH): the fields given replace the stored
// ones, the others stay. configuration is as in SourceSpec.
func (a *Actor[H]) UpdateConfiguration(ctx context.Context, configuration any) error {
	text, err := jsonConfig("configuration", configuration)
	if err != nil {
		return err
	}
	return a.do(ctx, func(x *actorAPI[H], p H, e *capi.Error) capi.Enum_SS_abc_status { return x.update(p, text, e) })
}

// Replace replaces the name and the whole configuration (PUT). Masked secrets sent back keep
// their stored values.
func (a *Actor[H]) Replace(ctx context.Context, name string, configuration any) error {
	if err := checkText("name", name); err != nil {
		return err
	}
	text, err := jsonConfig("configuration", configuration)
	if err != nil {
		return err
	}
	return a.do(ctx, func(x *actorAPI[H], p H, e *capi.Error) capi.Enum_SS_abc_status { return x.replace(p, name, text, e) })
}

// Close releases the handle. Closing twice is a no-op.
func (a *Actor[H]) Close() error {
	if a == nil {
		return nil
	}
	return closeHandle(a, &a.h)
}

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

func createActor[H actorHandle](ctx context.Context, w *Workspace, api *actorAPI[H], spec SourceSpec) (*Actor[H], error) {
	for _, t := range [][2]string{{"name", spec.Name}, {"type", spec.Type}, {"definition id", spec.DefinitionID}} {
		if err := checkText(t[0], t[1]); err != nil {
			return nil, err
		}
	}
	config, err := jsonConfig("configuration", spec.Configuration)
	if err != nil {
		return nil, err
	}
	return workspaceMake(ctx, w, func(out *H, ws capi.Workspace, e *capi.Error) capi.Enum_SS_abc_status {
		return api.create(out, ws, spec.Name, spec.Type, spec.DefinitionID, config, e)
	}, api.wrapper())
}

func getActor[H actorHandle](ctx context.Context, w *Workspace, api *actorAPI[H], id string) (*Actor[H], error) {
	if err := checkText(api.idName, id); err != nil {
		return nil, err
	}
	return workspaceMake(ctx, w, func(out *H, ws capi.Workspace, e *capi.Error) capi.Enum_SS_abc_status {
		return api.get(out, ws, id, e)
	}, api.wrapper())
}

func deleteActor[H actorHandle](ctx context.Context, w *Workspace, api *actorAPI[H], id string, mode SafeMode) error {
	if err := checkText(api.idName, id); err != nil {
		return err
	}
	return workspaceCall(ctx, w, func(ws capi.Workspace, e *capi.Error) capi.Enum_SS_abc_status {
		return api.delete(ws, id, capi.Enum_SS_abc_safe_mode(mode), e)
	})
}

// CreateSource creates a source (POST /sources). It is never resent in a way that could create
// two.
func (w *Workspace) CreateSource(ctx context.Context, spec SourceSpec) (*Source, error) {
	return createActor(ctx, w, sourceAPI, spec)
}

// Source fetches a source (GET /sources/{id}); secrets come back masked.
func (w *Workspace) Source(ctx context.Context, id string) (*Source, error) {
	return getActor(ctx, w, sourceAPI, id)
}

// DeleteSource deletes a source (DELETE /sources/{id}); Airbyte also deletes the connections
// that use it. SafeModeOn first fetches the source and refuses (ErrRefused) unless its name is
// disposable.
func (w *Workspace) DeleteSource(ctx context.Context, id string, mode SafeMode) error {
	return deleteActor(ctx, w, sourceAPI, id, mode)
}

// Sources lists every source of the workspace passing opts (nil: all), all pages fetched now.
// Each is a snapshot handle the caller closes.
func (w *Workspace) Sources(ctx context.Context, opts *ListOptions) ([]*Source, error) {
	return listAll(ctx, w, opts, sourceLists, sourceAPI.wrapper())
}

// IterateSources walks the workspace's sources passing opts (nil: all) lazily, under ctx. No
// request yet.
func (w *Workspace) IterateSources(ctx context.Context, opts *ListOptions) (*Iterator[*Source], error) {
	return iterate(ctx, w, opts, sourceLists, sourceAPI.wrapper())
}

// CreateDestination creates a destination (POST /destinations). It is never resent in a way
// that could create two.
func (w *Workspace) CreateDestination(ctx context.Context, spec DestinationSpec) (*Destination, error) {
	return createActor(ctx, w, destinationAPI, SourceSpec(spec))
}

// Destination fetches a destination (GET /destinations/{id}); secrets come back masked.
func (w *Workspace) Destination(ctx context.Context, id string) (*Destination, error) {
	return getActor(ctx, w, destinationAPI, id)
}

// DeleteDestination deletes a destination; Airbyte also deletes the connections that use it.
// mode is as for DeleteSource.
func (w *Workspace) DeleteDestination(ctx context.Context, id string, mode SafeMode) error {
	return deleteActor(ctx, w, destinationAPI, id, mode)
}

// Destinations lists every destination passing opts (nil: all), all pages fetched now.
func (w *Workspace) Destinations(ctx context.Context, opts *ListOptions) ([]*Destination, error) {
	return listAll(ctx, w, opts, destinationLists, destinationAPI.wrapper())
}

// IterateDestinations walks the workspace's destinations lazily, under ctx. No request yet.
func (w *Workspace) IterateDestinations(ctx context.Context, opts *ListOptions) (*Iterator[*Destination], error) {
	return iterate(ctx, w, opts, destinationLists, destinationAPI.wrapper())
}
