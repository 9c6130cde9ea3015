// JSON in and out, over cJSON. Reading is lenient where real servers are loose (numbers sent as
// strings) and strict about shape: a missing or mistyped required field is a protocol error that
// names the field. Note cJSON keeps numbers as double: integers above 2^53 lose precision.
#pragma once

#include <cstdint>
#include <functional>
#include <initializer_list>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>

#include "base/status.h"

struct cJSON;

namespace airbyte_cloud::json {

// A read-only view of one node inside a Document; valid while the Document lives. A view of a
// missing member is "absent": every getter on it returns nullopt / empty.
class Value {
public:
    Value() = default;
    explicit Value(const cJSON *node) : node_(node) {}

    bool present() const { return node_ != nullptr; }
    bool is_null() const;  // absent or JSON null
    bool is_object() const;
    bool is_array() const;
    bool is_string() const;

    Value get(std::string_view key) const;  // object member (case-sensitive); absent if none
    std::size_t size() const;               // array length or member count; 0 otherwise
    Value at(std::size_t index) const;      // array element; absent if out of range

    std::optional<std::string> string() const;    // a JSON string
    std::optional<std::int64_t> int64() const;    // an integral number, or a string of digits
    std::optional<double> number() const;         // a number, or a numeric string
    std::optional<bool> boolean() const;

    // Calls fn(name, value) for each member of an object, in document order.
    void for_each_member(const std::function<void(const std::string &, Value)> &fn) const;

    std::string dump() const;  // compact JSON text of this node ("" when absent)

    const cJSON *node() const { return node_; }

private:
    const cJSON *node_ = nullptr;
};

class Document {
public:
    Document() = default;
    // Parses `text`. On failure: kProtocol "malformed JSON in <what> at byte N: <excerpt>".
    static StatusOr<Document> parse(std::string_view text, std::string_view what);
    // Like parse(), and also fails when anything but white space follows the JSON value
    // ("... in <what> at byte N: unexpected text after the JSON value").
    static StatusOr<Document> parse_whole(std::string_view text, std::string_view what);

    Value root() const { return Value(root_.get()); }
    cJSON *release() { return root_.release(); }

private:
    struct Deleter {
        void operator()(cJSON *node) const;
    };
    explicit Document(cJSON *root) : root_(root) {}
    std::unique_ptr<cJSON, Deleter> root_;
};

// Field readers that turn a missing or mistyped field into a kProtocol Status naming the field
// and the context, e.g. "job response: field 'jobId' is missing".
StatusOr<std::string> required_string(Value object, std::string_view field, std::string_view context);
StatusOr<std::int64_t> required_int64(Value object, std::string_view field, std::string_view context);
std::string optional_string(Value object, std::string_view field);  // "" when absent or not a string
// Reads required string fields into their targets, in order; the first missing or mistyped one
// is the error (as required_string's).
Status read_required_strings(Value object, std::string_view context,
                             std::initializer_list<std::pair<std::string_view, std::string *>> fields);

class ArrayBuilder;

// Builds a JSON object for a request body.
class ObjectBuilder {
public:
    ObjectBuilder();
    // Continues building on a parsed object (taking its tree); an empty object when the document's
    // root is not an object.
    explicit ObjectBuilder(Document &&object);
    ~ObjectBuilder();
    ObjectBuilder(ObjectBuilder &&other) noexcept;
    ObjectBuilder(const ObjectBuilder &) = delete;
    ObjectBuilder &operator=(const ObjectBuilder &) = delete;

    ObjectBuilder &add(std::string_view key, std::string_view value);
    ObjectBuilder &add(std::string_view key, const char *value) { return add(key, std::string_view(value)); }
    ObjectBuilder &add(std::string_view key, std::int64_t value);
    ObjectBuilder &add(std::string_view key, int value) { return add(key, static_cast<std::int64_t>(value)); }
    ObjectBuilder &add(std::string_view key, bool value);
    ObjectBuilder &add(std::string_view key, ObjectBuilder &&child);
    // Adds a parsed document (taking its tree) under key.
    ObjectBuilder &add(std::string_view key, Document &&child);
    ObjectBuilder &add(std::string_view key, ArrayBuilder &&child);
    // Adds a deep copy of a node of another document (nothing when `value` is absent).
    ObjectBuilder &add_copy(std::string_view key, Value value);
    bool contains(std::string_view key) const;
    Value view() const { return Value(node_); }

    std::string dump() const;
    cJSON *release();

private:
    cJSON *node_;
};

// Builds a JSON array for a request body.
class ArrayBuilder {
public:
    ArrayBuilder();
    ~ArrayBuilder();
    ArrayBuilder(ArrayBuilder &&other) noexcept;
    ArrayBuilder(const ArrayBuilder &) = delete;
    ArrayBuilder &operator=(const ArrayBuilder &) = delete;

    ArrayBuilder &add(std::string_view value);
    ArrayBuilder &add(ObjectBuilder &&child);
    ArrayBuilder &add(ArrayBuilder &&child);
    ArrayBuilder &add_copy(Value value);  // a deep copy; nothing when `value` is absent

    std::size_t size() const;
    std::string dump() const;
    cJSON *release();

private:
    cJSON *node_;
};

}  // namespace airbyte_cloud::json
