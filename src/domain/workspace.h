// A workspace: its id, the API client every handle made from it shares, and its web addresses.
#pragma once

#include <memory>
#include <string>

#include "base/status.h"
#include "domain/api_client.h"

namespace airbyte_cloud::domain {

class SharedJobWaits;

class Workspace {
public:
    Workspace(std::string workspace_id, ClientSettings settings);
    ~Workspace();

    const std::string &id() const { return id_; }
    const std::string &api_url() const { return api_->settings().api_url; }
    const std::string &url() const { return url_; }
    // The Config API root (config_api.h); "" when it could not be derived and was not set.
    const std::string &config_api_url() const { return config_api_url_; }
    // Web address of a connection of this workspace.
    std::string connection_url(const std::string &connection_id) const;

    // GET /workspaces/{id}, with a message saying whether reachability or access failed.
    Status connect();

    const std::shared_ptr<ApiClient> &api() const { return api_; }
    // What clients of other services made for this workspace (the warehouse readers) share.
    const transport::HttpSettings &http_settings() const { return api_->settings().http; }
    const Logger &logger() const { return api_->logger(); }
    // Waits for this workspace's jobs from any thread, through one change feed (job_wait_shared.h).
    SharedJobWaits &job_waits() const { return *job_waits_; }

private:
    std::string id_;
    std::shared_ptr<ApiClient> api_;
    std::string url_;
    std::string config_api_url_;
    std::unique_ptr<SharedJobWaits> job_waits_;  // uses *api_: goes first
};

// The web UI's root for an API root: api.airbyte.com → cloud.airbyte.com; a self-managed
// "<host>/api/public/v1" → "<host>"; otherwise the API root without a trailing "/v1".
std::string web_root_for_api_url(const std::string &api_url);

}  // namespace airbyte_cloud::domain
