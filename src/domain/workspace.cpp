#include "domain/workspace.h"

#include "domain/config_api.h"
#include "domain/job_wait_shared.h"

#include "transport/http_client.h"
#include "transport/url.h"

namespace airbyte_cloud::domain {
std::string web_root_for_api_url(const std::string &api_url) {
    if (std::optional<std::string> root = deployment_root_for(api_url))
        return *root;
    std::string root = api_url;
    while (!root.empty() && root.back() == '/')
        root.pop_back();
    return root;
}

Workspace::Workspace(std::string workspace_id, ClientSettings settings) : id_(std::move(workspace_id)) {
    transport::global_init_acquire();
    url_ = web_root_for_api_url(settings.api_url) + "/workspaces/" +
           transport::escape_path_segment(id_);
    api_ = std::make_shared<ApiClient>(std::move(settings));
    config_api_url_ = ConfigApi(*api_).root();
    job_waits_ = std::make_unique<SharedJobWaits>(*api_, id_);
}

Workspace::~Workspace() {
    job_waits_.reset();
    api_.reset();  // curl handles go before the global cleanup they depend on
    transport::global_init_release();
}

std::string Workspace::connection_url(const std::string &connection_id) const {
    return url_ + "/connections/" + transport::escape_path_segment(connection_id);
}

Status Workspace::connect() {
    auto workspace = api_->get_workspace(id_);
    if (workspace.ok()) return Status();
    const Status &failure = workspace.status();
    std::string hint;
    switch (failure.code()) {
        case StatusCode::kTransport:
        case StatusCode::kRequestTimeout:
            hint = "the Airbyte API at " + api_url() + " is not reachable";
            break;
        case StatusCode::kUnauthenticated:
            hint = "the API answered but rejected the credentials";
            break;
        case StatusCode::kNotFound:
        case StatusCode::kPermissionDenied:
            hint = "the credentials are valid but do not grant workspace " + id_ +
                   " (or it does not exist)";
            break;
        default:
            hint = "connecting to workspace " + id_ + " failed";
            break;
    }
    return Status(failure.code(), hint + " (" + failure.message() + ")", failure.detail());
}

}  // namespace airbyte_cloud::domain
