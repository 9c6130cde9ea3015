// Managing sources, destinations, connections, workspaces and stream catalogs over the API:
// the requests, their bodies, and the client-side rules around them (discriminators, MotherDuck
// by definition id, safe mode on delete).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "base/status.h"
#include "domain/api_client.h"
#include "domain/connection_spec.h"
#include "domain/paging.h"
#include "domain/resources.h"
#include "domain/types.h"

namespace airbyte_cloud::domain {

// Whether a delete first checks that each resource it removes is named as disposable.
// kDefault: on when a delete cascades (it removes resources the caller did not name), off for
// the delete of the one resource named.
enum class SafeMode { kDefault = 0, kOn = 1, kOff = 2 };

struct ListOptions {
    NameFilter names;
    int page_size = kMaxPageSize;
    bool include_deleted = false;
    std::vector<std::string> workspace_ids;  // the API's workspaceIds; empty: the handle's workspace
    std::vector<std::string> tag_ids;        // connections only
    std::vector<std::string> user_ids;       // users only
    std::vector<std::string> emails;         // users only
};

// The list query parameters a ListOptions gives: workspaceIds (the given ones, else
// `default_workspace_id` when not ""), includeDeleted.
QueryParameters list_filters(const ListOptions &options, const std::string &default_workspace_id);

struct ActorCreateRequest {
    ActorKind kind = ActorKind::kSource;
    std::string workspace_id;
    std::string name;
    std::string type;           // "" when not given: then definition_id or the configuration's discriminator
    std::string definition_id;  // "" when not given
    std::string configuration_json;
};

StatusOr<ActorInfo> create_actor(ApiClient &api, const ActorCreateRequest &request);
StatusOr<ActorInfo> get_actor(ApiClient &api, ActorKind kind, const std::string &id);
// PATCH: the fields given change; the configuration gets its discriminator from `current` when
// it has none (the API's schema requires it).
StatusOr<ActorInfo> patch_actor(ApiClient &api, const ActorInfo &current, const std::optional<std::string> &name,
                                const std::optional<std::string> &configuration_json);
// PUT: name and configuration replace the stored ones.
StatusOr<ActorInfo> put_actor(ApiClient &api, const ActorInfo &current, const std::string &name,
                              const std::string &configuration_json);
Status delete_actor(ApiClient &api, ActorKind kind, const std::string &id, SafeMode mode);

ListQuery actor_list_query(ActorKind kind, const std::string &workspace_id, const ListOptions &options);
ListQuery connection_list_query(const std::string &workspace_id, const ListOptions &options);
ListQuery workspace_list_query(const ListOptions &options);

StatusOr<ConnectionInfo> create_connection(ApiClient &api, const ConnectionSpec &spec);
StatusOr<ConnectionInfo> patch_connection(ApiClient &api, const std::string &connection_id,
                                          const ConnectionSpec &changes);
// Deletes the connection and, with `cascade`, its source and destination (after the connection,
// since Airbyte deletes the connections of a deleted source). In safe mode nothing is deleted
// unless every resource to delete is named as disposable and, for a cascade, neither the source
// nor the destination is used by another connection.
Status delete_connection(ApiClient &api, const std::string &connection_id, bool cascade, SafeMode mode);

StatusOr<WorkspaceDetails> get_workspace_details(ApiClient &api, const std::string &workspace_id);
// GET /streams?sourceId=..[&destinationId=..]
StatusOr<std::vector<StreamInfo>> get_stream_catalog(ApiClient &api, const std::string &source_id,
                                                     const std::string &destination_id);

}  // namespace airbyte_cloud::domain
