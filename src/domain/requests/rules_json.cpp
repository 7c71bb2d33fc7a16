// ParseRules: the JSON side of rules.hpp, kept apart so the evaluator stays
// free of JSON. The format is specified in docs/coordination-rules.md.
#include <algorithm>
#include <array>
#include <boost/json/parse.hpp>
#include <set>
#include <string>

#include "domain/json.hpp"
#include "domain/requests/rules.hpp"

namespace liaison::requests {
namespace {

constexpr int kVersion = 1;
// Rules nest three deep ({"rules": [{"types": [...]}]}); anything far deeper is not a rules file.
constexpr size_t kMaxDepth = 16;
// The longest id, party or area code accepted; ids show up in request records.
constexpr size_t kMaxNameBytes = 64;
// Request types (docs/requests.md). A type missing here cannot be named in a rule.
constexpr std::array<std::string_view, 7> kTypes = {
    "movement", "activity", "medical", "joint", "notification", "information", "other"};
// Area codes produced by OsloAreaCode from the shipped layer, and "outside".
constexpr std::array<std::string_view, 8> kAreas = {"A",  "B",  "C",   "H1",
                                                    "H2", "EJ", "NML", kOutsideArea};
constexpr std::array<std::string_view, 3> kRequirements = {"none", "notification", "approval"};

template <size_t N>
bool OneOf(std::string_view s, const std::array<std::string_view, N>& values) {
  return std::find(values.begin(), values.end(), s) != values.end();
}

std::string Index(const std::string& pointer, size_t i) {
  return pointer + "/" + std::to_string(i);
}

// A party id: a lower-case letter, then lower-case letters, digits and "._-".
bool IsPartyId(std::string_view s) {
  if (s.empty() || s.size() > kMaxNameBytes || s[0] < 'a' || s[0] > 'z') return false;
  return std::all_of(s.begin(), s.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' || c == '_' || c == '-';
  });
}

Result<std::string> ReadString(const json::value& v, const std::string& pointer,
                               std::string_view what) {
  if (!v.is_string()) return Error::Invalid(pointer, std::string(what) + " must be a string");
  std::string s(v.get_string());
  if (!IsCleanUtf8(s)) {
    return Error::Invalid(pointer, std::string(what) + " contains invalid characters");
  }
  return s;
}

// An optional array of strings, each checked by `check` (which returns an
// error message, empty when the string is acceptable).
template <class Check>
Result<std::vector<std::string>> ReadStrings(const json::object& o, std::string_view key,
                                             const std::string& pointer, Check check) {
  std::vector<std::string> out;
  const json::value* v = o.if_contains(key);
  if (v == nullptr) return out;
  const std::string member = pointer + "/" + std::string(key);
  if (!v->is_array()) {
    return Error::Invalid(member, std::string(key) + " must be an array of strings");
  }
  const json::array& a = v->get_array();
  for (size_t i = 0; i < a.size(); ++i) {
    auto s = ReadString(a[i], Index(member, i), key);
    if (!s) return std::move(s).error();
    if (std::string problem = check(*s); !problem.empty()) {
      return Error::Invalid(Index(member, i), std::move(problem));
    }
    out.push_back(std::move(*s));
  }
  return out;
}

Result<Rule> ReadRule(const json::value& v, const std::string& pointer) {
  const json::object* o = v.if_object();
  if (o == nullptr) return Error::Invalid(pointer, "a rule must be an object");
  if (Status known = OnlyKnownFields(*o, {"id", "from_parties", "types", "areas", "armed",
                                          "requirement", "party", "basis", "summary_en"});
      !known) {
    Error e = std::move(known).error();
    e.field = pointer + e.field;
    return e;
  }
  Rule rule;

  const json::value* id = o->if_contains("id");
  if (id == nullptr) return Error::Invalid(pointer + "/id", "id is required");
  auto id_text = ReadString(*id, pointer + "/id", "id");
  if (!id_text) return std::move(id_text).error();
  if (id_text->empty() || id_text->size() > kMaxNameBytes) {
    return Error::Invalid(pointer + "/id", "id must be 1 to 64 characters");
  }
  rule.id = std::move(*id_text);

  auto from = ReadStrings(*o, "from_parties", pointer, [](const std::string& s) {
    return s == kAnyParty || IsPartyId(s) ? std::string() : "a party must be a party id or \"*\"";
  });
  if (!from) return std::move(from).error();
  rule.from_parties = std::move(*from);

  auto types = ReadStrings(*o, "types", pointer, [](const std::string& s) {
    return OneOf(s, kTypes) ? std::string()
                            : "unknown request type (movement, activity, medical, joint, "
                              "notification, information or other)";
  });
  if (!types) return std::move(types).error();
  rule.types = std::move(*types);

  auto areas = ReadStrings(*o, "areas", pointer, [](const std::string& s) {
    return OneOf(s, kAreas) ? std::string() : "unknown area (A, B, C, H1, H2, EJ, NML or outside)";
  });
  if (!areas) return std::move(areas).error();
  rule.areas = std::move(*areas);

  if (const json::value* armed = o->if_contains("armed"); armed != nullptr && !armed->is_null()) {
    if (!armed->is_bool()) {
      return Error::Invalid(pointer + "/armed", "armed must be true, false or null");
    }
    rule.armed = armed->get_bool();
  }

  const json::value* requirement = o->if_contains("requirement");
  if (requirement == nullptr) {
    return Error::Invalid(pointer + "/requirement", "requirement is required");
  }
  auto requirement_name = ReadString(*requirement, pointer + "/requirement", "requirement");
  if (!requirement_name) return std::move(requirement_name).error();
  const auto it = std::find(kRequirements.begin(), kRequirements.end(), *requirement_name);
  if (it == kRequirements.end()) {
    return Error::Invalid(pointer + "/requirement",
                          "requirement must be none, notification or approval");
  }
  rule.requirement = static_cast<Requirement>(it - kRequirements.begin());

  const json::value* party = o->if_contains("party");
  if (party == nullptr) return Error::Invalid(pointer + "/party", "party is required");
  auto party_text = ReadString(*party, pointer + "/party", "party");
  if (!party_text) return std::move(party_text).error();
  if (*party_text != kToParty && !IsPartyId(*party_text)) {
    return Error::Invalid(pointer + "/party", "party must be a party id or \"$to\"");
  }
  rule.party = std::move(*party_text);

  auto basis = ReadStrings(*o, "basis", pointer, [](const std::string& s) {
    return s.empty() ? "a citation must not be empty" : std::string();
  });
  if (!basis) return std::move(basis).error();
  rule.basis = std::move(*basis);

  if (const json::value* summary = o->if_contains("summary_en"); summary != nullptr) {
    auto text = ReadString(*summary, pointer + "/summary_en", "summary_en");
    if (!text) return std::move(text).error();
    rule.summary_en = std::move(*text);
  }
  return rule;
}

}  // namespace

Result<RuleSet> ParseRules(std::string_view json_text) {
  boost::system::error_code ec;
  json::parse_options options;
  options.max_depth = kMaxDepth;
  const json::value doc = json::parse(json_text, ec, {}, options);
  if (ec) return Error::Invalid("", "the rules are not valid JSON: " + ec.message());
  const json::object* root = doc.if_object();
  if (root == nullptr) return Error::Invalid("", "the rules must be a JSON object");
  if (Status known = OnlyKnownFields(*root, {"version", "rules"}); !known) {
    return std::move(known).error();
  }
  RuleSet set;
  const json::value* version = root->if_contains("version");
  if (version == nullptr) return Error::Invalid("/version", "version is required");
  if (!version->is_int64() || version->get_int64() != kVersion) {
    return Error::Invalid("/version", "version must be 1");
  }
  set.version = kVersion;

  const json::value* rules = root->if_contains("rules");
  if (rules == nullptr || !rules->is_array()) {
    return Error::Invalid("/rules", "rules must be an array");
  }
  std::set<std::string> ids;
  const json::array& a = rules->get_array();
  set.rules.reserve(a.size());
  for (size_t i = 0; i < a.size(); ++i) {
    const std::string pointer = Index("/rules", i);
    auto rule = ReadRule(a[i], pointer);
    if (!rule) return std::move(rule).error();
    if (!ids.insert(rule->id).second) {
      return Error::Invalid(pointer + "/id", "duplicate rule id " + rule->id);
    }
    set.rules.push_back(std::move(*rule));
  }
  return set;
}

}  // namespace liaison::requests
