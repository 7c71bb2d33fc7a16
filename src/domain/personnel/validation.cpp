#include "domain/personnel/validation.hpp"

#include <algorithm>

#include "domain/personnel/dates.hpp"

namespace liaison::personnel {
namespace {

// Decodes UTF-8, calling `f(code_point)` for each; false when `s` is not
// valid UTF-8 (overlong forms, surrogates and values past U+10FFFF included).
template <class F>
bool ForEachCodePoint(std::string_view s, F&& f) {
  size_t i = 0;
  while (i < s.size()) {
    const auto c = static_cast<unsigned char>(s[i]);
    if (c < 0x80) {
      f(static_cast<char32_t>(c));
      ++i;
      continue;
    }
    size_t n;
    char32_t cp;
    char32_t min;
    if ((c & 0xE0) == 0xC0) {
      n = 2, cp = c & 0x1F, min = 0x80;
    } else if ((c & 0xF0) == 0xE0) {
      n = 3, cp = c & 0x0F, min = 0x800;
    } else if ((c & 0xF8) == 0xF0) {
      n = 4, cp = c & 0x07, min = 0x10000;
    } else {
      return false;
    }
    if (i + n > s.size()) return false;
    for (size_t k = 1; k < n; ++k) {
      const auto cc = static_cast<unsigned char>(s[i + k]);
      if ((cc & 0xC0) != 0x80) return false;
      cp = (cp << 6) | (cc & 0x3F);
    }
    if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return false;
    f(cp);
    i += n;
  }
  return true;
}

bool IsArabicLetter(char32_t c) {
  return (c >= 0x0620 && c <= 0x064A) || (c >= 0x066E && c <= 0x06D3) ||
         (c >= 0x0750 && c <= 0x077F) || (c >= 0x08A0 && c <= 0x08C9) ||
         (c >= 0xFB50 && c <= 0xFDFB) || (c >= 0xFE70 && c <= 0xFEFC);
}

bool IsLatinLetter(char32_t c) { return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z'); }

std::string_view Trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

class Checker {
 public:
  explicit Checker(std::vector<FieldError>& errors) : errors_(errors) {}

  void Add(std::string_view column, std::string_view code, std::string message) {
    errors_.push_back({std::string(column), std::string(code), std::move(message)});
  }

  // Required, clean and short enough; false when an error was added (the
  // field's other rules are then not checked).
  bool Text(std::string_view column, const std::string& value, bool required, size_t max_chars,
            bool multiline = false) {
    if (value.empty()) {
      if (required) Add(column, "required", std::string(column) + " is required");
      return false;
    }
    bool control = false;
    size_t chars = 0;
    const bool utf8 = ForEachCodePoint(value, [&](char32_t c) {
      ++chars;
      const bool allowed_break = multiline && (c == '\n' || c == '\r' || c == '\t');
      if ((c < 0x20 && !allowed_break) || (c >= 0x7F && c <= 0x9F)) control = true;
    });
    if (!utf8) {
      Add(column, "invalid_encoding",
          std::string(column) + " is not valid UTF-8; save the file as CSV UTF-8");
      return false;
    }
    if (control) {
      Add(column, "invalid_value",
          std::string(column) + (multiline ? " holds a control character"
                                           : " holds a line break or a control character"));
      return false;
    }
    if (chars > max_chars) {
      Add(column, "too_long",
          std::string(column) + " is too long (" + std::to_string(max_chars) +
              " characters at most)");
      return false;
    }
    return true;
  }

  // A date that is not after today; false when an error was added.
  bool Date(std::string_view column, const std::string& value, std::string_view today) {
    if (value.empty()) {
      Add(column, "required", std::string(column) + " is required");
      return false;
    }
    if (!ParseDate(value)) {
      Add(column, "invalid_date", std::string(column) + " must be a date, YYYY-MM-DD");
      return false;
    }
    if (value > today) {
      Add(column, "invalid_date", std::string(column) + " is in the future");
      return false;
    }
    return true;
  }

 private:
  std::vector<FieldError>& errors_;
};

}  // namespace

std::string* FieldOf(PersonFields& f, std::string_view column) {
  return const_cast<std::string*>(FieldOf(static_cast<const PersonFields&>(f), column));
}

const std::string* FieldOf(const PersonFields& f, std::string_view column) {
  if (column == "service_number") return &f.service_number;
  if (column == "name_ar") return &f.name_ar;
  if (column == "name_en") return &f.name_en;
  if (column == "sex") return &f.sex;
  if (column == "birth_date") return &f.birth_date;
  if (column == "joined_on") return &f.joined_on;
  if (column == "service") return &f.service;
  if (column == "unit") return &f.unit;
  if (column == "post") return &f.post;
  if (column == "rank") return &f.rank;
  if (column == "status") return &f.status;
  if (column == "education") return &f.education;
  if (column == "notes") return &f.notes;
  return nullptr;
}

void TrimCodes(PersonFields& f) {
  for (std::string* s : {&f.service_number, &f.sex, &f.birth_date, &f.joined_on, &f.service,
                         &f.unit, &f.post, &f.rank, &f.status}) {
    const std::string_view t = Trim(*s);
    if (t.size() != s->size()) *s = std::string(t);
  }
}

void CheckPerson(const PersonFields& f, const Reference& reference, RegistryView& registry,
                 std::string_view today, std::vector<FieldError>& errors) {
  Checker c(errors);
  if (c.Text("service_number", f.service_number, true, kMaxServiceNumberChars) &&
      registry.ServiceNumberTaken(f.service_number)) {
    c.Add("service_number", "duplicate_in_registry",
          "a registered person already has the service number " + f.service_number);
  }
  if (c.Text("name_ar", f.name_ar, true, kMaxNameChars) && !LooksArabic(f.name_ar)) {
    c.Add("name_ar", "not_arabic", "name_ar must be written in Arabic letters");
  }
  c.Text("name_en", f.name_en, true, kMaxNameChars);
  if (!f.sex.empty() && f.sex != "m" && f.sex != "f") {
    c.Add("sex", "invalid_value", "sex is m, f or empty");
  }
  const bool born = c.Date("birth_date", f.birth_date, today);
  if (c.Date("joined_on", f.joined_on, today) && born) {
    const int year = std::stoi(f.birth_date.substr(0, 4)) + kMinAgeAtJoining;
    if (f.joined_on < std::to_string(year) + f.birth_date.substr(4)) {
      c.Add("joined_on", "invalid_date",
            "joined_on is before the person's " + std::to_string(kMinAgeAtJoining) + "th birthday");
    }
  }
  const Service* service = nullptr;
  if (c.Text("service", f.service, true, kMaxPostChars)) {
    service = reference.FindService(f.service);
    if (service == nullptr) {
      c.Add("service", "unknown_service", "no service has the code " + f.service);
    }
  }
  if (c.Text("unit", f.unit, true, kMaxPostChars)) {
    const UnitInfo* unit = registry.FindUnit(f.unit);
    if (unit == nullptr) {
      c.Add("unit", "unknown_unit", "no unit has the id " + f.unit);
    } else if (service != nullptr && unit->service != f.service) {
      c.Add("unit", "unit_service_mismatch",
            "the unit " + f.unit + " belongs to " + unit->service + ", not " + f.service);
    }
  }
  c.Text("post", f.post, false, kMaxPostChars);
  if (c.Text("rank", f.rank, true, kMaxPostChars) && reference.FindRank(f.rank) == nullptr) {
    c.Add("rank", "unknown_rank", "no rank has the code " + f.rank);
  }
  if (!f.status.empty() &&
      std::find(std::begin(kStatuses), std::end(kStatuses), f.status) == std::end(kStatuses)) {
    c.Add("status", "invalid_status",
          "status is active, suspended, retired, separated or deceased");
  }
  c.Text("education", f.education, false, kMaxEducationChars);
  c.Text("notes", f.notes, false, kMaxNotesChars, /*multiline=*/true);
}

bool IsCleanText(std::string_view s, bool multiline) {
  bool clean = true;
  const bool utf8 = ForEachCodePoint(s, [&](char32_t c) {
    const bool allowed_break = multiline && (c == '\n' || c == '\r' || c == '\t');
    if ((c < 0x20 && !allowed_break) || (c >= 0x7F && c <= 0x9F)) clean = false;
  });
  return utf8 && clean;
}

size_t CharCount(std::string_view s) {
  size_t n = 0;
  ForEachCodePoint(s, [&](char32_t) { ++n; });
  return n;
}

bool LooksArabic(std::string_view s) {
  bool arabic = false, latin = false;
  const bool utf8 = ForEachCodePoint(s, [&](char32_t c) {
    arabic = arabic || IsArabicLetter(c);
    latin = latin || IsLatinLetter(c);
  });
  return utf8 && arabic && !latin;
}

bool HasArabicLetter(std::string_view s) {
  bool arabic = false;
  const bool utf8 = ForEachCodePoint(s, [&](char32_t c) { arabic = arabic || IsArabicLetter(c); });
  return utf8 && arabic;
}

}  // namespace liaison::personnel
