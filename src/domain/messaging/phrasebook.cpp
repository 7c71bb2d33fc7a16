#include "domain/messaging/phrasebook.hpp"

#include <algorithm>
#include <cstdlib>
#include <set>

namespace liaison::messaging {
namespace {

constexpr size_t kMaxTextChars = 100;
constexpr size_t kMaxRefBytes = 32;
constexpr std::int64_t kMaxCount = 1'000'000;
constexpr std::int64_t kMaxMinutes = 7 * 24 * 60;
constexpr size_t kMaxKeyBytes = 64;

bool IsNameStart(char c) { return c >= 'a' && c <= 'z'; }
bool IsNameChar(char c) { return IsNameStart(c) || (c >= '0' && c <= '9') || c == '_'; }

bool IsName(std::string_view s) {
  return !s.empty() && s.size() <= kMaxKeyBytes && IsNameStart(s[0]) &&
         std::all_of(s.begin(), s.end(), IsNameChar);
}

bool IsDigit(char c) { return c >= '0' && c <= '9'; }

size_t CodePoints(std::string_view s) {
  return static_cast<size_t>(std::count_if(
      s.begin(), s.end(), [](char c) { return (static_cast<unsigned char>(c) & 0xc0) != 0x80; }));
}

// One line of printable text: no control characters at all (a parameter
// sits inside a sentence), and not blank.
bool IsOneLine(std::string_view s) {
  bool blank = true;
  for (char c : s) {
    const auto u = static_cast<unsigned char>(c);
    if (u < 0x20 || u == 0x7f) return false;
    if (c != ' ') blank = false;
  }
  return !blank;
}

bool IsTime(std::string_view s) {
  if (s.size() != 5 || s[2] != ':' || !IsDigit(s[0]) || !IsDigit(s[1]) || !IsDigit(s[3]) ||
      !IsDigit(s[4])) {
    return false;
  }
  const int h = (s[0] - '0') * 10 + (s[1] - '0');
  const int m = (s[3] - '0') * 10 + (s[4] - '0');
  return h < 24 && m < 60;
}

// A record id: two to eight capital letters, then one or more groups of
// "-" and digits (REQ-2026-000012, SITE-000001).
bool IsRef(std::string_view s) {
  if (s.size() > kMaxRefBytes) return false;
  size_t i = 0;
  while (i < s.size() && s[i] >= 'A' && s[i] <= 'Z') ++i;
  if (i < 2 || i > 8 || i == s.size()) return false;
  while (i < s.size()) {
    if (s[i] != '-') return false;
    const size_t start = ++i;
    while (i < s.size() && IsDigit(s[i])) ++i;
    if (i == start) return false;
  }
  return true;
}

Status CheckArgument(const Param& p, const Argument& a) {
  const std::string field = "/params/" + p.name;
  const auto* s = std::get_if<std::string>(&a);
  const auto* n = std::get_if<std::int64_t>(&a);
  switch (p.kind) {
    case ParamKind::kText:
      if (s && IsOneLine(*s) && CodePoints(*s) <= kMaxTextChars) return OkStatus();
      return Error::Invalid(field, p.name + " must be text of 1 to 100 characters on one line");
    case ParamKind::kCount:
      if (n && *n >= 0 && *n <= kMaxCount) return OkStatus();
      return Error::Invalid(field, p.name + " must be a whole number from 0 to 1000000");
    case ParamKind::kMinutes:
      if (n && *n >= 0 && *n <= kMaxMinutes) return OkStatus();
      return Error::Invalid(field, p.name + " must be a whole number of minutes from 0 to 10080");
    case ParamKind::kTime:
      if (s && IsTime(*s)) return OkStatus();
      return Error::Invalid(field, p.name + " must be a time of day as HH:MM, e.g. 14:30");
    case ParamKind::kRef:
      if (s && IsRef(*s)) return OkStatus();
      return Error::Invalid(field, p.name + " must be a record id such as REQ-2026-000012");
  }
  return Error::Invalid(field, "unknown parameter kind");
}

std::string ArgumentText(const Argument& a) {
  if (const auto* n = std::get_if<std::int64_t>(&a)) return std::to_string(*n);
  if (const auto* s = std::get_if<std::string>(&a)) return *s;
  return {};
}

}  // namespace

std::string_view LangCode(Lang l) {
  switch (l) {
    case Lang::kEn:
      return "en";
    case Lang::kAr:
      return "ar";
    case Lang::kHe:
      return "he";
  }
  return "en";
}

std::optional<Lang> ParseLang(std::string_view code) {
  for (Lang l : kAllLangs) {
    if (LangCode(l) == code) return l;
  }
  return std::nullopt;
}

std::optional<Lang> PreferredLang(std::string_view header) {
  struct Range {
    std::optional<Lang> lang;
    double q;
  };
  std::vector<Range> ranges;
  while (!header.empty()) {
    const size_t comma = header.find(',');
    std::string_view item = header.substr(0, comma);
    header = comma == std::string_view::npos ? std::string_view() : header.substr(comma + 1);
    const size_t semi = item.find(';');
    std::string_view tag = item.substr(0, semi);
    while (!tag.empty() && (tag.front() == ' ' || tag.front() == '\t')) tag.remove_prefix(1);
    while (!tag.empty() && (tag.back() == ' ' || tag.back() == '\t')) tag.remove_suffix(1);
    std::string primary(tag.substr(0, tag.find('-')));
    std::transform(primary.begin(), primary.end(), primary.begin(),
                   [](char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c + 32) : c; });
    double q = 1;
    if (semi != std::string_view::npos) {
      std::string_view params = item.substr(semi + 1);
      while (!params.empty() && params.front() == ' ') params.remove_prefix(1);
      if (params.starts_with("q=") || params.starts_with("Q=")) {
        const std::string value(params.substr(2, params.find(';', 2) - 2));
        char* end = nullptr;
        q = std::strtod(value.c_str(), &end);
        if (end == value.c_str()) q = 0;
      }
    }
    ranges.push_back({ParseLang(primary), q});
  }
  std::stable_sort(ranges.begin(), ranges.end(),
                   [](const Range& a, const Range& b) { return a.q > b.q; });
  for (const Range& r : ranges) {
    if (r.lang && r.q > 0) return r.lang;
  }
  return std::nullopt;
}

std::string_view ParamKindName(ParamKind k) {
  switch (k) {
    case ParamKind::kText:
      return "text";
    case ParamKind::kCount:
      return "count";
    case ParamKind::kTime:
      return "time";
    case ParamKind::kMinutes:
      return "minutes";
    case ParamKind::kRef:
      return "ref";
  }
  return "text";
}

std::optional<ParamKind> ParseParamKind(std::string_view name) {
  for (ParamKind k : {ParamKind::kText, ParamKind::kCount, ParamKind::kTime, ParamKind::kMinutes,
                      ParamKind::kRef}) {
    if (ParamKindName(k) == name) return k;
  }
  return std::nullopt;
}

Result<std::vector<std::string>> Placeholders(std::string_view text) {
  std::vector<std::string> names;
  for (size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '}') return Error::Invalid("", "a '}' closes no placeholder");
    if (text[i] != '{') continue;
    const size_t close = text.find('}', i + 1);
    if (close == std::string_view::npos) return Error::Invalid("", "a '{' is not closed");
    const std::string_view name = text.substr(i + 1, close - i - 1);
    if (!IsName(name)) {
      return Error::Invalid("", "'{" + std::string(name) + "}' is not a placeholder name");
    }
    names.emplace_back(name);
    i = close;
  }
  return names;
}

Status CheckArguments(const Phrase& phrase, const Arguments& args) {
  for (const Param& p : phrase.params) {
    auto it = args.find(p.name);
    if (it == args.end()) {
      return Error::Invalid("/params/" + p.name, "the phrase needs the parameter " + p.name);
    }
    LIAISON_TRY(CheckArgument(p, it->second));
  }
  for (const auto& [name, value] : args) {
    const bool declared = std::any_of(phrase.params.begin(), phrase.params.end(),
                                      [&](const Param& p) { return p.name == name; });
    if (!declared) {
      return Error::Invalid("/params/" + name,
                            "the phrase " + phrase.key + " has no parameter " + name);
    }
  }
  return OkStatus();
}

std::string Render(const Phrase& phrase, Lang lang, const Arguments& args) {
  const std::string& text = phrase.text(lang);
  std::string out;
  out.reserve(text.size() + 64);
  size_t i = 0;
  while (i < text.size()) {
    const size_t open = text.find('{', i);
    if (open == std::string::npos) break;
    const size_t close = text.find('}', open);
    if (close == std::string::npos) break;
    out.append(text, i, open - i);
    const auto it = args.find(std::string_view(text).substr(open + 1, close - open - 1));
    if (it != args.end()) out += ArgumentText(it->second);
    i = close + 1;
  }
  out.append(text, i, std::string::npos);
  return out;
}

Result<Phrasebook> Phrasebook::Build(std::vector<Phrase> phrases) {
  Phrasebook book;
  for (size_t i = 0; i < phrases.size(); ++i) {
    const Phrase& ph = phrases[i];
    const std::string at = "/phrases/" + std::to_string(i);
    if (!IsName(ph.key)) {
      return Error::Invalid(at + "/key",
                            "a key is a lower-case letter, then lower-case letters, digits, '_'");
    }
    if (!book.by_key_.emplace(ph.key, i).second) {
      return Error::Invalid(at + "/key", "the key " + ph.key + " is used twice");
    }
    if (ph.category.empty()) return Error::Invalid(at + "/category", "a category is required");
    std::set<std::string> declared;
    for (size_t j = 0; j < ph.params.size(); ++j) {
      if (!IsName(ph.params[j].name) || !declared.insert(ph.params[j].name).second) {
        return Error::Invalid(at + "/params/" + std::to_string(j) + "/name",
                              "a parameter name must be a unique placeholder name");
      }
    }
    for (Lang l : kAllLangs) {
      const std::string field = at + "/" + std::string(LangCode(l));
      if (ph.text(l).empty())
        return Error::Invalid(field, ph.key + " has no text in this language");
      auto names = Placeholders(ph.text(l));
      if (!names) return Error::Invalid(field, ph.key + ": " + names.error().message);
      std::set<std::string> used;
      for (const auto& n : *names) {
        if (!declared.count(n)) {
          return Error::Invalid(field, ph.key + " uses {" + n + "}, which it does not declare");
        }
        if (!used.insert(n).second) {
          return Error::Invalid(field, ph.key + " uses {" + n + "} more than once");
        }
      }
      if (used.size() != declared.size()) {
        return Error::Invalid(field, ph.key + " leaves out a declared parameter");
      }
    }
  }
  book.phrases_ = std::move(phrases);
  return book;
}

const Phrase* Phrasebook::Find(std::string_view key) const {
  auto it = by_key_.find(key);
  return it == by_key_.end() ? nullptr : &phrases_[it->second];
}

}  // namespace liaison::messaging
