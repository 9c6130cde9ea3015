// Airbyte's Config API: what the public API lacks (job attempts with failure reasons, attempt
// logs, connection state, the configured catalog, connector checks). RPC style, every operation
// a POST of a JSON body under its own root (<host>/api/v1), with the same bearer token. It is
// the web app's internal API, not covered by the public API's stability promise. Requests go
// through the workspace's one HttpClient: same credentials, retries, timeouts and pool.
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/status.h"
#include "domain/api_client.h"
#include "domain/config_api_parse.h"
#include "domain/job_wait.h"

namespace airbyte_cloud::domain {

// The deployment's root for a public API root (trailing slashes ignored):
// https://api.airbyte.com/v1 → https://cloud.airbyte.com; "<host>/api/public/v1" and "<host>/v1" →
// "<host>"; nullopt when the API root has neither shape.
std::optional<std::string> deployment_root_for(const std::string &api_url);

// The Config API root for a public API root: the deployment root + "/api/v1" ("" without one).
std::string config_api_url_for(const std::string &api_url);

struct LogSettings {
    std::int64_t attempt_number = -1;  // -1: the job's last attempt
    bool follow = false;               // keep reading new lines until the job is final
    const CancelToken *cancel_token = nullptr;
};

class ConfigApi {
  public:
    explicit ConfigApi(ApiClient &api);

    // The root in use, or "" when it could not be derived and was not set.
    const std::string &root() const { return root_; }
    // Bounds every later request (all its attempts) to `deadline`, below the workspace's retry
    // deadline; for best-effort lookups that must not hold up the caller.
    void set_deadline(std::chrono::milliseconds deadline) { deadline_ = deadline; }

    StatusOr<std::vector<AttemptInfo>> job_attempts(std::int64_t job_id);
    // Streams an attempt's log to `on_line` without holding it whole; returns the lines read.
    StatusOr<std::int64_t> read_log(std::int64_t job_id, const LogSettings &settings,
                                    const LogLineFunction &on_line);
    StatusOr<ConnectionState> get_state(const std::string &connection_id);
    // Replaces a connection's state with `state_json` (a ConnectionState as get_state returns;
    // its connectionId is replaced by `connection_id`).
    StatusOr<ConnectionState> set_state(const std::string &connection_id,
                                        const std::string &state_json);
    StatusOr<ConfiguredCatalog> get_catalog(const std::string &connection_id);
    // `kind` is "source" or "destination".
    StatusOr<CheckResult> check(const std::string &kind, const std::string &actor_id);

  private:
    StatusOr<std::string> call(const std::string &operation, const std::string &body,
                               const std::string &action);
    Status stream_log(std::int64_t job_id, std::int64_t attempt, std::int64_t skip,
                      const LogLineFunction &on_line, std::int64_t &delivered, bool &stopped);
    StatusOr<std::int64_t> follow_log(std::int64_t job_id, const LogSettings &settings,
                                      const LogLineFunction &on_line);

    ApiClient &api_;
    std::string root_;
    std::chrono::milliseconds deadline_{0};
};

// Best effort, for a sync that ended failed: adds the latest attempt failure's origin, type and
// external message to `status` (message and detail). Leaves it unchanged when the Config API
// cannot say (unreachable, no root, no failure recorded).
void add_failure_reason(ApiClient &api, Status &status);

}  // namespace airbyte_cloud::domain
