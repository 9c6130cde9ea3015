// Walking the API's list endpoints ({previous, next, data[]}) page by page.
//
// The `next` link is never followed: the real server drops some query parameters from it and
// sends "" (not absent) on an empty page. Instead each request asks for offset += limit, and the
// walk stops at the first page that is empty or shorter than the limit.
#pragma once

#include <cstdint>
#include <deque>
#include <functional>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "base/status.h"
#include "domain/api_client.h"
#include "domain/resources.h"
#include "json/json.h"

namespace airbyte_cloud::domain {

inline constexpr int kMaxPageSize = 100;  // the API's maximum `limit`

struct ListQuery {
    std::string path;          // "/sources"
    QueryParameters filters;   // sent with every page, before limit and offset
    int page_size = kMaxPageSize;
    NameFilter names;          // applied here: the API has no name filter
    std::string name_field = "name";  // the member `names` matches
    bool paged = true;         // false: the endpoint takes no limit/offset and answers everything at once
    std::string action;        // "list sources of workspace X", for messages
};

// One page: the items of `data` as a document plus how many there were.
struct Page {
    json::Document document;
    std::size_t size = 0;
    json::Value item(std::size_t index) const { return document.root().get("data").at(index); }
};

// GET path?filters&limit=L&offset=O; kProtocol when the body has no `data` array.
StatusOr<Page> fetch_page(ApiClient &api, const ListQuery &query, std::int64_t offset);

// True when no page can follow one that held `received` items of `page_size` asked for.
inline bool is_last_page(std::size_t received, int page_size) {
    return received == 0 || received < static_cast<std::size_t>(page_size);
}

// A lazy walk over one list: next() hands out one item at a time and fetches a page only when
// the items of the last one are used up. After a failed fetch nothing has advanced, so calling
// next() again retries that page. Offsets shift if the list changes during the walk (an item
// may then be skipped or seen twice): the API offers no cursor.
template <typename Item>
class Paginator {
public:
    using Parse = std::function<StatusOr<Item>(json::Value)>;

    // `api` must outlive the paginator (handles keep their workspace, which owns it, alive).
    Paginator(ApiClient &api, ListQuery query, Parse parse)
        : api_(&api), query_(std::move(query)), parse_(std::move(parse)) {}

    // The next matching item, or nullopt once the list is exhausted.
    StatusOr<std::optional<Item>> next() {
        while (buffer_.empty()) {
            if (exhausted_) return std::optional<Item>();
            Status status = fetch();
            if (!status.ok()) return status;
        }
        std::optional<Item> item(std::move(buffer_.front()));
        buffer_.pop_front();
        return item;
    }

    // Every remaining matching item.
    StatusOr<std::vector<Item>> rest() {
        std::vector<Item> items;
        for (;;) {
            auto item = next();
            if (!item.ok()) return item.status();
            if (!item->has_value()) return items;
            items.push_back(std::move(**item));
        }
    }

    int pages_fetched() const { return pages_fetched_; }

private:
    Status fetch() {
        auto page = fetch_page(*api_, query_, offset_);
        if (!page.ok()) return page.status();
        std::deque<Item> parsed;
        for (std::size_t i = 0; i < page->size; ++i) {
            json::Value entry = page->item(i);
            if (!query_.names.empty() && !query_.names.matches(json::optional_string(entry, query_.name_field))) continue;
            auto item = parse_(entry);
            if (!item.ok()) return with_action_prefix(item.status());
            parsed.push_back(std::move(*item));
        }
        // Advance only once the whole page parsed, so a retry after a failure asks for it again.
        buffer_ = std::move(parsed);
        offset_ += static_cast<std::int64_t>(page->size);
        exhausted_ = !query_.paged || is_last_page(page->size, query_.page_size);
        ++pages_fetched_;
        return Status();
    }

    Status with_action_prefix(const Status &status) const {
        return Status(status.code(), query_.action + ": " + status.message(), status.detail());
    }

    ApiClient *api_;
    ListQuery query_;
    Parse parse_;
    std::deque<Item> buffer_;
    std::int64_t offset_ = 0;
    bool exhausted_ = false;
    int pages_fetched_ = 0;
};

}  // namespace airbyte_cloud::domain
