#include "domain/records.h"

#include "domain/api_errors.h"
#include "domain/internal/raw_api.h"
#include "domain/resources.h"
#include "transport/url.h"

#include <cstddef>
#include <iterator>

namespace airbyte_cloud::domain {

using transport::HttpMethod;
using transport::Idempotency;

const RecordKindInfo &record_kind_info(RecordKind kind) {
    // One entry per RecordKind, in its order. The `required` lists are the spec's (TagResponse,
    // OrganizationResponse, UserResponse, PermissionResponse, PermissionResponseRead,
    // DefinitionResponse, DeclarativeSourceDefinitionResponse).
    static const RecordKindInfo kKinds[] = {
        {"tag", "tagId", "/tags", false, {"tagId", "name", "color", "workspaceId"}},
        {"organization",
         "organizationId",
         "/organizations",
         false,
         {"organizationId", "organizationName", "email"}},
        {"user", "id", "/users", false, {"id", "name", "email"}},
        {"permission",
         "permissionId",
         "/permissions",
         false,
         {"permissionId", "permissionType", "userId"}},
        {"permission",
         "permissionId",
         "/permissions",
         false,
         {"permissionId", "permissionType", "userId", "scope", "scopeId"}},
        {"source definition",
         "id",
         "/workspaces/{}/definitions/sources",
         false,
         {"id", "name", "dockerRepository", "dockerImageTag"}},
        {"destination definition",
         "id",
         "/workspaces/{}/definitions/destinations",
         false,
         {"id", "name", "dockerRepository", "dockerImageTag"}},
        {"declarative source definition",
         "id",
         "/workspaces/{}/definitions/declarative_sources",
         false,
         {"id", "name", "manifest", "version"}},
    };
    static_assert(
        std::size(kKinds) == static_cast<std::size_t>(RecordKind::kDeclarativeSourceDefinition) + 1,
        "one entry per RecordKind");
    return kKinds[static_cast<std::size_t>(kind)];
}

const std::string &Record::field(const std::string &name) const {
    static const std::string kEmpty;
    auto found = fields.find(name);
    return found != fields.end() ? found->second : kEmpty;
}

std::int64_t Record::integer(const std::string &name) const {
    const std::string &text = field(name);
    if (text.empty())
        return 0;
    try {
        std::size_t used = 0;
        std::int64_t value = std::stoll(text, &used);
        return used == text.size() ? value : 0;
    } catch (const std::exception &) {
        return 0;
    }
}

StatusOr<Record> parse_record(RecordKind kind, json::Value object) {
    const RecordKindInfo &info = record_kind_info(kind);
    std::string context = std::string(info.noun) + " response";
    if (!object.is_object())
        return ProtocolError(context + ": expected a JSON object");
    for (const char *field : info.required) {
        if (!object.get(field).present() || object.get(field).is_null()) {
            return ProtocolError(context + ": field '" + field + "' is missing");
        }
    }
    Record record;
    record.json = object.dump();
    object.for_each_member([&](const std::string &name, json::Value value) {
        if (value.is_null())
            return;
        auto text = value.string();
        record.fields[name] = text ? *text : value.dump();
    });
    return record;
}

std::string expand_path(std::string_view pattern,
                        std::initializer_list<std::string_view> arguments) {
    std::string path;
    auto next = arguments.begin();
    for (std::size_t i = 0; i < pattern.size(); ++i) {
        if (pattern.compare(i, 2, "{}") == 0 && next != arguments.end()) {
            path += transport::escape_path_segment(*next++);
            ++i;
        } else {
            path += pattern[i];
        }
    }
    return path;
}

std::string record_path(const RecordRef &ref) {
    std::string path = expand_path(record_kind_info(ref.kind).collection, {ref.workspace_id});
    if (!ref.id.empty())
        path += "/" + transport::escape_path_segment(ref.id);
    return path;
}

namespace {

std::string describe(const char *verb, const RecordRef &ref) {
    std::string text = std::string(verb) + " " + record_kind_info(ref.kind).noun;
    if (!ref.id.empty())
        text += " " + ref.id;
    if (!ref.workspace_id.empty())
        text += " of workspace " + ref.workspace_id;
    return text;
}

const char *verb_of(HttpMethod method) {
    switch (method) {
        case HttpMethod::kPost:
            return "create";
        case HttpMethod::kPut:
            return "replace";
        case HttpMethod::kPatch:
            return "update";
        case HttpMethod::kDelete:
            return "delete";
        case HttpMethod::kGet:
            break;
    }
    return "get";
}

StatusOr<Record> send_for_record(ApiClient &api, const RecordRef &ref, HttpMethod method,
                                 const std::string &body) {
    std::string action = describe(verb_of(method), ref);
    Idempotency idempotency =
        method == HttpMethod::kPost ? Idempotency::kNonIdempotent : Idempotency::kIdempotent;
    auto document = RawApi::call(api, method, record_path(ref), {}, body, idempotency, action);
    if (!document.ok())
        return document.status();
    auto record = parse_record(ref.kind, document->root());
    if (!record.ok())
        return with_action(record.status(), action);
    return record;
}

}  // namespace

StatusOr<Record> get_record(ApiClient &api, const RecordRef &ref) {
    return send_for_record(api, ref, HttpMethod::kGet, "");
}

StatusOr<Record> write_record(ApiClient &api, const RecordRef &ref, HttpMethod method,
                              const std::string &body) {
    return send_for_record(api, ref, method, body);
}

Status delete_record(ApiClient &api, const RecordRef &ref) {
    return send_request(api, HttpMethod::kDelete, record_path(ref), "", describe("delete", ref));
}

ListQuery record_list_query(const RecordRef &ref, QueryParameters filters, int page_size) {
    ListQuery query;
    query.path = record_path(ref);
    query.filters = std::move(filters);
    query.paged = record_kind_info(ref.kind).paged;
    query.page_size = page_size;
    query.action = std::string("list ") + record_kind_info(ref.kind).noun + "s";
    if (!ref.workspace_id.empty())
        query.action += " of workspace " + ref.workspace_id;
    return query;
}

Status send_request(ApiClient &api, HttpMethod method, const std::string &path,
                    const std::string &body, const std::string &action) {
    Idempotency idempotency =
        method == HttpMethod::kPost ? Idempotency::kNonIdempotent : Idempotency::kIdempotent;
    auto response = RawApi::send(api, RawApi::request(api, method, path, body, idempotency));
    if (method == HttpMethod::kDelete && response.ok() && response->status == 404 &&
        response->attempts > 1) {
        return Status();
    }
    auto document = RawApi::interpret(api, response, action);
    return document.ok() ? Status() : document.status();
}

StatusOr<std::string> checked_object_text(std::string_view text, std::string_view argument) {
    auto document = parse_input_object(text, argument);
    if (!document.ok())
        return document.status();
    return document->root().dump();
}

Status check_uuid(std::string_view text, std::string_view argument) {
    if (looks_like_uuid(text))
        return Status();
    return InvalidArgument(std::string(argument) + " '" + std::string(text) + "' is not a UUID");
}

Status check_one_of(std::string_view value, std::initializer_list<std::string_view> allowed,
                    std::string_view argument) {
    std::string list;
    for (std::string_view candidate : allowed) {
        if (candidate == value)
            return Status();
        list += (list.empty() ? "" : ", ") + std::string(candidate);
    }
    return InvalidArgument(std::string(argument) + " '" + std::string(value) +
                           "' is not one of: " + list);
}

}  // namespace airbyte_cloud::domain
