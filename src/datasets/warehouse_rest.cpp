#include "datasets/warehouse_rest.h"

namespace airbyte_cloud::datasets {
namespace {

constexpr std::size_t kLongestQuotedMessage = 400;

}  // namespace

Status warehouse_failure(const std::string &what, const transport::HttpResponse &response,
                         const WarehouseDialect &dialect) {
    ErrorDetail detail;
    detail.http_status = static_cast<int>(response.status);
    detail.retry_after_ms = response.retry_after_ms;
    StatusCode code = transport::status_code_for_http_status(response.status);
    std::string message =
        what + ": " + dialect.name + " answered HTTP " + std::to_string(response.status);
    StatusOr<json::Document> body =
        json::Document::parse(response.body, std::string(dialect.name) + " error");
    if (body.ok() && body->root().is_object()) {
        WarehouseErrorBody error = dialect.read(body->root());
        if (error.text.size() > kLongestQuotedMessage) {
            error.text = error.text.substr(0, kLongestQuotedMessage) + "...";
        }
        detail.problem_type = error.code.empty() ? "" : dialect.problem_prefix + error.code;
        detail.problem_detail = error.text;
        if (!error.code.empty())
            message += " (" + std::string(dialect.code_label) + error.code + ")";
        if (!error.text.empty())
            message += ": " + error.text;
        code = dialect.code_for(error.code, code);
    }
    return Status(code, std::move(message), std::move(detail));
}

Status check_base_url(const std::string &url, const std::string &description) {
    if (url.compare(0, 7, "http://") == 0 || url.compare(0, 8, "https://") == 0)
        return Status();
    return InvalidArgument(description + " '" + url + "' must start with http:// or https://");
}

StatusOr<transport::HttpResponse> send_for(transport::HttpClient &http,
                                           const transport::HttpRequest &request,
                                           const std::string &what) {
    StatusOr<transport::HttpResponse> response = http.send(request);
    if (!response.ok())
        return prefixed(response.status(), what);
    return response;
}

StatusOr<json::Document> parse_for(const std::string &body, const char *label,
                                   const std::string &what) {
    StatusOr<json::Document> document = json::Document::parse(body, label);
    if (!document.ok())
        return prefixed(document.status(), what);
    return document;
}

}  // namespace airbyte_cloud::datasets
