#include "domain/json.hpp"

#include <algorithm>
#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <cmath>
#include <sstream>
#include <vector>

#include "core/time.hpp"

namespace liaison {
namespace {

void AppendCanonical(const json::value& v, std::string& out) {
  switch (v.kind()) {
    case json::kind::object: {
      const json::object& o = v.get_object();
      std::vector<const json::key_value_pair*> members;
      members.reserve(o.size());
      for (const auto& kv : o) members.push_back(&kv);
      std::sort(members.begin(), members.end(),
                [](auto* a, auto* b) { return a->key() < b->key(); });
      out += '{';
      bool first = true;
      for (const auto* kv : members) {
        if (!first) out += ',';
        first = false;
        out += json::serialize(json::string_view(kv->key()));
        out += ':';
        AppendCanonical(kv->value(), out);
      }
      out += '}';
      break;
    }
    case json::kind::array: {
      out += '[';
      bool first = true;
      for (const auto& e : v.get_array()) {
        if (!first) out += ',';
        first = false;
        AppendCanonical(e, out);
      }
      out += ']';
      break;
    }
    default:
      out += json::serialize(v);
  }
}

std::string Pointer(std::string_view key) { return "/" + std::string(key); }

}  // namespace

std::string CanonicalJson(const json::value& v) {
  std::string out;
  AppendCanonical(v, out);
  return out;
}

Result<json::object> ParseObject(std::string_view text) {
  boost::system::error_code ec;
  json::parse_options opts;
  opts.max_depth = 32;
  json::value v = json::parse(text, ec, {}, opts);
  if (ec) return Error::Invalid("", "the body is not valid JSON: " + ec.message());
  if (!v.is_object()) return Error::Invalid("", "the body must be a JSON object");
  return std::move(v.as_object());
}

json::object ParseStoredBody(std::string_view text) {
  boost::system::error_code ec;
  json::value v = json::parse(text, ec);
  if (ec || !v.is_object()) return {};
  return std::move(v.as_object());
}

bool IsCleanUtf8(std::string_view s) {
  size_t i = 0;
  while (i < s.size()) {
    const auto c = static_cast<unsigned char>(s[i]);
    int extra;
    std::uint32_t cp;
    if (c < 0x80) {
      if (c < 0x20 && c != '\t' && c != '\n' && c != '\r') return false;
      if (c == 0x7f) return false;
      ++i;
      continue;
    } else if ((c & 0xe0) == 0xc0) {
      extra = 1;
      cp = c & 0x1f;
    } else if ((c & 0xf0) == 0xe0) {
      extra = 2;
      cp = c & 0x0f;
    } else if ((c & 0xf8) == 0xf0) {
      extra = 3;
      cp = c & 0x07;
    } else {
      return false;
    }
    if (i + static_cast<size_t>(extra) >= s.size()) return false;
    for (int k = 1; k <= extra; ++k) {
      const auto cc = static_cast<unsigned char>(s[i + k]);
      if ((cc & 0xc0) != 0x80) return false;
      cp = cp << 6 | (cc & 0x3f);
    }
    static constexpr std::uint32_t kMin[] = {0, 0x80, 0x800, 0x10000};
    if (cp < kMin[extra] || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return false;
    i += extra + 1;
  }
  return true;
}

size_t Utf8Length(std::string_view s) {
  return static_cast<size_t>(std::count_if(
      s.begin(), s.end(), [](char c) { return (static_cast<unsigned char>(c) & 0xc0) != 0x80; }));
}

Result<std::optional<std::string>> OptionalString(const json::object& o, std::string_view key,
                                                  StringRule rule) {
  const json::value* v = o.if_contains(key);
  if (v == nullptr || v->is_null()) return std::optional<std::string>();
  if (!v->is_string()) return Error::Invalid(Pointer(key), std::string(key) + " must be a string");
  std::string s(v->get_string());
  if (s.size() > rule.max_bytes) {
    return Error::Invalid(Pointer(key), std::string(key) + " is too long (at most " +
                                            std::to_string(rule.max_bytes) + " bytes)");
  }
  if (!IsCleanUtf8(s)) {
    return Error::Invalid(Pointer(key), std::string(key) + " contains invalid characters");
  }
  if (Utf8Length(s) < rule.min_chars) {
    return Error::Invalid(Pointer(key), std::string(key) + " is too short");
  }
  return std::optional<std::string>(std::move(s));
}

Result<std::string> RequireString(const json::object& o, std::string_view key, StringRule rule) {
  auto r = OptionalString(o, key, rule);
  if (!r) return std::move(r).error();
  if (!r->has_value()) return Error::Invalid(Pointer(key), std::string(key) + " is required");
  return std::move(**r);
}

Result<std::optional<bool>> OptionalBool(const json::object& o, std::string_view key) {
  const json::value* v = o.if_contains(key);
  if (v == nullptr || v->is_null()) return std::optional<bool>();
  if (!v->is_bool())
    return Error::Invalid(Pointer(key), std::string(key) + " must be true or false");
  return std::optional<bool>(v->get_bool());
}

Result<std::optional<std::int64_t>> OptionalInt(const json::object& o, std::string_view key,
                                                std::int64_t min, std::int64_t max) {
  const json::value* v = o.if_contains(key);
  if (v == nullptr || v->is_null()) return std::optional<std::int64_t>();
  std::optional<std::int64_t> n;
  if (v->is_int64()) {
    n = v->get_int64();
  } else if (v->is_uint64() && v->get_uint64() <= static_cast<std::uint64_t>(INT64_MAX)) {
    n = static_cast<std::int64_t>(v->get_uint64());
  } else if (v->is_double()) {
    const double d = v->get_double();
    if (d == std::floor(d) && std::abs(d) < 9e15) n = static_cast<std::int64_t>(d);
  }
  if (!n || *n < min || *n > max) {
    return Error::Invalid(Pointer(key), std::string(key) + " must be a whole number from " +
                                            std::to_string(min) + " to " + std::to_string(max));
  }
  return n;
}

Result<std::optional<double>> OptionalNumber(const json::object& o, std::string_view key,
                                             double min, double max) {
  const json::value* v = o.if_contains(key);
  if (v == nullptr || v->is_null()) return std::optional<double>();
  const double d = v->is_double()   ? v->get_double()
                   : v->is_int64()  ? static_cast<double>(v->get_int64())
                   : v->is_uint64() ? static_cast<double>(v->get_uint64())
                                    : std::nan("");
  if (!std::isfinite(d) || d < min || d > max) {
    std::ostringstream range;
    range << min << " to " << max;
    return Error::Invalid(Pointer(key), std::string(key) + " must be a number from " + range.str());
  }
  return std::optional<double>(d);
}

Result<std::optional<std::int64_t>> OptionalTime(const json::object& o, std::string_view key) {
  auto s = OptionalString(o, key, {1, 64});
  if (!s) return std::move(s).error();
  if (!s->has_value()) return std::optional<std::int64_t>();
  auto t = ParseRfc3339(**s);
  if (!t) {
    return Error::Invalid(Pointer(key), std::string(key) +
                                            " must be an RFC 3339 date-time, e.g. "
                                            "2026-11-21T08:00:00Z");
  }
  return std::optional<std::int64_t>(*t);
}

Error Nested(Error e, std::string_view parent_pointer) {
  e.field = std::string(parent_pointer) + e.field;
  return e;
}

Status OnlyKnownFields(const json::object& o, std::initializer_list<std::string_view> allowed) {
  return OnlyKnownFields(o, std::span<const std::string_view>(allowed.begin(), allowed.size()));
}

Status OnlyKnownFields(const json::object& o, std::span<const std::string_view> allowed) {
  for (const auto& kv : o) {
    const std::string_view k(kv.key().data(), kv.key().size());
    if (std::find(allowed.begin(), allowed.end(), k) == allowed.end()) {
      return Error::Invalid(Pointer(k), "unknown field " + std::string(k));
    }
  }
  return OkStatus();
}

Status CheckIdentifier(std::string_view value, std::string_view field, size_t max) {
  const std::string ptr = Pointer(field);
  if (value.empty() || value.size() > max) {
    return Error::Invalid(
        ptr, std::string(field) + " must be 1 to " + std::to_string(max) + " characters");
  }
  if (!(value[0] >= 'a' && value[0] <= 'z')) {
    return Error::Invalid(ptr, std::string(field) + " must start with a lower-case letter");
  }
  for (char c : value) {
    const bool ok = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' || c == '-' ||
                    c == '_' || c == '/';
    if (!ok) {
      return Error::Invalid(ptr,
                            std::string(field) + " may hold only a-z, 0-9 and . - _ / characters");
    }
  }
  return OkStatus();
}

std::string JsonString(const json::object& o, std::string_view key) {
  const json::value* v = o.if_contains(key);
  if (v == nullptr || !v->is_string()) return {};
  return std::string(v->get_string());
}

}  // namespace liaison
