// The phrasebook: standard coordination phrases, each a key with typed
// parameters and a text in every language with {name} placeholders. A
// message that names a phrase is shown to each reader in their language; the
// parameters are inserted as given. See docs/messaging.md.
//
// The checks and the renderer are pure (no JSON, no I/O); ParsePhrasebook
// (phrasebook_json.cpp) reads the file format of data/phrasebook.json.
// A Phrasebook is immutable once built; thread-safe.
#pragma once

#include <array>
#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "core/result.hpp"

namespace liaison::messaging {

enum class Lang { kEn, kAr, kHe };
inline constexpr Lang kAllLangs[] = {Lang::kEn, Lang::kAr, Lang::kHe};
inline constexpr size_t kLangCount = std::size(kAllLangs);

std::string_view LangCode(Lang l);
std::optional<Lang> ParseLang(std::string_view code);
// The reader's language from an Accept-Language header: of the ranges with a
// q-value above 0, by q-value (then order), the first whose primary subtag is
// en, ar or he ("ar-PS;q=0.9" is ar). nullopt when none is.
std::optional<Lang> PreferredLang(std::string_view accept_language);

// text: up to 100 characters of one line; count: a whole number; time:
// HH:MM; minutes: a whole number; ref: a record id such as REQ-2026-000012.
enum class ParamKind { kText, kCount, kTime, kMinutes, kRef };
std::string_view ParamKindName(ParamKind k);
std::optional<ParamKind> ParseParamKind(std::string_view name);

struct Param {
  std::string name;
  ParamKind kind;
};

struct Phrase {
  std::string key;
  std::string category;
  std::vector<Param> params;
  std::array<std::string, kLangCount> texts;  // by Lang

  const std::string& text(Lang l) const { return texts[static_cast<size_t>(l)]; }
};

// An argument as the client sent it: a string, a whole number, or anything
// else (monostate), which no kind accepts.
using Argument = std::variant<std::monostate, std::int64_t, std::string>;
using Arguments = std::map<std::string, Argument, std::less<>>;

// The {name} placeholders of a template, in order of appearance; an error
// when a brace does not open or close a placeholder of a valid name
// (a lower-case letter, then lower-case letters, digits and '_').
Result<std::vector<std::string>> Placeholders(std::string_view text);

// Checks that `args` holds exactly the parameters of `phrase`, each valid for
// its kind; errors name the parameter under /params ("/params/time").
Status CheckArguments(const Phrase& phrase, const Arguments& args);

// The phrase in `lang` with every placeholder replaced by its argument.
// REQUIRES: CheckArguments(phrase, args) succeeded.
std::string Render(const Phrase& phrase, Lang lang, const Arguments& args);

class Phrasebook {
 public:
  // Checks the phrases: keys unique identifiers, every language present, each
  // language's placeholders exactly the declared parameters (each once).
  // Errors name the phrase as a pointer into the file ("/phrases/3/ar").
  static Result<Phrasebook> Build(std::vector<Phrase> phrases);

  const Phrase* Find(std::string_view key) const;
  const std::vector<Phrase>& phrases() const { return phrases_; }

 private:
  std::vector<Phrase> phrases_;
  std::map<std::string, size_t, std::less<>> by_key_;
};

// Parses the file format of data/phrasebook.json (data/README.md).
Result<Phrasebook> ParsePhrasebook(std::string_view json_text);
// Reads `dir`/phrasebook.json; nullptr when the file does not exist (phrase
// messages are then refused), an error when it is not a valid phrasebook.
Result<std::shared_ptr<const Phrasebook>> LoadPhrasebook(const std::string& dir);

}  // namespace liaison::messaging
