// The API's smaller resources (tags, organizations, users, permissions, connector definitions,
// declarative source definitions) as generic records: the whole JSON object plus its top-level
// fields as text. One table says, per kind, where it lives and which fields a response must have;
// one call sends any operation on it. Adding an operation costs a request builder, not a parser.
#pragma once

#include <cstdint>
#include <initializer_list>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/status.h"
#include "domain/api_client.h"
#include "domain/paging.h"
#include "json/json.h"
#include "transport/http_types.h"

namespace airbyte_cloud::domain {

enum class RecordKind {
    kTag,
    kOrganization,
    kUser,
    kPermission,        // PermissionResponse (get, create, update)
    kListedPermission,  // PermissionResponseRead (list: scope and scopeId instead of the ids)
    kSourceDefinition,
    kDestinationDefinition,
    kDeclarativeSourceDefinition,
};

struct RecordKindInfo {
    const char *noun;        // "tag": for messages
    const char *id_field;    // "tagId"
    const char *collection;  // "/tags"; "{}" stands for the workspace id of workspace-scoped kinds
    bool paged;              // the list endpoint takes limit/offset
    std::vector<const char *> required;  // fields every response carries (the spec's `required`)
};
const RecordKindInfo &record_kind_info(RecordKind kind);

// One object as the API returned it.
struct Record {
    std::string json;  // compact JSON of the whole object
    std::map<std::string, std::string>
        fields;  // top-level members: strings as is, other values as JSON
    const std::string &field(const std::string &name) const;  // "" when absent
    std::int64_t integer(const std::string &name) const;      // 0 when absent or not a number
};

// Parses a response object of `kind`; kProtocol naming a missing required field.
StatusOr<Record> parse_record(RecordKind kind, json::Value object);

// "/workspaces/{}/definitions/{}" with each {} replaced by the next argument, escaped as a segment.
std::string expand_path(std::string_view pattern,
                        std::initializer_list<std::string_view> arguments);

// Where a record (or, with no id, its collection) is: kind, the workspace of workspace-scoped
// kinds (definitions), and the record's id.
struct RecordRef {
    RecordKind kind = RecordKind::kTag;
    std::string workspace_id;  // only for the kinds whose collection has "{}"
    std::string id;            // "" for the collection
};
std::string record_path(const RecordRef &ref);

// The generic operations. POST is sent as non-idempotent (never resent once it may have reached
// the server), every other method as idempotent.
StatusOr<Record> get_record(ApiClient &api, const RecordRef &ref);
// POST to the collection (ref.id empty) or PATCH/PUT to the record; `body` is JSON.
StatusOr<Record> write_record(ApiClient &api, const RecordRef &ref, transport::HttpMethod method,
                              const std::string &body);
Status delete_record(ApiClient &api, const RecordRef &ref);
// Every record of the collection `ref` passing the API-side `filters`.
ListQuery record_list_query(const RecordRef &ref, QueryParameters filters,
                            int page_size = kMaxPageSize);
// A request whose answer carries nothing the caller needs (204, or a body that is ignored). A
// DELETE that meets 404 on a retry counts as done: an earlier attempt, whose answer was lost, did
// it.
Status send_request(ApiClient &api, transport::HttpMethod method, const std::string &path,
                    const std::string &body, const std::string &action);

// Checks that `text` is a JSON object; kInvalidArgument naming `argument` otherwise. Returns it
// compact.
StatusOr<std::string> checked_object_text(std::string_view text, std::string_view argument);
// Checks that `text` is a UUID; kInvalidArgument naming `argument` otherwise.
Status check_uuid(std::string_view text, std::string_view argument);
// Checks that `value` is one of `allowed`; kInvalidArgument listing them otherwise.
Status check_one_of(std::string_view value, std::initializer_list<std::string_view> allowed,
                    std::string_view argument);

}  // namespace airbyte_cloud::domain
