// limit/offset parsing and the {previous, next, data} envelope, following the real server's
// PaginationMapper: next is "" on an empty page, previous is "" at offset 0, links are full URLs.
#pragma once

#include "context.h"

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

namespace emulator {

struct Page {
    int64_t limit = 20;
    int64_t offset = 0;
};

// 400 bad-request unless 1 <= limit <= 100 and offset >= 0 (both integers).
Page read_page(const Context &ctx);

using QueryPairs = std::vector<std::pair<std::string, std::string>>;

// `data` holds the items of this page only; `carried` are the query parameters the links repeat.
Json list_response(const Context &ctx, const std::string &resource_path, const QueryPairs &carried, const Page &page,
                   Json data);

// Slice helper: the [offset, offset + limit) part of `items`.
template <typename T>
std::vector<T> page_slice(const std::vector<T> &items, const Page &page) {
    std::vector<T> slice;
    for (size_t i = static_cast<size_t>(page.offset);
         i < items.size() && slice.size() < static_cast<size_t>(page.limit); ++i)
        slice.push_back(items[i]);
    return slice;
}

}  // namespace emulator
