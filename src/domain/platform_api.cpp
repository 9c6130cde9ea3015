#include "domain/platform_api.h"

#include "domain/api_errors.h"
#include "domain/internal/raw_api.h"
#include "domain/records.h"
#include "transport/url.h"

namespace airbyte_cloud::domain {

using transport::HttpMethod;
using transport::Idempotency;

namespace {

StatusOr<WorkspaceDetails> workspace_from(StatusOr<json::Document> document,
                                          const std::string &action) {
    if (!document.ok())
        return document.status();
    auto details = parse_workspace_details(document->root());
    if (!details.ok())
        return with_action(details.status(), action);
    return details;
}

struct MethodName {
    const char *name;
    HttpMethod method;
};
constexpr MethodName kMethods[] = {{"GET", HttpMethod::kGet},
                                   {"POST", HttpMethod::kPost},
                                   {"PATCH", HttpMethod::kPatch},
                                   {"PUT", HttpMethod::kPut},
                                   {"DELETE", HttpMethod::kDelete}};

}  // namespace

StatusOr<WorkspaceDetails> create_workspace(ApiClient &api, const std::string &body) {
    std::string action = "create workspace";
    return workspace_from(
        RawApi::call(api, HttpMethod::kPost, "/workspaces", {}, body, Idempotency::kNonIdempotent, action),
        action);
}

StatusOr<WorkspaceDetails> update_workspace(ApiClient &api, const std::string &workspace_id,
                                            const std::string &body) {
    std::string action = "update workspace " + workspace_id;
    return workspace_from(
        RawApi::call(api, HttpMethod::kPatch, expand_path("/workspaces/{}", {workspace_id}), {}, body,
                 Idempotency::kIdempotent, action),
        action);
}

Status delete_workspace(ApiClient &api, const std::string &workspace_id, SafeMode mode) {
    std::string action = "delete workspace " + workspace_id;
    if (mode != SafeMode::kOff) {
        auto details = get_workspace_details(api, workspace_id);
        if (!details.ok())
            return with_action(details.status(), action);
        if (!is_disposable_name(details->name)) {
            return Status(
                StatusCode::kRefused,
                action + ": safe mode refused: workspace '" + details->name +
                    "' is not named as disposable (deleting a workspace deletes its connections, "
                    "sources "
                    "and destinations). Nothing was deleted. Rename it to contain 'deleteme' or "
                    "'delete-me', or pass ABC_SAFE_MODE_OFF to delete without this check");
        }
    }
    return send_request(api, HttpMethod::kDelete, expand_path("/workspaces/{}", {workspace_id}), "",
                        action);
}

StatusOr<RawResponse> raw_request(ApiClient &api, const std::string &method,
                                  const std::string &path_and_query, const std::string &body) {
    const MethodName *known = nullptr;
    for (const auto &entry : kMethods) {
        if (method == entry.name)
            known = &entry;
    }
    if (known == nullptr)
        return InvalidArgument("method '" + method + "' is not GET, POST, PATCH, PUT or DELETE");
    if (path_and_query.empty() || path_and_query[0] != '/') {
        return InvalidArgument("path '" + path_and_query + "' must start with '/'");
    }
    for (char c : path_and_query) {
        if (static_cast<unsigned char>(c) <= ' ')
            return InvalidArgument("path must not contain spaces or control characters");
    }
    if (!body.empty())
        ABC_RETURN_IF_ERROR(checked_object_text(body, "body").status());
    Idempotency idempotency =
        known->method == HttpMethod::kPost ? Idempotency::kNonIdempotent : Idempotency::kIdempotent;
    auto response =
        RawApi::send(api, RawApi::request(api, known->method, path_and_query, body, idempotency));
    std::string action = method + " " + path_and_query;
    if (!response.ok())
        return with_action(response.status(), action);
    if (response->status < 200 || response->status >= 300)
        return status_from_error_response(*response, action);
    return RawResponse{response->status, response->body, response->content_type};
}

Status check_health(ApiClient &api) {
    return raw_request(api, "GET", "/health", "").status();
}

StatusOr<std::string> initiate_oauth(ApiClient &api, const std::string &body) {
    auto response = raw_request(api, "POST", "/sources/initiateOAuth", body);
    if (!response.ok())
        return response.status();
    return response->body;
}

Status put_oauth_credentials(ApiClient &api, const std::string &scope_path,
                             const std::string &body) {
    return send_request(api, HttpMethod::kPut, scope_path + "/oauthCredentials", body,
                        "set the OAuth credentials of " + scope_path.substr(1));
}

Status delete_oauth_credentials(ApiClient &api, const std::string &scope_path,
                                const std::string &actor_type, const std::string &name) {
    ABC_RETURN_IF_ERROR(check_one_of(actor_type, {"source", "destination"}, "actor_type"));
    if (name.empty())
        return InvalidArgument("name is empty");
    return send_request(api, HttpMethod::kDelete,
                        scope_path + expand_path("/oauthCredentials/{}/{}", {actor_type, name}), "",
                        "delete the " + actor_type + " OAuth credentials '" + name + "' of " +
                            scope_path.substr(1));
}

Status check_job_type(const std::string &job_type) {
    return check_one_of(job_type, {"sync", "reset", "refresh", "clear"}, "job_type");
}

ListQuery job_list_query(const JobFilter &filter) {
    ListQuery query;
    query.path = "/jobs";
    auto add = [&](const char *name, const std::string &value) {
        if (!value.empty())
            query.filters.emplace_back(name, value);
    };
    add("connectionId", filter.connection_id);
    for (const auto &id : filter.workspace_ids)
        query.filters.emplace_back("workspaceIds", id);
    add("jobType", filter.job_type);
    add("status", filter.status);
    add("createdAtStart", filter.created_at_start);
    add("createdAtEnd", filter.created_at_end);
    add("updatedAtStart", filter.updated_at_start);
    add("updatedAtEnd", filter.updated_at_end);
    add("orderBy", filter.order_by);
    query.page_size = filter.page_size;
    query.action = filter.connection_id.empty() ? "list jobs"
                                                : "list jobs of connection " + filter.connection_id;
    return query;
}

}  // namespace airbyte_cloud::domain
