#include "domain/messaging/phrasebook.hpp"

#include <gtest/gtest.h>

#include <fstream>
#include <set>
#include <sstream>

namespace liaison::messaging {
namespace {

std::string ShippedText() {
  std::ifstream in(std::string(LIAISON_SOURCE_DIR) + "/data/phrasebook.json", std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

const Phrasebook& Shipped() {
  static const Phrasebook* book = [] {
    auto parsed = ParsePhrasebook(ShippedText());
    if (!parsed) {
      ADD_FAILURE() << "data/phrasebook.json: " << parsed.error().field << ": "
                    << parsed.error().message;
      return new Phrasebook();
    }
    return new Phrasebook(std::move(*parsed));
  }();
  return *book;
}

Phrase MakePhrase(std::string key, std::vector<Param> params, std::string en, std::string ar,
                  std::string he) {
  return Phrase{
      std::move(key), "test", std::move(params), {std::move(en), std::move(ar), std::move(he)}};
}

// An argument of the right kind for a parameter, for rendering every phrase.
Argument SampleArgument(ParamKind k) {
  switch (k) {
    case ParamKind::kText:
      return std::string("Huwwara");
    case ParamKind::kCount:
      return std::int64_t{3};
    case ParamKind::kMinutes:
      return std::int64_t{20};
    case ParamKind::kTime:
      return std::string("14:30");
    case ParamKind::kRef:
      return std::string("REQ-2026-000012");
  }
  return {};
}

// --- The shipped file ------------------------------------------------------------------

TEST(PhrasebookTest, ShippedFileParsesWithTheStandardPhrases) {
  const Phrasebook& book = Shipped();
  EXPECT_GE(book.phrases().size(), 40u);
  // The phrases the office asked for by name.
  for (const char* key :
       {"received_stand_by", "approved", "denied", "movement_completed", "units_withdrawn",
        "please_call_duty_desk", "casualties_evacuated", "handover_complete", "eta"}) {
    EXPECT_NE(book.Find(key), nullptr) << key;
  }
  const Phrase* eta = book.Find("eta");
  ASSERT_NE(eta, nullptr);
  ASSERT_EQ(eta->params.size(), 1u);
  EXPECT_EQ(eta->params[0].kind, ParamKind::kTime);
}

TEST(PhrasebookTest, EveryShippedPhraseHasAllLanguagesWithExactlyItsPlaceholders) {
  std::set<std::string> keys;
  for (const Phrase& ph : Shipped().phrases()) {
    EXPECT_TRUE(keys.insert(ph.key).second) << "duplicate key " << ph.key;
    EXPECT_FALSE(ph.category.empty()) << ph.key;
    std::multiset<std::string> declared;
    for (const Param& p : ph.params) declared.insert(p.name);
    for (Lang l : kAllLangs) {
      EXPECT_FALSE(ph.text(l).empty()) << ph.key << " " << LangCode(l);
      auto names = Placeholders(ph.text(l));
      ASSERT_TRUE(names.ok()) << ph.key << " " << LangCode(l);
      EXPECT_EQ(std::multiset<std::string>(names->begin(), names->end()), declared)
          << ph.key << " " << LangCode(l);
    }
  }
}

TEST(PhrasebookTest, ArabicAndHebrewTextsAreWrittenInTheirScripts) {
  // A text copied from English into the wrong field would pass the
  // placeholder check; its letters would not.
  auto has_script = [](const std::string& s, char32_t lo, char32_t hi) {
    for (size_t i = 0; i + 1 < s.size(); ++i) {
      const auto c = static_cast<unsigned char>(s[i]);
      if ((c & 0xe0) != 0xc0) continue;
      const char32_t cp = (c & 0x1fu) << 6 | (static_cast<unsigned char>(s[i + 1]) & 0x3fu);
      if (cp >= lo && cp <= hi) return true;
    }
    return false;
  };
  for (const Phrase& ph : Shipped().phrases()) {
    EXPECT_TRUE(has_script(ph.text(Lang::kAr), 0x0600, 0x06FF)) << ph.key;
    EXPECT_TRUE(has_script(ph.text(Lang::kHe), 0x05D0, 0x05EA)) << ph.key;
    EXPECT_FALSE(has_script(ph.text(Lang::kEn), 0x0590, 0x06FF)) << ph.key;
  }
}

TEST(PhrasebookTest, EveryShippedPhraseRendersWithItsArgumentsInEveryLanguage) {
  for (const Phrase& ph : Shipped().phrases()) {
    Arguments args;
    for (const Param& p : ph.params) args[p.name] = SampleArgument(p.kind);
    ASSERT_TRUE(CheckArguments(ph, args).ok()) << ph.key;
    for (Lang l : kAllLangs) {
      const std::string out = Render(ph, l, args);
      EXPECT_EQ(out.find('{'), std::string::npos) << ph.key << ": " << out;
      for (const Param& p : ph.params) {
        const Argument& a = args[p.name];
        const std::string shown = std::holds_alternative<std::string>(a)
                                      ? std::get<std::string>(a)
                                      : std::to_string(std::get<std::int64_t>(a));
        EXPECT_NE(out.find(shown), std::string::npos) << ph.key << ": " << out;
      }
    }
  }
}

// --- Rendering ---------------------------------------------------------------------------

TEST(PhrasebookTest, RenderSubstitutesEachPlaceholderInEachLanguage) {
  const Phrase ph =
      MakePhrase("crossing_opens_at", {{"place", ParamKind::kText}, {"time", ParamKind::kTime}},
                 "The {place} crossing opens at {time}.", "يُفتح معبر {place} الساعة {time}.",
                 "מעבר {place} ייפתח בשעה {time}.");
  const Arguments args{{"place", std::string("Jalameh")}, {"time", std::string("06:00")}};
  ASSERT_TRUE(CheckArguments(ph, args).ok());
  EXPECT_EQ(Render(ph, Lang::kEn, args), "The Jalameh crossing opens at 06:00.");
  EXPECT_EQ(Render(ph, Lang::kAr, args), "يُفتح معبر Jalameh الساعة 06:00.");
  EXPECT_EQ(Render(ph, Lang::kHe, args), "מעבר Jalameh ייפתח בשעה 06:00.");
}

TEST(PhrasebookTest, RenderInsertsNumbersInDecimalAndTextAsGiven) {
  const Phrase ph = MakePhrase("x", {{"n", ParamKind::kCount}, {"who", ParamKind::kText}},
                               "{who}: {n}", "{n} :{who}", "{who} {n}");
  const Arguments args{{"n", std::int64_t{1200}}, {"who", std::string("{n} <b>")}};
  ASSERT_TRUE(CheckArguments(ph, args).ok());
  // An argument that looks like a placeholder is not expanded again.
  EXPECT_EQ(Render(ph, Lang::kEn, args), "{n} <b>: 1200");
  EXPECT_EQ(Render(ph, Lang::kAr, args), "1200 :{n} <b>");
}

struct BadArgument {
  const char* name;
  Arguments args;
  const char* field;
};

TEST(PhrasebookTest, CheckArgumentsRejectsMissingUnknownAndIllTypedOnesNamingThem) {
  const Phrase ph =
      MakePhrase("p",
                 {{"place", ParamKind::kText},
                  {"count", ParamKind::kCount},
                  {"time", ParamKind::kTime},
                  {"minutes", ParamKind::kMinutes},
                  {"ref", ParamKind::kRef}},
                 "{place}{count}{time}{minutes}{ref}", "{place}{count}{time}{minutes}{ref}",
                 "{place}{count}{time}{minutes}{ref}");
  const Arguments good{{"place", std::string("Za'tara")},
                       {"count", std::int64_t{0}},
                       {"time", std::string("23:59")},
                       {"minutes", std::int64_t{90}},
                       {"ref", std::string("INC-2026-000001")}};
  ASSERT_TRUE(CheckArguments(ph, good).ok());

  auto with = [&](const char* name, Argument a) {
    Arguments args = good;
    args[name] = std::move(a);
    return args;
  };
  auto without = [&](const char* name) {
    Arguments args = good;
    args.erase(name);
    return args;
  };
  const BadArgument cases[] = {
      {"missing time", without("time"), "/params/time"},
      {"missing ref", without("ref"), "/params/ref"},
      {"unknown", with("colour", std::string("red")), "/params/colour"},
      {"text as number", with("place", std::int64_t{4}), "/params/place"},
      {"text blank", with("place", std::string("  ")), "/params/place"},
      {"text too long", with("place", std::string(101, 'x')), "/params/place"},
      {"text with a newline", with("place", std::string("a\nb")), "/params/place"},
      {"count as string", with("count", std::string("3")), "/params/count"},
      {"count negative", with("count", std::int64_t{-1}), "/params/count"},
      {"count of another type", with("count", Argument{}), "/params/count"},
      {"time 24:00", with("time", std::string("24:00")), "/params/time"},
      {"time 7:30", with("time", std::string("7:30")), "/params/time"},
      {"time as number", with("time", std::int64_t{730}), "/params/time"},
      {"minutes too many", with("minutes", std::int64_t{10081}), "/params/minutes"},
      {"ref lower case", with("ref", std::string("req-2026-000012")), "/params/ref"},
      {"ref without number", with("ref", std::string("REQ-")), "/params/ref"},
      {"ref with spaces", with("ref", std::string("REQ 2026")), "/params/ref"},
  };
  for (const BadArgument& c : cases) {
    Status s = CheckArguments(ph, c.args);
    ASSERT_FALSE(s.ok()) << c.name;
    EXPECT_EQ(s.error().code, ErrorCode::kInvalidArgument) << c.name;
    EXPECT_EQ(s.error().field, c.field) << c.name;
  }
  // Text counts characters, not bytes: 100 Arabic letters are fine.
  std::string arabic;
  for (int i = 0; i < 100; ++i) arabic += "ب";
  EXPECT_TRUE(CheckArguments(ph, with("place", arabic)).ok());
}

// --- Building a phrasebook ---------------------------------------------------------------

TEST(PhrasebookTest, BuildRejectsBrokenPhrasesNamingThem) {
  struct Case {
    const char* name;
    std::vector<Phrase> phrases;
    const char* field;
  };
  const Param t{"unit", ParamKind::kText};
  const Case cases[] = {
      {"duplicate key",
       {MakePhrase("a", {}, "A", "أ", "א"), MakePhrase("a", {}, "B", "ب", "ב")},
       "/phrases/1/key"},
      {"bad key", {MakePhrase("Bad Key", {}, "A", "أ", "א")}, "/phrases/0/key"},
      {"missing language", {MakePhrase("a", {}, "A", "", "א")}, "/phrases/0/ar"},
      {"undeclared placeholder", {MakePhrase("a", {}, "A {x}", "أ", "א")}, "/phrases/0/en"},
      {"placeholder left out",
       {MakePhrase("a", {t}, "A {unit}", "أ {unit}", "א")},
       "/phrases/0/he"},
      {"placeholder twice",
       {MakePhrase("a", {t}, "{unit} {unit}", "أ {unit}", "א {unit}")},
       "/phrases/0/en"},
      {"stray brace",
       {MakePhrase("a", {t}, "A {unit}", "أ {unit} }", "א {unit}")},
       "/phrases/0/ar"},
      {"duplicate parameter",
       {MakePhrase("a", {t, t}, "A {unit}", "أ {unit}", "א {unit}")},
       "/phrases/0/params/1/name"},
  };
  for (const Case& c : cases) {
    auto book = Phrasebook::Build(c.phrases);
    ASSERT_FALSE(book.ok()) << c.name;
    EXPECT_EQ(book.error().field, c.field) << c.name << ": " << book.error().message;
  }
}

TEST(PhrasebookTest, ParseRejectsAnUnknownParameterKind) {
  auto book = ParsePhrasebook(
      R"({"languages":["en","ar","he"],"phrases":[{"key":"a","category":"c",)"
      R"("params":[{"name":"d","kind":"date"}],"en":"{d}","ar":"{d}","he":"{d}"}]})");
  ASSERT_FALSE(book.ok());
  EXPECT_EQ(book.error().field, "/phrases/0/params/0/kind");
  auto unknown_field = ParsePhrasebook(
      R"({"phrases":[{"key":"a","category":"c","fr":"A","en":"A","ar":"أ","he":"א"}]})");
  ASSERT_FALSE(unknown_field.ok());
  EXPECT_EQ(unknown_field.error().field, "/phrases/0/fr");
}

// --- Languages ---------------------------------------------------------------------------

TEST(PhrasebookTest, PreferredLangTakesTheBestSupportedRange) {
  EXPECT_EQ(PreferredLang("ar"), Lang::kAr);
  EXPECT_EQ(PreferredLang("he-IL,he;q=0.9,en;q=0.8"), Lang::kHe);
  EXPECT_EQ(PreferredLang("fr-FR,fr;q=0.9,ar;q=0.8,en;q=0.7"), Lang::kAr);
  EXPECT_EQ(PreferredLang("en;q=0.5, AR-PS"), Lang::kAr);
  EXPECT_EQ(PreferredLang("ar;q=0, he;q=0.1"), Lang::kHe);
  EXPECT_EQ(PreferredLang("de, *"), std::nullopt);
  EXPECT_EQ(PreferredLang(""), std::nullopt);
  EXPECT_EQ(ParseLang("he"), Lang::kHe);
  EXPECT_EQ(ParseLang("iw"), std::nullopt);
}

}  // namespace
}  // namespace liaison::messaging
