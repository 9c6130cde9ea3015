// The handles of the record kinds (tags, organizations, users, permissions, connector and
// declarative definitions: domain/records.h) and the templates every one of their shims uses, so
// an operation costs a few lines: make a handle from a request, change a handle by a request, run
// a request on a workspace, walk a list.
#pragma once

#include <memory>
#include <utility>

#include "abi/resource_handles.h"
#include "domain/records.h"

namespace airbyte_cloud::abi {

struct RecordHandle {
    std::shared_ptr<domain::Workspace> workspace;
    domain::RecordRef ref;  // kind, workspace of workspace-scoped kinds, id
    domain::Record record;
};

struct RecordIterator : ItemIterator<domain::Record> {
    RecordIterator(std::shared_ptr<domain::Workspace> owner, domain::ListQuery query,
                   domain::RecordKind record_kind)
        : ItemIterator(std::move(owner), std::move(query),
                       [record_kind](json::Value entry) {
                           return domain::parse_record(record_kind, entry);
                       }),
          kind(record_kind) {}
    domain::RecordKind kind;
};

// Where records of `kind` live for this workspace (the workspace id only for scoped kinds).
domain::RecordRef record_ref(domain::RecordKind kind, const domain::Workspace &workspace,
                             std::string id = "");

template <typename Handle>
Handle *new_record_handle(const std::shared_ptr<domain::Workspace> &workspace,
                          domain::RecordKind kind, domain::Record record) {
    auto handle = std::make_unique<Handle>();
    handle->workspace = workspace;
    handle->ref =
        record_ref(kind, *workspace, record.field(domain::record_kind_info(kind).id_field));
    handle->record = std::move(record);
    return handle.release();
}

// A field of a record handle's snapshot ("" for NULL or absent): the typed getters.
const char *record_text(const RecordHandle *handle, const char *field);

// Runs request(api, ref) (checks included) and hands the record it returns out as a new Handle.
// `ref` is the collection of `kind` for the workspace or, when `id_argument` names the id
// argument, the record `id`.
template <typename Handle, typename Request>
abc_status record_call(Handle **out, abc_workspace *workspace, domain::RecordKind kind,
                       const char *id, const char *id_argument, const char *function,
                       abc_error **error, Request &&request) {
    if (out != nullptr)
        *out = nullptr;
    return guarded(error, function, [&]() -> Status {
        ABC_RETURN_IF_ERROR(require_pointer(out, function, "out"));
        ABC_RETURN_IF_ERROR(require_pointer(workspace, function, "workspace"));
        if (id_argument != nullptr)
            ABC_RETURN_IF_ERROR(require_text(id, function, id_argument));
        domain::RecordRef ref =
            record_ref(kind, *workspace->impl, id_argument != nullptr ? id : "");
        StatusOr<domain::Record> record = request(*workspace->impl->api(), ref);
        if (!record.ok())
            return in_function(function, record.status());
        *out = new_record_handle<Handle>(workspace->impl, kind, std::move(*record));
        return Status();
    });
}

// GET of one record by id.
template <typename Handle>
abc_status record_get(Handle **out, abc_workspace *workspace, domain::RecordKind kind,
                      const char *id, const char *id_argument, const char *function,
                      abc_error **error) {
    return record_call(out, workspace, kind, id, id_argument, function, error,
                       [](domain::ApiClient &api, const domain::RecordRef &ref) {
                           return domain::get_record(api, ref);
                       });
}

// Runs change(api, handle) and stores the record it returns in the handle.
template <typename Change>
abc_status record_change(RecordHandle *handle, const char *function, const char *handle_argument,
                         abc_error **error, Change &&change) {
    return guarded(error, function, [&]() -> Status {
        ABC_RETURN_IF_ERROR(require_pointer(handle, function, handle_argument));
        StatusOr<domain::Record> record = change(*handle->workspace->api(), *handle);
        if (!record.ok())
            return in_function(function, record.status());
        handle->record = std::move(*record);
        return Status();
    });
}

// Runs run(workspace) for a call that returns nothing but a status (deletes, overrides).
template <typename Run>
abc_status workspace_call(abc_workspace *workspace, const char *function, abc_error **error,
                          Run &&run) {
    return guarded(error, function, [&]() -> Status {
        ABC_RETURN_IF_ERROR(require_pointer(workspace, function, "workspace"));
        return in_function(function, run(*workspace->impl));
    });
}

// DELETE of one record by id.
abc_status record_delete(abc_workspace *workspace, domain::RecordKind kind, const char *id,
                         const char *id_argument, const char *function, abc_error **error);

// Starts a walk over build(workspace) (a StatusOr<ListQuery>; checks included). No request.
template <typename Iterator, typename Build>
abc_status record_iterator(Iterator **out, abc_workspace *workspace, domain::RecordKind kind,
                           const char *function, abc_error **error, Build &&build) {
    if (out != nullptr)
        *out = nullptr;
    return guarded(error, function, [&]() -> Status {
        ABC_RETURN_IF_ERROR(require_pointer(out, function, "out"));
        ABC_RETURN_IF_ERROR(require_pointer(workspace, function, "workspace"));
        StatusOr<domain::ListQuery> query = build(*workspace->impl);
        if (!query.ok())
            return in_function(function, query.status());
        *out = new Iterator(workspace->impl, std::move(*query), kind);
        return Status();
    });
}

template <typename Handle, typename Iterator>
abc_status record_next(Handle **out, Iterator *iterator, const char *function, abc_error **error) {
    return iterator_next(
        out, iterator, function, error,
        [&](const std::shared_ptr<domain::Workspace> &workspace, domain::Record record) {
            return new_record_handle<Handle>(workspace, iterator->kind, std::move(record));
        });
}

}  // namespace airbyte_cloud::abi

// What every record kind has alike, PREFIX being its handle type (abc_tag): PREFIX_free,
// PREFIX_iterator_next, PREFIX_iterator_free and PREFIX_json (the whole object, borrowed).
#define ABC_RECORD_COMMON_FUNCTIONS(PREFIX)                                                        \
    ABC_API void PREFIX##_free(PREFIX *handle) { delete handle; }                                  \
    ABC_API abc_status PREFIX##_iterator_next(PREFIX **out, PREFIX##_iterator *iterator,           \
                                              abc_error **error) {                                 \
        return airbyte_cloud::abi::record_next(out, iterator, #PREFIX "_iterator_next", error);    \
    }                                                                                              \
    ABC_API void PREFIX##_iterator_free(PREFIX##_iterator *iterator) { delete iterator; }          \
    ABC_API const char *PREFIX##_json(const PREFIX *handle) {                                      \
        return handle != nullptr ? handle->record.json.c_str() : "";                               \
    }

// A getter of one top-level field of a record handle's snapshot ("" for NULL or absent).
#define ABC_RECORD_FIELD(FUNCTION, HANDLE, FIELD)                                                  \
    ABC_API const char *FUNCTION(const HANDLE *handle) {                                           \
        return airbyte_cloud::abi::record_text(handle, FIELD);                                     \
    }

struct abc_tag : airbyte_cloud::abi::RecordHandle {};
struct abc_organization : airbyte_cloud::abi::RecordHandle {};
struct abc_user : airbyte_cloud::abi::RecordHandle {};
struct abc_permission : airbyte_cloud::abi::RecordHandle {};
struct abc_definition : airbyte_cloud::abi::RecordHandle {};
struct abc_declarative_definition : airbyte_cloud::abi::RecordHandle {};

struct abc_tag_iterator : airbyte_cloud::abi::RecordIterator {
    using RecordIterator::RecordIterator;
};
struct abc_organization_iterator : airbyte_cloud::abi::RecordIterator {
    using RecordIterator::RecordIterator;
};
struct abc_user_iterator : airbyte_cloud::abi::RecordIterator {
    using RecordIterator::RecordIterator;
};
struct abc_permission_iterator : airbyte_cloud::abi::RecordIterator {
    using RecordIterator::RecordIterator;
};
struct abc_definition_iterator : airbyte_cloud::abi::RecordIterator {
    using RecordIterator::RecordIterator;
};
struct abc_declarative_definition_iterator : airbyte_cloud::abi::RecordIterator {
    using RecordIterator::RecordIterator;
};
