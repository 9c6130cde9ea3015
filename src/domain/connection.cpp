#include "domain/connection.h"

namespace airbyte_cloud::domain {

Connection::Connection(std::shared_ptr<Workspace> workspace, std::string connection_id)
    : workspace_(std::move(workspace)), id_(std::move(connection_id)) {
    url_ = workspace_->connection_url(id_);
    job_history_url_ = url_ + "/job-history";
}

Status Connection::refresh() {
    auto fetched = workspace_->api()->get_connection(id_);
    if (!fetched.ok()) return fetched.status();
    details_ = std::move(*fetched);
    return Status();
}

StatusOr<const ConnectionInfo *> Connection::details() {
    if (!details_) {
        Status status = refresh();
        if (!status.ok()) return status;
    }
    return &*details_;
}

}  // namespace airbyte_cloud::domain
