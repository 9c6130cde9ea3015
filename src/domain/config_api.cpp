#include "domain/config_api.h"

#include <algorithm>
#include <chrono>

#include "domain/internal/raw_api.h"
#include "transport/url.h"

namespace airbyte_cloud::domain {

using std::chrono::milliseconds;

namespace {

// How long a failed sync's error may wait for its reason (one lookup, its retries included).
constexpr milliseconds kFailureReasonDeadline{10000};

bool ends_with(const std::string &text, const std::string &suffix) {
    return text.size() >= suffix.size() &&
           text.compare(text.size() - suffix.size(), suffix.size(), suffix) == 0;
}

}  // namespace

std::optional<std::string> deployment_root_for(const std::string &api_url) {
    std::string root = api_url;
    while (!root.empty() && root.back() == '/')
        root.pop_back();
    if (root == "https://api.airbyte.com/v1")
        return "https://cloud.airbyte.com";
    for (const std::string suffix : {"/api/public/v1", "/v1"}) {
        if (ends_with(root, suffix))
            return root.substr(0, root.size() - suffix.size());
    }
    return std::nullopt;
}

std::string config_api_url_for(const std::string &api_url) {
    const std::optional<std::string> root = deployment_root_for(api_url);
    return root ? *root + "/api/v1" : "";
}

ConfigApi::ConfigApi(ApiClient &api) : api_(api) {
    root_ = api.settings().config_api_url.empty() ? config_api_url_for(api.settings().api_url)
                                                  : api.settings().config_api_url;
}

StatusOr<std::string> ConfigApi::call(const std::string &operation, const std::string &body,
                                      const std::string &action) {
    if (root_.empty()) {
        return Status(StatusCode::kUnsupported,
                      action + ": the Config API root cannot be derived from the API root " +
                          api_.settings().api_url +
                          "; set it with abc_options_set_config_api_url() or "
                          "AIRBYTE_CLOUD_CONFIG_API_URL");
    }
    transport::HttpRequest request;
    request.method = transport::HttpMethod::kPost;
    request.url = transport::join_url(root_, "/" + operation);
    request.body = body;
    request.deadline = deadline_;
    auto response = RawApi::send(api_, request);
    if (response.ok() && response->status >= 200 && response->status < 300)
        return std::move(response->body);
    return RawApi::interpret(api_, response, action + " (Config API)").status();
}

StatusOr<std::vector<AttemptInfo>> ConfigApi::job_attempts(std::int64_t job_id) {
    const std::string action = "get the attempts of job " + std::to_string(job_id);
    // get_without_logs: the attempts' logs may be huge and are read separately, streamed.
    auto body =
        call("jobs/get_without_logs", json::ObjectBuilder().add("id", job_id).dump(), action);
    if (!body.ok())
        return body.status();
    return parse_job_attempts(*body, action);
}

Status ConfigApi::stream_log(std::int64_t job_id, std::int64_t attempt, std::int64_t skip,
                             const LogLineFunction &on_line, std::int64_t &delivered,
                             bool &stopped) {
    const std::string action =
        "read the log of attempt " + std::to_string(attempt) + " of job " + std::to_string(job_id);
    if (root_.empty())
        return call("", "", action).status();
    LogLineScanner scanner(skip, on_line, action);
    Status scan;
    transport::HttpRequest request;
    request.method = transport::HttpMethod::kPost;
    request.url = transport::join_url(root_, "/attempt/get_for_job");
    request.deadline = deadline_;
    request.body = json::ObjectBuilder().add("jobId", job_id).add("attemptNumber", attempt).dump();
    request.body_sink = [&](const char *data, std::size_t size) {
        scan = scanner.feed(std::string_view(data, size));
        return scan.ok() && !scanner.stopped();
    };
    auto response = RawApi::send(api_, request);
    delivered = scanner.delivered();
    stopped = scanner.stopped();
    if (stopped)
        return Status();
    if (!scan.ok())
        return scan;
    if (response.ok() && response->status >= 200 && response->status < 300)
        return scanner.finish();
    return RawApi::interpret(api_, response, action + " (Config API)").status();
}

StatusOr<std::int64_t> ConfigApi::read_log(std::int64_t job_id, const LogSettings &settings,
                                           const LogLineFunction &on_line) {
    if (settings.follow)
        return follow_log(job_id, settings, on_line);
    std::int64_t attempt = settings.attempt_number;
    if (attempt < 0) {
        auto attempts = job_attempts(job_id);
        if (!attempts.ok())
            return attempts.status();
        if (attempts->empty())
            return std::int64_t{0};  // no attempt yet: no log
        attempt = attempts->back().number;
    }
    std::int64_t delivered = 0;
    bool stopped = false;
    ABC_RETURN_IF_ERROR(stream_log(job_id, attempt, 0, on_line, delivered, stopped));
    return delivered;
}

// The server cannot send a log from an offset, so each poll reads the attempt's log again and
// passes on only the lines past those already delivered (streamed: memory stays flat).
StatusOr<std::int64_t> ConfigApi::follow_log(std::int64_t job_id, const LogSettings &settings,
                                             const LogLineFunction &on_line) {
    PollSchedule schedule(api_.settings().poll_initial, api_.settings().poll_max);
    const CancelToken never_cancelled;
    const CancelToken &token = settings.cancel_token ? *settings.cancel_token : never_cancelled;
    std::int64_t total = 0, current_attempt = -1, seen = 0;
    for (bool final_read = false;;) {
        auto job = api_.get_job(job_id);
        if (!job.ok())
            return job.status();
        const bool job_final = job_state_is_final(job->state);
        auto attempts = job_attempts(job_id);
        if (!attempts.ok())
            return attempts.status();
        std::int64_t attempt = settings.attempt_number;
        if (attempt < 0 && !attempts->empty())
            attempt = attempts->back().number;
        if (attempt != current_attempt)
            seen = 0;  // a new attempt: its log from the start
        current_attempt = attempt;
        if (attempt >= 0) {
            std::int64_t delivered = 0;
            bool stopped = false;
            ABC_RETURN_IF_ERROR(stream_log(job_id, attempt, seen, on_line, delivered, stopped));
            seen += delivered;
            total += delivered;
            if (stopped)
                return total;
        }
        if (final_read)
            return total;
        final_read = job_final;  // one more read after the job ended catches its last lines
        if (!final_read && token.sleep_for(schedule.next())) {
            return Status(StatusCode::kCancelled, "following the log of job " +
                                                      std::to_string(job_id) +
                                                      " was cancelled by the caller");
        }
    }
}

StatusOr<ConnectionState> ConfigApi::get_state(const std::string &connection_id) {
    const std::string action = "get the state of connection " + connection_id;
    auto body =
        call("state/get", json::ObjectBuilder().add("connectionId", connection_id).dump(), action);
    if (!body.ok())
        return body.status();
    return parse_connection_state(*body, action);
}

StatusOr<ConnectionState> ConfigApi::set_state(const std::string &connection_id,
                                               const std::string &state_json) {
    const std::string action = "set the state of connection " + connection_id;
    auto given = json::Document::parse_whole(state_json, "the state to set");
    if (!given.ok())
        return Status(StatusCode::kInvalidArgument, given.status().message());
    if (!given->root().is_object() || !given->root().get("stateType").is_string()) {
        return InvalidArgument(action +
                               ": the state must be a JSON object with a 'stateType' (as "
                               "get state returns)");
    }
    json::ObjectBuilder state(std::move(*given));
    json::ObjectBuilder replaced;
    state.view().for_each_member([&](const std::string &name, json::Value value) {
        if (name != "connectionId")
            replaced.add_copy(name, value);
    });
    replaced.add("connectionId", connection_id);
    std::string body = json::ObjectBuilder()
                           .add("connectionId", connection_id)
                           .add("connectionState", std::move(replaced))
                           .dump();
    auto response = call("state/create_or_update", body, action);
    if (!response.ok())
        return response.status();
    return parse_connection_state(*response, action);
}

StatusOr<ConfiguredCatalog> ConfigApi::get_catalog(const std::string &connection_id) {
    const std::string action = "get the configured catalog of connection " + connection_id;
    auto body = call("web_backend/connections/get",
                     json::ObjectBuilder().add("connectionId", connection_id).dump(), action);
    if (!body.ok())
        return body.status();
    return parse_configured_catalog(*body, action);
}

StatusOr<CheckResult> ConfigApi::check(const std::string &kind, const std::string &actor_id) {
    const std::string action = "check " + kind + " " + actor_id;
    auto body = call(kind + "s/check_connection",
                     json::ObjectBuilder().add(kind + "Id", actor_id).dump(), action);
    if (!body.ok())
        return body.status();
    return parse_check_result(*body, action);
}

void add_failure_reason(ApiClient &api, Status &status) {
    const std::int64_t job_id = status.detail().job_id;
    if (status.code() != StatusCode::kSyncFailed || job_id == 0)
        return;
    ConfigApi config(api);
    if (config.root().empty())
        return;
    config.set_deadline(kFailureReasonDeadline);
    auto attempts = config.job_attempts(job_id);
    if (!attempts.ok()) {
        api.logger().log(LogLevel::kInfo, "no failure reason for job " + std::to_string(job_id) +
                                              ": " + attempts.status().message());
        return;
    }
    // The latest attempt that failed; its first failure is the cause (the web app shows it).
    for (auto attempt = attempts->rbegin(); attempt != attempts->rend(); ++attempt) {
        if (attempt->failures.empty())
            continue;
        const AttemptFailure &failure = attempt->failures.front();
        ErrorDetail detail = status.detail();
        detail.failure_origin = failure.origin;
        detail.failure_type = failure.type;
        detail.failure_message = failure.external_message;
        std::string origin = failure.origin.empty() ? std::string("unknown") : failure.origin;
        status = Status(status.code(),
                        status.message() + ": " + origin + " failure: " + failure.external_message,
                        std::move(detail));
        return;
    }
}

}  // namespace airbyte_cloud::domain
