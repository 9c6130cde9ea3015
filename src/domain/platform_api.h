// The operations of the API that are neither a record kind (records.h) nor a source, destination
// or connection (resource_api.h): creating, changing and deleting workspaces, the health check,
// OAuth flows and credential overrides, job listing with every filter, and a raw request for
// endpoints no typed call covers.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "base/status.h"
#include "domain/api_client.h"
#include "domain/paging.h"
#include "domain/resource_api.h"
#include "domain/resources.h"
#include "transport/http_types.h"

namespace airbyte_cloud::domain {

// POST /workspaces and PATCH /workspaces/{id}; bodies from record_requests.h's workspace_body().
StatusOr<WorkspaceDetails> create_workspace(ApiClient &api, const std::string &body);
StatusOr<WorkspaceDetails> update_workspace(ApiClient &api, const std::string &workspace_id,
                                            const std::string &body);
// DELETE /workspaces/{id}. The server deletes the workspace's connections, destinations and
// sources with it, so safe mode kDefault is on: the workspace's name must mark it disposable.
Status delete_workspace(ApiClient &api, const std::string &workspace_id, SafeMode mode);

// GET /health (no credentials needed): OK when the server answers 2xx.
Status check_health(ApiClient &api);

struct RawResponse {
    long status = 0;
    std::string body;
    std::string content_type;
};
// Any request: `path_and_query` starts with '/' and is sent as given under the API root. A non-2xx
// answer is a Status as for the typed calls (problem type and detail included).
StatusOr<RawResponse> raw_request(ApiClient &api, const std::string &method,
                                  const std::string &path_and_query, const std::string &body);

// POST /sources/initiateOAuth; the answer as text (the spec gives it no schema).
StatusOr<std::string> initiate_oauth(ApiClient &api, const std::string &body);
// PUT {scope}/oauthCredentials and DELETE {scope}/oauthCredentials/{actorType}/{name}, where
// scope is "/workspaces/{id}" or "/organizations/{id}".
Status put_oauth_credentials(ApiClient &api, const std::string &scope_path,
                             const std::string &body);
Status delete_oauth_credentials(ApiClient &api, const std::string &scope_path,
                                const std::string &actor_type, const std::string &name);

// GET /jobs with every filter the spec defines. Empty strings and lists are "not given".
struct JobFilter {
    std::string connection_id;
    std::vector<std::string> workspace_ids;
    std::string job_type;  // sync | reset | refresh | clear
    std::string status;  // pending | queued | running | incomplete | failed | succeeded | cancelled
    std::string created_at_start, created_at_end, updated_at_start, updated_at_end;  // ISO-8601 UTC
    std::string order_by;  // createdAt|ASC, createdAt|DESC, updatedAt|ASC, updatedAt|DESC
    int page_size = kMaxPageSize;
};
ListQuery job_list_query(const JobFilter &filter);

// The job types JobTypeEnum lists.
Status check_job_type(const std::string &job_type);

}  // namespace airbyte_cloud::domain
