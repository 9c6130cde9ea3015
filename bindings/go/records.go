package airbytecloud

import (
	"context"
	"encoding/json"
	"time"

	"github.com/airbyte-cloud/libairbyte_cloud/bindings/go/internal/capi"
)

// The rest of the public API (issue 13): tags, organizations, users, permissions, custom and
// declarative connector definitions, workspace create/update/delete, health, OAuth, job lists
// with filters, and any request (Workspace.Request). Records other than Tag are copied into Go
// values at once; JSON is the object as the API gave it.

type status = capi.Enum_SS_abc_status

// Tag is a snapshot of a workspace tag (a handle: ConnectionSpec.Tags takes it). Close it.
type Tag struct{ h handle }

func newTag(p capi.Tag, ws *native) *Tag {
	t := &Tag{}
	t.h.set("Tag", nativeOf(p, capi.Abc_tag_free, ws))
	return finalized(t)
}

func (t *Tag) handle() *handle { return handleOf(t, func(t *Tag) *handle { return &t.h }) }

// Close releases the handle. Closing twice is a no-op.
func (t *Tag) Close() error { return closeHandle(t, t.handle()) }

func (t *Tag) ID() string          { return get(t.handle(), "Tag", capi.Abc_tag_id) }
func (t *Tag) Name() string        { return get(t.handle(), "Tag", capi.Abc_tag_name) }
func (t *Tag) Color() string       { return get(t.handle(), "Tag", capi.Abc_tag_color) }
func (t *Tag) WorkspaceID() string { return get(t.handle(), "Tag", capi.Abc_tag_workspace_id) }
func (t *Tag) JSON() json.RawMessage {
	return rawJSON(get(t.handle(), "Tag", capi.Abc_tag_json))
}

// Update renames and/or recolours the tag ("" keeps the current value).
func (t *Tag) Update(ctx context.Context, name, color string) error {
	if name == "" {
		name = t.Name()
	}
	if color == "" {
		color = t.Color()
	}
	return callContext(ctx, t.handle(), "Tag", func(p capi.Tag, e *capi.Error) status { return capi.Abc_tag_update(p, name, color, e) })
}

// CreateTag creates a tag; color is six hex digits ("FF5733").
func (w *Workspace) CreateTag(ctx context.Context, name, color string) (*Tag, error) {
	return workspaceMake(ctx, w, func(out *capi.Tag, ws capi.Workspace, e *capi.Error) status {
		return capi.Abc_tag_create(out, ws, name, color, e)
	}, newTag)
}

// Tag fetches a tag.
func (w *Workspace) Tag(ctx context.Context, id string) (*Tag, error) {
	return workspaceMake(ctx, w, func(out *capi.Tag, ws capi.Workspace, e *capi.Error) status { return capi.Abc_tag_get(out, ws, id, e) }, newTag)
}

// DeleteTag deletes a tag (connections lose it).
func (w *Workspace) DeleteTag(ctx context.Context, id string) error {
	return workspaceCall(ctx, w, func(ws capi.Workspace, e *capi.Error) status { return capi.Abc_tag_delete(ws, id, e) })
}

// IterateTags walks the workspace's tags passing opts lazily, under ctx.
func (w *Workspace) IterateTags(ctx context.Context, opts *ListOptions) (*Iterator[*Tag], error) {
	return iterate(ctx, w, opts, &listAPI[capi.Tag, capi.TagIterator, capi.Tag]{iterate: capi.Abc_workspace_iterate_tags,
		next: capi.Abc_tag_iterator_next, freeIterator: capi.Abc_tag_iterator_free}, newTag)
}

// Organization is an organization the credentials reach.
type Organization struct {
	ID, Name, Email string
	JSON            json.RawMessage
}

// User is a user of an organization.
type User struct {
	ID, Name, Email string
	JSON            json.RawMessage
}

// Permission says who may use which workspace or organization.
type Permission struct {
	ID, Type, UserID, WorkspaceID, OrganizationID, Scope, ScopeID string
	JSON                                                          json.RawMessage
}

func readOrganization(p capi.Organization) Organization {
	return Organization{capi.Abc_organization_id(p), capi.Abc_organization_name(p), capi.Abc_organization_email(p),
		rawJSON(capi.Abc_organization_json(p))}
}

func readUser(p capi.User) User {
	return User{capi.Abc_user_id(p), capi.Abc_user_name(p), capi.Abc_user_email(p), rawJSON(capi.Abc_user_json(p))}
}

func readPermission(p capi.Permission) Permission {
	return Permission{capi.Abc_permission_id(p), capi.Abc_permission_type(p), capi.Abc_permission_user_id(p),
		capi.Abc_permission_workspace_id(p), capi.Abc_permission_organization_id(p), capi.Abc_permission_scope(p),
		capi.Abc_permission_scope_id(p), rawJSON(capi.Abc_permission_json(p))}
}

// IterateOrganizations walks the organizations of the calling user.
func (w *Workspace) IterateOrganizations(ctx context.Context, opts *ListOptions) (*Iterator[Organization], error) {
	return iterate(ctx, w, opts, &listAPI[capi.Organization, capi.OrganizationIterator, capi.Organization]{
		iterate: capi.Abc_workspace_iterate_organizations, next: capi.Abc_organization_iterator_next,
		freeIterator: capi.Abc_organization_iterator_free}, copied(capi.Abc_organization_free, readOrganization))
}

// IterateUsers walks the users of an organization.
func (w *Workspace) IterateUsers(ctx context.Context, organizationID string, opts *ListOptions) (*Iterator[User], error) {
	return iterate(ctx, w, opts, &listAPI[capi.User, capi.UserIterator, capi.User]{
		iterate: func(out *capi.UserIterator, ws capi.Workspace, o capi.ListOptions, e *capi.Error) status {
			return capi.Abc_workspace_iterate_users(out, ws, organizationID, o, e)
		}, next: capi.Abc_user_iterator_next, freeIterator: capi.Abc_user_iterator_free}, copied(capi.Abc_user_free, readUser))
}

// IteratePermissions walks the permissions of a user or of an organization.
func (w *Workspace) IteratePermissions(ctx context.Context, userID, organizationID string) (*Iterator[Permission], error) {
	return iterate(ctx, w, nil, &listAPI[capi.Permission, capi.PermissionIterator, capi.Permission]{
		iterate: func(out *capi.PermissionIterator, ws capi.Workspace, _ capi.ListOptions, e *capi.Error) status {
			return capi.Abc_workspace_iterate_permissions(out, ws, userID, organizationID, e)
		}, next: capi.Abc_permission_iterator_next, freeIterator: capi.Abc_permission_iterator_free},
		copied(capi.Abc_permission_free, readPermission))
}

// CreatePermission grants permissionType ("workspace_admin", "organization_member"...) to a
// user on a workspace or (workspaceID "") an organization.
func (w *Workspace) CreatePermission(ctx context.Context, userID, permissionType, workspaceID, organizationID string) (Permission, error) {
	return workspaceMake(ctx, w, func(out *capi.Permission, ws capi.Workspace, e *capi.Error) status {
		return capi.Abc_permission_create(out, ws, userID, permissionType, workspaceID, organizationID, e)
	}, copied(capi.Abc_permission_free, readPermission))
}

// UpdatePermission changes a permission's type and gives it as stored.
func (w *Workspace) UpdatePermission(ctx context.Context, id, permissionType string) (Permission, error) {
	return fetchAndChange(ctx, w, func(out *capi.Permission, ws capi.Workspace, e *capi.Error) status {
		return capi.Abc_permission_get(out, ws, id, e)
	}, func(p capi.Permission, e *capi.Error) status {
		return capi.Abc_permission_update(p, permissionType, e)
	}, capi.Abc_permission_free, readPermission)
}

// fetchAndChange fetches a record, changes it (a request that updates the handle) and gives it
// as stored, copied.
func fetchAndChange[P ~uintptr, T any](ctx context.Context, w *Workspace, fetch func(*P, capi.Workspace, *capi.Error) status,
	change func(P, *capi.Error) status, free func(P), read func(P) T) (T, error) {
	return workspaceMake(ctx, w, func(out *P, ws capi.Workspace, e *capi.Error) status {
		if st := fetch(out, ws, e); st != capi.ABC_OK {
			return st
		}
		if st := change(*out, e); st != capi.ABC_OK {
			free(*out)
			return st
		}
		return capi.ABC_OK
	}, copied(free, read))
}

// DeletePermission revokes a permission.
func (w *Workspace) DeletePermission(ctx context.Context, id string) error {
	return workspaceCall(ctx, w, func(ws capi.Workspace, e *capi.Error) status { return capi.Abc_permission_delete(ws, id, e) })
}

// DefinitionKind says whether a custom connector definition is a source or a destination
// (/workspaces/{id}/definitions/sources or .../destinations).
type DefinitionKind int

// Definition kinds (values fixed by the C ABI).
const (
	DefinitionSource      DefinitionKind = 0
	DefinitionDestination DefinitionKind = 1
)

var definitionKinds = [...]capi.Enum_SS_abc_definition_kind{
	DefinitionSource: capi.ABC_DEFINITION_SOURCE, DefinitionDestination: capi.ABC_DEFINITION_DESTINATION,
}

func (k DefinitionKind) native() capi.Enum_SS_abc_definition_kind {
	return capi.Enum_SS_abc_definition_kind(k)
}

// Definition is a custom connector definition (a Docker image).
type Definition struct {
	Kind                                                         DefinitionKind
	ID, Name, DockerRepository, DockerImageTag, DocumentationURL string
	JSON                                                         json.RawMessage
}

func readDefinition(p capi.Definition) Definition {
	return Definition{DefinitionKind(capi.Abc_definition_get_kind(p)), capi.Abc_definition_id(p), capi.Abc_definition_name(p),
		capi.Abc_definition_docker_repository(p), capi.Abc_definition_docker_image_tag(p),
		capi.Abc_definition_documentation_url(p), rawJSON(capi.Abc_definition_json(p))}
}

// CreateDefinition publishes a custom connector definition.
func (w *Workspace) CreateDefinition(ctx context.Context, kind DefinitionKind, name, dockerRepository, dockerImageTag, documentationURL string) (Definition, error) {
	return workspaceMake(ctx, w, func(out *capi.Definition, ws capi.Workspace, e *capi.Error) status {
		return capi.Abc_definition_create(out, ws, kind.native(), name, dockerRepository, dockerImageTag, documentationURL, e)
	}, copied(capi.Abc_definition_free, readDefinition))
}

// Definition fetches a custom connector definition.
func (w *Workspace) Definition(ctx context.Context, kind DefinitionKind, id string) (Definition, error) {
	return workspaceMake(ctx, w, func(out *capi.Definition, ws capi.Workspace, e *capi.Error) status {
		return capi.Abc_definition_get(out, ws, kind.native(), id, e)
	}, copied(capi.Abc_definition_free, readDefinition))
}

// UpdateDefinition renames it and/or sets its image tag ("" keeps the value); gives it as stored.
func (w *Workspace) UpdateDefinition(ctx context.Context, kind DefinitionKind, id, name, dockerImageTag string) (Definition, error) {
	return fetchAndChange(ctx, w, func(out *capi.Definition, ws capi.Workspace, e *capi.Error) status {
		return capi.Abc_definition_get(out, ws, kind.native(), id, e)
	}, func(p capi.Definition, e *capi.Error) status {
		current := readDefinition(p)
		if name == "" {
			name = current.Name
		}
		if dockerImageTag == "" {
			dockerImageTag = current.DockerImageTag
		}
		return capi.Abc_definition_update(p, name, dockerImageTag, e)
	}, capi.Abc_definition_free, readDefinition)
}

// DeleteDefinition deletes a custom connector definition.
func (w *Workspace) DeleteDefinition(ctx context.Context, kind DefinitionKind, id string) error {
	return workspaceCall(ctx, w, func(ws capi.Workspace, e *capi.Error) status {
		return capi.Abc_definition_delete(ws, kind.native(), id, e)
	})
}

// IterateDefinitions walks the workspace's custom definitions of one kind.
func (w *Workspace) IterateDefinitions(ctx context.Context, kind DefinitionKind, opts *ListOptions) (*Iterator[Definition], error) {
	return iterate(ctx, w, opts, &listAPI[capi.Definition, capi.DefinitionIterator, capi.Definition]{
		iterate: func(out *capi.DefinitionIterator, ws capi.Workspace, o capi.ListOptions, e *capi.Error) status {
			return capi.Abc_workspace_iterate_definitions(out, ws, kind.native(), o, e)
		}, next: capi.Abc_definition_iterator_next, freeIterator: capi.Abc_definition_iterator_free},
		copied(capi.Abc_definition_free, readDefinition))
}

// DeclarativeDefinition is a low-code (YAML manifest) source definition.
type DeclarativeDefinition struct {
	ID, Name string
	Manifest json.RawMessage
	Version  int64
	JSON     json.RawMessage
}

func readDeclarative(p capi.DeclarativeDefinition) DeclarativeDefinition {
	return DeclarativeDefinition{capi.Abc_declarative_definition_id(p), capi.Abc_declarative_definition_name(p),
		rawJSON(capi.Abc_declarative_definition_manifest(p)), capi.Abc_declarative_definition_version(p),
		rawJSON(capi.Abc_declarative_definition_json(p))}
}

// CreateDeclarativeDefinition publishes a declarative source definition; manifest is JSON text
// or a value encoding/json marshals.
func (w *Workspace) CreateDeclarativeDefinition(ctx context.Context, name string, manifest any) (DeclarativeDefinition, error) {
	text, err := jsonConfig("manifest", manifest)
	if err != nil {
		return DeclarativeDefinition{}, err
	}
	return workspaceMake(ctx, w, func(out *capi.DeclarativeDefinition, ws capi.Workspace, e *capi.Error) status {
		return capi.Abc_declarative_definition_create(out, ws, name, text, e)
	}, copied(capi.Abc_declarative_definition_free, readDeclarative))
}

// DeclarativeDefinition fetches a declarative source definition.
func (w *Workspace) DeclarativeDefinition(ctx context.Context, id string) (DeclarativeDefinition, error) {
	return workspaceMake(ctx, w, func(out *capi.DeclarativeDefinition, ws capi.Workspace, e *capi.Error) status {
		return capi.Abc_declarative_definition_get(out, ws, id, e)
	}, copied(capi.Abc_declarative_definition_free, readDeclarative))
}

// UpdateDeclarativeDefinition publishes a new manifest; gives the definition as stored.
func (w *Workspace) UpdateDeclarativeDefinition(ctx context.Context, id string, manifest any) (DeclarativeDefinition, error) {
	text, err := jsonConfig("manifest", manifest)
	if err != nil {
		return DeclarativeDefinition{}, err
	}
	return fetchAndChange(ctx, w, func(out *capi.DeclarativeDefinition, ws capi.Workspace, e *capi.Error) status {
		return capi.Abc_declarative_definition_get(out, ws, id, e)
	}, func(p capi.DeclarativeDefinition, e *capi.Error) status {
		return capi.Abc_declarative_definition_update(p, text, e)
	}, capi.Abc_declarative_definition_free, readDeclarative)
}

// DeleteDeclarativeDefinition deletes a declarative source definition.
func (w *Workspace) DeleteDeclarativeDefinition(ctx context.Context, id string) error {
	return workspaceCall(ctx, w, func(ws capi.Workspace, e *capi.Error) status {
		return capi.Abc_declarative_definition_delete(ws, id, e)
	})
}

// IterateDeclarativeDefinitions walks the workspace's declarative source definitions.
func (w *Workspace) IterateDeclarativeDefinitions(ctx context.Context, opts *ListOptions) (*Iterator[DeclarativeDefinition], error) {
	return iterate(ctx, w, opts, &listAPI[capi.DeclarativeDefinition, capi.DeclarativeDefinitionIterator, capi.DeclarativeDefinition]{
		iterate: capi.Abc_workspace_iterate_declarative_definitions, next: capi.Abc_declarative_definition_iterator_next,
		freeIterator: capi.Abc_declarative_definition_iterator_free}, copied(capi.Abc_declarative_definition_free, readDeclarative))
}

// CreateWorkspace creates a workspace (organizationID and notifications optional: "" and nil).
func (w *Workspace) CreateWorkspace(ctx context.Context, name, organizationID string, notifications any) (WorkspaceInfo, error) {
	return workspaceWithNotifications(ctx, w, notifications, func(out *capi.WorkspaceInfo, ws capi.Workspace, text string, e *capi.Error) status {
		return capi.Abc_workspace_info_create(out, ws, name, organizationID, text, e)
	})
}

// workspaceWithNotifications runs a workspace create or update with notifications as JSON text.
func workspaceWithNotifications(ctx context.Context, w *Workspace, notifications any,
	f func(*capi.WorkspaceInfo, capi.Workspace, string, *capi.Error) status) (WorkspaceInfo, error) {
	text, err := optionalJSON("notifications", notifications)
	if err != nil {
		return WorkspaceInfo{}, err
	}
	return workspaceMake(ctx, w, func(out *capi.WorkspaceInfo, ws capi.Workspace, e *capi.Error) status {
		return f(out, ws, text, e)
	}, wrapWorkspaceInfo)
}

// UpdateWorkspace renames a workspace and/or sets its notifications; gives it as stored.
func (w *Workspace) UpdateWorkspace(ctx context.Context, id, name string, notifications any) (WorkspaceInfo, error) {
	return workspaceWithNotifications(ctx, w, notifications, func(out *capi.WorkspaceInfo, ws capi.Workspace, text string, e *capi.Error) status {
		return capi.Abc_workspace_info_update(out, ws, id, name, text, e)
	})
}

// DeleteWorkspace deletes a workspace with its connections, sources and destinations.
func (w *Workspace) DeleteWorkspace(ctx context.Context, id string, mode SafeMode) error {
	return workspaceCall(ctx, w, func(ws capi.Workspace, e *capi.Error) status {
		return capi.Abc_workspace_info_delete(ws, id, capi.Enum_SS_abc_safe_mode(mode), e)
	})
}

// optionalJSON is jsonConfig for an optional value: nil gives "".
func optionalJSON(name string, v any) (string, error) {
	if v == nil {
		return "", nil
	}
	return jsonConfig(name, v)
}

// CheckHealth asks the API whether it is up (GET /health).
func (w *Workspace) CheckHealth(ctx context.Context) error {
	return workspaceCall(ctx, w, capi.Abc_workspace_check_health)
}

// Request sends any request to the API root with the workspace's credentials, retries and
// timeouts (like `gh api`); body is optional JSON (nil for none). A 4xx or 5xx answer is an
// error as for every call; otherwise the HTTP status and the body.
func (w *Workspace) Request(ctx context.Context, method, path string, body any) (int, json.RawMessage, error) {
	text, err := optionalJSON("body", body)
	if err != nil {
		return 0, nil, err
	}
	type answer struct {
		status int64
		body   string
	}
	a, err := withWorkspace(ctx, w, func(n *native) (answer, error) {
		var a answer
		var e capi.Error
		return a, takeError(capi.Abc_workspace_request(&a.body, &a.status, capi.Workspace(n.ptr), method, path, text, &e), e, nil)
	})
	return int(a.status), rawJSON(a.body), err
}

// InitiateOAuth starts an OAuth flow for a source type; gives the API's answer (consent URL).
func (w *Workspace) InitiateOAuth(ctx context.Context, sourceType, redirectURL string, input any) (json.RawMessage, error) {
	text, err := optionalJSON("oauth input", input)
	if err != nil {
		return nil, err
	}
	out, err := withWorkspace(ctx, w, func(n *native) (string, error) {
		var out string
		var e capi.Error
		return out, takeError(capi.Abc_source_initiate_oauth(&out, capi.Workspace(n.ptr), sourceType, redirectURL, text, &e), e, nil)
	})
	return rawJSON(out), err
}

// OAuthScope says whose OAuth credential overrides a call changes.
type OAuthScope int

// OAuth scopes.
const (
	OAuthWorkspace OAuthScope = iota
	OAuthOrganization
)

var oauthCalls = [...]struct {
	set   func(capi.Workspace, string, string, string, string, *capi.Error) status
	clear func(capi.Workspace, string, string, string, *capi.Error) status
}{
	OAuthWorkspace:    {capi.Abc_workspace_set_oauth_credentials, capi.Abc_workspace_delete_oauth_credentials},
	OAuthOrganization: {capi.Abc_organization_set_oauth_credentials, capi.Abc_organization_delete_oauth_credentials},
}

// SetOAuthCredentials overrides the OAuth credentials of a connector (actorType "source" or
// "destination", name e.g. "google-ads") for a workspace or organization id.
func (w *Workspace) SetOAuthCredentials(ctx context.Context, scope OAuthScope, id, actorType, name string, configuration any) error {
	text, err := jsonConfig("configuration", configuration)
	if err != nil || scope < 0 || int(scope) >= len(oauthCalls) {
		return firstError(err, invalid("unknown OAuth scope"))
	}
	return workspaceCall(ctx, w, func(ws capi.Workspace, e *capi.Error) status {
		return oauthCalls[scope].set(ws, id, actorType, name, text, e)
	})
}

// DeleteOAuthCredentials removes an override SetOAuthCredentials made.
func (w *Workspace) DeleteOAuthCredentials(ctx context.Context, scope OAuthScope, id, actorType, name string) error {
	if scope < 0 || int(scope) >= len(oauthCalls) {
		return invalid("unknown OAuth scope")
	}
	return workspaceCall(ctx, w, func(ws capi.Workspace, e *capi.Error) status {
		return oauthCalls[scope].clear(ws, id, actorType, name, e)
	})
}

func firstError(errs ...error) error {
	for _, err := range errs {
		if err != nil {
			return err
		}
	}
	return nil
}

// JobFilter says which jobs Workspace.Jobs and IterateJobs hand out; zero fields do not filter.
type JobFilter struct {
	ConnectionID   string
	WorkspaceIDs   []string
	JobType        string   // "sync", "reset", "refresh" or "clear"
	Status         JobState // 0 (JobStatePending is not a filter here): any
	CreatedBetween [2]time.Time
	UpdatedBetween [2]time.Time
	OrderBy        string // "createdAt" or "updatedAt"
	Descending     bool
	PageSize       int
}

func (f *JobFilter) native() (capi.JobFilter, error) {
	var b builder[capi.JobFilter]
	if f == nil {
		f = &JobFilter{}
	}
	setIf(&b, f.ConnectionID, capi.Abc_job_filter_set_connection_id)
	for _, id := range f.WorkspaceIDs {
		setIf(&b, id, capi.Abc_job_filter_add_workspace_id)
	}
	setIf(&b, f.JobType, capi.Abc_job_filter_set_job_type)
	if f.Status != 0 {
		b.step(func(p capi.JobFilter, e *capi.Error) status {
			return capi.Abc_job_filter_set_status(p, capi.Enum_SS_abc_job_state(f.Status), e)
		})
	}
	for _, window := range []struct {
		between [2]time.Time
		set     func(capi.JobFilter, int64, int64, *capi.Error) status
	}{{f.CreatedBetween, capi.Abc_job_filter_set_created_between}, {f.UpdatedBetween, capi.Abc_job_filter_set_updated_between}} {
		if window := window; !window.between[0].IsZero() || !window.between[1].IsZero() {
			b.step(func(p capi.JobFilter, e *capi.Error) status {
				return window.set(p, unixOrZero(window.between[0]), unixOrZero(window.between[1]), e)
			})
		}
	}
	if f.OrderBy != "" {
		b.step(func(p capi.JobFilter, e *capi.Error) status {
			return capi.Abc_job_filter_set_order(p, f.OrderBy, flag(f.Descending), e)
		})
	}
	setIf(&b, f.PageSize, capi.Abc_job_filter_set_page_size)
	return b.make(capi.Abc_job_filter_new, capi.Abc_job_filter_free)
}

func unixOrZero(t time.Time) int64 {
	if t.IsZero() {
		return 0
	}
	return t.Unix()
}

// Jobs lists the jobs passing the filter (nil: all), newest first, all fetched now. Close them.
func (w *Workspace) Jobs(ctx context.Context, filter *JobFilter) ([]*Job, error) {
	f, err := filter.native()
	if err != nil {
		return nil, err
	}
	defer capi.Abc_job_filter_free(f)
	return withWorkspace(ctx, w, func(n *native) ([]*Job, error) {
		var list capi.JobList
		var e capi.Error
		if err := takeError(capi.Abc_workspace_list_jobs(&list, capi.Workspace(n.ptr), f, &e), e, nil); err != nil {
			return nil, err
		}
		return takeItems(list, capi.Abc_job_list_count, capi.Abc_job_list_get, capi.Abc_job_list_free,
			func(p capi.Job) *Job { return newJob(p, n) })
	})
}

// IterateJobs walks the jobs passing the filter lazily, a page at a time, under ctx.
func (w *Workspace) IterateJobs(ctx context.Context, filter *JobFilter) (*Iterator[*Job], error) {
	f, err := filter.native()
	if err != nil {
		return nil, err
	}
	defer capi.Abc_job_filter_free(f)
	return iterate(ctx, w, nil, &listAPI[capi.Job, capi.JobIterator, capi.Job]{
		iterate: func(out *capi.JobIterator, ws capi.Workspace, _ capi.ListOptions, e *capi.Error) status {
			return capi.Abc_workspace_iterate_jobs(out, ws, f, e)
		}, next: capi.Abc_job_iterator_next, freeIterator: capi.Abc_job_iterator_free}, newJob)
}
