// Credentials providers for the warehouse readers, plugged into the transport's HttpClient:
// a Snowflake key-pair JWT minted locally, and a Google service-account assertion exchanged for
// an access token at the key's token_uri (RFC 7523). Both are thread-safe.
#pragma once

#include <cstdint>
#include <functional>
#include <mutex>
#include <string>

#include "base/status.h"
#include "datasets/jwt.h"
#include "transport/credentials.h"

namespace airbyte_cloud::datasets {

// Seconds since the epoch; replaceable in tests.
using UnixClock = std::function<std::int64_t()>;
std::int64_t unix_now();

// Mints "KEYPAIR_JWT" tokens: 59 minutes of lifetime, a new one after 54 minutes (the timing of
// Snowflake's own sample generator) or after the server rejected the current one.
class SnowflakeKeyPairCredentials final : public transport::CredentialsProvider {
public:
    static constexpr std::int64_t kLifetimeSeconds = 59 * 60;
    static constexpr std::int64_t kRenewAfterSeconds = 54 * 60;

    SnowflakeKeyPairCredentials(jwt::Key key, std::string account_identifier, std::string user,
                                UnixClock clock = unix_now);
    StatusOr<std::string> access_token(transport::HttpClient &client) override;
    bool invalidate(const std::string &token) override;

private:
    jwt::Key key_;
    std::string account_;
    std::string user_;
    UnixClock clock_;
    std::mutex mutex_;
    std::string token_;
    std::int64_t renew_at_ = 0;
};

// The fields of a Google service-account key file this library uses.
struct ServiceAccountKey {
    std::string client_email;
    std::string private_key_id;
    std::string private_key;  // PEM
    std::string token_uri;
    std::string project_id;
};

// Parses a key file's JSON; a missing field is kInvalidArgument naming it (never quoting the key).
StatusOr<ServiceAccountKey> parse_service_account_key(std::string_view json_text);

inline constexpr const char *kBigQueryScope = "https://www.googleapis.com/auth/bigquery";
inline constexpr const char *kGoogleTokenUri = "https://oauth2.googleapis.com/token";

// Signs {"iss":client_email,"scope","aud":token_uri,"iat","exp":iat+3600} with the key and POSTs
// it (grant_type jwt-bearer) to token_uri; caches the access token until 5 minutes before it
// expires (or half its lifetime when that is shorter), and renews after a 401.
class ServiceAccountCredentials final : public transport::CredentialsProvider {
public:
    // exchange_uri: where to POST the assertion (the key's token_uri unless overridden). The
    // assertion's "aud" is always the key's token_uri (Google's endpoint by default).
    ServiceAccountCredentials(jwt::Key key, ServiceAccountKey info, std::string exchange_uri, std::string scope,
                              UnixClock clock = unix_now);
    StatusOr<std::string> access_token(transport::HttpClient &client) override;
    bool invalidate(const std::string &token) override;

private:
    jwt::Key key_;
    ServiceAccountKey info_;
    std::string exchange_uri_;
    std::string scope_;
    UnixClock clock_;
    std::mutex mutex_;
    std::string token_;
    std::int64_t renew_at_ = 0;
};

}  // namespace airbyte_cloud::datasets
