// Every parser of an Airbyte API response body: jobs (one, and a page judged as a lost start),
// connections, workspaces, sources, destinations, workspace details, stream catalogs. The first
// byte picks the parser; the rest is the body.
#include "domain/job_start.h"
#include "domain/resources.h"
#include "domain/types.h"
#include "fuzz_support.h"

using namespace airbyte_cloud;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size) {
    const fuzz::Input input = fuzz::split(data, size);
    auto document = fuzz::parse(input.rest);
    if (!document.ok())
        return 0;
    json::Value root = document->root();
    switch (input.selector % 8) {
        case 0:
            (void)domain::parse_job(root);
            break;
        case 1:
            (void)domain::parse_connection(root);
            break;
        case 2:
            (void)domain::parse_workspace(root);
            break;
        case 3:
            (void)domain::parse_actor(domain::ActorKind::kSource, root);
            break;
        case 4:
            (void)domain::parse_actor(domain::ActorKind::kDestination, root);
            break;
        case 5:
            (void)domain::parse_workspace_details(root);
            break;
        case 6:
            (void)domain::parse_stream_catalog(root.get("streams"));
            break;
        case 7: {
            // A page of GET /jobs, as reconciling a lost start reads it.
            json::Value page = root.get("data");
            std::vector<domain::JobInfo> jobs;
            for (std::size_t i = 0; i < page.size(); ++i) {
                auto job = domain::parse_job(page.at(i));
                if (job.ok())
                    jobs.push_back(std::move(*job));
            }
            (void)domain::judge_lost_start(jobs, 1700000000);
            break;
        }
    }
    return 0;
}
