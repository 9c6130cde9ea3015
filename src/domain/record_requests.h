// Request bodies for the record kinds (records.h), checked before anything is sent so a caller's
// mistake names the argument: tags, permissions, connector definitions, declarative source
// definitions. Each returns the JSON body the spec's request schema describes.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "base/status.h"

namespace airbyte_cloud::domain {

// TagCreateRequest (workspace_id given) or TagPatchRequest (workspace_id ""); color is six hex
// digits.
StatusOr<std::string> tag_body(std::string_view name, std::string_view color,
                               std::string_view workspace_id);

// PermissionCreateRequest: a workspace_* type needs workspace_id, an organization_* type
// organization_id.
StatusOr<std::string> permission_create_body(std::string_view user_id,
                                             std::string_view permission_type,
                                             std::string_view workspace_id,
                                             std::string_view organization_id);
// PermissionUpdateRequest.
StatusOr<std::string> permission_update_body(std::string_view permission_type);

// CreateDefinitionRequest (documentation_url may be "").
StatusOr<std::string> definition_create_body(std::string_view name,
                                             std::string_view docker_repository,
                                             std::string_view docker_image_tag,
                                             std::string_view documentation_url);
// UpdateDefinitionRequest.
StatusOr<std::string> definition_update_body(std::string_view name,
                                             std::string_view docker_image_tag);

// CreateDeclarativeSourceDefinitionRequest (workspace_id given) or
// UpdateDeclarativeSourceDefinitionRequest (workspace_id ""). The manifest must be a JSON object.
StatusOr<std::string> declarative_definition_body(std::string_view workspace_id,
                                                  std::string_view name,
                                                  std::string_view manifest_json);

// WorkspaceCreateRequest (for_create) or WorkspaceUpdateRequest; notifications_json is a
// NotificationsConfig object or "" for none; organization_id only on create.
StatusOr<std::string> workspace_body(bool for_create, std::optional<std::string_view> name,
                                     std::string_view organization_id,
                                     std::string_view notifications_json);

// InitiateOauthRequest; oauth_input_json is an object or "".
StatusOr<std::string> initiate_oauth_body(std::string_view workspace_id,
                                          std::string_view source_type,
                                          std::string_view redirect_url,
                                          std::string_view oauth_input_json);
// WorkspaceOAuthCredentialsRequest / OrganizationOAuthCredentialsRequest; actor_type
// source|destination.
StatusOr<std::string> oauth_credentials_body(std::string_view actor_type, std::string_view name,
                                             std::string_view configuration_json);

}  // namespace airbyte_cloud::domain
