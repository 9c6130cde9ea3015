// Where the bearer token comes from: a static API key, or client credentials exchanged for
// short-lived access tokens at the token endpoint.
#pragma once

#include <atomic>
#include <chrono>
#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <string>

#include "base/status.h"

namespace airbyte_cloud::transport {

class HttpClient;

class CredentialsProvider {
public:
    virtual ~CredentialsProvider() = default;
    // The token to send now. May perform the token exchange (thread-safe; concurrent callers
    // share one exchange).
    virtual StatusOr<std::string> access_token(HttpClient &client) = 0;
    // The server rejected `token` with 401: forget it so the next access_token() renews it.
    // Returns true when renewing can help (client credentials), false for a static key.
    virtual bool invalidate(const std::string &token) = 0;
};

class StaticTokenCredentials final : public CredentialsProvider {
public:
    explicit StaticTokenCredentials(std::string token) : token_(std::move(token)) {}
    StatusOr<std::string> access_token(HttpClient &) override { return token_; }
    bool invalidate(const std::string &) override { return false; }

private:
    std::string token_;
};

// POSTs {"client_id","client_secret","grant_type":"client_credentials"} as JSON to token_url
// (unauthenticated), caches the token and renews it before expiry: once less than
// min(60 s, lifetime / 4) remains. The secret never appears in a log line or Status message.
class ClientCredentials final : public CredentialsProvider {
public:
    ClientCredentials(std::string token_url, std::string client_id, std::string client_secret);
    StatusOr<std::string> access_token(HttpClient &client) override;
    bool invalidate(const std::string &token) override;

private:
    std::string token_url_;
    std::string client_id_;
    std::string client_secret_;
    std::mutex mutex_;
    std::string token_;
    std::chrono::steady_clock::time_point renew_at_{};
    std::chrono::steady_clock::time_point expires_at_{};
    // Lets callers that waited on mutex_ while an exchange failed share that failure instead of
    // each sending the same credentials again at once.
    std::atomic<std::uint64_t> exchanges_finished_{0};
    std::optional<Status> last_failure_;
};

}  // namespace airbyte_cloud::transport
