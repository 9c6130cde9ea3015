#include "domain/resource_api.h"

#include "domain/api_errors.h"
#include "domain/internal/raw_api.h"
#include "transport/url.h"

namespace airbyte_cloud::domain {

using transport::HttpMethod;
using transport::Idempotency;

namespace {

std::string actor_path(ActorKind kind, const std::string &id) {
    return std::string(actor_names(kind).collection) + "/" + transport::escape_path_segment(id);
}

std::string connection_path(const std::string &id) { return "/connections/" + transport::escape_path_segment(id); }

std::string describe(const char *what, const std::string &name, const std::string &id) {
    return std::string(what) + " '" + name + "' (" + id + ")";
}

// The configuration a caller gave, checked, with the discriminator the API's schema requires
// added when it is missing. `type` "" adds none. A discriminator that disagrees with `type` is
// the caller's mistake (or an attempt to change a connector's type, which the API refuses).
StatusOr<json::ObjectBuilder> configuration_with_type(ActorKind kind, const std::string &configuration_json,
                                                      const std::string &type, const char *type_argument) {
    const ActorNames &names = actor_names(kind);
    auto document = parse_input_object(configuration_json, "configuration_json");
    if (!document.ok()) return document.status();
    json::Value given = document->root().get(names.type_field);
    if (given.present()) {
        auto given_type = given.string();
        if (!given_type || given_type->empty()) {
            return InvalidArgument(std::string("configuration_json: '") + names.type_field +
                                   "' must be a non-empty string");
        }
        if (!type.empty() && *given_type != type) {
            return InvalidArgument(std::string(type_argument) + " is '" + type + "' but configuration_json's '" +
                                   names.type_field + "' is '" + *given_type + "'");
        }
    }
    json::ObjectBuilder configuration(std::move(*document));
    if (!given.present() && !type.empty()) configuration.add(names.type_field, type);
    return configuration;
}

StatusOr<ActorInfo> actor_from(StatusOr<json::Document> document, ActorKind kind, const std::string &action) {
    if (!document.ok()) return document.status();
    auto actor = parse_actor(kind, document->root());
    if (!actor.ok()) return with_action(actor.status(), action);
    return actor;
}

// DELETE that tolerates the one ambiguity retries create: a 404 on a later attempt means an
// earlier attempt, whose answer was lost, did the delete.
Status delete_path(ApiClient &api, const std::string &path, const std::string &action) {
    auto response = RawApi::send(api, HttpMethod::kDelete, path, Idempotency::kIdempotent);
    if (response.ok() && response->status == 404 && response->attempts > 1) return Status();
    auto document = RawApi::interpret(api, response, action);
    return document.ok() ? Status() : document.status();
}

Status refusal(const std::string &function_action, const std::vector<std::string> &reasons) {
    std::string message = function_action + ": safe mode refused: ";
    for (std::size_t i = 0; i < reasons.size(); ++i) {
        if (i > 0) message += "; ";
        message += reasons[i];
    }
    message += ". Nothing was deleted. Rename a resource to contain 'deleteme' or 'delete-me' to mark it "
               "disposable, or pass ABC_SAFE_MODE_OFF to delete without this check";
    return Status(StatusCode::kRefused, std::move(message));
}

std::string not_disposable(const char *what, const std::string &name, const std::string &id) {
    return describe(what, name, id) + " is not named as disposable";
}

}  // namespace

StatusOr<ActorInfo> create_actor(ApiClient &api, const ActorCreateRequest &request) {
    const ActorNames &names = actor_names(request.kind);
    ABC_RETURN_IF_ERROR(check_name(request.name, "name"));
    if (!request.definition_id.empty() && !looks_like_uuid(request.definition_id)) {
        return InvalidArgument("definition_id '" + request.definition_id + "' is not a UUID");
    }
    auto configuration =
        configuration_with_type(request.kind, request.configuration_json, request.type, names.type_argument);
    if (!configuration.ok()) return configuration.status();
    std::string type = request.type.empty() ? json::optional_string(configuration->view(), names.type_field)
                                            : request.type;
    std::string definition_id = request.definition_id;
    if (definition_id.empty()) {
        if (type.empty()) {
            return InvalidArgument(std::string("give ") + names.type_argument + ", definition_id, or a configuration_json with '" +
                                   names.type_field + "'");
        }
        if (request.kind == ActorKind::kDestination) {
            if (!is_known_destination_type(type)) {
                return InvalidArgument("destination_type '" + type +
                                       "' is not a destination type the API knows (postgres, snowflake, bigquery, "
                                       "duckdb, motherduck, ...); pass definition_id for other connectors");
            }
            // The API looks types up by name but its table lacks some (MotherDuck).
            if (auto known = definition_id_for_unmapped_type(type)) definition_id = *known;
        }
    }
    json::ObjectBuilder body;
    body.add("name", request.name);
    if (!definition_id.empty()) body.add("definitionId", definition_id);
    body.add("workspaceId", request.workspace_id).add("configuration", std::move(*configuration));
    std::string action = std::string("create ") + names.singular + " '" + request.name + "'";
    // Not idempotent: a resent POST could create a second resource.
    return actor_from(RawApi::call(api, HttpMethod::kPost, names.collection, {}, body.dump(), Idempotency::kNonIdempotent, action),
                      request.kind, action);
}

StatusOr<ActorInfo> get_actor(ApiClient &api, ActorKind kind, const std::string &id) {
    std::string action = std::string("get ") + actor_names(kind).singular + " " + id;
    return actor_from(RawApi::call(api, HttpMethod::kGet, actor_path(kind, id), {}, "", Idempotency::kIdempotent, action), kind,
                      action);
}

StatusOr<ActorInfo> patch_actor(ApiClient &api, const ActorInfo &current, const std::optional<std::string> &name,
                                const std::optional<std::string> &configuration_json) {
    const ActorNames &names = actor_names(current.kind);
    json::ObjectBuilder body;
    if (name) {
        ABC_RETURN_IF_ERROR(check_name(*name, "name"));
        body.add("name", *name);
    }
    if (configuration_json) {
        auto configuration = configuration_with_type(current.kind, *configuration_json, current.type,
                                                     "the existing connector type");
        if (!configuration.ok()) return configuration.status();
        body.add("configuration", std::move(*configuration));
    }
    std::string action = std::string("update ") + names.singular + " " + current.id;
    return actor_from(RawApi::call(api, HttpMethod::kPatch, actor_path(current.kind, current.id), {}, body.dump(),
                               Idempotency::kIdempotent, action),
                      current.kind, action);
}

StatusOr<ActorInfo> put_actor(ApiClient &api, const ActorInfo &current, const std::string &name,
                              const std::string &configuration_json) {
    const ActorNames &names = actor_names(current.kind);
    ABC_RETURN_IF_ERROR(check_name(name, "name"));
    auto configuration =
        configuration_with_type(current.kind, configuration_json, current.type, "the existing connector type");
    if (!configuration.ok()) return configuration.status();
    std::string body = json::ObjectBuilder().add("name", name).add("configuration", std::move(*configuration)).dump();
    std::string action = std::string("replace ") + names.singular + " " + current.id;
    return actor_from(
        RawApi::call(api, HttpMethod::kPut, actor_path(current.kind, current.id), {}, body, Idempotency::kIdempotent, action),
        current.kind, action);
}

Status delete_actor(ApiClient &api, ActorKind kind, const std::string &id, SafeMode mode) {
    const ActorNames &names = actor_names(kind);
    std::string action = std::string("delete ") + names.singular + " " + id;
    if (mode == SafeMode::kOn) {
        auto actor = get_actor(api, kind, id);
        if (!actor.ok()) return with_action(actor.status(), action);
        if (!is_disposable_name(actor->name)) {
            return refusal(action, {not_disposable(names.singular, actor->name, id)});
        }
    }
    return delete_path(api, actor_path(kind, id), action);
}

QueryParameters list_filters(const ListOptions &options, const std::string &default_workspace_id) {
    QueryParameters filters;
    for (const auto &id : options.workspace_ids) filters.emplace_back("workspaceIds", id);
    if (options.workspace_ids.empty() && !default_workspace_id.empty()) {
        filters.emplace_back("workspaceIds", default_workspace_id);
    }
    if (options.include_deleted) filters.emplace_back("includeDeleted", "true");
    return filters;
}

namespace {

ListQuery listing(std::string path, QueryParameters filters, const ListOptions &options, std::string action) {
    ListQuery query;
    query.path = std::move(path);
    query.filters = std::move(filters);
    query.page_size = options.page_size;
    query.names = options.names;
    query.action = std::move(action);
    return query;
}

std::string of_workspaces(const ListOptions &options, const std::string &workspace_id) {
    return options.workspace_ids.empty() ? " of workspace " + workspace_id : " of the given workspaces";
}

}  // namespace

ListQuery actor_list_query(ActorKind kind, const std::string &workspace_id, const ListOptions &options) {
    const ActorNames &names = actor_names(kind);
    return listing(names.collection, list_filters(options, workspace_id), options,
                   std::string("list ") + names.singular + "s" + of_workspaces(options, workspace_id));
}

ListQuery connection_list_query(const std::string &workspace_id, const ListOptions &options) {
    QueryParameters filters = list_filters(options, workspace_id);
    for (const auto &id : options.tag_ids) filters.emplace_back("tagIds", id);
    return listing("/connections", std::move(filters), options,
                   "list connections" + of_workspaces(options, workspace_id));
}

ListQuery workspace_list_query(const ListOptions &options) {
    return listing("/workspaces", list_filters(options, ""), options, "list workspaces");
}

StatusOr<ConnectionInfo> create_connection(ApiClient &api, const ConnectionSpec &spec) {
    auto body = spec.create_body();
    if (!body.ok()) return body.status();
    std::string action = "create connection";
    auto document = RawApi::call(api, HttpMethod::kPost, "/connections", {}, *body, Idempotency::kNonIdempotent, action);
    if (!document.ok()) return document.status();
    auto connection = parse_connection(document->root());
    if (!connection.ok()) return with_action(connection.status(), action);
    return connection;
}

StatusOr<ConnectionInfo> patch_connection(ApiClient &api, const std::string &connection_id,
                                          const ConnectionSpec &changes) {
    auto body = changes.patch_body();
    if (!body.ok()) return body.status();
    std::string action = "update connection " + connection_id;
    auto document =
        RawApi::call(api, HttpMethod::kPatch, connection_path(connection_id), {}, *body, Idempotency::kIdempotent, action);
    if (!document.ok()) return document.status();
    auto connection = parse_connection(document->root());
    if (!connection.ok()) return with_action(connection.status(), action);
    return connection;
}

namespace {

// What a delete of a connection removes: the connection and, in a cascade, its source and
// destination where they still exist.
struct DeleteTargets {
    ConnectionInfo connection;
    std::optional<ActorInfo> source;
    std::optional<ActorInfo> destination;
};

// A source or destination already gone is nothing to protect or delete.
StatusOr<std::optional<ActorInfo>> fetch_if_present(ApiClient &api, ActorKind kind, const std::string &id) {
    auto actor = get_actor(api, kind, id);
    if (actor.ok()) return std::optional<ActorInfo>(std::move(*actor));
    if (actor.status().code() == StatusCode::kNotFound) return std::optional<ActorInfo>();
    return actor.status();
}

StatusOr<DeleteTargets> delete_targets(ApiClient &api, const std::string &connection_id, bool cascade) {
    auto connection = api.get_connection(connection_id);
    if (!connection.ok()) return connection.status();
    DeleteTargets targets{std::move(*connection), std::nullopt, std::nullopt};
    if (!cascade) return targets;
    auto source = fetch_if_present(api, ActorKind::kSource, targets.connection.source_id);
    if (!source.ok()) return source.status();
    targets.source = std::move(*source);
    auto destination = fetch_if_present(api, ActorKind::kDestination, targets.connection.destination_id);
    if (!destination.ok()) return destination.status();
    targets.destination = std::move(*destination);
    return targets;
}

// Deleting a source or destination deletes every connection that uses it: a cascade must not
// take another connection along.
Status add_shared_use_reasons(ApiClient &api, const DeleteTargets &targets, std::vector<std::string> &reasons) {
    const ConnectionInfo &connection = targets.connection;
    const std::optional<ActorInfo> &source = targets.source;
    const std::optional<ActorInfo> &destination = targets.destination;
    std::string workspace_id = connection.workspace_id.empty()
                                   ? (source ? source->workspace_id : destination->workspace_id)
                                   : connection.workspace_id;
    Paginator<ConnectionInfo> others(api, connection_list_query(workspace_id, ListOptions()),
                                     [](json::Value entry) { return parse_connection(entry); });
    auto listed = others.rest();
    if (!listed.ok()) return listed.status();
    for (const auto &other : *listed) {
        if (other.connection_id == connection.connection_id) continue;
        const std::string user = " is also used by " + describe("connection", other.name, other.connection_id);
        if (source && other.source_id == source->id) {
            reasons.push_back(describe("source", source->name, source->id) + user);
        }
        if (destination && other.destination_id == destination->id) {
            reasons.push_back(describe("destination", destination->name, destination->id) + user);
        }
    }
    return Status();
}

// Why safe mode refuses the delete (empty: it may go ahead).
StatusOr<std::vector<std::string>> safe_mode_reasons(ApiClient &api, const DeleteTargets &targets, bool cascade) {
    std::vector<std::string> reasons;
    const ConnectionInfo &connection = targets.connection;
    if (!is_disposable_name(connection.name)) {
        reasons.push_back(not_disposable("connection", connection.name, connection.connection_id));
    }
    for (const std::optional<ActorInfo> *actor : {&targets.source, &targets.destination}) {
        if (*actor && !is_disposable_name((*actor)->name)) {
            reasons.push_back(not_disposable(actor_names((*actor)->kind).singular, (*actor)->name, (*actor)->id));
        }
    }
    if (cascade && (targets.source || targets.destination)) {
        ABC_RETURN_IF_ERROR(add_shared_use_reasons(api, targets, reasons));
    }
    return reasons;
}

// After the connection: its source and destination; a failure names what is left.
Status delete_cascaded(ApiClient &api, const DeleteTargets &targets, const std::string &action) {
    std::vector<const ActorInfo *> cascaded;
    if (targets.source) cascaded.push_back(&*targets.source);
    if (targets.destination) cascaded.push_back(&*targets.destination);
    for (std::size_t i = 0; i < cascaded.size(); ++i) {
        const ActorInfo &resource = *cascaded[i];
        const char *singular = actor_names(resource.kind).singular;
        Status deleted = delete_path(api, actor_path(resource.kind, resource.id),
                                     std::string("delete ") + singular + " " + resource.id);
        if (deleted.ok()) continue;
        std::string remaining;
        for (std::size_t j = i; j < cascaded.size(); ++j) {
            if (j > i) remaining += " and ";
            remaining += std::string(actor_names(cascaded[j]->kind).singular) + " " + cascaded[j]->id;
        }
        return with_action(deleted, action + " (the connection is deleted; " + remaining + " not)");
    }
    return Status();
}

}  // namespace

Status delete_connection(ApiClient &api, const std::string &connection_id, bool cascade, SafeMode mode) {
    std::string action = "delete connection " + connection_id;
    const bool safe = mode == SafeMode::kOn || (mode == SafeMode::kDefault && cascade);
    if (!safe && !cascade) return delete_path(api, connection_path(connection_id), action);

    auto targets = delete_targets(api, connection_id, cascade);
    if (!targets.ok()) return with_action(targets.status(), action);
    if (safe) {
        auto reasons = safe_mode_reasons(api, *targets, cascade);
        if (!reasons.ok()) return with_action(reasons.status(), action);
        if (!reasons->empty()) return refusal(action, *reasons);
    }
    ABC_RETURN_IF_ERROR(delete_path(api, connection_path(connection_id), action));
    return delete_cascaded(api, *targets, action);
}

StatusOr<WorkspaceDetails> get_workspace_details(ApiClient &api, const std::string &workspace_id) {
    std::string action = "get workspace " + workspace_id;
    auto document = RawApi::call(api, HttpMethod::kGet, "/workspaces/" + transport::escape_path_segment(workspace_id), {}, "",
                             Idempotency::kIdempotent, action);
    if (!document.ok()) return document.status();
    auto details = parse_workspace_details(document->root());
    if (!details.ok()) return with_action(details.status(), action);
    return details;
}

StatusOr<std::vector<StreamInfo>> get_stream_catalog(ApiClient &api, const std::string &source_id,
                                                     const std::string &destination_id) {
    QueryParameters query{{"sourceId", source_id}};
    if (!destination_id.empty()) query.emplace_back("destinationId", destination_id);
    std::string action = "get the streams of source " + source_id;
    auto document = RawApi::call(api, HttpMethod::kGet, "/streams", query, "", Idempotency::kIdempotent, action);
    if (!document.ok()) return document.status();
    auto streams = parse_stream_catalog(document->root());
    if (!streams.ok()) return with_action(streams.status(), action);
    return streams;
}

}  // namespace airbyte_cloud::domain
