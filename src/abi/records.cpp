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

ABC_API abc_definition_kind abc_definition_get_kind(const abc_definition *definition) {
    return definition != nullptr && definition->ref.kind == RecordKind::kDestinationDefinition
               ? ABC_DEFINITION_DESTINATION
               : ABC_DEFINITION_SOURCE;
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

ABC_API int64_t abc_declarative_definition_version(const abc_declarative_definition *d) {
    return d != nullptr ? d->record.integer("version") : 0;
}

/* ---- The functions every record kind has alike, and the field getters ---- */

// clang-format off
ABC_RECORD_COMMON_FUNCTIONS(abc_tag)
ABC_RECORD_COMMON_FUNCTIONS(abc_organization)
ABC_RECORD_COMMON_FUNCTIONS(abc_user)
ABC_RECORD_COMMON_FUNCTIONS(abc_permission)
ABC_RECORD_COMMON_FUNCTIONS(abc_definition)
ABC_RECORD_COMMON_FUNCTIONS(abc_declarative_definition)
ABC_RECORD_FIELD(abc_tag_id, abc_tag, "tagId")
ABC_RECORD_FIELD(abc_tag_color, abc_tag, "color")
ABC_RECORD_FIELD(abc_organization_id, abc_organization, "organizationId")
ABC_RECORD_FIELD(abc_organization_email, abc_organization, "email")
ABC_RECORD_FIELD(abc_user_id, abc_user, "id")
ABC_RECORD_FIELD(abc_user_email, abc_user, "email")
ABC_RECORD_FIELD(abc_permission_id, abc_permission, "permissionId")
ABC_RECORD_FIELD(abc_permission_user_id, abc_permission, "userId")
ABC_RECORD_FIELD(abc_permission_organization_id, abc_permission, "organizationId")
ABC_RECORD_FIELD(abc_permission_scope_id, abc_permission, "scopeId")
ABC_RECORD_FIELD(abc_definition_id, abc_definition, "id")
ABC_RECORD_FIELD(abc_definition_docker_repository, abc_definition, "dockerRepository")
ABC_RECORD_FIELD(abc_definition_documentation_url, abc_definition, "documentationUrl")
ABC_RECORD_FIELD(abc_declarative_definition_id, abc_declarative_definition, "id")
ABC_RECORD_FIELD(abc_declarative_definition_manifest, abc_declarative_definition, "manifest")
ABC_RECORD_FIELD(abc_tag_name, abc_tag, "name")
ABC_RECORD_FIELD(abc_tag_workspace_id, abc_tag, "workspaceId")
ABC_RECORD_FIELD(abc_organization_name, abc_organization, "organizationName")
ABC_RECORD_FIELD(abc_user_name, abc_user, "name")
ABC_RECORD_FIELD(abc_permission_type, abc_permission, "permissionType")
ABC_RECORD_FIELD(abc_permission_workspace_id, abc_permission, "workspaceId")
ABC_RECORD_FIELD(abc_permission_scope, abc_permission, "scope")
ABC_RECORD_FIELD(abc_definition_name, abc_definition, "name")
ABC_RECORD_FIELD(abc_definition_docker_image_tag, abc_definition, "dockerImageTag")
ABC_RECORD_FIELD(abc_declarative_definition_name, abc_declarative_definition, "name")
// clang-format on

}  // extern "C"
