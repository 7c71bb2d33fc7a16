// ParsePhrasebook and LoadPhrasebook: the JSON side of phrasebook.hpp, kept
// apart so the checks and the renderer stay free of JSON. The format is
// described in data/README.md.
#include <boost/json/parse.hpp>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "domain/json.hpp"
#include "domain/messaging/phrasebook.hpp"

namespace liaison::messaging {
namespace {

constexpr size_t kMaxDepth = 8;
constexpr size_t kMaxTextBytes = 1000;
constexpr size_t kMaxPhrases = 1000;

Result<std::string> ReadText(const json::object& o, std::string_view key,
                             const std::string& pointer) {
  const json::value* v = o.if_contains(key);
  const std::string field = pointer + "/" + std::string(key);
  if (v == nullptr || !v->is_string()) {
    return Error::Invalid(field, std::string(key) + " must be a string");
  }
  std::string s(v->get_string());
  if (s.size() > kMaxTextBytes || !IsCleanUtf8(s)) {
    return Error::Invalid(field, std::string(key) + " is too long or has invalid characters");
  }
  return s;
}

Result<Param> ReadParam(const json::value& v, const std::string& pointer) {
  if (!v.is_object()) return Error::Invalid(pointer, "a parameter must be an object");
  const json::object& o = v.get_object();
  if (Status s = OnlyKnownFields(o, {"name", "kind"}); !s) return Nested(s.error(), pointer);
  auto name = ReadText(o, "name", pointer);
  if (!name) return std::move(name).error();
  auto kind_name = ReadText(o, "kind", pointer);
  if (!kind_name) return std::move(kind_name).error();
  const auto kind = ParseParamKind(*kind_name);
  if (!kind) {
    return Error::Invalid(pointer + "/kind", "kind must be text, count, time, minutes or ref");
  }
  return Param{std::move(*name), *kind};
}

Result<Phrase> ReadPhrase(const json::value& v, const std::string& pointer) {
  if (!v.is_object()) return Error::Invalid(pointer, "a phrase must be an object");
  const json::object& o = v.get_object();
  if (Status s = OnlyKnownFields(o, {"key", "category", "params", "en", "ar", "he"}); !s) {
    return Nested(s.error(), pointer);
  }
  Phrase ph;
  auto key = ReadText(o, "key", pointer);
  if (!key) return std::move(key).error();
  ph.key = std::move(*key);
  auto category = ReadText(o, "category", pointer);
  if (!category) return std::move(category).error();
  ph.category = std::move(*category);
  if (const json::value* params = o.if_contains("params")) {
    if (!params->is_array()) return Error::Invalid(pointer + "/params", "params must be an array");
    for (size_t i = 0; i < params->get_array().size(); ++i) {
      auto p = ReadParam(params->get_array()[i], pointer + "/params/" + std::to_string(i));
      if (!p) return std::move(p).error();
      ph.params.push_back(std::move(*p));
    }
  }
  for (Lang l : kAllLangs) {
    auto text = ReadText(o, LangCode(l), pointer);
    if (!text) return std::move(text).error();
    ph.texts[static_cast<size_t>(l)] = std::move(*text);
  }
  return ph;
}

}  // namespace

Result<Phrasebook> ParsePhrasebook(std::string_view text) {
  boost::system::error_code ec;
  json::parse_options opts;
  opts.max_depth = kMaxDepth;
  json::value v = json::parse(text, ec, {}, opts);
  if (ec) return Error::Invalid("", "not valid JSON: " + ec.message());
  if (!v.is_object()) return Error::Invalid("", "the phrasebook must be a JSON object");
  const json::object& o = v.get_object();
  LIAISON_TRY(OnlyKnownFields(o, {"languages", "phrases"}));
  if (const json::value* langs = o.if_contains("languages")) {
    json::array expected;
    for (Lang l : kAllLangs) expected.emplace_back(LangCode(l));
    if (*langs != json::value(expected)) {
      return Error::Invalid("/languages", "languages must be [\"en\", \"ar\", \"he\"]");
    }
  }
  const json::value* phrases = o.if_contains("phrases");
  if (phrases == nullptr || !phrases->is_array()) {
    return Error::Invalid("/phrases", "phrases must be an array");
  }
  if (phrases->get_array().size() > kMaxPhrases) {
    return Error::Invalid("/phrases", "at most 1000 phrases");
  }
  std::vector<Phrase> list;
  for (size_t i = 0; i < phrases->get_array().size(); ++i) {
    auto ph = ReadPhrase(phrases->get_array()[i], "/phrases/" + std::to_string(i));
    if (!ph) return std::move(ph).error();
    list.push_back(std::move(*ph));
  }
  return Phrasebook::Build(std::move(list));
}

Result<std::shared_ptr<const Phrasebook>> LoadPhrasebook(const std::string& dir) {
  const std::string path = dir + "/phrasebook.json";
  std::error_code exists_ec;
  if (!std::filesystem::exists(path, exists_ec)) return std::shared_ptr<const Phrasebook>();
  std::ifstream in(path, std::ios::binary);
  if (!in) return Error::Unavailable("cannot read " + path);
  std::ostringstream text;
  text << in.rdbuf();
  auto book = ParsePhrasebook(text.str());
  if (!book) {
    Error e = book.error();
    e.message = path + ": " + (e.field.empty() ? "" : e.field + ": ") + e.message;
    return e;
  }
  return std::shared_ptr<const Phrasebook>(std::make_shared<const Phrasebook>(std::move(*book)));
}

}  // namespace liaison::messaging
