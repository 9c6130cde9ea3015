// The Airbyte public API's endpoints as C++ calls. Builds escaped URLs, sends through the one
// HttpClient, maps error responses to Status, parses results. Shared by every handle made from
// one workspace (thread-safe: it holds no per-call state).
#pragma once

#include <chrono>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "base/log.h"
#include "base/status.h"
#include "domain/types.h"
#include "json/json.h"
#include "transport/http_client.h"

namespace airbyte_cloud::domain {

inline constexpr const char *kDefaultApiUrl = "https://api.airbyte.com/v1";

struct ClientSettings {
    std::string api_url = kDefaultApiUrl;
    std::string bearer_token;
    std::string client_id;
    std::string client_secret;
    std::string token_url;  // empty: {api_url}/applications/token
    std::string config_api_url;  // empty: derived from api_url (config_api.h)
    transport::HttpSettings http;
    std::chrono::milliseconds poll_initial{250};
    std::chrono::milliseconds poll_max{2000};
    Logger logger;
};

using QueryParameters = std::vector<std::pair<std::string, std::string>>;

struct JobQuery {
    std::string connection_id;
    std::string job_type;  // empty: all types
    std::string order_by = "createdAt|DESC";
    int limit = 20;
    std::int64_t offset = 0;
};

class ApiClient {
public:
    explicit ApiClient(ClientSettings settings);

    StatusOr<WorkspaceInfo> get_workspace(const std::string &workspace_id);
    StatusOr<ConnectionInfo> get_connection(const std::string &connection_id);
    StatusOr<JobInfo> create_job(const std::string &connection_id, const std::string &job_type);
    StatusOr<JobInfo> get_job(std::int64_t job_id);
    StatusOr<JobInfo> cancel_job(std::int64_t job_id);
    StatusOr<std::vector<JobInfo>> list_jobs(const JobQuery &query);

    // GET /jobs/{id} for many jobs in one round (curl multi over the shared connections); one
    // result per id, in order.
    std::vector<StatusOr<JobInfo>> get_jobs(const std::vector<std::int64_t> &job_ids);
    // The jobs of a JobsResponse (GET /jobs), or the failure `action` names.
    StatusOr<std::vector<JobInfo>> jobs_from_response(
        const StatusOr<transport::HttpResponse> &response, const std::string &action) const;

    const ClientSettings &settings() const { return settings_; }
    const Logger &logger() const { return settings_.logger; }
    // The request budget every call of this client shares (abc_workspace_request_budget).
    transport::RequestBudget::State budget_state() const { return http_->budget_state(); }

private:
    // The raw endpoint stays inside src/domain: domain code reaches it through
    // domain/internal/raw_api.h, which the layering check keeps out of every other layer.
    friend struct RawApi;

    // Any endpoint: `path` starts with '/' and has its segments escaped already. A 2xx body is
    // parsed as JSON (an empty body, as from 204, gives a Document with no root).
    StatusOr<json::Document> call(transport::HttpMethod method, const std::string &path,
                                  const QueryParameters &query, const std::string &body,
                                  transport::Idempotency idempotency, const std::string &action);

    transport::HttpRequest make_request(transport::HttpMethod method, const std::string &path,
                                        const QueryParameters &query, const std::string &body,
                                        transport::Idempotency idempotency) const;
    StatusOr<json::Document> interpret(const StatusOr<transport::HttpResponse> &response,
                                       const std::string &action) const;

    transport::HttpClient &http() { return *http_; }

    // The pieces of get_job, for get_jobs.
    transport::HttpRequest get_job_request(std::int64_t job_id) const;
    StatusOr<JobInfo> job_from_response(const StatusOr<transport::HttpResponse> &response,
                                        std::int64_t job_id) const;

    ClientSettings settings_;
    std::unique_ptr<transport::HttpClient> http_;
};

}  // namespace airbyte_cloud::domain
