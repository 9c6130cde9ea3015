#include "domain/api_client.h"

#include "domain/api_errors.h"
#include "transport/url.h"

namespace airbyte_cloud::domain {

using transport::HttpMethod;
using transport::Idempotency;

namespace {

std::shared_ptr<transport::CredentialsProvider> make_credentials(const ClientSettings &settings) {
    if (!settings.client_id.empty()) {
        std::string token_url = settings.token_url.empty()
                                    ? transport::join_url(settings.api_url, "/applications/token")
                                    : settings.token_url;
        return std::make_shared<transport::ClientCredentials>(token_url, settings.client_id,
                                                              settings.client_secret);
    }
    if (!settings.bearer_token.empty()) {
        return std::make_shared<transport::StaticTokenCredentials>(settings.bearer_token);
    }
    return nullptr;
}

std::string job_path(std::int64_t job_id) { return "/jobs/" + std::to_string(job_id); }

}  // namespace

ApiClient::ApiClient(ClientSettings settings) : settings_(std::move(settings)) {
    http_ = std::make_unique<transport::HttpClient>(settings_.http, make_credentials(settings_),
                                                    settings_.logger);
    // The server limits requests per credential: every workspace handle of this process with the
    // same root and credential shares one budget.
    const std::string credential = !settings_.client_id.empty() ? "client id " + settings_.client_id
                                                                 : "token " + settings_.bearer_token;
    http_->share_budget(settings_.api_url, credential);
}

transport::HttpRequest ApiClient::make_request(HttpMethod method, const std::string &path,
                                               const QueryParameters &query, const std::string &body,
                                               Idempotency idempotency) const {
    transport::HttpRequest request;
    request.method = method;
    request.url = transport::join_url(settings_.api_url, path) + transport::build_query(query);
    request.body = body;
    request.idempotency = idempotency;
    return request;
}

StatusOr<json::Document> ApiClient::interpret(const StatusOr<transport::HttpResponse> &response,
                                              const std::string &action) const {
    if (!response.ok()) return with_action(response.status(), action);
    if (response->status < 200 || response->status >= 300) {
        return status_from_error_response(*response, action);
    }
    if (response->body.empty()) return json::Document();
    auto document = json::Document::parse(response->body, "the response to " + action);
    if (!document.ok()) {
        Status status = document.status();
        status.mutable_detail().http_status = static_cast<int>(response->status);
        return status;
    }
    return document;
}

StatusOr<json::Document> ApiClient::call(HttpMethod method, const std::string &path,
                                         const QueryParameters &query, const std::string &body,
                                         Idempotency idempotency, const std::string &action) {
    return interpret(http_->send(make_request(method, path, query, body, idempotency)), action);
}

StatusOr<WorkspaceInfo> ApiClient::get_workspace(const std::string &workspace_id) {
    std::string action = "get workspace " + workspace_id;
    auto document = call(HttpMethod::kGet, "/workspaces/" + transport::escape_path_segment(workspace_id),
                         {}, "", Idempotency::kIdempotent, action);
    if (!document.ok()) return document.status();
    return parse_workspace(document->root());
}

StatusOr<ConnectionInfo> ApiClient::get_connection(const std::string &connection_id) {
    std::string action = "get connection " + connection_id;
    auto document =
        call(HttpMethod::kGet, "/connections/" + transport::escape_path_segment(connection_id), {},
             "", Idempotency::kIdempotent, action);
    if (!document.ok()) return document.status();
    return parse_connection(document->root());
}

StatusOr<JobInfo> ApiClient::create_job(const std::string &connection_id, const std::string &job_type) {
    std::string body = json::ObjectBuilder()
                           .add("connectionId", connection_id)
                           .add("jobType", job_type)
                           .dump();
    // Not idempotent: a resent POST /jobs could start a second sync.
    auto document = call(HttpMethod::kPost, "/jobs", {}, body, Idempotency::kNonIdempotent,
                         "start " + job_type + " on connection " + connection_id);
    if (!document.ok()) {
        Status status = document.status();
        status.mutable_detail().connection_id = connection_id;
        return status;
    }
    return parse_job(document->root());
}

transport::HttpRequest ApiClient::get_job_request(std::int64_t job_id) const {
    return make_request(HttpMethod::kGet, job_path(job_id), {}, "", Idempotency::kIdempotent);
}

StatusOr<JobInfo> ApiClient::job_from_response(const StatusOr<transport::HttpResponse> &response,
                                               std::int64_t job_id) const {
    auto document = interpret(response, "get job " + std::to_string(job_id));
    if (!document.ok()) {
        Status status = document.status();
        status.mutable_detail().job_id = job_id;
        return status;
    }
    return parse_job(document->root());
}

StatusOr<JobInfo> ApiClient::get_job(std::int64_t job_id) {
    return job_from_response(http_->send(get_job_request(job_id)), job_id);
}

std::vector<StatusOr<JobInfo>> ApiClient::get_jobs(const std::vector<std::int64_t> &job_ids) {
    std::vector<transport::HttpRequest> requests;
    requests.reserve(job_ids.size());
    for (std::int64_t job_id : job_ids) requests.push_back(get_job_request(job_id));
    auto responses = http_->send_all(requests);
    std::vector<StatusOr<JobInfo>> jobs;
    jobs.reserve(job_ids.size());
    for (std::size_t i = 0; i < job_ids.size(); ++i) {
        jobs.push_back(job_from_response(responses[i], job_ids[i]));
    }
    return jobs;
}

StatusOr<JobInfo> ApiClient::cancel_job(std::int64_t job_id) {
    auto document = call(HttpMethod::kDelete, job_path(job_id), {}, "", Idempotency::kIdempotent,
                         "cancel job " + std::to_string(job_id));
    if (!document.ok()) {
        Status status = document.status();
        status.mutable_detail().job_id = job_id;
        return status;
    }
    if (!document->root().present()) return get_job(job_id);  // a 204 carries no job
    return parse_job(document->root());
}

StatusOr<std::vector<JobInfo>> ApiClient::list_jobs(const JobQuery &query) {
    QueryParameters parameters;
    if (!query.connection_id.empty()) parameters.emplace_back("connectionId", query.connection_id);
    if (!query.job_type.empty()) parameters.emplace_back("jobType", query.job_type);
    if (!query.order_by.empty()) parameters.emplace_back("orderBy", query.order_by);
    parameters.emplace_back("limit", std::to_string(query.limit));
    parameters.emplace_back("offset", std::to_string(query.offset));
    std::string action = query.connection_id.empty()
                             ? std::string("list jobs")
                             : "list jobs of connection " + query.connection_id;
    return jobs_from_response(http_->send(make_request(HttpMethod::kGet, "/jobs", parameters, "",
                                                      Idempotency::kIdempotent)),
                              action);
}

StatusOr<std::vector<JobInfo>> ApiClient::jobs_from_response(
    const StatusOr<transport::HttpResponse> &response, const std::string &action) const {
    auto document = interpret(response, action);
    if (!document.ok()) return document.status();
    json::Value data = document->root().get("data");
    if (!data.is_array()) return ProtocolError(action + ": response has no 'data' array");
    std::vector<JobInfo> jobs;
    jobs.reserve(data.size());
    for (std::size_t i = 0; i < data.size(); ++i) {
        auto job = parse_job(data.at(i));
        if (!job.ok()) return with_action(job.status(), action);
        jobs.push_back(std::move(*job));
    }
    return jobs;
}

}  // namespace airbyte_cloud::domain
