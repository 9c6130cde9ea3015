#include "connectors.h"

#include "problems.h"
#include "text.h"

#include <cstring>
#include <utility>

namespace emulator {

const char *const secret_mask = "**********";
const char *const outcome_key = "emulator_outcome";
const char *const duration_key = "emulator_duration_ms";

namespace {

struct KnownDefinition {
    const char *type;
    const char *definition_id;
};

// Ids from Airbyte's connector registry for the connectors people use with this project.
const KnownDefinition known_sources[] = {
    {"faker", "dfd88b22-b603-4c3d-aad7-3701784586b1"},    {"postgres", "decd338e-5647-4c0b-adf4-da0e75f5a750"},
    {"mysql", "435bb9a5-7887-4809-aa58-28c27df0d7ad"},    {"file", "778daa7c-feaf-4db6-96f3-70fd645acc77"},
    {"github", "ef69ef6e-aa7f-4af1-a01d-ef775033524e"},   {"stripe", "e094cb9a-26de-4645-8761-65c0c425d1de"},
    {"google-sheets", "71607ba1-c0ac-4799-8049-7f4b90dd50f7"},
};
const KnownDefinition known_destinations[] = {
    {"postgres", "25c5221d-dce2-4163-ade9-739ef790f503"},  {"snowflake", "424892c4-daac-4491-b35d-c6688ba547ba"},
    {"bigquery", "22f6c74f-5699-40ff-833c-4a879ea40133"},  {"duckdb", "94bd199c-2ff0-4aa2-b98e-17f0acb72610"},
    {"motherduck", "042ee9b5-eb98-4e99-a4e5-3f0d573bee66"}, {"dev-null", "a7bcc9d8-13b3-4e49-b80d-d020b90045e3"},
    {"s3", "4816b78f-1489-44c1-9060-4b19d5fa9362"},        {"local-json", "a625d593-bba5-4a1c-a53d-2d246268a816"},
};

template <size_t N>
const KnownDefinition *find_by_type(const KnownDefinition (&table)[N], const std::string &type) {
    for (const auto &entry : table)
        if (type == entry.type) return &entry;
    return nullptr;
}

template <size_t N>
const KnownDefinition *find_by_id(const KnownDefinition (&table)[N], const std::string &id) {
    std::string lower = to_lower(id);
    for (const auto &entry : table)
        if (lower == entry.definition_id) return &entry;
    return nullptr;
}

bool contains(const std::string &haystack, const char *needle) { return haystack.find(needle) != std::string::npos; }

void mask_in_place(cJSON *node) {
    if (!node) return;
    if (cJSON_IsObject(node)) {
        cJSON *child = node->child;
        while (child) {
            cJSON *next = child->next;
            if (child->string && is_secret_field(child->string) && cJSON_IsString(child)) {
                cJSON_ReplaceItemInObjectCaseSensitive(node, child->string, cJSON_CreateString(secret_mask));
            } else {
                mask_in_place(child);
            }
            child = next;
        }
    } else if (cJSON_IsArray(node)) {
        cJSON *child = nullptr;
        cJSON_ArrayForEach(child, node) mask_in_place(child);
    }
}

bool is_mask(const cJSON *node) { return cJSON_IsString(node) && std::strcmp(node->valuestring, secret_mask) == 0; }

[[noreturn]] void reject(const std::string &message) { throw problem::unprocessable(message); }

void expect_type(const cJSON *configuration, const char *key, const char *kind, bool required) {
    const cJSON *value = json_member(configuration, key);
    if (!value || cJSON_IsNull(value)) {
        if (required) reject(std::string("configuration.") + key + " is required");
        return;
    }
    bool ok = false;
    if (std::strcmp(kind, "string") == 0) ok = cJSON_IsString(value);
    if (std::strcmp(kind, "integer") == 0) ok = json_is_integral(value);
    if (std::strcmp(kind, "boolean") == 0) ok = cJSON_IsBool(value);
    if (std::strcmp(kind, "object") == 0) ok = cJSON_IsObject(value);
    if (!ok) reject(std::string("configuration.") + key + " must be a " + kind);
}

void expect_minimum(const cJSON *configuration, const char *key, int64_t minimum, int64_t maximum) {
    auto value = json_integer(configuration, key);
    if (value && (*value < minimum || *value > maximum))
        reject(std::string("configuration.") + key + " is out of range (" + std::to_string(minimum) + ".." +
               std::to_string(maximum) + ")");
}

}  // namespace

std::string definition_id_for(ActorKind kind, const std::string &type) {
    const KnownDefinition *known =
        kind == ActorKind::source ? find_by_type(known_sources, type) : find_by_type(known_destinations, type);
    if (known) return known->definition_id;
    return name_based_uuid(kind == ActorKind::source ? "source" : "destination", type);
}

std::optional<std::string> type_for_definition_id(ActorKind kind, const std::string &definition_id) {
    const KnownDefinition *known = kind == ActorKind::source ? find_by_id(known_sources, definition_id)
                                                             : find_by_id(known_destinations, definition_id);
    if (known) return std::string(known->type);
    return std::nullopt;
}

bool is_secret_field(const std::string &raw_key) {
    std::string key = to_lower(raw_key);
    if (key == outcome_key || key == duration_key) return false;
    return contains(key, "password") || contains(key, "secret") || contains(key, "api_key") ||
           contains(key, "apikey") || key == "private_key" || key == "credentials_json" || key == "ssh_key" ||
           key == "client_key" || key == "client_certificate" || key == "ca_certificate" || key == "access_token" ||
           key == "refresh_token" || key == "service_account_info" || key == "access_key_id";
}

Json masked_configuration(const cJSON *configuration) {
    Json copy = Json::copy_of(configuration);
    mask_in_place(copy.get());
    return copy;
}

void merge_configuration(cJSON *stored, const cJSON *patch) {
    if (!cJSON_IsObject(stored) || !cJSON_IsObject(patch)) return;
    const cJSON *item = nullptr;
    cJSON_ArrayForEach(item, patch) {
        if (!item->string) continue;
        cJSON *existing = cJSON_GetObjectItemCaseSensitive(stored, item->string);
        if (cJSON_IsNull(item)) {
            cJSON_DeleteItemFromObjectCaseSensitive(stored, item->string);
        } else if (is_mask(item) && existing) {
            continue;
        } else if (cJSON_IsObject(item) && cJSON_IsObject(existing)) {
            merge_configuration(existing, item);
        } else {
            cJSON *copy = cJSON_Duplicate(item, 1);
            if (existing) {
                cJSON_ReplaceItemInObjectCaseSensitive(stored, item->string, copy);
            } else {
                cJSON_AddItemToObject(stored, item->string, copy);
            }
        }
    }
}

void keep_masked_secrets(cJSON *incoming, const cJSON *stored) {
    if (!cJSON_IsObject(incoming) || !cJSON_IsObject(stored)) return;
    cJSON *item = incoming->child;
    while (item) {
        cJSON *next = item->next;
        const cJSON *previous = item->string ? cJSON_GetObjectItemCaseSensitive(stored, item->string) : nullptr;
        if (previous && is_mask(item) && !is_mask(previous)) {
            cJSON_ReplaceItemInObjectCaseSensitive(incoming, item->string, cJSON_Duplicate(previous, 1));
        } else if (previous && cJSON_IsObject(item)) {
            keep_masked_secrets(item, previous);
        }
        item = next;
    }
}

bool is_job_outcome(const std::string &value) {
    return value == "succeeded" || value == "failed" || value == "incomplete" || value == "cancelled" ||
           value == "running";
}

void validate_configuration(ActorKind kind, const std::string &type, const cJSON *configuration) {
    if (!cJSON_IsObject(configuration)) reject("configuration must be an object");
    if (kind == ActorKind::source && type == "faker") {
        expect_type(configuration, "count", "integer", false);
        expect_minimum(configuration, "count", 1, 100000000);
        expect_type(configuration, "seed", "integer", false);
        expect_type(configuration, "always_updated", "boolean", false);
        expect_type(configuration, "parallelism", "integer", false);
        expect_minimum(configuration, "parallelism", 1, 1024);
        expect_type(configuration, "records_per_slice", "integer", false);
        expect_minimum(configuration, "records_per_slice", 1, 100000000);
        if (const cJSON *outcome = json_member(configuration, outcome_key)) {
            if (!cJSON_IsString(outcome) || !is_job_outcome(outcome->valuestring))
                reject(std::string("configuration.") + outcome_key +
                       " must be one of succeeded, failed, incomplete, cancelled, running");
        }
        expect_type(configuration, duration_key, "integer", false);
        expect_minimum(configuration, duration_key, 0, 315360000000);
    }
    if (kind == ActorKind::destination && type == "postgres") {
        expect_type(configuration, "host", "string", true);
        expect_type(configuration, "port", "integer", true);
        expect_minimum(configuration, "port", 0, 65536);
        expect_type(configuration, "database", "string", true);
        expect_type(configuration, "schema", "string", false);
        expect_type(configuration, "username", "string", true);
        expect_type(configuration, "password", "string", false);
        expect_type(configuration, "ssl", "boolean", false);
        expect_type(configuration, "ssl_mode", "object", false);
        expect_type(configuration, "tunnel_method", "object", false);
        expect_type(configuration, "raw_data_schema", "string", false);
        expect_type(configuration, "unconstrained_number", "boolean", false);
    }
}

}  // namespace emulator
