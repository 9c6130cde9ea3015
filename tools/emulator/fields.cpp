#include "fields.h"

#include "problems.h"
#include "text.h"

namespace emulator {

namespace {
const cJSON *present(const cJSON *body, const char *key) {
    const cJSON *value = json_member(body, key);
    return value && !cJSON_IsNull(value) ? value : nullptr;
}

std::string join(std::initializer_list<const char *> allowed) {
    std::string out;
    for (const char *value : allowed) out += (out.empty() ? "" : ", ") + std::string(value);
    return out;
}
}  // namespace

bool is_one_of(const std::string &value, std::initializer_list<const char *> allowed) {
    for (const char *candidate : allowed)
        if (value == candidate) return true;
    return false;
}

std::optional<std::string> optional_string_field(const cJSON *body, const char *key) {
    const cJSON *value = present(body, key);
    if (!value) return std::nullopt;
    if (!cJSON_IsString(value)) throw problem::bad_request(std::string(key) + " must be a string.");
    return std::string(value->valuestring);
}

std::string required_string_field(const cJSON *body, const char *key) {
    auto value = optional_string_field(body, key);
    if (!value) throw problem::bad_request(std::string(key) + " is required.");
    return *value;
}

std::optional<std::string> optional_uuid_field(const cJSON *body, const char *key) {
    auto value = optional_string_field(body, key);
    if (!value) return std::nullopt;
    if (!is_uuid(*value)) throw problem::bad_request(std::string(key) + " must be a UUID, got '" + *value + "'.");
    return to_lower(*value);
}

std::string required_uuid_field(const cJSON *body, const char *key) {
    auto value = optional_uuid_field(body, key);
    if (!value) throw problem::bad_request(std::string(key) + " is required.");
    return *value;
}

std::optional<std::string> optional_enum_field(const cJSON *body, const char *key,
                                               std::initializer_list<const char *> allowed) {
    auto value = optional_string_field(body, key);
    if (value && !is_one_of(*value, allowed))
        throw problem::bad_request(std::string(key) + " must be one of " + join(allowed) + ", got '" + *value + "'.");
    return value;
}

std::string required_enum_field(const cJSON *body, const char *key, std::initializer_list<const char *> allowed) {
    auto value = optional_enum_field(body, key, allowed);
    if (!value) throw problem::bad_request(std::string(key) + " is required (one of " + join(allowed) + ").");
    return *value;
}

std::optional<bool> optional_bool_field(const cJSON *body, const char *key) {
    const cJSON *value = present(body, key);
    if (!value) return std::nullopt;
    if (!cJSON_IsBool(value)) throw problem::bad_request(std::string(key) + " must be a boolean.");
    return cJSON_IsTrue(value) != 0;
}

const cJSON *optional_object_field(const cJSON *body, const char *key) {
    const cJSON *value = present(body, key);
    if (value && !cJSON_IsObject(value)) throw problem::bad_request(std::string(key) + " must be an object.");
    return value;
}

const cJSON *optional_array_field(const cJSON *body, const char *key) {
    const cJSON *value = present(body, key);
    if (value && !cJSON_IsArray(value)) throw problem::bad_request(std::string(key) + " must be an array.");
    return value;
}

}  // namespace emulator
