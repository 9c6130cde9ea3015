#include "pagination.h"

#include "problems.h"
#include "text.h"

#include <algorithm>

namespace emulator {

Page read_page(const Context &ctx) {
    Page page;
    if (auto limit = ctx.query("limit")) {
        auto value = parse_int64(*limit);
        if (!value || *value < 1 || *value > 100)
            throw problem::bad_request("limit must be an integer between 1 and 100, got '" + *limit + "'.");
        page.limit = *value;
    }
    if (auto offset = ctx.query("offset")) {
        auto value = parse_int64(*offset);
        if (!value || *value < 0 || *value > 2147483647)
            throw problem::bad_request("offset must be a non-negative integer, got '" + *offset + "'.");
        page.offset = *value;
    }
    return page;
}

namespace {

std::string link(const Context &ctx, const std::string &resource_path, const QueryPairs &carried, int64_t limit,
                 int64_t offset) {
    std::string url = ctx.base_url() + resource_path + "?";
    for (const auto &[name, value] : carried) url += url_encode(name) + "=" + url_encode(value) + "&";
    url += "limit=" + std::to_string(limit) + "&offset=" + std::to_string(offset);
    return url;
}

}  // namespace

Json list_response(const Context &ctx, const std::string &resource_path, const QueryPairs &carried, const Page &page,
                   Json data) {
    Json out = Json::object();
    const bool empty = cJSON_GetArraySize(data.get()) == 0;
    out.set_string("previous",
                   page.offset == 0 ? std::string()
                                    : link(ctx, resource_path, carried, page.limit,
                                           std::max<int64_t>(0, page.offset - page.limit)));
    out.set_string("next", empty ? std::string() : link(ctx, resource_path, carried, page.limit, page.offset + page.limit));
    out.set("data", std::move(data));
    return out;
}

}  // namespace emulator
