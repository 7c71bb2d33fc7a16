// JSON helpers for the domain: the canonical encoding of event bodies and
// field readers that report the field at fault as a JSON Pointer.
#pragma once

#include <boost/json/object.hpp>
#include <boost/json/value.hpp>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>

#include "core/result.hpp"

namespace liaison {

namespace json = boost::json;

// Canonical JSON: object members sorted by key (bytewise), no insignificant
// whitespace, strings as Boost.JSON escapes them (UTF-8 kept as is), integers
// in decimal. The same value always encodes to the same bytes, which the
// audit leaf hash depends on. See docs/audit-format.md.
std::string CanonicalJson(const json::value& v);

// Parses a request body; an Error names what is wrong.
Result<json::object> ParseObject(std::string_view text);
// Parses a stored (trusted) event body.
json::object ParseStoredBody(std::string_view text);

struct StringRule {
  size_t min_chars = 1;
  size_t max_bytes = 256;
};

// Field readers. `pointer_prefix` is prepended to the field name in errors.
Result<std::string> RequireString(const json::object& o, std::string_view key,
                                  StringRule rule = {});
Result<std::optional<std::string>> OptionalString(const json::object& o, std::string_view key,
                                                  StringRule rule = {});
Result<std::optional<bool>> OptionalBool(const json::object& o, std::string_view key);
// Integers and numbers within [min, max]; a number with a fraction is not an
// integer.
Result<std::optional<std::int64_t>> OptionalInt(const json::object& o, std::string_view key,
                                                std::int64_t min, std::int64_t max);
Result<std::optional<double>> OptionalNumber(const json::object& o, std::string_view key,
                                             double min, double max);
// An RFC 3339 date-time, as microseconds.
Result<std::optional<std::int64_t>> OptionalTime(const json::object& o, std::string_view key);

// The error of a nested member, its field prefixed with the JSON Pointer of
// its parent ("/movement" + "/personnel").
Error Nested(Error e, std::string_view parent_pointer);

// Rejects members not in `allowed`, naming the first unknown one.
Status OnlyKnownFields(const json::object& o, std::initializer_list<std::string_view> allowed);
Status OnlyKnownFields(const json::object& o, std::span<const std::string_view> allowed);

// An identifier: lower-case ASCII letters, digits and ".-_/", 1..max chars,
// starting with a letter.
Status CheckIdentifier(std::string_view value, std::string_view field, size_t max = 64);

// True when s is valid UTF-8 without control characters other than \t\n\r.
bool IsCleanUtf8(std::string_view s);
// Number of Unicode code points in valid UTF-8.
size_t Utf8Length(std::string_view s);

std::string JsonString(const json::object& o, std::string_view key);

}  // namespace liaison
