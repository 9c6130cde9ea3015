#include "domain/resources.h"

#include <algorithm>
#include <cctype>

namespace airbyte_cloud::domain {
namespace {

constexpr ActorNames kSourceNames{"source", "/sources", "sourceId", "sourceType", "source_type"};
constexpr ActorNames kDestinationNames{"destination", "/destinations", "destinationId", "destinationType",
                                       "destination_type"};

constexpr const char *kSyncModes[] = {
    "full_refresh_overwrite",      "full_refresh_overwrite_deduped", "full_refresh_append",
    "full_refresh_update",         "full_refresh_soft_delete",       "incremental_append",
    "incremental_deduped_history", "incremental_update",             "incremental_soft_delete",
};

// The destinationType consts of api_sdk.yaml's DestinationConfiguration members.
constexpr const char *kDestinationTypes[] = {
    "astra",       "aws-datalake", "azure-blob-storage", "bigquery",    "clickhouse",   "convex",
    "customer-io", "databricks",   "deepset",            "dev-null",    "duckdb",       "dynamodb",
    "elasticsearch", "firebolt",   "firestore",          "gcs",         "google-sheets", "hubspot",
    "milvus",      "mongodb",      "motherduck",         "mssql",       "mssql-v2",     "mysql",
    "oracle",      "pgvector",     "pinecone",           "postgres",    "pubsub",       "qdrant",
    "redis",       "redshift",     "s3",                 "s3-data-lake", "salesforce",  "sftp-json",
    "snowflake",   "snowflake-cortex", "surrealdb",      "teradata",    "timeplus",     "typesense",
    "vectara",     "weaviate",     "yellowbrick",
};

char lower(char c) { return static_cast<char>(std::tolower(static_cast<unsigned char>(c))); }

// A JSON array of strings (or of arrays of strings) as compact text; "[]" when absent or null.
std::string array_text(json::Value value) { return value.is_array() ? value.dump() : "[]"; }

}  // namespace

const ActorNames &actor_names(ActorKind kind) {
    return kind == ActorKind::kSource ? kSourceNames : kDestinationNames;
}

StatusOr<ActorInfo> parse_actor(ActorKind kind, json::Value object) {
    const ActorNames &names = actor_names(kind);
    std::string context = std::string(names.singular) + " response";
    if (!object.is_object()) return ProtocolError(context + ": expected a JSON object");
    ActorInfo actor;
    actor.kind = kind;
    ABC_ASSIGN_OR_RETURN(actor.id, json::required_string(object, names.id_field, context));
    actor.name = json::optional_string(object, "name");
    actor.type = json::optional_string(object, names.type_field);
    actor.definition_id = json::optional_string(object, "definitionId");
    if (actor.type.empty()) actor.type = type_for_unmapped_definition(actor.definition_id);
    actor.workspace_id = json::optional_string(object, "workspaceId");
    json::Value configuration = object.get("configuration");
    actor.configuration_json = configuration.is_object() ? configuration.dump() : "{}";
    actor.created_at = object.get("createdAt").int64().value_or(0);
    return actor;
}

StatusOr<WorkspaceDetails> parse_workspace_details(json::Value object) {
    constexpr std::string_view kContext = "workspace response";
    if (!object.is_object()) return ProtocolError("workspace response: expected a JSON object");
    WorkspaceDetails details;
    ABC_ASSIGN_OR_RETURN(details.workspace_id,
                         json::required_string(object, "workspaceId", kContext));
    details.name = json::optional_string(object, "name");
    details.data_residency = json::optional_string(object, "dataResidency");
    details.json = object.dump();
    return details;
}

StatusOr<std::vector<StreamInfo>> parse_stream_catalog(json::Value array) {
    if (!array.is_array()) return ProtocolError("stream properties response: expected a JSON array");
    std::vector<StreamInfo> streams;
    streams.reserve(array.size());
    for (std::size_t i = 0; i < array.size(); ++i) {
        json::Value entry = array.at(i);
        if (!entry.is_object()) {
            return ProtocolError("stream properties response: entry " + std::to_string(i) +
                                 " is not an object");
        }
        StreamInfo stream;
        ABC_ASSIGN_OR_RETURN(
            stream.name, json::required_string(entry, "streamName", "stream properties response"));
        stream.namespace_name = json::optional_string(entry, "streamnamespace");
        json::Value modes = entry.get("syncModes");
        for (std::size_t m = 0; m < modes.size(); ++m) {
            if (auto mode = modes.at(m).string()) stream.sync_modes.push_back(*mode);
        }
        stream.sync_modes_json = array_text(modes);
        stream.default_cursor_json = array_text(entry.get("defaultCursorField"));
        stream.source_defined_cursor = entry.get("sourceDefinedCursorField").boolean().value_or(false);
        stream.primary_key_json = array_text(entry.get("sourceDefinedPrimaryKey"));
        streams.push_back(std::move(stream));
    }
    return streams;
}

bool is_known_sync_mode(std::string_view mode) {
    return std::any_of(std::begin(kSyncModes), std::end(kSyncModes),
                       [&](const char *known) { return mode == known; });
}

std::string known_sync_modes_text() {
    std::string text;
    for (const char *mode : kSyncModes) {
        if (!text.empty()) text += ", ";
        text += mode;
    }
    return text;
}

bool is_known_destination_type(std::string_view type) {
    return std::any_of(std::begin(kDestinationTypes), std::end(kDestinationTypes),
                       [&](const char *known) { return type == known; });
}

std::optional<std::string> definition_id_for_unmapped_type(std::string_view type) {
    if (type == "motherduck") return std::string(kMotherDuckDefinitionId);
    return std::nullopt;
}

std::string type_for_unmapped_definition(std::string_view definition_id) {
    if (definition_id.size() != std::string_view(kMotherDuckDefinitionId).size()) return "";
    for (std::size_t i = 0; i < definition_id.size(); ++i) {
        if (lower(definition_id[i]) != kMotherDuckDefinitionId[i]) return "";
    }
    return "motherduck";
}

bool contains_ignoring_case(std::string_view text, std::string_view part) {
    if (part.empty()) return true;
    auto found = std::search(text.begin(), text.end(), part.begin(), part.end(),
                             [](char a, char b) { return lower(a) == lower(b); });
    return found != text.end();
}

bool is_disposable_name(std::string_view name) {
    return contains_ignoring_case(name, "deleteme") || contains_ignoring_case(name, "delete-me");
}

bool NameFilter::matches(std::string_view name) const {
    if (exact && name != *exact) return false;
    if (contains && !contains_ignoring_case(name, *contains)) return false;
    return true;
}

Status check_name(std::string_view name, std::string_view argument) {
    if (name.empty()) return InvalidArgument(std::string(argument) + " is empty");
    bool blank = true;
    for (std::size_t i = 0; i < name.size(); ++i) {
        unsigned char c = static_cast<unsigned char>(name[i]);
        if (c < 0x20 || c == 0x7f) {
            return InvalidArgument(std::string(argument) + " contains a control character at byte " +
                                   std::to_string(i));
        }
        if (!std::isspace(c)) blank = false;
    }
    if (blank) return InvalidArgument(std::string(argument) + " is blank");
    return Status();
}

bool looks_like_uuid(std::string_view text) {
    if (text.size() != 36) return false;
    for (std::size_t i = 0; i < text.size(); ++i) {
        bool dash = i == 8 || i == 13 || i == 18 || i == 23;
        if (dash ? text[i] != '-' : !std::isxdigit(static_cast<unsigned char>(text[i]))) return false;
    }
    return true;
}

StatusOr<json::Document> parse_input_object(std::string_view text, std::string_view argument) {
    auto document = json::Document::parse_whole(text, argument);
    if (!document.ok()) {
        // The parser names the byte offset; the caller's mistake is an argument, not a protocol
        // error. Its excerpt of the text is dropped: configurations hold secrets.
        std::string message = document.status().message();
        std::size_t excerpt = message.find(" near '");
        if (excerpt != std::string::npos) message.erase(excerpt);
        return InvalidArgument(std::move(message));
    }
    if (!document->root().is_object()) {
        return InvalidArgument(std::string(argument) + " must be a JSON object");
    }
    return document;
}

}  // namespace airbyte_cloud::domain
