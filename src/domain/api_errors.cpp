#include "domain/api_errors.h"

#include <string>

#include "json/json.h"

namespace airbyte_cloud::domain {

Status status_from_error_response(const transport::HttpResponse &response, std::string_view action) {
    ErrorDetail detail;
    detail.http_status = static_cast<int>(response.status);
    detail.retry_after_ms = response.retry_after_ms;

    // The body is a problem document when the server (not a proxy) answered; be lenient.
    std::string title;
    std::string data_message;  // bad-request and unprocessable problems say what was wrong here
    auto document = json::Document::parse(response.body, "error response");
    if (document.ok() && document->root().is_object()) {
        json::Value root = document->root();
        detail.problem_type = json::optional_string(root, "type");
        title = json::optional_string(root, "title");
        detail.problem_detail = json::optional_string(root, "detail");
        if (detail.problem_detail.empty()) detail.problem_detail = json::optional_string(root, "message");
        if (detail.problem_detail.empty()) detail.problem_detail = title;
        data_message = json::optional_string(root.get("data"), "message");
    }

    const long http = response.status;
    StatusCode code = transport::status_code_for_http_status(http);
    if (http == 409 && (detail.problem_type.find("try-again-later") != std::string::npos ||
                        title.find("try-again-later") != std::string::npos)) {
        code = StatusCode::kSyncAlreadyRunning;  // the Airbyte API's own 409 for a running sync
    } else if (http < 400) {
        code = StatusCode::kProtocol;  // a 1xx/3xx where a result was expected
    }

    std::string message(action);
    message += ": HTTP " + std::to_string(http);
    if (!title.empty()) message += " " + title;
    if (!detail.problem_detail.empty() && detail.problem_detail != title) {
        message += ": " + detail.problem_detail;
    }
    if (!data_message.empty() && data_message != detail.problem_detail) message += " (" + data_message + ")";
    if (code == StatusCode::kUnauthenticated) {
        message += " (check the API key or client credentials)";
    }
    message += transport::response_circumstances(response);
    return Status(code, std::move(message), std::move(detail));
}

Status with_action(Status status, std::string_view action) {
    if (status.ok()) return status;
    std::string message(action);
    message += ": " + status.message();
    return Status(status.code(), std::move(message), status.detail());
}

}  // namespace airbyte_cloud::domain
