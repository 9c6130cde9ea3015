#include "domain/config_api.h"

#include <algorithm>
#include <chrono>

#include "domain/internal/raw_api.h"
#include "json/string_scanner.h"
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

int optional_flag(json::Value object, std::string_view field) {
    auto value = object.get(field).boolean();
    return value ? (*value ? 1 : 0) : -1;
}

std::int64_t optional_int64(json::Value object, std::string_view field) {
    return object.get(field).int64().value_or(0);
}

AttemptFailure parse_failure(json::Value failure) {
    AttemptFailure parsed;
    parsed.origin = json::optional_string(failure, "failureOrigin");
    parsed.type = json::optional_string(failure, "failureType");
    parsed.external_message = json::optional_string(failure, "externalMessage");
    parsed.internal_message = json::optional_string(failure, "internalMessage");
    parsed.retryable = optional_flag(failure, "retryable");
    parsed.timestamp_ms = optional_int64(failure, "timestamp");
    return parsed;
}

StatusOr<AttemptInfo> parse_attempt(json::Value info, const std::string &context) {
    json::Value attempt = info.get("attempt");
    auto number = json::required_int64(attempt, "id", context);
    if (!number.ok())
        return number.status();
    AttemptInfo parsed;
    parsed.number = *number;
    parsed.status = json::optional_string(attempt, "status");
    parsed.created_at = optional_int64(attempt, "createdAt");
    parsed.ended_at = optional_int64(attempt, "endedAt");
    parsed.rows = optional_int64(attempt, "recordsSynced");
    parsed.bytes = optional_int64(attempt, "bytesSynced");
    json::Value failures = attempt.get("failureSummary").get("failures");
    for (std::size_t i = 0; i < failures.size(); ++i)
        parsed.failures.push_back(parse_failure(failures.at(i)));
    return parsed;
}

// A field path (["a","b"]) as "a.b"; a list of paths as one string each.
std::string dotted(json::Value path) {
    std::string text;
    for (std::size_t i = 0; i < path.size(); ++i) {
        if (i > 0)
            text += '.';
        text += path.at(i).string().value_or("");
    }
    return text;
}

std::vector<std::string> dotted_list(json::Value paths) {
    std::vector<std::string> list;
    for (std::size_t i = 0; i < paths.size(); ++i)
        list.push_back(dotted(paths.at(i)));
    return list;
}

CatalogStream parse_catalog_stream(json::Value entry) {
    json::Value stream = entry.get("stream");
    json::Value config = entry.get("config");
    CatalogStream parsed;
    // The name is the stream's; config.aliasName carries it too (a spec-conformant server may
    // send no `stream`: config.yaml's AirbyteStream cannot validate).
    parsed.name = json::optional_string(stream, "name");
    if (parsed.name.empty())
        parsed.name = json::optional_string(config, "aliasName");
    parsed.name_space = json::optional_string(stream, "namespace");
    if (parsed.name_space.empty())
        parsed.name_space = json::optional_string(config, "namespace");
    parsed.selected = config.get("selected").boolean().value_or(false);
    parsed.sync_mode = json::optional_string(config, "syncMode");
    parsed.destination_sync_mode = json::optional_string(config, "destinationSyncMode");
    json::Value cursor = config.get("cursorField");
    if (cursor.size() > 0)
        parsed.cursor_field.push_back(dotted(cursor));
    parsed.primary_key = dotted_list(config.get("primaryKey"));
    json::Value fields = config.get("selectedFields");
    for (std::size_t i = 0; i < fields.size(); ++i)
        parsed.selected_fields.push_back(dotted(fields.at(i).get("fieldPath")));
    return parsed;
}

StreamState parse_stream_state(json::Value entry) {
    json::Value descriptor = entry.get("streamDescriptor");
    return StreamState{json::optional_string(descriptor, "name"),
                       json::optional_string(descriptor, "namespace"),
                       entry.get("streamState").dump()};
}

StatusOr<ConnectionState> parse_state(json::Value root, const std::string &context) {
    auto type = json::required_string(root, "stateType", context);
    if (!type.ok())
        return type.status();
    ConnectionState state;
    state.type = *type;
    json::Value streams = root.get("streamState");
    if (state.type == "global") {
        state.shared_state_json = root.get("globalState").get("shared_state").dump();
        streams = root.get("globalState").get("streamStates");
    }
    for (std::size_t i = 0; i < streams.size(); ++i)
        state.streams.push_back(parse_stream_state(streams.at(i)));
    state.json = root.dump();
    return state;
}

bool is_log_line(const std::vector<std::string> &path) {
    // AttemptInfoRead.logs is LogRead {logLines: [string]} or LogEvents {events: [{message}]}.
    if (path.size() == 3)
        return path[0] == "logs" && path[1] == "logLines";
    return path.size() == 4 && path[0] == "logs" && path[1] == "events" && path[3] == "message";
}

}  // namespace

std::string config_api_url_for(const std::string &api_url) {
    std::string root = api_url;
    while (!root.empty() && root.back() == '/')
        root.pop_back();
    if (root == "https://api.airbyte.com/v1")
        return "https://cloud.airbyte.com/api/v1";
    for (const char *suffix : {"/api/public/v1", "/v1"}) {
        if (ends_with(root, suffix))
            return root.substr(0, root.size() - std::string(suffix).size()) + "/api/v1";
    }
    return "";
}

ConfigApi::ConfigApi(ApiClient &api) : api_(api) {
    root_ = api.settings().config_api_url.empty() ? config_api_url_for(api.settings().api_url)
                                                  : api.settings().config_api_url;
}

StatusOr<json::Document> ConfigApi::call(const std::string &operation, const std::string &body,
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
    return RawApi::interpret(api_, RawApi::send(api_, request), action + " (Config API)");
}

StatusOr<std::vector<AttemptInfo>> ConfigApi::job_attempts(std::int64_t job_id) {
    const std::string action = "get the attempts of job " + std::to_string(job_id);
    // get_without_logs: the attempts' logs may be huge and are read separately, streamed.
    auto document =
        call("jobs/get_without_logs", json::ObjectBuilder().add("id", job_id).dump(), action);
    if (!document.ok())
        return document.status();
    json::Value attempts = document->root().get("attempts");
    if (!attempts.is_array())
        return ProtocolError(action + ": the response has no 'attempts' array");
    std::vector<AttemptInfo> list;
    for (std::size_t i = 0; i < attempts.size(); ++i) {
        auto attempt = parse_attempt(attempts.at(i), action);
        if (!attempt.ok())
            return attempt.status();
        list.push_back(std::move(*attempt));
    }
    return list;
}

Status ConfigApi::stream_log(std::int64_t job_id, std::int64_t attempt, std::int64_t skip,
                             const LogLineFunction &on_line, std::int64_t &delivered,
                             bool &stopped) {
    const std::string action =
        "read the log of attempt " + std::to_string(attempt) + " of job " + std::to_string(job_id);
    if (root_.empty())
        return call("", "", action).status();
    std::int64_t index = 0;
    json::StringScanner scanner(
        [&](const std::vector<std::string> &path, std::string_view value) {
            if (!is_log_line(path) || index++ < skip)
                return true;
            ++delivered;
            stopped = !on_line(value);
            return !stopped;
        },
        "the response to " + action);
    Status scan;
    transport::HttpRequest request;
    request.method = transport::HttpMethod::kPost;
    request.url = transport::join_url(root_, "/attempt/get_for_job");
    request.deadline = deadline_;
    request.body = json::ObjectBuilder().add("jobId", job_id).add("attemptNumber", attempt).dump();
    request.body_sink = [&](const char *data, std::size_t size) {
        scan = scanner.feed(std::string_view(data, size));
        return scan.ok();
    };
    auto response = RawApi::send(api_, request);
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
    auto document =
        call("state/get", json::ObjectBuilder().add("connectionId", connection_id).dump(), action);
    if (!document.ok())
        return document.status();
    return parse_state(document->root(), action);
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
    auto document = call("state/create_or_update", body, action);
    if (!document.ok())
        return document.status();
    return parse_state(document->root(), action);
}

StatusOr<ConfiguredCatalog> ConfigApi::get_catalog(const std::string &connection_id) {
    const std::string action = "get the configured catalog of connection " + connection_id;
    auto document = call("web_backend/connections/get",
                         json::ObjectBuilder().add("connectionId", connection_id).dump(), action);
    if (!document.ok())
        return document.status();
    json::Value catalog = document->root().get("syncCatalog");
    json::Value streams = catalog.get("streams");
    if (!streams.is_array())
        return ProtocolError(action + ": the response has no 'syncCatalog.streams' array");
    ConfiguredCatalog parsed;
    for (std::size_t i = 0; i < streams.size(); ++i)
        parsed.streams.push_back(parse_catalog_stream(streams.at(i)));
    parsed.json = catalog.dump();
    return parsed;
}

StatusOr<CheckResult> ConfigApi::check(const std::string &kind, const std::string &actor_id) {
    const std::string action = "check " + kind + " " + actor_id;
    auto document = call(kind + "s/check_connection",
                         json::ObjectBuilder().add(kind + "Id", actor_id).dump(), action);
    if (!document.ok())
        return document.status();
    json::Value root = document->root();
    CheckResult result;
    result.succeeded = json::optional_string(root, "status") == "succeeded";
    result.message = json::optional_string(root, "message");
    if (result.message.empty()) {
        result.message =
            json::optional_string(root.get("jobInfo").get("failureReason"), "externalMessage");
    }
    return result;
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
