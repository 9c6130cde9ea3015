#include "json.h"

#include <cmath>
#include <cstdlib>

namespace emulator {

Json::Json(const Json &other) : node_(other.node_ ? cJSON_Duplicate(other.node_.get(), 1) : nullptr) {}

Json &Json::operator=(const Json &other) {
    if (this != &other) node_.reset(other.node_ ? cJSON_Duplicate(other.node_.get(), 1) : nullptr);
    return *this;
}

Json Json::object() { return Json(cJSON_CreateObject()); }
Json Json::array() { return Json(cJSON_CreateArray()); }
Json Json::string(std::string_view text) { return Json(cJSON_CreateString(std::string(text).c_str())); }
Json Json::integer(int64_t value) { return Json(cJSON_CreateNumber(static_cast<double>(value))); }
Json Json::number(double value) { return Json(cJSON_CreateNumber(value)); }
Json Json::boolean(bool value) { return Json(cJSON_CreateBool(value ? 1 : 0)); }
Json Json::null() { return Json(cJSON_CreateNull()); }
Json Json::copy_of(const cJSON *node) { return Json(node ? cJSON_Duplicate(node, 1) : nullptr); }

Json Json::parse(std::string_view text) {
    // cJSON_ParseWithLengthOpts with require_null_terminated=0 would accept trailing garbage;
    // check that only whitespace follows the value.
    const char *end = nullptr;
    cJSON *node = cJSON_ParseWithLengthOpts(text.data(), text.size(), &end, 0);
    if (!node) return Json();
    const char *limit = text.data() + text.size();
    for (const char *p = end; p && p < limit; ++p) {
        if (*p != ' ' && *p != '\t' && *p != '\n' && *p != '\r' && *p != '\0') {
            cJSON_Delete(node);
            return Json();
        }
    }
    return Json(node);
}

Json &Json::set(const char *key, Json value) {
    if (!node_ || !value) return *this;
    cJSON *raw = value.release();
    if (cJSON_GetObjectItemCaseSensitive(node_.get(), key)) {
        cJSON_ReplaceItemInObjectCaseSensitive(node_.get(), key, raw);
    } else {
        cJSON_AddItemToObject(node_.get(), key, raw);
    }
    return *this;
}

Json &Json::set_string(const char *key, std::string_view value) { return set(key, Json::string(value)); }
Json &Json::set_integer(const char *key, int64_t value) { return set(key, Json::integer(value)); }
Json &Json::set_number(const char *key, double value) { return set(key, Json::number(value)); }
Json &Json::set_bool(const char *key, bool value) { return set(key, Json::boolean(value)); }
Json &Json::set_null(const char *key) { return set(key, Json::null()); }

void Json::remove(const char *key) {
    if (node_) cJSON_DeleteItemFromObjectCaseSensitive(node_.get(), key);
}

Json &Json::push(Json value) {
    if (node_ && value) cJSON_AddItemToArray(node_.get(), value.release());
    return *this;
}

std::string Json::dump() const { return json_dump(node_.get()); }

std::string json_dump(const cJSON *node) {
    if (!node) return "null";
    char *text = cJSON_PrintUnformatted(node);
    if (!text) return "null";
    std::string result(text);
    cJSON_free(text);
    return result;
}

const cJSON *json_member(const cJSON *object, const char *key) {
    if (!object || !cJSON_IsObject(object)) return nullptr;
    return cJSON_GetObjectItemCaseSensitive(object, key);
}

std::optional<std::string> json_string(const cJSON *object, const char *key) {
    const cJSON *item = json_member(object, key);
    if (!cJSON_IsString(item) || !item->valuestring) return std::nullopt;
    return std::string(item->valuestring);
}

bool json_is_integral(const cJSON *node) {
    if (!cJSON_IsNumber(node)) return false;
    double value = node->valuedouble;
    return std::isfinite(value) && std::floor(value) == value && std::fabs(value) < 9.007199254740992e15;
}

int64_t json_node_integer(const cJSON *node) { return static_cast<int64_t>(node->valuedouble); }

std::optional<int64_t> json_integer(const cJSON *object, const char *key) {
    const cJSON *item = json_member(object, key);
    if (!json_is_integral(item)) return std::nullopt;
    return json_node_integer(item);
}

std::optional<bool> json_bool(const cJSON *object, const char *key) {
    const cJSON *item = json_member(object, key);
    if (!cJSON_IsBool(item)) return std::nullopt;
    return cJSON_IsTrue(item) != 0;
}

}  // namespace emulator
