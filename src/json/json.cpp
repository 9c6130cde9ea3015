#include "json/json.h"

#include <cjson/cJSON.h>

#include <cerrno>
#include <cmath>
#include <cstdlib>
#include <limits>
#include <type_traits>
#include <utility>

namespace airbyte_cloud::json {
namespace {

// Compact JSON text of a node; `fallback` when there is none or printing failed.
std::string compact_text(const cJSON *node, const char *fallback) {
    char *text = node != nullptr ? cJSON_PrintUnformatted(node) : nullptr;
    if (text == nullptr) return fallback;
    std::string result(text);
    cJSON_free(text);
    return result;
}

}  // namespace

void Document::Deleter::operator()(cJSON *node) const { cJSON_Delete(node); }

StatusOr<Document> Document::parse(std::string_view text, std::string_view what) {
    const char *end = nullptr;
    cJSON *root = cJSON_ParseWithLengthOpts(text.data(), text.size(), &end, false);
    if (root == nullptr) {
        std::size_t offset = end != nullptr && end >= text.data() ? static_cast<std::size_t>(end - text.data()) : 0;
        if (offset > text.size()) offset = text.size();
        std::string excerpt(text.substr(offset, 24));
        for (char &c : excerpt) {
            if (static_cast<unsigned char>(c) < 0x20) c = ' ';
        }
        std::string message = "malformed JSON in " + std::string(what);
        if (text.empty()) {
            message += ": the body is empty";
        } else {
            message += " at byte " + std::to_string(offset);
            if (!excerpt.empty()) message += " near '" + excerpt + "'";
        }
        return ProtocolError(std::move(message));
    }
    return Document(root);
}

StatusOr<Document> Document::parse_whole(std::string_view text, std::string_view what) {
    auto document = parse(text, what);
    if (!document.ok()) return document;
    // cJSON says where a value ends only through a parse, so the end is found with a second one;
    // inputs checked this way are small (configurations a caller typed).
    const char *end = nullptr;
    cJSON_Delete(cJSON_ParseWithLengthOpts(text.data(), text.size(), &end, false));
    std::size_t offset = end != nullptr ? static_cast<std::size_t>(end - text.data()) : text.size();
    while (offset < text.size() &&
           (text[offset] == ' ' || text[offset] == '\t' || text[offset] == '\n' || text[offset] == '\r')) {
        ++offset;
    }
    if (offset < text.size()) {
        return ProtocolError("malformed JSON in " + std::string(what) + " at byte " + std::to_string(offset) +
                             ": unexpected text after the JSON value");
    }
    return document;
}

bool Value::is_null() const { return node_ == nullptr || cJSON_IsNull(node_); }
bool Value::is_object() const { return node_ != nullptr && cJSON_IsObject(node_); }
bool Value::is_array() const { return node_ != nullptr && cJSON_IsArray(node_); }
bool Value::is_string() const { return node_ != nullptr && cJSON_IsString(node_); }

Value Value::get(std::string_view key) const {
    if (!is_object()) return Value();
    for (const cJSON *child = node_->child; child != nullptr; child = child->next) {
        if (child->string != nullptr && key == child->string) return Value(child);
    }
    return Value();
}

std::size_t Value::size() const {
    if (node_ == nullptr || !(cJSON_IsArray(node_) || cJSON_IsObject(node_))) return 0;
    return static_cast<std::size_t>(cJSON_GetArraySize(node_));
}

Value Value::at(std::size_t index) const {
    if (!is_array()) return Value();
    std::size_t i = 0;
    for (const cJSON *child = node_->child; child != nullptr; child = child->next, ++i) {
        if (i == index) return Value(child);
    }
    return Value();
}

std::optional<std::string> Value::string() const {
    if (!is_string() || node_->valuestring == nullptr) return std::nullopt;
    return std::string(node_->valuestring);
}

std::optional<std::int64_t> Value::int64() const {
    if (node_ == nullptr) return std::nullopt;
    if (cJSON_IsNumber(node_)) {
        double v = node_->valuedouble;
        // 2^63 is exactly representable; anything at or past it does not fit.
        if (!std::isfinite(v) || v != std::floor(v) || v >= 9223372036854775808.0 ||
            v < -9223372036854775808.0) {
            return std::nullopt;
        }
        return static_cast<std::int64_t>(v);
    }
    if (cJSON_IsString(node_) && node_->valuestring != nullptr && node_->valuestring[0] != '\0') {
        errno = 0;
        char *end = nullptr;
        long long v = std::strtoll(node_->valuestring, &end, 10);
        if (errno != 0 || end == nullptr || *end != '\0') return std::nullopt;
        return static_cast<std::int64_t>(v);
    }
    return std::nullopt;
}

std::optional<double> Value::number() const {
    if (node_ == nullptr) return std::nullopt;
    if (cJSON_IsNumber(node_)) return node_->valuedouble;
    if (cJSON_IsString(node_) && node_->valuestring != nullptr && node_->valuestring[0] != '\0') {
        char *end = nullptr;
        double v = std::strtod(node_->valuestring, &end);
        if (end == nullptr || *end != '\0') return std::nullopt;
        return v;
    }
    return std::nullopt;
}

std::optional<bool> Value::boolean() const {
    if (node_ == nullptr || !cJSON_IsBool(node_)) return std::nullopt;
    return cJSON_IsTrue(node_) != 0;
}

void Value::for_each_member(const std::function<void(const std::string &, Value)> &fn) const {
    if (!is_object()) return;
    for (const cJSON *child = node_->child; child != nullptr; child = child->next) {
        fn(child->string != nullptr ? child->string : "", Value(child));
    }
}

std::string Value::dump() const { return compact_text(node_, ""); }

namespace {

// The member `field` of `object` read by `read` (an optional-returning accessor of Value), or the
// protocol error naming the field: missing (absent or null), or not `expected`.
template <typename Read>
auto required_member(Value object, std::string_view field, std::string_view context,
                     const char *expected, Read read)
    -> StatusOr<typename std::invoke_result_t<Read, Value>::value_type> {
    Value value = object.get(field);
    const std::string where = std::string(context) + ": field '" + std::string(field) + "' ";
    if (!value.present() || value.is_null())
        return ProtocolError(where + "is missing");
    auto read_value = read(value);
    if (!read_value)
        return ProtocolError(where + "is not " + expected);
    return *std::move(read_value);
}

}  // namespace

StatusOr<std::string> required_string(Value object, std::string_view field,
                                      std::string_view context) {
    return required_member(object, field, context, "a string",
                           [](Value value) { return value.string(); });
}

StatusOr<std::int64_t> required_int64(Value object, std::string_view field, std::string_view context) {
    return required_member(object, field, context, "an integer",
                           [](Value value) { return value.int64(); });
}

Status read_required_strings(Value object, std::string_view context,
                             std::initializer_list<std::pair<std::string_view, std::string *>> fields) {
    for (const auto &[field, target] : fields) {
        StatusOr<std::string> value = required_string(object, field, context);
        if (!value.ok()) return value.status();
        *target = std::move(*value);
    }
    return Status();
}

std::string optional_string(Value object, std::string_view field) {
    return object.get(field).string().value_or("");
}

ObjectBuilder::ObjectBuilder() : node_(cJSON_CreateObject()) {}
ObjectBuilder::ObjectBuilder(Document &&object) : node_(object.release()) {
    if (node_ == nullptr || !cJSON_IsObject(node_)) {
        cJSON_Delete(node_);
        node_ = cJSON_CreateObject();
    }
}
ObjectBuilder::~ObjectBuilder() { cJSON_Delete(node_); }
ObjectBuilder::ObjectBuilder(ObjectBuilder &&other) noexcept : node_(other.node_) { other.node_ = nullptr; }

ObjectBuilder &ObjectBuilder::add(std::string_view key, std::string_view value) {
    std::string k(key), v(value);
    cJSON_AddItemToObject(node_, k.c_str(), cJSON_CreateString(v.c_str()));
    return *this;
}

ObjectBuilder &ObjectBuilder::add(std::string_view key, std::int64_t value) {
    std::string k(key);
    cJSON_AddItemToObject(node_, k.c_str(), cJSON_CreateNumber(static_cast<double>(value)));
    return *this;
}

ObjectBuilder &ObjectBuilder::add(std::string_view key, bool value) {
    std::string k(key);
    cJSON_AddItemToObject(node_, k.c_str(), cJSON_CreateBool(value ? 1 : 0));
    return *this;
}

ObjectBuilder &ObjectBuilder::add(std::string_view key, ObjectBuilder &&child) {
    std::string k(key);
    cJSON_AddItemToObject(node_, k.c_str(), child.release());
    return *this;
}

ObjectBuilder &ObjectBuilder::add(std::string_view key, Document &&child) {
    std::string k(key);
    cJSON_AddItemToObject(node_, k.c_str(), child.release());
    return *this;
}

ObjectBuilder &ObjectBuilder::add(std::string_view key, ArrayBuilder &&child) {
    std::string k(key);
    cJSON_AddItemToObject(node_, k.c_str(), child.release());
    return *this;
}

ObjectBuilder &ObjectBuilder::add_copy(std::string_view key, Value value) {
    if (!value.present()) return *this;
    std::string k(key);
    cJSON_AddItemToObject(node_, k.c_str(), cJSON_Duplicate(value.node(), 1));
    return *this;
}

bool ObjectBuilder::contains(std::string_view key) const { return Value(node_).get(key).present(); }

std::string ObjectBuilder::dump() const { return compact_text(node_, "{}"); }

cJSON *ObjectBuilder::release() { return std::exchange(node_, nullptr); }

ArrayBuilder::ArrayBuilder() : node_(cJSON_CreateArray()) {}
ArrayBuilder::~ArrayBuilder() { cJSON_Delete(node_); }
ArrayBuilder::ArrayBuilder(ArrayBuilder &&other) noexcept : node_(other.node_) { other.node_ = nullptr; }

ArrayBuilder &ArrayBuilder::add(std::string_view value) {
    std::string v(value);
    cJSON_AddItemToArray(node_, cJSON_CreateString(v.c_str()));
    return *this;
}

ArrayBuilder &ArrayBuilder::add(ObjectBuilder &&child) {
    cJSON_AddItemToArray(node_, child.release());
    return *this;
}

ArrayBuilder &ArrayBuilder::add(ArrayBuilder &&child) {
    cJSON_AddItemToArray(node_, child.release());
    return *this;
}

ArrayBuilder &ArrayBuilder::add_copy(Value value) {
    if (value.present()) cJSON_AddItemToArray(node_, cJSON_Duplicate(value.node(), 1));
    return *this;
}

std::size_t ArrayBuilder::size() const { return static_cast<std::size_t>(cJSON_GetArraySize(node_)); }

std::string ArrayBuilder::dump() const { return compact_text(node_, "[]"); }

cJSON *ArrayBuilder::release() { return std::exchange(node_, nullptr); }

}  // namespace airbyte_cloud::json
