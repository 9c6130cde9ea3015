// Small RAII layer over cJSON: one owning handle type (Json) plus read accessors that
// tolerate missing or mistyped members, so handlers never touch raw cJSON ownership.
#pragma once

#include <cjson/cJSON.h>

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

namespace emulator {

class Json {
public:
    Json() = default;
    explicit Json(cJSON *adopted) : node_(adopted) {}
    Json(const Json &other);
    Json &operator=(const Json &other);
    Json(Json &&) noexcept = default;
    Json &operator=(Json &&) noexcept = default;
    ~Json() = default;

    static Json object();
    static Json array();
    static Json string(std::string_view text);
    static Json integer(int64_t value);
    static Json number(double value);
    static Json boolean(bool value);
    static Json null();
    // Deep copy of a node owned elsewhere (nullptr gives an empty handle).
    static Json copy_of(const cJSON *node);
    // Returns an empty handle when text is not valid JSON.
    static Json parse(std::string_view text);

    cJSON *get() const { return node_.get(); }
    cJSON *release() { return node_.release(); }
    explicit operator bool() const { return node_ != nullptr; }
    bool is_object() const { return node_ && cJSON_IsObject(node_.get()); }
    bool is_array() const { return node_ && cJSON_IsArray(node_.get()); }

    // Object building: each replaces an existing member of the same name.
    Json &set(const char *key, Json value);
    Json &set_string(const char *key, std::string_view value);
    Json &set_integer(const char *key, int64_t value);
    Json &set_number(const char *key, double value);
    Json &set_bool(const char *key, bool value);
    Json &set_null(const char *key);
    void remove(const char *key);
    // Array building.
    Json &push(Json value);

    std::string dump() const;

private:
    struct Deleter {
        void operator()(cJSON *node) const { cJSON_Delete(node); }
    };
    std::unique_ptr<cJSON, Deleter> node_;
};

// Read accessors on nodes owned elsewhere; all return nullopt/nullptr for absent or wrong types.
const cJSON *json_member(const cJSON *object, const char *key);
std::optional<std::string> json_string(const cJSON *object, const char *key);
// Integral numbers only (1.5 is not an integer; 2.0 is).
std::optional<int64_t> json_integer(const cJSON *object, const char *key);
std::optional<bool> json_bool(const cJSON *object, const char *key);
bool json_is_integral(const cJSON *node);
int64_t json_node_integer(const cJSON *node);
std::string json_dump(const cJSON *node);

}  // namespace emulator
