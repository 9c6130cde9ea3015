// A connection handle's state: its id, and its details fetched once on first use.
#pragma once

#include <memory>
#include <optional>
#include <string>

#include "base/status.h"
#include "domain/types.h"
#include "domain/workspace.h"

namespace airbyte_cloud::domain {

class Connection {
public:
    Connection(std::shared_ptr<Workspace> workspace, std::string connection_id);

    const std::string &id() const { return id_; }
    const std::string &url() const { return url_; }
    const std::string &job_history_url() const { return job_history_url_; }

    // The details, fetched on the first call; refresh() fetches again.
    StatusOr<const ConnectionInfo *> details();
    Status refresh();
    // Takes details the caller already has (from a create, update or list) instead of fetching.
    void set_details(ConnectionInfo details) { details_ = std::move(details); }

    const std::shared_ptr<Workspace> &workspace() const { return workspace_; }

private:
    std::shared_ptr<Workspace> workspace_;
    std::string id_;
    std::string url_;
    std::string job_history_url_;
    std::optional<ConnectionInfo> details_;
};

}  // namespace airbyte_cloud::domain
