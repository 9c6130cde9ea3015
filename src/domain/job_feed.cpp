#include "domain/job_feed.h"

#include <algorithm>
#include <unordered_set>
#include <utility>

#include "domain/internal/raw_api.h"
#include "domain/time_format.h"

namespace airbyte_cloud::domain {

JobChangeFeed::JobChangeFeed(std::string workspace_id, int page_size)
    : workspace_id_(std::move(workspace_id)), page_size_(std::clamp(page_size, 1, kPageSize)) {}

void JobChangeFeed::cover_from(std::int64_t start_time) {
    if (start_time <= 0)
        return;
    const std::int64_t wanted = start_time - kOverlapSeconds;
    if (!since_ || wanted < *since_)
        since_ = wanted;
}

StatusOr<JobChangeFeed::Page> JobChangeFeed::fetch_page(ApiClient &api, std::int64_t offset) const {
    QueryParameters parameters{{"workspaceIds", workspace_id_},
                               {"orderBy", "updatedAt|ASC"},
                               {"limit", std::to_string(page_size_)},
                               {"offset", std::to_string(offset)}};
    if (since_)
        parameters.emplace_back("updatedAtStart", format_iso8601_timestamp(*since_));
    auto response = RawApi::send(api, transport::HttpMethod::kGet, "/jobs", parameters,
                                 transport::Idempotency::kIdempotent);
    Page page;
    if (response.ok())
        page.server_date = response->server_date;
    auto jobs = api.jobs_from_response(
        response, "list the jobs of workspace " + workspace_id_ + " changed since the last round");
    if (!jobs.ok())
        return jobs.status();
    page.jobs = std::move(*jobs);
    return page;
}

StatusOr<std::vector<JobInfo>> JobChangeFeed::poll(ApiClient &api) {
    std::vector<JobInfo> changed;
    std::unordered_set<std::int64_t> seen;
    bool moved = false;
    std::int64_t server_date = 0;
    std::int64_t newest = 0;
    int pages = 0;
    for (std::int64_t offset = 0;; offset += page_size_) {
        auto page = fetch_page(api, offset);
        if (!page.ok()) {
            const StatusCode code = page.status().code();
            if (code == StatusCode::kPermissionDenied || code == StatusCode::kNotFound)
                refused_ = true;
            return page.status();
        }
        if (pages++ == 0)
            server_date = page->server_date;
        for (JobInfo &job : page->jobs) {
            if (!seen.insert(job.job_id).second)
                moved = true;
            newest = std::max({newest, job.start_time, job.last_updated_time});
            changed.push_back(std::move(job));
        }
        if (page->jobs.size() < static_cast<std::size_t>(page_size_))
            break;
        if (pages >= kMaxPages) {
            moved = true;
            break;
        }
    }
    // A later change is newer than both (one made while the pages were read is read by them, or
    // moves its job behind the last page, where it is read twice).
    const std::int64_t reached = server_date > 0 ? server_date : newest;
    if (!moved && reached > 0) {
        const std::int64_t next = reached - kOverlapSeconds;
        if (!since_ || next > *since_)
            since_ = next;
    }
    return changed;
}

}  // namespace airbyte_cloud::domain
