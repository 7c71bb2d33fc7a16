// LoadReference: data/personnel/reference.json (data/README.md).
#include <algorithm>
#include <boost/json/parse.hpp>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>

#include "domain/columns.hpp"
#include "domain/personnel/personnel.hpp"

namespace liaison::personnel {
namespace {

constexpr std::string_view kReferenceFile = "personnel/reference.json";
constexpr StringRule kCodeRule{1, 16};
constexpr StringRule kNameRule{1, 400};
constexpr std::int64_t kMaxPay = 10'000'000;

bool IsCode(std::string_view s) {
  for (char c : s) {
    if (!((c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'))) return false;
  }
  return !s.empty();
}

Error At(Error e, const std::string& pointer) { return Nested(std::move(e), pointer); }

Result<Service> ReadService(const json::value& v, const std::string& ptr) {
  if (!v.is_object()) return Error::Invalid(ptr, "a service is an object");
  const json::object& o = v.get_object();
  Service s;
  for (auto [key, out] : {std::pair{"code", &s.code}, std::pair{"name_en", &s.name_en},
                          std::pair{"name_ar", &s.name_ar}, std::pair{"name_he", &s.name_he}}) {
    auto text = RequireString(o, key, std::string_view(key) == "code" ? kCodeRule : kNameRule);
    if (!text) return At(std::move(text).error(), ptr);
    *out = std::move(*text);
  }
  if (!IsCode(s.code)) return Error::Invalid(ptr + "/code", "a code is A-Z and 0-9");
  return s;
}

Result<Rank> ReadRank(const json::value& v, const std::string& ptr) {
  if (!v.is_object()) return Error::Invalid(ptr, "a rank is an object");
  const json::object& o = v.get_object();
  Rank r;
  for (auto [key, out] :
       {std::pair{"code", &r.code}, std::pair{"band", &r.band}, std::pair{"title_en", &r.title_en},
        std::pair{"title_ar", &r.title_ar}, std::pair{"title_he", &r.title_he}}) {
    auto text = RequireString(o, key, std::string_view(key) == "code" ? kCodeRule : kNameRule);
    if (!text) return At(std::move(text).error(), ptr);
    *out = std::move(*text);
  }
  if (!IsCode(r.code)) return Error::Invalid(ptr + "/code", "a code is A-Z and 0-9");
  if (!OneOf(r.band, kBands)) {
    return Error::Invalid(ptr + "/band", "band is officer, nco or enlisted");
  }
  auto grade = OptionalInt(o, "grade", 1, 100);
  if (!grade) return At(std::move(grade).error(), ptr);
  auto pay = OptionalInt(o, "monthly_pay", 0, kMaxPay);
  if (!pay) return At(std::move(pay).error(), ptr);
  if (!grade->has_value()) return Error::Invalid(ptr + "/grade", "grade is required");
  if (!pay->has_value()) return Error::Invalid(ptr + "/monthly_pay", "monthly_pay is required");
  r.grade = static_cast<int>(**grade);
  r.monthly_pay = **pay;
  return r;
}

Result<Reference> ParseReference(std::string_view text) {
  boost::system::error_code ec;
  json::value doc = json::parse(text, ec);
  if (ec) return Error::Invalid("", "not valid JSON: " + ec.message());
  if (!doc.is_object()) return Error::Invalid("", "the file is a JSON object");
  const json::object& root = doc.get_object();
  Reference ref;
  auto currency = RequireString(root, "currency", {3, 3});
  if (!currency) return std::move(currency).error();
  if (!IsCode(*currency)) return Error::Invalid("/currency", "currency is an ISO 4217 code");
  ref.currency = std::move(*currency);

  const json::value* services = root.if_contains("services");
  if (services == nullptr || !services->is_array() || services->get_array().empty()) {
    return Error::Invalid("/services", "services is a non-empty array");
  }
  std::set<std::string> codes;
  for (size_t i = 0; i < services->get_array().size(); ++i) {
    const std::string ptr = "/services/" + std::to_string(i);
    auto s = ReadService(services->get_array()[i], ptr);
    if (!s) return std::move(s).error();
    if (!codes.insert(s->code).second) {
      return Error::Invalid(ptr + "/code", "the service code " + s->code + " is used twice");
    }
    ref.services.push_back(std::move(*s));
  }

  const json::value* ranks = root.if_contains("ranks");
  if (ranks == nullptr || !ranks->is_array() || ranks->get_array().empty()) {
    return Error::Invalid("/ranks", "ranks is a non-empty array");
  }
  codes.clear();
  std::set<int> grades;
  for (size_t i = 0; i < ranks->get_array().size(); ++i) {
    const std::string ptr = "/ranks/" + std::to_string(i);
    auto r = ReadRank(ranks->get_array()[i], ptr);
    if (!r) return std::move(r).error();
    if (!codes.insert(r->code).second) {
      return Error::Invalid(ptr + "/code", "the rank code " + r->code + " is used twice");
    }
    if (!grades.insert(r->grade).second) {
      return Error::Invalid(ptr + "/grade", "two ranks have the grade " + std::to_string(r->grade));
    }
    ref.ranks.push_back(std::move(*r));
  }
  std::sort(ref.ranks.begin(), ref.ranks.end(),
            [](const Rank& a, const Rank& b) { return a.grade < b.grade; });
  return ref;
}

}  // namespace

const Service* Reference::FindService(std::string_view code) const {
  for (const Service& s : services) {
    if (s.code == code) return &s;
  }
  return nullptr;
}

const Rank* Reference::FindRank(std::string_view code) const {
  for (const Rank& r : ranks) {
    if (r.code == code) return &r;
  }
  return nullptr;
}

Result<std::shared_ptr<const Reference>> LoadReference(const std::string& data_dir) {
  const std::filesystem::path path = std::filesystem::path(data_dir) / kReferenceFile;
  std::ifstream in(path, std::ios::binary);
  // Without the file the registry is not loaded: registrations are refused.
  if (!in) return std::shared_ptr<const Reference>();
  std::ostringstream text;
  text << in.rdbuf();
  auto ref = ParseReference(text.str());
  if (!ref) {
    Error e = std::move(ref).error();
    e.message = path.string() + (e.field.empty() ? "" : " " + e.field) + ": " + e.message;
    return e;
  }
  return std::shared_ptr<const Reference>(std::make_shared<const Reference>(std::move(*ref)));
}

}  // namespace liaison::personnel
