// Typed access to request body members: each throws 400 bad-request naming the field when the
// member has the wrong type or an unknown enum value. JSON null counts as absent.
#pragma once

#include "json.h"

#include <initializer_list>
#include <optional>
#include <string>

namespace emulator {

std::optional<std::string> optional_string_field(const cJSON *body, const char *key);
std::string required_string_field(const cJSON *body, const char *key);
std::optional<std::string> optional_uuid_field(const cJSON *body, const char *key);
std::string required_uuid_field(const cJSON *body, const char *key);
std::optional<std::string> optional_enum_field(const cJSON *body, const char *key,
                                               std::initializer_list<const char *> allowed);
std::string required_enum_field(const cJSON *body, const char *key, std::initializer_list<const char *> allowed);
std::optional<bool> optional_bool_field(const cJSON *body, const char *key);
const cJSON *optional_object_field(const cJSON *body, const char *key);
const cJSON *optional_array_field(const cJSON *body, const char *key);
bool is_one_of(const std::string &value, std::initializer_list<const char *> allowed);

}  // namespace emulator
