#include "domain/paging.h"

#include "domain/internal/raw_api.h"
#include "transport/http_types.h"

namespace airbyte_cloud::domain {

StatusOr<Page> fetch_page(ApiClient &api, const ListQuery &query, std::int64_t offset) {
    QueryParameters parameters = query.filters;
    if (query.paged) {
        parameters.emplace_back("limit", std::to_string(query.page_size));
        parameters.emplace_back("offset", std::to_string(offset));
    }
    auto document = RawApi::call(api, transport::HttpMethod::kGet, query.path, parameters, "",
                             transport::Idempotency::kIdempotent, query.action);
    if (!document.ok()) return document.status();
    json::Value data = document->root().get("data");
    if (!data.is_array()) return ProtocolError(query.action + ": response has no 'data' array");
    Page page;
    page.size = data.size();
    page.document = std::move(*document);
    return page;
}

}  // namespace airbyte_cloud::domain
