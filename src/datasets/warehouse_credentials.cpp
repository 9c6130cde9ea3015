#include "datasets/warehouse_credentials.h"

#include <chrono>

#include "json/json.h"
#include "transport/http_client.h"

namespace airbyte_cloud::datasets {
namespace {

constexpr std::size_t kLongestQuotedError = 300;

bool is_usable_token(const std::string &token) {
    if (token.empty()) return false;
    for (char c : token) {
        if (c <= ' ' || c >= 0x7F) return false;
    }
    return true;
}

}  // namespace

std::int64_t unix_now() {
    return std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch())
        .count();
}

SnowflakeKeyPairCredentials::SnowflakeKeyPairCredentials(jwt::Key key, std::string account_identifier,
                                                         std::string user, UnixClock clock)
    : key_(std::move(key)), account_(std::move(account_identifier)), user_(std::move(user)), clock_(std::move(clock)) {}

StatusOr<std::string> SnowflakeKeyPairCredentials::access_token(transport::HttpClient &) {
    std::lock_guard<std::mutex> lock(mutex_);
    const std::int64_t now = clock_();
    if (!token_.empty() && now < renew_at_) return token_;
    StatusOr<std::string> token = jwt::snowflake_token(key_, account_, user_, now, kLifetimeSeconds);
    if (!token.ok()) return token.status();
    token_ = std::move(*token);
    renew_at_ = now + kRenewAfterSeconds;
    return token_;
}

bool SnowflakeKeyPairCredentials::invalidate(const std::string &token) {
    std::lock_guard<std::mutex> lock(mutex_);
    if (token.empty() || token != token_) return true;  // already renewed by another caller
    token_.clear();
    renew_at_ = 0;
    // A fresh JWT only helps when the old one was stale (clock skew, expiry); the retry after a
    // 401 happens once, so offering it costs one request at most.
    return true;
}

StatusOr<ServiceAccountKey> parse_service_account_key(std::string_view json_text) {
    StatusOr<json::Document> document = json::Document::parse(json_text, "service-account key");
    if (!document.ok()) {
        // The parser quotes an excerpt, which could be part of the private key: drop it.
        return InvalidArgument("the BigQuery service-account key is not valid JSON");
    }
    const json::Value root = document->root();
    if (!root.is_object()) return InvalidArgument("the BigQuery service-account key is not a JSON object");
    ServiceAccountKey key;
    key.client_email = json::optional_string(root, "client_email");
    key.private_key_id = json::optional_string(root, "private_key_id");
    key.private_key = json::optional_string(root, "private_key");
    key.token_uri = json::optional_string(root, "token_uri");
    key.project_id = json::optional_string(root, "project_id");
    const std::string type = json::optional_string(root, "type");
    if (!type.empty() && type != "service_account") {
        return InvalidArgument("the BigQuery credentials are of type '" + type +
                               "'; a service-account key (type service_account) is needed");
    }
    if (key.client_email.empty()) {
        return InvalidArgument("the BigQuery service-account key has no 'client_email'");
    }
    if (key.private_key.empty()) {
        return InvalidArgument("the BigQuery service-account key has no 'private_key'");
    }
    if (key.token_uri.empty()) key.token_uri = kGoogleTokenUri;
    return key;
}

ServiceAccountCredentials::ServiceAccountCredentials(jwt::Key key, ServiceAccountKey info, std::string exchange_uri,
                                                     std::string scope, UnixClock clock)
    : key_(std::move(key)),
      info_(std::move(info)),
      exchange_uri_(std::move(exchange_uri)),
      scope_(std::move(scope)),
      clock_(std::move(clock)) {
    if (info_.token_uri.empty()) info_.token_uri = kGoogleTokenUri;
    if (exchange_uri_.empty()) exchange_uri_ = info_.token_uri;
}

StatusOr<std::string> ServiceAccountCredentials::access_token(transport::HttpClient &client) {
    std::lock_guard<std::mutex> lock(mutex_);
    const std::int64_t now = clock_();
    if (!token_.empty() && now < renew_at_) return token_;

    const std::string failed = "BigQuery token exchange at " + exchange_uri_ + " for " + info_.client_email + " failed: ";
    StatusOr<std::string> assertion =
        jwt::google_assertion(key_, info_.private_key_id, info_.client_email, scope_, info_.token_uri, now, 3600);
    if (!assertion.ok()) return Status(assertion.status().code(), failed + assertion.status().message());

    transport::HttpRequest request;
    request.method = transport::HttpMethod::kPost;
    request.url = exchange_uri_;
    request.content_type = "application/x-www-form-urlencoded";
    // The assertion is base64url and dots: nothing in it needs percent-encoding.
    request.body = "grant_type=urn%3Aietf%3Aparams%3Aoauth%3Agrant-type%3Ajwt-bearer&assertion=" + *assertion;
    request.idempotency = transport::Idempotency::kIdempotent;
    request.authenticated = false;

    StatusOr<transport::HttpResponse> response = client.send(request);
    if (!response.ok()) return Status(response.status().code(), failed + response.status().message(),
                                      response.status().detail());
    if (response->status < 200 || response->status >= 300) {
        ErrorDetail detail;
        detail.http_status = static_cast<int>(response->status);
        std::string message = failed + "HTTP " + std::to_string(response->status);
        StatusOr<json::Document> body = json::Document::parse(response->body, "token error response");
        if (body.ok() && body->root().is_object()) {
            detail.problem_type = json::optional_string(body->root(), "error");
            detail.problem_detail = json::optional_string(body->root(), "error_description");
            std::string reason = detail.problem_type;
            if (!detail.problem_detail.empty()) reason += (reason.empty() ? "" : ": ") + detail.problem_detail;
            if (reason.size() > kLongestQuotedError) reason = reason.substr(0, kLongestQuotedError) + "...";
            if (!reason.empty()) message += " " + reason;
        }
        StatusCode code = StatusCode::kUnauthenticated;
        if (response->status == 429) code = StatusCode::kRateLimited;
        if (response->status >= 500) code = StatusCode::kServerError;
        return Status(code, message, std::move(detail));
    }
    StatusOr<json::Document> document = json::Document::parse(response->body, "token response");
    if (!document.ok()) return ProtocolError(failed + document.status().message());
    StatusOr<std::string> token = json::required_string(document->root(), "access_token", "token response");
    if (!token.ok()) return ProtocolError(failed + token.status().message());
    if (!is_usable_token(*token)) {
        return ProtocolError(failed + "the access_token is empty or has characters a header cannot carry");
    }
    std::int64_t lifetime = document->root().get("expires_in").int64().value_or(3600);
    if (lifetime < 1) lifetime = 1;
    const std::int64_t margin = lifetime > 600 ? 300 : lifetime / 2;
    token_ = std::move(*token);
    renew_at_ = now + lifetime - margin;
    client.logger().log(LogLevel::kDebug, "obtained a BigQuery access token for " + info_.client_email);
    return token_;
}

bool ServiceAccountCredentials::invalidate(const std::string &token) {
    std::lock_guard<std::mutex> lock(mutex_);
    if (!token.empty() && token == token_) {
        token_.clear();
        renew_at_ = 0;
    }
    return true;
}

}  // namespace airbyte_cloud::datasets
