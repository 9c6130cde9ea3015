// The change feed of one workspace's jobs: which jobs changed since the last round, read from
// GET /jobs?workspaceIds=W&updatedAtStart=T&orderBy=updatedAt|ASC (every page), so waiting for
// many jobs costs a request per round instead of one per job.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "base/status.h"
#include "domain/api_client.h"
#include "domain/types.h"

namespace airbyte_cloud::domain {

class JobChangeFeed {
  public:
    // T trails the server's clock by this much, so a change the server commits late (its
    // updatedAt before the previous round's time) is still read. A job read twice is harmless.
    static constexpr std::int64_t kOverlapSeconds = 5;
    static constexpr int kPageSize = 100;
    // A round reads at most this many pages; past it the start does not move (nothing is lost).
    static constexpr int kMaxPages = 200;

    explicit JobChangeFeed(std::string workspace_id, int page_size = kPageSize);

    // Moves the start back, if needed, so the next round reads a job created at `start_time`
    // (Unix seconds on the server's clock).
    void cover_from(std::int64_t start_time);
    bool started() const { return since_.has_value(); }
    // False once the server refused the listing (403 or 404): callers poll each job instead.
    bool usable() const { return !refused_; }

    // One round: every job of the workspace updated since the start. The start then moves to
    // the server's clock (its Date header; else the newest timestamp read) minus the overlap,
    // unless a job showed up twice (it moved while the pages were read: one may be skipped).
    StatusOr<std::vector<JobInfo>> poll(ApiClient &api);

  private:
    struct Page {
        std::vector<JobInfo> jobs;
        std::int64_t server_date = 0;
    };
    StatusOr<Page> fetch_page(ApiClient &api, std::int64_t offset) const;

    std::string workspace_id_;
    int page_size_;
    std::optional<std::int64_t> since_;  // Unix seconds on the server's clock
    bool refused_ = false;
};

}  // namespace airbyte_cloud::domain
