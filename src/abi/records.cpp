// abc_tag_*, abc_organization_*, abc_user_*, abc_permission_*, abc_definition_* and
// abc_declarative_definition_*: each a few lines over the record templates (abi/record_handles.h)
// and the request bodies of domain/record_requests.h.
#include "abi/record_handles.h"
#include "domain/record_requests.h"

using namespace airbyte_cloud;
using domain::Record;
using domain::RecordKind;
using domain::RecordRef;
using transport::HttpMethod;

namespace airbyte_cloud::abi {

domain::RecordRef record_ref(domain::RecordKind kind, const domain::Workspace &workspace,
                             std::string id) {
    domain::RecordRef ref;
    ref.kind = kind;
    if (std::string(domain::record_kind_info(kind).collection).find("{}") != std::string::npos) {
        ref.workspace_id = workspace.id();
    }
    ref.id = std::move(id);
    return ref;
}

const char *record_text(const RecordHandle *handle, const char *field) {
    return handle != nullptr ? handle->record.field(field).c_str() : "";
}

abc_status record_delete(abc_workspace *workspace, domain::RecordKind kind, const char *id,
                         const char *id_argument, const char *function, abc_error **error) {
    return workspace_call(workspace, function, error, [&](domain::Workspace &owner) -> Status {
        ABC_RETURN_IF_ERROR(require_text(id, function, id_argument));
        return domain::delete_record(*owner.api(), record_ref(kind, owner, id));
    });
}

}  // namespace airbyte_cloud::abi

namespace {

// Writes `body` (a StatusOr<std::string> from record_requests.h) with `method` to `ref`.
StatusOr<Record> write(domain::ApiClient &api, const RecordRef &ref, HttpMethod method,
                       StatusOr<std::string> body) {
    if (!body.ok())
        return body.status();
    return domain::write_record(api, ref, method, *body);
}

const char *or_empty(const char *text) {
    return text != nullptr ? text : "";
}

// A field given to an update, or the handle's current value when NULL.
std::string given_or(const char *given, const abi::RecordHandle &handle, const char *field) {
    return given != nullptr ? std::string(given) : handle.record.field(field);
}

domain::RecordKind definition_kind(const abc_definition_kind &kind) {
    return abi::enum_argument(kind) == ABC_DEFINITION_DESTINATION
               ? RecordKind::kDestinationDefinition
               : RecordKind::kSourceDefinition;
}

Status check_definition_kind(const abc_definition_kind &kind, const char *function) {
    return abi::require_range(abi::enum_argument(kind), ABC_DEFINITION_SOURCE,
                              ABC_DEFINITION_DESTINATION, function, "kind");
}

// Only names filter these lists (the API takes no filter but the workspace).
StatusOr<domain::ListQuery> named_list(const domain::Workspace &workspace, RecordKind kind,
                                       const abc_list_options *options,
                                       domain::QueryParameters filters = {}) {
    domain::ListOptions settings = abi::list_options_from(options);
    domain::ListQuery query =
        domain::record_list_query(abi::record_ref(kind, workspace), std::move(filters));
    query.names = settings.names;
    return query;
}

}  // namespace

extern "C" {

/* ---- Tags ---- */

ABC_API abc_status abc_tag_create(abc_tag **out, abc_workspace *workspace, const char *name,
                                  const char *color, abc_error **error) {
    const char *fn = "abc_tag_create";
    return abi::record_call(out, workspace, RecordKind::kTag, nullptr, nullptr, fn, error,
                            [&](domain::ApiClient &api, const RecordRef &ref) -> StatusOr<Record> {
                                ABC_RETURN_IF_ERROR(abi::require_pointer(name, fn, "name"));
                                ABC_RETURN_IF_ERROR(abi::require_pointer(color, fn, "color"));
                                return write(api, ref, HttpMethod::kPost,
                                             domain::tag_body(name, color, workspace->impl->id()));
                            });
}

ABC_API abc_status abc_tag_get(abc_tag **out, abc_workspace *workspace, const char *tag_id,
                               abc_error **error) {
    return abi::record_get(out, workspace, RecordKind::kTag, tag_id, "tag_id", "abc_tag_get",
                           error);
}

ABC_API void abc_tag_free(abc_tag *tag) {
    delete tag;
}

ABC_API abc_status abc_tag_update(abc_tag *tag, const char *name, const char *color,
                                  abc_error **error) {
    return abi::record_change(tag, "abc_tag_update", "tag", error,
                              [&](domain::ApiClient &api, const abi::RecordHandle &h) {
                                  return write(api, h.ref, HttpMethod::kPatch,
                                               domain::tag_body(given_or(name, h, "name"),
                                                                given_or(color, h, "color"), ""));
                              });
}

ABC_API abc_status abc_tag_delete(abc_workspace *workspace, const char *tag_id, abc_error **error) {
    return abi::record_delete(workspace, RecordKind::kTag, tag_id, "tag_id", "abc_tag_delete",
                              error);
}

ABC_API const char *abc_tag_id(const abc_tag *tag) {
    return abi::record_text(tag, "tagId");
}
ABC_API const char *abc_tag_name(const abc_tag *tag) {
    return abi::record_text(tag, "name");
}
ABC_API const char *abc_tag_color(const abc_tag *tag) {
    return abi::record_text(tag, "color");
}
ABC_API const char *abc_tag_workspace_id(const abc_tag *tag) {
    return abi::record_text(tag, "workspaceId");
}
ABC_API const char *abc_tag_json(const abc_tag *tag) {
    return tag != nullptr ? tag->record.json.c_str() : "";
}

ABC_API abc_status abc_workspace_iterate_tags(abc_tag_iterator **out, abc_workspace *workspace,
                                              const abc_list_options *options, abc_error **error) {
    return abi::record_iterator(out, workspace, RecordKind::kTag, "abc_workspace_iterate_tags",
                                error, [&](const domain::Workspace &owner) {
                                    domain::ListOptions settings = abi::list_options_from(options);
                                    settings.include_deleted =
                                        false;  // GET /tags has no includeDeleted
                                    return named_list(owner, RecordKind::kTag, options,
                                                      domain::list_filters(settings, owner.id()));
                                });
}

ABC_API abc_status abc_tag_iterator_next(abc_tag **out, abc_tag_iterator *iterator,
                                         abc_error **error) {
    return abi::record_next(out, iterator, "abc_tag_iterator_next", error);
}

ABC_API void abc_tag_iterator_free(abc_tag_iterator *iterator) {
    delete iterator;
}

/* ---- Organizations and users ---- */

ABC_API abc_status abc_workspace_iterate_organizations(abc_organization_iterator **out,
                                                       abc_workspace *workspace,
                                                       const abc_list_options *options,
                                                       abc_error **error) {
    return abi::record_iterator(
        out, workspace, RecordKind::kOrganization, "abc_workspace_iterate_organizations", error,
        [&](const domain::Workspace &owner) {
            auto query = named_list(owner, RecordKind::kOrganization, options);
            query->name_field = "organizationName";
            return query;
        });
}

ABC_API abc_status abc_organization_iterator_next(abc_organization **out,
                                                  abc_organization_iterator *iterator,
                                                  abc_error **error) {
    return abi::record_next(out, iterator, "abc_organization_iterator_next", error);
}

ABC_API void abc_organization_iterator_free(abc_organization_iterator *iterator) {
    delete iterator;
}
ABC_API void abc_organization_free(abc_organization *organization) {
    delete organization;
}

ABC_API const char *abc_organization_id(const abc_organization *organization) {
    return abi::record_text(organization, "organizationId");
}
ABC_API const char *abc_organization_name(const abc_organization *organization) {
    return abi::record_text(organization, "organizationName");
}
ABC_API const char *abc_organization_email(const abc_organization *organization) {
    return abi::record_text(organization, "email");
}
ABC_API const char *abc_organization_json(const abc_organization *organization) {
    return organization != nullptr ? organization->record.json.c_str() : "";
}

ABC_API abc_status abc_workspace_iterate_users(abc_user_iterator **out, abc_workspace *workspace,
                                               const char *organization_id,
                                               const abc_list_options *options, abc_error **error) {
    const char *fn = "abc_workspace_iterate_users";
    return abi::record_iterator(
        out, workspace, RecordKind::kUser, fn, error,
        [&](const domain::Workspace &owner) -> StatusOr<domain::ListQuery> {
            ABC_RETURN_IF_ERROR(abi::require_text(organization_id, fn, "organization_id"));
            domain::ListOptions settings = abi::list_options_from(options);
            domain::QueryParameters filters{{"organizationId", organization_id}};
            for (const auto &id : settings.user_ids)
                filters.emplace_back("ids", id);
            for (const auto &email : settings.emails)
                filters.emplace_back("emails", email);
            return named_list(owner, RecordKind::kUser, options, std::move(filters));
        });
}

ABC_API abc_status abc_user_iterator_next(abc_user **out, abc_user_iterator *iterator,
                                          abc_error **error) {
    return abi::record_next(out, iterator, "abc_user_iterator_next", error);
}

ABC_API void abc_user_iterator_free(abc_user_iterator *iterator) {
    delete iterator;
}
ABC_API void abc_user_free(abc_user *user) {
    delete user;
}
ABC_API const char *abc_user_id(const abc_user *user) {
    return abi::record_text(user, "id");
}
ABC_API const char *abc_user_name(const abc_user *user) {
    return abi::record_text(user, "name");
}
ABC_API const char *abc_user_email(const abc_user *user) {
    return abi::record_text(user, "email");
}
ABC_API const char *abc_user_json(const abc_user *user) {
    return user != nullptr ? user->record.json.c_str() : "";
}

/* ---- Permissions ---- */

ABC_API abc_status abc_permission_create(abc_permission **out, abc_workspace *workspace,
                                         const char *user_id, const char *permission_type,
                                         const char *workspace_id, const char *organization_id,
                                         abc_error **error) {
    const char *fn = "abc_permission_create";
    return abi::record_call(
        out, workspace, RecordKind::kPermission, nullptr, nullptr, fn, error,
        [&](domain::ApiClient &api, const RecordRef &ref) -> StatusOr<Record> {
            ABC_RETURN_IF_ERROR(abi::require_text(user_id, fn, "user_id"));
            ABC_RETURN_IF_ERROR(abi::require_text(permission_type, fn, "permission_type"));
            return write(
                api, ref, HttpMethod::kPost,
                domain::permission_create_body(user_id, permission_type, or_empty(workspace_id),
                                               or_empty(organization_id)));
        });
}

ABC_API abc_status abc_permission_get(abc_permission **out, abc_workspace *workspace,
                                      const char *permission_id, abc_error **error) {
    return abi::record_get(out, workspace, RecordKind::kPermission, permission_id, "permission_id",
                           "abc_permission_get", error);
}

ABC_API void abc_permission_free(abc_permission *permission) {
    delete permission;
}

ABC_API abc_status abc_permission_update(abc_permission *permission, const char *permission_type,
                                         abc_error **error) {
    const char *fn = "abc_permission_update";
    return abi::record_change(
        permission, fn, "permission", error,
        [&](domain::ApiClient &api, const abi::RecordHandle &h) -> StatusOr<Record> {
            ABC_RETURN_IF_ERROR(abi::require_text(permission_type, fn, "permission_type"));
            RecordRef ref = h.ref;
            ref.kind = RecordKind::kPermission;
            return write(api, ref, HttpMethod::kPatch,
                         domain::permission_update_body(permission_type));
        });
}

ABC_API abc_status abc_permission_delete(abc_workspace *workspace, const char *permission_id,
                                         abc_error **error) {
    return abi::record_delete(workspace, RecordKind::kPermission, permission_id, "permission_id",
                              "abc_permission_delete", error);
}

ABC_API abc_status abc_workspace_iterate_permissions(abc_permission_iterator **out,
                                                     abc_workspace *workspace, const char *user_id,
                                                     const char *organization_id,
                                                     abc_error **error) {
    return abi::record_iterator(
        out, workspace, RecordKind::kListedPermission, "abc_workspace_iterate_permissions", error,
        [&](const domain::Workspace &owner) {
            domain::QueryParameters filters;
            if (user_id != nullptr && *user_id)
                filters.emplace_back("userId", user_id);
            if (organization_id != nullptr && *organization_id) {
                filters.emplace_back("organizationId", organization_id);
            }
            return named_list(owner, RecordKind::kListedPermission, nullptr, std::move(filters));
        });
}

ABC_API abc_status abc_permission_iterator_next(abc_permission **out,
                                                abc_permission_iterator *iterator,
                                                abc_error **error) {
    return abi::record_next(out, iterator, "abc_permission_iterator_next", error);
}

ABC_API void abc_permission_iterator_free(abc_permission_iterator *iterator) {
    delete iterator;
}

ABC_API const char *abc_permission_id(const abc_permission *p) {
    return abi::record_text(p, "permissionId");
}
ABC_API const char *abc_permission_type(const abc_permission *p) {
    return abi::record_text(p, "permissionType");
}
ABC_API const char *abc_permission_user_id(const abc_permission *p) {
    return abi::record_text(p, "userId");
}
ABC_API const char *abc_permission_workspace_id(const abc_permission *p) {
    return abi::record_text(p, "workspaceId");
}
ABC_API const char *abc_permission_organization_id(const abc_permission *p) {
    return abi::record_text(p, "organizationId");
}
ABC_API const char *abc_permission_scope(const abc_permission *p) {
    return abi::record_text(p, "scope");
}
ABC_API const char *abc_permission_scope_id(const abc_permission *p) {
    return abi::record_text(p, "scopeId");
}
ABC_API const char *abc_permission_json(const abc_permission *p) {
    return p != nullptr ? p->record.json.c_str() : "";
}

/* ---- Source and destination definitions ---- */

ABC_API abc_status abc_definition_create(abc_definition **out, abc_workspace *workspace,
                                         abc_definition_kind kind, const char *name,
                                         const char *docker_repository,
                                         const char *docker_image_tag,
                                         const char *documentation_url, abc_error **error) {
    const char *fn = "abc_definition_create";
    return abi::record_call(
        out, workspace, definition_kind(kind), nullptr, nullptr, fn, error,
        [&](domain::ApiClient &api, const RecordRef &ref) -> StatusOr<Record> {
            ABC_RETURN_IF_ERROR(check_definition_kind(kind, fn));
            ABC_RETURN_IF_ERROR(abi::require_pointer(name, fn, "name"));
            ABC_RETURN_IF_ERROR(abi::require_pointer(docker_repository, fn, "docker_repository"));
            ABC_RETURN_IF_ERROR(abi::require_pointer(docker_image_tag, fn, "docker_image_tag"));
            return write(api, ref, HttpMethod::kPost,
                         domain::definition_create_body(name, docker_repository, docker_image_tag,
                                                        or_empty(documentation_url)));
        });
}

ABC_API abc_status abc_definition_get(abc_definition **out, abc_workspace *workspace,
                                      abc_definition_kind kind, const char *definition_id,
                                      abc_error **error) {
    const char *fn = "abc_definition_get";
    return abi::record_call(out, workspace, definition_kind(kind), definition_id, "definition_id",
                            fn, error,
                            [&](domain::ApiClient &api, const RecordRef &ref) -> StatusOr<Record> {
                                ABC_RETURN_IF_ERROR(check_definition_kind(kind, fn));
                                return domain::get_record(api, ref);
                            });
}

ABC_API void abc_definition_free(abc_definition *definition) {
    delete definition;
}

ABC_API abc_status abc_definition_update(abc_definition *definition, const char *name,
                                         const char *docker_image_tag, abc_error **error) {
    return abi::record_change(
        definition, "abc_definition_update", "definition", error,
        [&](domain::ApiClient &api, const abi::RecordHandle &h) {
            return write(
                api, h.ref, HttpMethod::kPut,
                domain::definition_update_body(given_or(name, h, "name"),
                                               given_or(docker_image_tag, h, "dockerImageTag")));
        });
}

ABC_API abc_status abc_definition_delete(abc_workspace *workspace, abc_definition_kind kind,
                                         const char *definition_id, abc_error **error) {
    const char *fn = "abc_definition_delete";
    return abi::workspace_call(workspace, fn, error, [&](domain::Workspace &owner) -> Status {
        ABC_RETURN_IF_ERROR(check_definition_kind(kind, fn));
        ABC_RETURN_IF_ERROR(abi::require_text(definition_id, fn, "definition_id"));
        return domain::delete_record(*owner.api(),
                                     abi::record_ref(definition_kind(kind), owner, definition_id));
    });
}

ABC_API abc_status abc_workspace_iterate_definitions(abc_definition_iterator **out,
                                                     abc_workspace *workspace,
                                                     abc_definition_kind kind,
                                                     const abc_list_options *options,
                                                     abc_error **error) {
    const char *fn = "abc_workspace_iterate_definitions";
    return abi::record_iterator(out, workspace, definition_kind(kind), fn, error,
                                [&](const domain::Workspace &owner) -> StatusOr<domain::ListQuery> {
                                    ABC_RETURN_IF_ERROR(check_definition_kind(kind, fn));
                                    return named_list(owner, definition_kind(kind), options);
                                });
}

ABC_API abc_status abc_definition_iterator_next(abc_definition **out,
                                                abc_definition_iterator *iterator,
                                                abc_error **error) {
    return abi::record_next(out, iterator, "abc_definition_iterator_next", error);
}

ABC_API void abc_definition_iterator_free(abc_definition_iterator *iterator) {
    delete iterator;
}

ABC_API abc_definition_kind abc_definition_get_kind(const abc_definition *definition) {
    return definition != nullptr && definition->ref.kind == RecordKind::kDestinationDefinition
               ? ABC_DEFINITION_DESTINATION
               : ABC_DEFINITION_SOURCE;
}
ABC_API const char *abc_definition_id(const abc_definition *d) {
    return abi::record_text(d, "id");
}
ABC_API const char *abc_definition_name(const abc_definition *d) {
    return abi::record_text(d, "name");
}
ABC_API const char *abc_definition_docker_repository(const abc_definition *d) {
    return abi::record_text(d, "dockerRepository");
}
ABC_API const char *abc_definition_docker_image_tag(const abc_definition *d) {
    return abi::record_text(d, "dockerImageTag");
}
ABC_API const char *abc_definition_documentation_url(const abc_definition *d) {
    return abi::record_text(d, "documentationUrl");
}
ABC_API const char *abc_definition_json(const abc_definition *d) {
    return d != nullptr ? d->record.json.c_str() : "";
}

/* ---- Declarative source definitions ---- */

ABC_API abc_status abc_declarative_definition_create(abc_declarative_definition **out,
                                                     abc_workspace *workspace, const char *name,
                                                     const char *manifest_json, abc_error **error) {
    const char *fn = "abc_declarative_definition_create";
    return abi::record_call(
        out, workspace, RecordKind::kDeclarativeSourceDefinition, nullptr, nullptr, fn, error,
        [&](domain::ApiClient &api, const RecordRef &ref) -> StatusOr<Record> {
            ABC_RETURN_IF_ERROR(abi::require_pointer(name, fn, "name"));
            ABC_RETURN_IF_ERROR(abi::require_text(manifest_json, fn, "manifest_json"));
            return write(
                api, ref, HttpMethod::kPost,
                domain::declarative_definition_body(ref.workspace_id, name, manifest_json));
        });
}

ABC_API abc_status abc_declarative_definition_get(abc_declarative_definition **out,
                                                  abc_workspace *workspace,
                                                  const char *definition_id, abc_error **error) {
    return abi::record_get(out, workspace, RecordKind::kDeclarativeSourceDefinition, definition_id,
                           "definition_id", "abc_declarative_definition_get", error);
}

ABC_API void abc_declarative_definition_free(abc_declarative_definition *definition) {
    delete definition;
}

ABC_API abc_status abc_declarative_definition_update(abc_declarative_definition *definition,
                                                     const char *manifest_json, abc_error **error) {
    const char *fn = "abc_declarative_definition_update";
    return abi::record_change(
        definition, fn, "definition", error,
        [&](domain::ApiClient &api, const abi::RecordHandle &h) -> StatusOr<Record> {
            ABC_RETURN_IF_ERROR(abi::require_text(manifest_json, fn, "manifest_json"));
            return write(api, h.ref, HttpMethod::kPut,
                         domain::declarative_definition_body("", "", manifest_json));
        });
}

ABC_API abc_status abc_declarative_definition_delete(abc_workspace *workspace,
                                                     const char *definition_id, abc_error **error) {
    return abi::record_delete(workspace, RecordKind::kDeclarativeSourceDefinition, definition_id,
                              "definition_id", "abc_declarative_definition_delete", error);
}

ABC_API abc_status abc_workspace_iterate_declarative_definitions(
    abc_declarative_definition_iterator **out, abc_workspace *workspace,
    const abc_list_options *options, abc_error **error) {
    return abi::record_iterator(out, workspace, RecordKind::kDeclarativeSourceDefinition,
                                "abc_workspace_iterate_declarative_definitions", error,
                                [&](const domain::Workspace &owner) {
                                    return named_list(
                                        owner, RecordKind::kDeclarativeSourceDefinition, options);
                                });
}

ABC_API abc_status abc_declarative_definition_iterator_next(
    abc_declarative_definition **out, abc_declarative_definition_iterator *iterator,
    abc_error **error) {
    return abi::record_next(out, iterator, "abc_declarative_definition_iterator_next", error);
}

ABC_API void abc_declarative_definition_iterator_free(
    abc_declarative_definition_iterator *iterator) {
    delete iterator;
}

ABC_API const char *abc_declarative_definition_id(const abc_declarative_definition *d) {
    return abi::record_text(d, "id");
}
ABC_API const char *abc_declarative_definition_name(const abc_declarative_definition *d) {
    return abi::record_text(d, "name");
}
ABC_API const char *abc_declarative_definition_manifest(const abc_declarative_definition *d) {
    return abi::record_text(d, "manifest");
}
ABC_API int64_t abc_declarative_definition_version(const abc_declarative_definition *d) {
    return d != nullptr ? d->record.integer("version") : 0;
}
ABC_API const char *abc_declarative_definition_json(const abc_declarative_definition *d) {
    return d != nullptr ? d->record.json.c_str() : "";
}

}  // extern "C"
