#include "domain/record_requests.h"

#include "domain/records.h"
#include "domain/resources.h"
#include "json/json.h"

namespace airbyte_cloud::domain {
namespace {

bool is_hex_color(std::string_view color) {
    if (color.size() != 6)
        return false;
    for (char c : color) {
        if (!std::isxdigit(static_cast<unsigned char>(c)))
            return false;
    }
    return true;
}

// Adds the JSON object `text` under `key`; nothing when `text` is empty.
Status add_object(json::ObjectBuilder &body, std::string_view key, std::string_view text,
                  std::string_view argument) {
    if (text.empty())
        return Status();
    auto document = parse_input_object(text, argument);
    if (!document.ok())
        return document.status();
    body.add(key, std::move(*document));
    return Status();
}

Status require_given(std::string_view value, std::string_view argument) {
    if (!value.empty())
        return Status();
    return InvalidArgument(std::string(argument) + " is empty");
}

}  // namespace

StatusOr<std::string> tag_body(std::string_view name, std::string_view color,
                               std::string_view workspace_id) {
    ABC_RETURN_IF_ERROR(check_name(name, "name"));
    if (!is_hex_color(color)) {
        return InvalidArgument("color '" + std::string(color) +
                               "' is not six hexadecimal digits (e.g. FF5733)");
    }
    json::ObjectBuilder body;
    body.add("name", name).add("color", color);
    if (!workspace_id.empty())
        body.add("workspaceId", workspace_id);
    return body.dump();
}

StatusOr<std::string> permission_create_body(std::string_view user_id,
                                             std::string_view permission_type,
                                             std::string_view workspace_id,
                                             std::string_view organization_id) {
    ABC_RETURN_IF_ERROR(check_uuid(user_id, "user_id"));
    ABC_RETURN_IF_ERROR(permission_update_body(permission_type).status());
    const bool workspace_scoped = permission_type.rfind("workspace_", 0) == 0;
    std::string_view scope_id = workspace_scoped ? workspace_id : organization_id;
    std::string_view other = workspace_scoped ? organization_id : workspace_id;
    const char *scope_argument = workspace_scoped ? "workspace_id" : "organization_id";
    if (scope_id.empty() || !other.empty()) {
        return InvalidArgument("permission_type '" + std::string(permission_type) + "' needs " +
                               scope_argument + " and only it");
    }
    ABC_RETURN_IF_ERROR(check_uuid(scope_id, scope_argument));
    return json::ObjectBuilder()
        .add("permissionType", permission_type)
        .add("userId", user_id)
        .add(workspace_scoped ? "workspaceId" : "organizationId", scope_id)
        .dump();
}

StatusOr<std::string> permission_update_body(std::string_view permission_type) {
    ABC_RETURN_IF_ERROR(
        check_one_of(permission_type,
                     {"organization_admin", "organization_editor", "organization_runner",
                      "organization_reader", "organization_member", "workspace_admin",
                      "workspace_editor", "workspace_runner", "workspace_reader"},
                     "permission_type"));
    return json::ObjectBuilder().add("permissionType", permission_type).dump();
}

StatusOr<std::string> definition_create_body(std::string_view name,
                                             std::string_view docker_repository,
                                             std::string_view docker_image_tag,
                                             std::string_view documentation_url) {
    ABC_RETURN_IF_ERROR(check_name(name, "name"));
    ABC_RETURN_IF_ERROR(require_given(docker_repository, "docker_repository"));
    ABC_RETURN_IF_ERROR(require_given(docker_image_tag, "docker_image_tag"));
    json::ObjectBuilder body;
    body.add("name", name)
        .add("dockerRepository", docker_repository)
        .add("dockerImageTag", docker_image_tag);
    if (!documentation_url.empty())
        body.add("documentationUrl", documentation_url);
    return body.dump();
}

StatusOr<std::string> definition_update_body(std::string_view name,
                                             std::string_view docker_image_tag) {
    ABC_RETURN_IF_ERROR(check_name(name, "name"));
    ABC_RETURN_IF_ERROR(require_given(docker_image_tag, "docker_image_tag"));
    return json::ObjectBuilder().add("name", name).add("dockerImageTag", docker_image_tag).dump();
}

StatusOr<std::string> declarative_definition_body(std::string_view workspace_id,
                                                  std::string_view name,
                                                  std::string_view manifest_json) {
    json::ObjectBuilder body;
    if (!workspace_id.empty()) {
        ABC_RETURN_IF_ERROR(check_name(name, "name"));
        // The spec's CreateDeclarativeSourceDefinitionRequest lists workspaceId as required.
        body.add("workspaceId", workspace_id).add("name", name);
    }
    ABC_RETURN_IF_ERROR(require_given(manifest_json, "manifest_json"));
    ABC_RETURN_IF_ERROR(add_object(body, "manifest", manifest_json, "manifest_json"));
    return body.dump();
}

StatusOr<std::string> workspace_body(bool for_create, std::optional<std::string_view> name,
                                     std::string_view organization_id,
                                     std::string_view notifications_json) {
    json::ObjectBuilder body;
    if (name) {
        ABC_RETURN_IF_ERROR(check_name(*name, "name"));
        body.add("name", *name);
    }
    if (for_create && !organization_id.empty()) {
        ABC_RETURN_IF_ERROR(check_uuid(organization_id, "organization_id"));
        body.add("organizationId", organization_id);
    }
    ABC_RETURN_IF_ERROR(
        add_object(body, "notifications", notifications_json, "notifications_json"));
    if (!for_create && !name && notifications_json.empty()) {
        return InvalidArgument("nothing to change: give name or notifications_json");
    }
    return body.dump();
}

StatusOr<std::string> initiate_oauth_body(std::string_view workspace_id,
                                          std::string_view source_type,
                                          std::string_view redirect_url,
                                          std::string_view oauth_input_json) {
    ABC_RETURN_IF_ERROR(require_given(source_type, "source_type"));
    ABC_RETURN_IF_ERROR(require_given(redirect_url, "redirect_url"));
    json::ObjectBuilder body;
    body.add("redirectUrl", redirect_url)
        .add("workspaceId", workspace_id)
        .add("sourceType", source_type);
    ABC_RETURN_IF_ERROR(
        add_object(body, "oAuthInputConfiguration", oauth_input_json, "oauth_input_json"));
    return body.dump();
}

StatusOr<std::string> oauth_credentials_body(std::string_view actor_type, std::string_view name,
                                             std::string_view configuration_json) {
    ABC_RETURN_IF_ERROR(check_one_of(actor_type, {"source", "destination"}, "actor_type"));
    ABC_RETURN_IF_ERROR(require_given(name, "name"));
    ABC_RETURN_IF_ERROR(require_given(configuration_json, "configuration_json"));
    json::ObjectBuilder body;
    body.add("actorType", actor_type).add("name", name);
    ABC_RETURN_IF_ERROR(
        add_object(body, "configuration", configuration_json, "configuration_json"));
    return body.dump();
}

}  // namespace airbyte_cloud::domain
