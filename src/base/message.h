// Text that goes into error messages and log lines: control characters escaped (a CR/LF in an id
// must not forge a log line) and length bounded (a 1 MiB id must not make a 1 MiB message), with
// the middle elided so both the start and the end stay readable.
#pragma once

#include <cstddef>
#include <cstdio>
#include <string>
#include <string_view>

namespace airbyte_cloud {

inline constexpr std::size_t kMaxMessageBytes = 1024;
inline constexpr std::size_t kMaxValueBytes = 160;

// Appends `c` to `out`, written as \n, \r, \t or \xNN when it is a control character.
inline void append_escaped(std::string &out, char c) {
    const auto byte = static_cast<unsigned char>(c);
    if (byte >= 0x20 && byte != 0x7f) {
        out += c;
    } else if (c == '\n') {
        out += "\\n";
    } else if (c == '\r') {
        out += "\\r";
    } else if (c == '\t') {
        out += "\\t";
    } else {
        char escaped[5];
        std::snprintf(escaped, sizeof escaped, "\\x%02x", byte);
        out += escaped;
    }
}

inline std::string escape_control_characters(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    for (char c : text)
        append_escaped(out, c);
    return out;
}

// Escaped, and at most about `limit` bytes: a longer text keeps its start and end around
// "...(N bytes elided)...". The cut never splits an escape or a UTF-8 sequence.
inline std::string bounded_text(std::string_view text, std::size_t limit) {
    std::string escaped = escape_control_characters(text.substr(0, limit + 1));
    if (text.size() <= limit && escaped.size() <= limit)
        return escaped;
    const std::size_t keep = limit / 2 - 16;  // each side, leaving room for the marker
    auto is_continuation = [&](std::size_t i) {
        return i < text.size() && (static_cast<unsigned char>(text[i]) & 0xc0) == 0x80;
    };
    std::string start;
    std::size_t head = 0;
    for (std::string next; head < text.size(); ++head, start = next) {
        next = start;
        append_escaped(next, text[head]);
        if (next.size() > keep)
            break;
    }
    while (head > 0 && is_continuation(head))
        start.pop_back(), --head;  // ASCII-only bytes here
    std::size_t tail = text.size();
    std::size_t end_bytes = 0;
    while (tail > head) {
        std::string one;
        append_escaped(one, text[tail - 1]);
        if (end_bytes + one.size() > keep)
            break;
        end_bytes += one.size();
        --tail;
    }
    while (is_continuation(tail) && tail < text.size())
        ++tail;
    return start + "...(" + std::to_string(tail - head) + " bytes elided)..." +
           escape_control_characters(text.substr(tail));
}

// A whole message or log line.
inline std::string bounded_message(std::string_view message) {
    return bounded_text(message, kMaxMessageBytes);
}

// A value quoted inside a message (an id, a URL, a name).
inline std::string printable_value(std::string_view value) {
    return bounded_text(value, kMaxValueBytes);
}

}  // namespace airbyte_cloud
