#include "domain/deconfliction/rules.hpp"

#include <algorithm>
#include <fstream>
#include <sstream>

#include "domain/deconfliction/index.hpp"
#include "domain/json.hpp"

namespace liaison::deconfliction {
namespace {

using Pair = std::pair<std::string, std::string>;

Result<std::vector<Pair>> ReadPairs(const json::object& o, std::string_view key) {
  std::vector<Pair> out;
  const json::value* list = o.if_contains(key);
  if (list == nullptr) return out;
  const std::string ptr = "/" + std::string(key);
  if (!list->is_array()) return Error::Invalid(ptr, std::string(key) + " must be an array");
  for (size_t i = 0; i < list->get_array().size(); ++i) {
    const std::string at = ptr + "/" + std::to_string(i);
    const json::value& v = list->get_array()[i];
    if (!v.is_object()) return Error::Invalid(at, "a pair is {\"kinds\": [a, b], \"why\"}");
    const json::object& p = v.get_object();
    const json::value* kinds = p.if_contains("kinds");
    if (kinds == nullptr || !kinds->is_array() || kinds->get_array().size() != 2) {
      return Error::Invalid(at + "/kinds", "kinds must be two activity kinds");
    }
    std::string k[2];
    for (size_t j = 0; j < 2; ++j) {
      const json::value& kv = kinds->get_array()[j];
      if (!kv.is_string()) return Error::Invalid(at + "/kinds", "a kind is a string");
      k[j] = std::string(kv.get_string());
      if (k[j] != "*" &&
          std::find(std::begin(kKinds), std::end(kKinds), k[j]) == std::end(kKinds)) {
        return Error::Invalid(at + "/kinds", "unknown kind " + k[j]);
      }
    }
    if (JsonString(p, "why").empty()) return Error::Invalid(at + "/why", "every pair says why");
    out.emplace_back(k[0], k[1]);
  }
  return out;
}

bool Covers(const Pair& rule, std::string_view a, std::string_view b) {
  auto match = [](const std::string& r, std::string_view k) { return r == "*" || r == k; };
  return (match(rule.first, a) && match(rule.second, b)) ||
         (match(rule.first, b) && match(rule.second, a));
}

}  // namespace

Result<Rules> ParseRules(std::string_view text) {
  auto o = ParseObject(text);
  if (!o) return std::move(o).error();
  Rules r;
  if (const json::value* sp = o->if_contains("same_party")) {
    if (!sp->is_bool()) return Error::Invalid("/same_party", "same_party must be true or false");
    r.same_party = sp->get_bool();
  }
  auto pairs = ReadPairs(*o, "pairs");
  if (!pairs) return std::move(pairs).error();
  auto excluded = ReadPairs(*o, "not_checked");
  if (!excluded) return std::move(excluded).error();
  for (size_t i = 0; i < excluded->size(); ++i) {
    const Pair& x = (*excluded)[i];
    for (const Pair& p : *pairs) {
      if (x.first != "*" && x.second != "*" && Covers(p, x.first, x.second)) {
        return Error::Invalid("/not_checked/" + std::to_string(i),
                              x.first + " against " + x.second + " is also checked by a pair");
      }
    }
  }
  r.table.all_pairs = false;
  r.table.pairs = std::move(*pairs);
  return r;
}

Result<Rules> LoadRules(const std::string& path) {
  std::ifstream in(path);
  if (!in) return Error::NotFound("cannot read " + path);
  std::stringstream text;
  text << in.rdbuf();
  auto r = ParseRules(text.str());
  if (!r) return Error::Invalid(r.error().field, path + ": " + r.error().message);
  return r;
}

}  // namespace liaison::deconfliction
