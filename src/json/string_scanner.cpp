#include "json/string_scanner.h"

namespace airbyte_cloud::json {
namespace {

bool is_space(char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

bool is_literal_char(char c) {
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || c == '-' || c == '+' || c == '.' ||
           c == 'E';
}

int hex_value(char c) {
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

char simple_escape(char c) {
    switch (c) {
        case '"':
            return '"';
        case '\\':
            return '\\';
        case '/':
            return '/';
        case 'b':
            return '\b';
        case 'f':
            return '\f';
        case 'n':
            return '\n';
        case 'r':
            return '\r';
        case 't':
            return '\t';
        default:
            return 0;
    }
}

}  // namespace

StringScanner::StringScanner(StringFunction on_string, std::string_view what,
                             std::size_t max_string_bytes)
    : on_string_(std::move(on_string)), what_(what), max_string_bytes_(max_string_bytes) {}

Status StringScanner::error(std::string_view problem) const {
    return ProtocolError("malformed JSON in " + what_ + " at byte " + std::to_string(offset_) +
                         ": " + std::string(problem));
}

Status StringScanner::feed(std::string_view piece) {
    for (char c : piece) {
        Status status = step(c);
        if (!status.ok())
            return status;
        ++offset_;
    }
    return Status();
}

Status StringScanner::finish() {
    if (mode_ == Mode::kLiteral && containers_.empty())
        done_ = true;
    if (!done_)
        return error("the document ends inside a value");
    return Status();
}

Status StringScanner::step(char c) {
    switch (mode_) {
        case Mode::kString:
            if (c == '"')
                return end_string();
            if (c == '\\') {
                mode_ = Mode::kEscape;
                return Status();
            }
            if (static_cast<unsigned char>(c) < 0x20)
                return error("a control character in a string");
            if (text_.size() >= max_string_bytes_)
                return error("a string longer than the limit");
            text_.push_back(c);
            return Status();
        case Mode::kEscape:
            if (c == 'u') {
                mode_ = Mode::kUnicode;
                unicode_ = 0;
                unicode_digits_ = 0;
                return Status();
            }
            if (simple_escape(c) == 0)
                return error("an unknown escape in a string");
            text_.push_back(simple_escape(c));
            mode_ = Mode::kString;
            return Status();
        case Mode::kUnicode: {
            const int digit = hex_value(c);
            if (digit < 0)
                return error("a bad \\u escape");
            unicode_ = unicode_ * 16 + static_cast<std::uint32_t>(digit);
            if (++unicode_digits_ < 4)
                return Status();
            mode_ = Mode::kString;
            if (!append_code_point(unicode_))
                return error("an unpaired surrogate in a \\u escape");
            return Status();
        }
        case Mode::kLiteral:
            if (is_literal_char(c))
                return Status();
            close_value();
            return after_value(c);
        case Mode::kValue:
            return begin_value(c);
        default:
            return after_value(c);
    }
}

bool StringScanner::append_code_point(std::uint32_t code_point) {
    if (code_point >= 0xD800 && code_point < 0xDC00) {
        high_surrogate_ = code_point;
        return true;
    }
    if (code_point >= 0xDC00 && code_point < 0xE000) {
        if (high_surrogate_ == 0)
            return false;
        code_point = 0x10000 + ((high_surrogate_ - 0xD800) << 10) + (code_point - 0xDC00);
    } else if (high_surrogate_ != 0) {
        return false;
    }
    high_surrogate_ = 0;
    if (code_point < 0x80) {
        text_.push_back(static_cast<char>(code_point));
    } else if (code_point < 0x800) {
        text_.push_back(static_cast<char>(0xC0 | (code_point >> 6)));
        text_.push_back(static_cast<char>(0x80 | (code_point & 0x3F)));
    } else if (code_point < 0x10000) {
        text_.push_back(static_cast<char>(0xE0 | (code_point >> 12)));
        text_.push_back(static_cast<char>(0x80 | ((code_point >> 6) & 0x3F)));
        text_.push_back(static_cast<char>(0x80 | (code_point & 0x3F)));
    } else {
        text_.push_back(static_cast<char>(0xF0 | (code_point >> 18)));
        text_.push_back(static_cast<char>(0x80 | ((code_point >> 12) & 0x3F)));
        text_.push_back(static_cast<char>(0x80 | ((code_point >> 6) & 0x3F)));
        text_.push_back(static_cast<char>(0x80 | (code_point & 0x3F)));
    }
    return true;
}

Status StringScanner::begin_value(char c) {
    if (is_space(c))
        return Status();
    if (done_)
        return error("text after the JSON value");
    if (c == '"') {
        mode_ = Mode::kString;
        reading_key_ = false;
        text_.clear();
        return Status();
    }
    if (c == '{' || c == '[') {
        containers_.push_back(c);
        path_.emplace_back(c == '[' ? "[]" : "");
        mode_ = c == '{' ? Mode::kKeyOrEnd : Mode::kValue;
        return Status();
    }
    if (c == ']' && !containers_.empty() && containers_.back() == '[')
        return after_value(c);
    if (!is_literal_char(c))
        return error(std::string("unexpected '") + c + "'");
    mode_ = Mode::kLiteral;
    return Status();
}

Status StringScanner::end_string() {
    if (high_surrogate_ != 0)
        return error("an unpaired surrogate in a \\u escape");
    if (reading_key_) {
        path_.back() = text_;
        mode_ = Mode::kColon;
        return Status();
    }
    if (!on_string_(path_, text_))
        return Status(StatusCode::kCancelled, "stopped by the reader");
    close_value();
    return Status();
}

void StringScanner::close_value() {
    mode_ = Mode::kAfterValue;
    if (containers_.empty())
        done_ = true;
}

Status StringScanner::after_value(char c) {
    if (is_space(c))
        return Status();
    const char container = containers_.empty() ? 0 : containers_.back();
    if (mode_ == Mode::kColon) {
        if (c != ':')
            return error("expected ':' after a member name");
        mode_ = Mode::kValue;
        return Status();
    }
    if (mode_ == Mode::kKeyOrEnd && c == '"') {
        mode_ = Mode::kString;
        reading_key_ = true;
        text_.clear();
        return Status();
    }
    if ((c == '}' && container == '{') || (c == ']' && container == '[')) {
        containers_.pop_back();
        path_.pop_back();
        close_value();
        return Status();
    }
    if (c == ',' && mode_ == Mode::kAfterValue && container != 0) {
        mode_ = container == '{' ? Mode::kKeyOrEnd : Mode::kValue;
        return Status();
    }
    if (done_)
        return error("text after the JSON value");
    return error(std::string("unexpected '") + c + "'");
}

}  // namespace airbyte_cloud::json
