// The handles of the resource-management API (sources, destinations, connection specs, lists,
// iterators, workspace details, stream catalogs) and the shapes their shims share: a list is
// all items plus the workspace; an iterator is a paginator plus the workspace that keeps its API
// client alive; getting item i or the next item makes a new handle the caller owns.
#pragma once

#include <cstdlib>
#include <cstring>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "abi/handles.h"
#include "domain/connection_spec.h"
#include "domain/paging.h"
#include "domain/resource_api.h"
#include "domain/resources.h"

namespace airbyte_cloud::abi {

struct ActorHandle {
    std::shared_ptr<domain::Workspace> workspace;
    domain::ActorInfo info;
};

template <typename Item>
struct ItemList {
    std::shared_ptr<domain::Workspace> workspace;
    std::vector<Item> items;
};

template <typename Item>
struct ItemIterator {
    ItemIterator(std::shared_ptr<domain::Workspace> owner, domain::ListQuery query,
                 typename domain::Paginator<Item>::Parse parse)
        : workspace(std::move(owner)), pager(*workspace->api(), std::move(query), std::move(parse)) {}
    std::shared_ptr<domain::Workspace> workspace;  // declared first: it owns the client the pager uses
    domain::Paginator<Item> pager;
};

// NULL or "" as "not given".
inline std::optional<std::string> optional_text(const char *text) {
    if (text == nullptr || text[0] == '\0') return std::nullopt;
    return std::string(text);
}
inline std::string text_or_empty(const char *text) { return text != nullptr ? std::string(text) : std::string(); }

// A malloc'd copy the caller releases with abc_string_free(); throws std::bad_alloc (which the
// guard turns into ABC_ERROR_OUT_OF_MEMORY).
inline char *owned_string(const std::string &text) {
    char *copy = static_cast<char *>(std::malloc(text.size() + 1));
    if (copy == nullptr) throw std::bad_alloc();
    std::memcpy(copy, text.c_str(), text.size() + 1);
    return copy;
}

// A caller's mistake found below the ABI names the argument but not the function: add it.
inline Status in_function(const char *function, Status status) {
    if (status.code() != StatusCode::kInvalidArgument) return status;
    return Status(status.code(), std::string(function) + ": " + status.message(), status.detail());
}

domain::ListOptions list_options_from(const abc_list_options *options);

// Fetches every page of `query` into a new list handle of type List.
template <typename List, typename Item>
abc_status make_list(List **out, abc_workspace *workspace, const abc_list_options *options, const char *function,
                     abc_error **error,
                     domain::ListQuery (*query_for)(const std::shared_ptr<domain::Workspace> &, const domain::ListOptions &),
                     typename domain::Paginator<Item>::Parse parse) {
    if (out != nullptr) *out = nullptr;
    return guarded(error, function, [&]() -> Status {
        ABC_RETURN_IF_ERROR(require_pointer(out, function, "out"));
        ABC_RETURN_IF_ERROR(require_pointer(workspace, function, "workspace"));
        domain::Paginator<Item> pager(*workspace->impl->api(), query_for(workspace->impl, list_options_from(options)),
                                      std::move(parse));
        auto items = pager.rest();
        if (!items.ok()) return items.status();
        auto list = std::make_unique<List>();
        list->workspace = workspace->impl;
        list->items = std::move(*items);
        *out = list.release();
        return Status();
    });
}

// Starts a lazy walk over `query` as a new iterator handle of type Iterator. No request.
template <typename Iterator, typename Item>
abc_status make_iterator(Iterator **out, abc_workspace *workspace, const abc_list_options *options,
                         const char *function, abc_error **error,
                         domain::ListQuery (*query_for)(const std::shared_ptr<domain::Workspace> &,
                                                        const domain::ListOptions &),
                         typename domain::Paginator<Item>::Parse parse) {
    if (out != nullptr) *out = nullptr;
    return guarded(error, function, [&]() -> Status {
        ABC_RETURN_IF_ERROR(require_pointer(out, function, "out"));
        ABC_RETURN_IF_ERROR(require_pointer(workspace, function, "workspace"));
        *out = new Iterator{workspace->impl, query_for(workspace->impl, list_options_from(options)), std::move(parse)};
        return Status();
    });
}

// Item `index` of a list as a new handle made by make(workspace, item).
template <typename Handle, typename List, typename Make>
abc_status list_get(Handle **out, const List *list, std::size_t index, const char *function, const char *items_noun,
                    abc_error **error, Make &&make) {
    if (out != nullptr) *out = nullptr;
    return guarded(error, function, [&]() -> Status {
        ABC_RETURN_IF_ERROR(require_pointer(out, function, "out"));
        ABC_RETURN_IF_ERROR(require_pointer(list, function, "list"));
        if (index >= list->items.size()) {
            return InvalidArgument(std::string(function) + ": index " + std::to_string(index) +
                                   " is out of range; the list has " + std::to_string(list->items.size()) + " " +
                                   items_noun);
        }
        *out = make(list->workspace, list->items[index]);
        return Status();
    });
}

// The next item of an iterator as a new handle, or NULL at the end.
template <typename Handle, typename Iterator, typename Make>
abc_status iterator_next(Handle **out, Iterator *iterator, const char *function, abc_error **error, Make &&make) {
    if (out != nullptr) *out = nullptr;
    return guarded(error, function, [&]() -> Status {
        ABC_RETURN_IF_ERROR(require_pointer(out, function, "out"));
        ABC_RETURN_IF_ERROR(require_pointer(iterator, function, "iterator"));
        auto item = iterator->pager.next();
        if (!item.ok()) return item.status();
        if (item->has_value()) *out = make(iterator->workspace, **item);
        return Status();
    });
}

// Checks an index into a stream catalog or similar, naming the function and the count.
Status require_index(std::size_t index, std::size_t count, const char *function, const char *items_noun);

}  // namespace airbyte_cloud::abi

struct abc_list_options {
    airbyte_cloud::domain::ListOptions impl;
};

struct abc_source : airbyte_cloud::abi::ActorHandle {};
struct abc_destination : airbyte_cloud::abi::ActorHandle {};

struct abc_source_list : airbyte_cloud::abi::ItemList<airbyte_cloud::domain::ActorInfo> {};
struct abc_destination_list : airbyte_cloud::abi::ItemList<airbyte_cloud::domain::ActorInfo> {};
struct abc_connection_list : airbyte_cloud::abi::ItemList<airbyte_cloud::domain::ConnectionInfo> {};
struct abc_workspace_info_list : airbyte_cloud::abi::ItemList<airbyte_cloud::domain::WorkspaceDetails> {};

struct abc_source_iterator : airbyte_cloud::abi::ItemIterator<airbyte_cloud::domain::ActorInfo> {
    using ItemIterator::ItemIterator;
};
struct abc_destination_iterator : airbyte_cloud::abi::ItemIterator<airbyte_cloud::domain::ActorInfo> {
    using ItemIterator::ItemIterator;
};
struct abc_connection_iterator : airbyte_cloud::abi::ItemIterator<airbyte_cloud::domain::ConnectionInfo> {
    using ItemIterator::ItemIterator;
};
struct abc_workspace_info_iterator : airbyte_cloud::abi::ItemIterator<airbyte_cloud::domain::WorkspaceDetails> {
    using ItemIterator::ItemIterator;
};

struct abc_connection_spec {
    airbyte_cloud::domain::ConnectionSpec impl;
};

struct abc_workspace_info {
    airbyte_cloud::domain::WorkspaceDetails info;
};

struct abc_stream_catalog {
    std::vector<airbyte_cloud::domain::StreamInfo> streams;
};
