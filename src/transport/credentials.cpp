#include "transport/credentials.h"

#include "json/json.h"
#include "transport/http_client.h"
#include "transport/retrying_request.h"
#include "transport/token_renewal.h"

namespace airbyte_cloud::transport {
namespace {

using Clock = std::chrono::steady_clock;

constexpr std::size_t kLongestQuotedProblem = 300;

struct IssuedToken {
    std::string access_token;
    std::optional<std::chrono::seconds> lifetime;
};

// Defence in depth: a server that echoes the request must not put the secret into a message.
std::string without_secret(std::string text, const std::string &secret) {
    if (secret.empty())
        return text;
    for (std::size_t at = text.find(secret); at != std::string::npos; at = text.find(secret, at)) {
        text.replace(at, secret.size(), "[redacted]");
        at += 10;
    }
    return text;
}

// A token goes into an HTTP header: only visible ASCII (RFC 6750 b64token and then some).
bool is_usable_token(const std::string &token) {
    if (token.empty())
        return false;
    for (char c : token) {
        if (c <= ' ' || c >= 0x7F)
            return false;
    }
    return true;
}

// "Unauthorized: the client secret is wrong" from an RFC 7807 problem or an OAuth error body.
std::string describe_problem(const std::string &body, ErrorDetail &detail) {
    StatusOr<json::Document> parsed = json::Document::parse(body, "token error response");
    if (!parsed.ok() || !parsed->root().is_object())
        return std::string();
    const json::Value root = parsed->root();
    detail.problem_type = json::optional_string(root, "type");
    std::string title = json::optional_string(root, "title");
    if (title.empty())
        title = json::optional_string(root, "error");
    std::string explanation = json::optional_string(root, "detail");
    if (explanation.empty())
        explanation = json::optional_string(root, "error_description");
    if (explanation.empty())
        explanation = json::optional_string(root, "message");
    detail.problem_detail = explanation;
    std::string text = title;
    if (!explanation.empty() && explanation != title) {
        text += text.empty() ? explanation : ": " + explanation;
    }
    if (text.size() > kLongestQuotedProblem)
        text = text.substr(0, kLongestQuotedProblem) + "...";
    return text;
}

// A failure to get any answer: send() says "POST <url>: ..." and the URL is already in `failed`.
Status unanswered_exchange(const Status &status, const HttpRequest &request,
                           const std::string &failed, const std::string &client_secret) {
    std::string message = status.message();
    const std::string prefix = describe_request(request) + ": ";
    if (message.compare(0, prefix.size(), prefix) == 0)
        message.erase(0, prefix.size());
    return Status(status.code(), without_secret(failed + message, client_secret), status.detail());
}

// A non-2xx answer: 429 and 5xx keep their meaning, anything else is a rejected login.
Status refused_exchange(const HttpResponse &response, const std::string &failed,
                        const std::string &client_secret) {
    ErrorDetail detail;
    detail.http_status = static_cast<int>(response.status);
    detail.retry_after_ms = response.retry_after_ms;
    std::string message = failed + "HTTP " + std::to_string(response.status);
    const std::string problem = describe_problem(response.body, detail);
    if (!problem.empty())
        message += " " + problem;
    StatusCode code = StatusCode::kUnauthenticated;
    if (response.status == 429) {
        code = StatusCode::kRateLimited;
    } else if (response.status >= 500) {
        code = StatusCode::kServerError;
    }
    detail.problem_detail = without_secret(detail.problem_detail, client_secret);
    return Status(code, without_secret(message, client_secret), std::move(detail));
}

// {"access_token": "...", "expires_in": seconds} (expires_in optional).
StatusOr<IssuedToken> parse_issued_token(const std::string &body, const std::string &failed) {
    StatusOr<json::Document> document = json::Document::parse(body, "token response");
    if (!document.ok())
        return ProtocolError(failed + document.status().message());
    const json::Value root = document->root();
    if (!root.is_object())
        return ProtocolError(failed + "token response is not a JSON object");
    StatusOr<std::string> token = json::required_string(root, "access_token", "token response");
    if (!token.ok())
        return ProtocolError(failed + token.status().message());
    if (!is_usable_token(*token)) {
        return ProtocolError(failed +
                             "token response: field 'access_token' is empty or contains "
                             "characters a header cannot carry");
    }
    IssuedToken issued;
    issued.access_token = std::move(*token);
    const json::Value expires_in = root.get("expires_in");
    if (expires_in.present() && !expires_in.is_null()) {
        std::optional<double> seconds = expires_in.number();
        if (!seconds) {
            return ProtocolError(failed + "token response: field 'expires_in' is not a number");
        }
        issued.lifetime =
            std::chrono::seconds(*seconds <= 0      ? 0
                                 : *seconds >= 1e12 ? static_cast<std::int64_t>(1e12)
                                                    : static_cast<std::int64_t>(*seconds));
    }
    return issued;
}

StatusOr<IssuedToken> exchange_client_credentials(HttpClient &client, const std::string &token_url,
                                                  const std::string &client_id,
                                                  const std::string &client_secret) {
    const std::string failed = "token exchange at " + token_url + " failed: ";
    HttpRequest request;
    request.method = HttpMethod::kPost;
    request.url = token_url;
    request.body = json::ObjectBuilder()
                       .add("client_id", client_id)
                       .add("client_secret", client_secret)
                       .add("grant_type", "client_credentials")
                       .dump();
    // Asking for another token changes nothing on the server that matters to us.
    request.idempotency = Idempotency::kIdempotent;
    request.authenticated = false;

    StatusOr<HttpResponse> response = client.send(request);
    if (!response.ok())
        return unanswered_exchange(response.status(), request, failed, client_secret);
    if (response->status < 200 || response->status >= 300)
        return refused_exchange(*response, failed, client_secret);
    return parse_issued_token(response->body, failed);
}

}  // namespace

ClientCredentials::ClientCredentials(std::string token_url, std::string client_id,
                                     std::string client_secret)
    : token_url_(std::move(token_url)),
      client_id_(std::move(client_id)),
      client_secret_(std::move(client_secret)) {}

StatusOr<std::string> ClientCredentials::access_token(HttpClient &client) {
    const std::uint64_t exchanges_seen = exchanges_finished_.load();
    // Held across the exchange on purpose: concurrent callers wait for one exchange and then
    // share its token, instead of all asking for tokens at once.
    std::lock_guard<std::mutex> lock(mutex_);
    const Clock::time_point now = Clock::now();
    if (!token_needs_renewal(!token_.empty(), renew_at_, now))
        return token_;
    const bool still_valid = !token_.empty() && now < expires_at_;

    if (exchanges_finished_.load() != exchanges_seen && last_failure_) {
        if (still_valid)
            return token_;
        return *last_failure_;
    }

    // The lifetime counts from before the request, so network time only makes renewal earlier.
    const Clock::time_point issued_at = Clock::now();
    StatusOr<IssuedToken> issued =
        exchange_client_credentials(client, token_url_, client_id_, client_secret_);
    ++exchanges_finished_;
    if (!issued.ok()) {
        last_failure_ = issued.status();
        if (still_valid) {
            // The current token works a while longer; the next call tries to renew again.
            client.logger().log(
                LogLevel::kWarning,
                issued.status().message() + "; using the current token until it expires");
            return token_;
        }
        return issued.status();
    }
    last_failure_.reset();
    token_ = std::move(issued->access_token);
    renew_at_ = token_renewal_time(issued_at, issued->lifetime);
    expires_at_ = token_expiry_time(issued_at, issued->lifetime);
    client.logger().log(LogLevel::kDebug, "obtained an access token from " + token_url_);
    return token_;
}

bool ClientCredentials::invalidate(const std::string &token) {
    std::lock_guard<std::mutex> lock(mutex_);
    // Only the rejected token is forgotten: another thread may already have renewed it.
    if (!token.empty() && token == token_) {
        token_.clear();
        renew_at_ = {};
        expires_at_ = {};
    }
    return true;
}

}  // namespace airbyte_cloud::transport
