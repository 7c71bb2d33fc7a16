// The synthetic force of the demo (demo.hpp, SeedSyntheticForce): a
// registry shaped like the Palestinian Authority's security forces, with
// invented people. Units per service and governorate and their
// establishment, persons with plausible ages, joining dates and ranks, a
// top-heavy rank pyramid, vacancies and over-establishment, and career
// histories (promotions, transfers, suspensions, retirements, separations).
// See docs/personnel.md, "Synthetic demo force".
//
// Deterministic: one std::mt19937_64 with a fixed seed, mapped to integers
// by this file's own arithmetic (the std distributions differ between
// standard libraries), and dates relative to the clock's current day; the
// same size on the same day gives the same events.
#include <algorithm>
#include <array>
#include <boost/json/parse.hpp>
#include <chrono>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <fstream>
#include <functional>
#include <limits>
#include <random>
#include <set>
#include <sstream>
#include <string>
#include <unordered_map>
#include <vector>

#include "app/demo.hpp"
#include "domain/personnel/figures.hpp"
#include "domain/personnel/personnel.hpp"

namespace liaison {
namespace {

using std::chrono::days;
using std::chrono::sys_days;
using std::chrono::year_month_day;

constexpr int kMaxPersons = 100'000;
constexpr std::uint64_t kSeed = 0x5EED'2026'0006ULL;
// Persons registered, and career events recorded, per command (one
// transaction each): few transactions, each of bounded size.
constexpr size_t kPersonsPerCommand = 10'000;
constexpr size_t kCareerEventsPerCommand = 2'000;
constexpr std::string_view kNote = "Synthetic demo record";
constexpr std::string_view kActor = "cli:demo";
constexpr int kFirstIntake = 1985;

// --- Deterministic randomness ----------------------------------------------

class Random {
 public:
  explicit Random(std::uint64_t seed) : gen_(seed) {}

  // Uniform in [0, n), n > 0: rejection sampling on the raw 64-bit output.
  std::uint64_t Below(std::uint64_t n) {
    constexpr std::uint64_t kMax = std::numeric_limits<std::uint64_t>::max();
    const std::uint64_t limit = kMax - kMax % n;  // a multiple of n
    std::uint64_t x = gen_();
    while (x >= limit) x = gen_();
    return x % n;
  }
  int Between(int lo, int hi) {  // inclusive
    return lo + static_cast<int>(Below(static_cast<std::uint64_t>(hi - lo + 1)));
  }
  // True with probability per_mille / 1000.
  bool Chance(int per_mille) { return static_cast<int>(Below(1000)) < per_mille; }
  // An index into `weights`, each chosen in proportion to its weight.
  template <class Weights>
  size_t Weighted(const Weights& weights) {
    std::int64_t total = 0;
    for (auto w : weights) total += w;
    if (total <= 0) return 0;
    std::int64_t x = static_cast<std::int64_t>(Below(static_cast<std::uint64_t>(total)));
    size_t i = 0;
    for (auto w : weights) {
      if (x < w) return i;
      x -= w;
      ++i;
    }
    return i - 1;
  }

 private:
  std::mt19937_64 gen_;
};

// --- The shape of the force -------------------------------------------------

struct ServicePlan {
  std::string_view code;
  int share;                   // per mille of the force
  int hq_share;                // per cent of the service at its headquarters
  std::array<int, 3> bands;    // per cent officer, nco, enlisted: the force as it is
  int sub_units;               // under each district command
  int female;                  // per mille women
  std::string_view districts;  // P-codes where it has a district command; "*": every one
  std::string_view sub_en, sub_ar, sub_he;  // what its sub-units are
};

// The services' sizes and pyramids are illustrative: officer-heavy, as the
// PA forces are known to be, the intelligence services most of all.
// clang-format off
constexpr ServicePlan kServices[] = {
    {"NSF", 340,  8, {27, 33, 40}, 3,   5, "*", "Battalion", "الكتيبة", "גדוד"},
    {"CP",  210, 10, {24, 37, 39}, 3,  90, "*", "Police Station", "مركز الشرطة", "תחנת משטרה"},
    {"PSS", 120, 15, {37, 34, 29}, 2,  30, "*", "Section", "القسم", "מדור"},
    {"GIS", 100, 20, {41, 33, 26}, 2,  35, "*", "Section", "القسم", "מדור"},
    {"PG",   80, 40, {18, 32, 50}, 4,   5, "PS0130", "Company", "السرية", "פלוגה"},
    {"CD",   60, 10, {20, 35, 45}, 2,  25, "*", "Fire and Rescue Station",
     "مركز الإطفاء والإنقاذ", "תחנת כיבוי והצלה"},
    {"MI",   40, 25, {38, 34, 28}, 1,  15,
     "PS0101,PS0105,PS0110,PS0115,PS0120,PS0125,PS0130,PS0135,PS0145,PS0150", "Section", "القسم",
     "מדור"},
    {"MLO",  20, 20, {46, 34, 20}, 1,  20, "*", "Liaison Office", "مكتب الارتباط", "משרד קישור"},
    {"MMS",  30, 30, {36, 34, 30}, 1, 200, "PS0101,PS0110,PS0115,PS0130,PS0145,PS0150", "Clinic",
     "العيادة", "מרפאה"},
};
// clang-format on

struct DistrictPlan {
  std::string_view pcode;
  int weight;  // the relative size of the forces stationed in it
};

// Roughly the governorates' populations, with Ramallah (the seat of
// government) larger and Jerusalem (where the PA's presence is limited)
// smaller.
constexpr DistrictPlan kDistricts[] = {
    {"PS0101", 330}, {"PS0105", 65},  {"PS0110", 200}, {"PS0115", 410},
    {"PS0120", 120}, {"PS0125", 80},  {"PS0130", 450}, {"PS0135", 55},
    {"PS0140", 60},  {"PS0145", 230}, {"PS0150", 780},
};

// Seniority: the years of service at which a rank is usually reached (with
// rank inflation added per person), and for the general officers the per
// mille chance of reaching the rank once there.
struct RankStep {
  std::string_view rank;
  int years;
  int chance = 1000;
};
constexpr RankStep kRankSteps[] = {
    {"PVT", 0},  {"CPL", 5},  {"SGT", 0},      {"SSG", 6},     {"WO", 13},
    {"CWO", 21}, {"2LT", 0},  {"1LT", 3},      {"CPT", 6},     {"MAJ", 11},
    {"LTC", 17}, {"COL", 23}, {"BG", 29, 150}, {"MG", 33, 80}, {"LTG", 36, 20},
};

constexpr std::string_view kEducation[] = {"basic", "secondary", "diploma", "bachelor", "master"};
// Per cent per kEducation entry, by band (officer, nco, enlisted).
constexpr std::array<std::array<int, 5>, 3> kEducationMix = {{
    {0, 10, 20, 55, 15},
    {5, 60, 27, 8, 0},
    {20, 70, 10, 0, 0},
}};

// Per mille of the persons (or of those eligible) with each history.
constexpr int kRetiredOfOverdue = 800;  // the rest are still serving: "overdue"
constexpr int kSeparated = 20;
constexpr int kDeceased = 2;
constexpr int kSuspended = 30;
constexpr int kPromoted = 80;
constexpr int kTransferred = 30;
constexpr int kWithoutPost = 60;

// --- Names ------------------------------------------------------------------

struct Name {
  std::string ar, en;
};
struct NameLists {
  std::vector<Name> male, female, family;
};

Result<NameLists> LoadNames(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Error::Unavailable("cannot read " + path);
  std::ostringstream text;
  text << in.rdbuf();
  boost::system::error_code ec;
  const json::value doc = json::parse(text.str(), ec);
  if (ec || !doc.is_object()) return Error::Invalid("", path + ": not a JSON object");
  NameLists out;
  const std::pair<const char*, std::vector<Name>*> lists[] = {
      {"given_male", &out.male}, {"given_female", &out.female}, {"family", &out.family}};
  for (const auto& [key, list] : lists) {
    const json::value* v = doc.as_object().if_contains(key);
    if (v == nullptr || !v->is_array() || v->as_array().empty()) {
      return Error::Invalid(std::string("/") + key, path + ": " + key + " must be a list of names");
    }
    for (const json::value& item : v->as_array()) {
      const json::object* o = item.if_object();
      const json::value* ar = o != nullptr ? o->if_contains("ar") : nullptr;
      const json::value* en = o != nullptr ? o->if_contains("en") : nullptr;
      if (ar == nullptr || en == nullptr || !ar->is_string() || !en->is_string()) {
        return Error::Invalid(std::string("/") + key,
                              path + ": every name has \"ar\" and \"en\" strings");
      }
      list->push_back(Name{std::string(ar->as_string()), std::string(en->as_string())});
    }
  }
  return out;
}

// --- Dates --------------------------------------------------------------------

std::string FormatDate(sys_days d) {
  const year_month_day ymd(d);
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02u-%02u", static_cast<int>(ymd.year()),
                static_cast<unsigned>(ymd.month()), static_cast<unsigned>(ymd.day()));
  return buf;
}

sys_days FirstOfYear(int year) {
  return sys_days(std::chrono::year(year) / std::chrono::January / 1);
}

int YearOf(sys_days d) { return static_cast<int>(year_month_day(d).year()); }

// A day in [from, to], or `from` when the range is empty.
sys_days DayBetween(Random& rnd, sys_days from, sys_days to) {
  if (to <= from) return from;
  return from + days(rnd.Below(static_cast<std::uint64_t>((to - from).count()) + 1));
}

// --- The plan ---------------------------------------------------------------

struct PostPlan {
  std::string code, title_en, title_ar;
  size_t band;
  std::int64_t authorised;
};

struct UnitPlan {
  std::string id, parent, district;
  std::string name_en, name_ar, name_he;
  bool command = false;  // a headquarters or a district command
  std::string service;
  const ServicePlan* service_plan = nullptr;
  double weight = 0;         // its share of the force
  std::int64_t planned = 0;  // persons placed in it
  std::array<int, 3> band_mix{};
  std::vector<PostPlan> posts;
};

UnitPlan NewUnit(std::string id, std::string parent, std::string district, std::string name_en,
                 std::string name_ar, std::string name_he, bool command) {
  UnitPlan u;
  u.id = std::move(id);
  u.parent = std::move(parent);
  u.district = std::move(district);
  u.name_en = std::move(name_en);
  u.name_ar = std::move(name_ar);
  u.name_he = std::move(name_he);
  u.command = command;
  return u;
}

struct Person {
  std::int64_t number = 0;
  std::string name_ar, name_en;
  bool female = false;
  sys_days born{}, joined{};
  size_t unit = 0;  // index into the units
  int post = -1;    // index into the unit's posts
  size_t band = 0;
  size_t rank = 0;  // index into the reference's ranks
  size_t education = 0;
  // As registered, before the career events below.
  size_t first_unit = 0;
  int first_post = -1;
  size_t first_rank = 0;
};

// A career event as RecordCareerEvent takes it: {"kind","effective",
// "rank"?,"unit"?,"post"?,"note"?}, of the person with that number.
struct CareerEvent {
  std::int64_t person;
  sys_days effective;
  json::object in;
};

// Splits `total` in proportion to `weights` (largest remainders).
std::vector<std::int64_t> Apportion(std::int64_t total, const std::vector<double>& weights) {
  double sum = 0;
  for (double w : weights) sum += w;
  std::vector<std::int64_t> out(weights.size(), 0);
  if (sum <= 0 || total <= 0) return out;
  std::vector<std::pair<double, size_t>> remainders;
  std::int64_t given = 0;
  for (size_t i = 0; i < weights.size(); ++i) {
    const double exact = static_cast<double>(total) * weights[i] / sum;
    out[i] = static_cast<std::int64_t>(exact);
    given += out[i];
    remainders.emplace_back(exact - static_cast<double>(out[i]), i);
  }
  // Largest remainder first; ties to the earlier unit, so the split is stable.
  std::sort(remainders.begin(), remainders.end(), [](const auto& a, const auto& b) {
    return a.first > b.first || (a.first == b.first && a.second < b.second);
  });
  for (size_t i = 0; given < total; ++i, ++given) ++out[remainders[i % remainders.size()].second];
  return out;
}

bool PresentIn(const ServicePlan& s, std::string_view pcode) {
  return s.districts == "*" || s.districts.find(pcode) != std::string_view::npos;
}

class ForceBuilder {
 public:
  ForceBuilder(const personnel::Settings& settings, const NameLists& names, sys_days today)
      : s_(settings), names_(names), today_(today), rnd_(kSeed) {}

  Status Build(int persons) {
    LIAISON_TRY(IndexRanks());
    PlanIntake();
    PlanUnits();
    std::vector<double> weights;
    for (const UnitPlan& u : units_) weights.push_back(u.weight);
    const std::vector<std::int64_t> planned = Apportion(persons, weights);
    for (size_t i = 0; i < units_.size(); ++i) units_[i].planned = planned[i];
    for (UnitPlan& u : units_) PlanEstablishment(u);
    for (size_t i = 0; i < units_.size(); ++i) {
      for (std::int64_t n = 0; n < units_[i].planned; ++n) persons_.push_back(MakePerson(i));
    }
    for (Person& p : persons_) MakeHistory(p);
    return OkStatus();
  }

  const std::vector<UnitPlan>& units() const { return units_; }
  const std::vector<Person>& persons() const { return persons_; }
  const std::vector<CareerEvent>& career() const { return career_; }

  // DefineUnit's input.
  static json::object UnitInput(const UnitPlan& u) {
    json::object o{{"id", u.id},
                   {"service", u.service},
                   {"name_en", u.name_en},
                   {"name_ar", u.name_ar},
                   {"name_he", u.name_he}};
    if (!u.parent.empty()) o["parent"] = u.parent;
    if (!u.district.empty()) o["district"] = u.district;
    return o;
  }

  // SetEstablishment's input.
  static json::object EstablishmentInput(const UnitPlan& u) {
    json::array posts;
    for (const PostPlan& p : u.posts) {
      posts.push_back(json::object{{"post", p.code},
                                   {"title_en", p.title_en},
                                   {"title_ar", p.title_ar},
                                   {"band", personnel::kBands[p.band]},
                                   {"authorised", p.authorised}});
    }
    return json::object{{"posts", std::move(posts)}};
  }

  // The person as registered: their first unit, post and rank, active.
  personnel::PersonFields Registration(const Person& p) const {
    const UnitPlan& u = units_[p.first_unit];
    personnel::PersonFields f;
    f.service_number = ServiceNumber(p.number);
    f.name_ar = p.name_ar;
    f.name_en = p.name_en;
    f.sex = p.female ? "f" : "m";
    f.birth_date = FormatDate(p.born);
    f.joined_on = FormatDate(p.joined);
    f.service = u.service;
    f.unit = u.id;
    if (p.first_post >= 0) f.post = u.posts[static_cast<size_t>(p.first_post)].code;
    f.rank = s_.reference->ranks[p.first_rank].code;
    f.status = "active";
    f.education = std::string(kEducation[p.education]);
    f.notes = std::string(kNote);
    return f;
  }

  static std::string ServiceNumber(std::int64_t number) {
    char buf[24];
    std::snprintf(buf, sizeof buf, "SYN-%07lld", static_cast<long long>(number));
    return buf;
  }

 private:
  Status IndexRanks() {
    if (s_.reference == nullptr || s_.reference->ranks.empty() || s_.reference->services.empty()) {
      return Error::Precondition("the personnel reference data is not loaded");
    }
    for (size_t i = 0; i < s_.reference->ranks.size(); ++i) {
      const auto band = personnel::BandIndex(s_.reference->ranks[i].band);
      if (!band) return Error::Precondition("reference rank of an unknown band");
      band_ranks_[*band].push_back(i);  // by grade: the reference lists them so
    }
    for (const auto& ranks : band_ranks_) {
      if (ranks.empty()) return Error::Precondition("the reference data lacks a band's ranks");
    }
    for (const ServicePlan& sp : kServices) {
      if (s_.reference->FindService(sp.code) == nullptr) {
        return Error::Precondition("the reference data lacks the service " + std::string(sp.code));
      }
    }
    return OkStatus();
  }

  std::string DistrictName(std::string_view pcode, int lang) const {
    const requests::District* d =
        s_.geography != nullptr ? s_.geography->FindDistrict(pcode) : nullptr;
    if (d == nullptr) return std::string(pcode);
    const std::string& name = lang == 0 ? d->name_en : lang == 1 ? d->name_ar : d->name_he;
    return name.empty() ? std::string(pcode) : name;
  }

  void AddUnit(UnitPlan u, const ServicePlan& sp, double weight, bool hq) {
    u.service = std::string(sp.code);
    u.service_plan = &sp;
    u.weight = weight;
    // Headquarters carry more officers; every unit varies a little.
    u.band_mix = sp.bands;
    if (hq) {
      u.band_mix[0] += 15;
      u.band_mix[2] = std::max(5, u.band_mix[2] - 15);
    }
    const int shift = rnd_.Between(-3, 3);
    u.band_mix[0] = std::max(1, u.band_mix[0] + shift);
    u.band_mix[2] = std::max(1, u.band_mix[2] - shift);
    units_.push_back(std::move(u));
  }

  void PlanUnits() {
    constexpr double kCommandShare = 0.2;  // of a district's strength, at its command
    for (const ServicePlan& sp : kServices) {
      const personnel::Service& svc = *s_.reference->FindService(sp.code);
      const double service_weight = sp.share / 1000.0;
      AddUnit(
          NewUnit(std::string(sp.code), "", "", svc.name_en + " Headquarters",
                  "قيادة " + svc.name_ar, svc.name_he.empty() ? "" : "מטה " + svc.name_he, true),
          sp, service_weight * sp.hq_share / 100.0, true);
      const std::string hq = std::string(sp.code);
      int district_weights = 0;
      for (const DistrictPlan& d : kDistricts) {
        if (PresentIn(sp, d.pcode)) district_weights += d.weight;
      }
      for (const DistrictPlan& d : kDistricts) {
        if (!PresentIn(sp, d.pcode)) continue;
        const double w = service_weight * (100 - sp.hq_share) / 100.0 * d.weight / district_weights;
        const std::string command = hq + "-" + std::string(d.pcode);
        const std::string en = svc.name_en + " " + DistrictName(d.pcode, 0);
        const std::string ar = svc.name_ar + " - " + DistrictName(d.pcode, 1);
        const std::string he =
            svc.name_he.empty() ? "" : svc.name_he + " " + DistrictName(d.pcode, 2);
        AddUnit(NewUnit(command, hq, std::string(d.pcode), en + " Command", "قيادة " + ar,
                        he.empty() ? "" : "פיקוד " + he, true),
                sp, w * kCommandShare, false);
        // Sub-units differ in size by up to a quarter either way.
        std::vector<int> sizes;
        int size_total = 0;
        for (int k = 0; k < sp.sub_units; ++k) {
          sizes.push_back(rnd_.Between(75, 125));
          size_total += sizes.back();
        }
        for (int k = 0; k < sp.sub_units; ++k) {
          const std::string n = std::to_string(k + 1);
          AddUnit(NewUnit(command + "-" + n, command, std::string(d.pcode),
                          en + ", " + std::string(sp.sub_en) + " " + n,
                          ar + "، " + std::string(sp.sub_ar) + " " + n,
                          he.empty() ? "" : he + ", " + std::string(sp.sub_he) + " " + n, false),
                  sp, w * (1 - kCommandShare) * sizes[static_cast<size_t>(k)] / size_total, false);
        }
      }
    }
  }

  // Authorised posts: halfway between the force as it is and the target
  // pyramid (a reform plan, not yet met), from 85 % to 125 % of the
  // unit's strength, so that most units have officers over establishment
  // and enlisted posts vacant, and some are over or under altogether.
  void PlanEstablishment(UnitPlan& u) {
    const personnel::BandShares target = personnel::SharesOf(s_.target_ratio);
    const int mix_total = u.band_mix[0] + u.band_mix[1] + u.band_mix[2];
    const double scale = rnd_.Between(85, 125) / 100.0;
    std::array<std::int64_t, 3> authorised{};
    for (size_t b = 0; b < 3; ++b) {
      const double actual = static_cast<double>(u.band_mix[b]) / mix_total;
      authorised[b] = static_cast<std::int64_t>(
          std::lround(static_cast<double>(u.planned) * scale * (actual + target[b]) / 2));
    }
    auto add = [&u](std::string code, std::string en, std::string ar, size_t band, std::int64_t n) {
      if (n > 0) {
        u.posts.push_back(PostPlan{std::move(code), std::move(en), std::move(ar), band, n});
      }
    };
    const std::int64_t officers = authorised[0];
    add("CMD", u.command ? "Commander" : "Unit commander", u.command ? "القائد" : "آمر الوحدة", 0,
        std::min<std::int64_t>(officers, 1));
    add("DEP", "Deputy commander", "نائب القائد", 0, officers >= 3 ? 1 : 0);
    add("STF", "Staff officer", "ضابط ركن", 0,
        officers - std::min<std::int64_t>(officers, 1) - (officers >= 3 ? 1 : 0));
    const std::int64_t senior =
        authorised[1] >= 2 ? std::max<std::int64_t>(1, authorised[1] / 4) : 0;
    add("SNC", "Senior NCO", "ضابط صف أول", 1, senior);
    add("NCO", "Section leader", "آمر حضيرة", 1, authorised[1] - senior);
    add("ENL", "Rank and file", "فرد", 2, authorised[2]);
  }

  std::string_view RankCode(size_t rank) const { return s_.reference->ranks[rank].code; }

  // The rank a person of `band` holds after `years` of service.
  size_t RankFor(size_t band, int years) {
    const int effective = years + rnd_.Between(0, 4);  // rank inflation
    const std::vector<size_t>& ranks = band_ranks_[band];
    size_t chosen = ranks.front();
    for (size_t i = 0; i < ranks.size(); ++i) {
      const std::string_view code = RankCode(ranks[i]);
      int needed = static_cast<int>(i) * 4;
      int chance = 1000;
      for (const RankStep& step : kRankSteps) {
        if (step.rank == code) {
          needed = step.years;
          chance = step.chance;
        }
      }
      if (effective < needed || !rnd_.Chance(chance)) break;
      chosen = ranks[i];
    }
    return chosen;
  }

  // The relative intake of each year from kFirstIntake: PLA veterans before
  // the Authority, the Oslo-era intake (1994-96), the reform recruitment of
  // 2007-11, and this year's so far.
  void PlanIntake() {
    const int this_year = YearOf(today_);
    for (int y = kFirstIntake; y <= this_year; ++y) {
      intake_.push_back(y < 1994        ? 1
                        : y <= 1996     ? 9
                        : y <= 2000     ? 3
                        : y <= 2006     ? 2
                        : y <= 2011     ? 5
                        : y < this_year ? 3
                                        : 1);
    }
  }

  sys_days JoiningDay() {
    const int year = kFirstIntake + static_cast<int>(rnd_.Weighted(intake_));
    return DayBetween(rnd_, FirstOfYear(year), std::min(FirstOfYear(year + 1) - days(1), today_));
  }

  Person MakePerson(size_t unit) {
    const UnitPlan& u = units_[unit];
    const ServicePlan& sp = *u.service_plan;
    Person p;
    // SeedSyntheticForce runs only on an empty registry: numbers start at 1.
    p.number = static_cast<std::int64_t>(persons_.size()) + 1;
    p.unit = unit;
    p.band = rnd_.Weighted(u.band_mix);
    p.female = rnd_.Chance(sp.female);
    const Name& given = p.female ? names_.female[rnd_.Below(names_.female.size())]
                                 : names_.male[rnd_.Below(names_.male.size())];
    const Name& father = names_.male[rnd_.Below(names_.male.size())];
    const Name& family = names_.family[rnd_.Below(names_.family.size())];
    p.name_ar = given.ar + " " + father.ar + " " + family.ar;
    p.name_en = given.en + " " + father.en + " " + family.en;
    p.joined = JoiningDay();
    const int joined_year = YearOf(p.joined);
    // The early intake took older recruits (returnees among them).
    const int age = joined_year <= 1996 ? 18 + rnd_.Between(0, 9) + rnd_.Between(0, 9)
                    : p.band == 0       ? rnd_.Between(21, 27)
                                        : rnd_.Between(18, 25);
    const int born_year = joined_year - age;
    p.born = DayBetween(rnd_, FirstOfYear(born_year), FirstOfYear(born_year + 1) - days(1));
    p.rank = RankFor(p.band, YearOf(today_) - joined_year);
    p.education = rnd_.Weighted(kEducationMix[p.band]);
    p.post = PickPost(u, p.band);
    p.first_unit = p.unit;
    p.first_post = p.post;
    p.first_rank = p.rank;
    return p;
  }

  int PickPost(const UnitPlan& u, size_t band) {
    if (rnd_.Chance(kWithoutPost)) return -1;
    std::vector<std::int64_t> weights;
    for (const PostPlan& post : u.posts) weights.push_back(post.band == band ? post.authorised : 0);
    if (std::all_of(weights.begin(), weights.end(), [](std::int64_t w) { return w == 0; })) {
      return -1;
    }
    return static_cast<int>(rnd_.Weighted(weights));
  }

  void Record(const Person& p, std::string_view kind, sys_days effective, json::object in = {}) {
    in["kind"] = kind;
    in["effective"] = FormatDate(effective);
    career_.push_back(CareerEvent{p.number, effective, std::move(in)});
  }

  // Decides how the person got to where they are, changing what they were
  // registered as where a career event brings them here.
  void MakeHistory(Person& p) {
    const sys_days first_day = p.joined + days(1);
    if (first_day > today_) return;  // joined today
    const personnel::RetirementYear retires =
        personnel::RetirementYearOf(YearOf(p.born), YearOf(p.joined), s_.retirement);
    if (retires.year < YearOf(today_) && rnd_.Chance(kRetiredOfOverdue)) {
      const sys_days from = std::max(first_day, FirstOfYear(retires.year));
      Record(p, "retirement",
             DayBetween(rnd_, from, std::min(FirstOfYear(retires.year + 1) - days(1), today_)));
      return;
    }
    if (p.joined + days(365) < today_ && rnd_.Chance(kSeparated)) {
      Record(p, "separation", DayBetween(rnd_, first_day + days(365), today_));
      return;
    }
    if (rnd_.Chance(kDeceased)) {
      Record(p, "death", DayBetween(rnd_, first_day, today_));
      return;
    }
    const sys_days recent = std::max(first_day, today_ - days(3 * 365));
    if (rnd_.Chance(kSuspended)) {
      Record(p, "suspension", DayBetween(rnd_, std::max(first_day, today_ - days(540)), today_),
             json::object{{"note", std::string(kNote) + ": suspended pending a review"}});
      return;
    }
    const std::vector<size_t>& ranks = band_ranks_[p.band];
    if (ranks.front() != p.rank && p.joined < today_ - days(2 * 365) && rnd_.Chance(kPromoted)) {
      const auto at = std::find(ranks.begin(), ranks.end(), p.rank);
      p.first_rank = *(at - 1);
      Record(p, "promotion", DayBetween(rnd_, recent, today_),
             json::object{{"rank", s_.reference->ranks[p.rank].code}});
    }
    if (rnd_.Chance(kTransferred)) {
      std::vector<size_t> others;
      for (size_t i = 0; i < units_.size(); ++i) {
        if (i != p.unit && units_[i].service == units_[p.unit].service) others.push_back(i);
      }
      if (!others.empty()) {
        p.first_unit = others[rnd_.Below(others.size())];
        p.first_post = PickPost(units_[p.first_unit], p.band);
        json::object in{{"unit", units_[p.unit].id}};
        if (p.post >= 0) in["post"] = units_[p.unit].posts[static_cast<size_t>(p.post)].code;
        Record(p, "transfer", DayBetween(rnd_, recent, today_), std::move(in));
      }
    }
  }

  const personnel::Settings& s_;
  const NameLists& names_;
  const sys_days today_;
  Random rnd_;
  std::array<std::vector<size_t>, 3> band_ranks_;
  std::vector<int> intake_;  // weights from kFirstIntake to this year
  std::vector<UnitPlan> units_;
  std::vector<Person> persons_;
  std::vector<CareerEvent> career_;
};

// --- Emitting -------------------------------------------------------------

// Runs `fn` as one command of the demo's operator: one transaction. A command
// sees the projections as they were before it, so what refers to a record
// (a unit's parent, a person's career) goes in a later command than it.
Status RunAsOperator(App& app, const std::function<Status(CommandContext&)>& fn) {
  auto r =
      app.bus().Execute(SystemPrincipal(kActor), [&fn](CommandContext& ctx) -> Result<json::value> {
        LIAISON_TRY(fn(ctx));
        // The registry's commands reply with the record they changed; nobody
        // reads these replies.
        ctx.finish = nullptr;
        return json::value(nullptr);
      });
  if (!r) return std::move(r).error();
  return OkStatus();
}

// A command's input with the record it is about (a unit, a person).
using Keyed = std::pair<std::string, json::object>;

// Runs a registry command for each of `inputs` within one command.
template <class Input>
Status RunEach(App& app, const std::vector<Input>& inputs,
               const std::function<Result<json::value>(CommandContext&, const Input&)>& command) {
  return RunAsOperator(app, [&](CommandContext& ctx) -> Status {
    for (const Input& in : inputs) {
      auto r = command(ctx, in);
      if (!r) return std::move(r).error();
    }
    return OkStatus();
  });
}

Result<std::set<std::string>> ExistingUnits(App& app) {
  std::set<std::string> ids;
  LIAISON_TRY(app.store().RunRead([&](Tx& tx) -> Status {
    auto rows = tx.Query("SELECT id FROM org_units");
    if (!rows) return std::move(rows).error();
    for (const Row& r : *rows) ids.insert(r.Text(0));
    return OkStatus();
  }));
  return ids;
}

// The registered persons' ids by service number.
Result<std::unordered_map<std::string, std::string>> PersonIds(App& app) {
  std::unordered_map<std::string, std::string> ids;
  LIAISON_TRY(app.store().RunRead([&](Tx& tx) -> Status {
    auto rows = tx.Query("SELECT service_number, id FROM persons");
    if (!rows) return std::move(rows).error();
    for (const Row& r : *rows) ids.emplace(r.Text(0), r.Text(1));
    return OkStatus();
  }));
  return ids;
}

}  // namespace

Result<int> SeedSyntheticForce(App& app, int persons) {
  if (persons < 0 || persons > kMaxPersons) {
    return Error::Invalid("/personnel", "the synthetic force has 0 to 100,000 persons");
  }
  if (persons == 0) return 0;
  bool any = false;
  LIAISON_TRY(app.store().RunRead([&](Tx& tx) -> Status {
    auto rows = tx.Query("SELECT 1 FROM persons LIMIT 1");
    if (!rows) return std::move(rows).error();
    any = !rows->empty();
    return OkStatus();
  }));
  if (any) return 0;
  if (app.geography_dir().empty()) {
    return Error::Precondition("the synthetic force needs the data directory (LoadGeography)");
  }
  auto names = LoadNames(app.geography_dir() + "/personnel/names.json");
  if (!names) return std::move(names).error();
  const personnel::Settings settings = app.personnel_settings();
  const sys_days today = std::chrono::floor<days>(std::chrono::sys_time<std::chrono::microseconds>(
      std::chrono::microseconds(app.clock().Now())));
  ForceBuilder force(settings, *names, today);
  LIAISON_TRY(force.Build(persons));

  // The unit tree a level at a time (headquarters, district commands,
  // sub-units), then every unit's establishment. Units already there (an
  // earlier run stopped short) are kept as they are.
  auto existing = ExistingUnits(app);
  if (!existing) return std::move(existing).error();
  std::array<std::vector<json::object>, 3> levels;
  std::vector<Keyed> establishments;
  for (const UnitPlan& u : force.units()) {
    if (existing->contains(u.id)) continue;
    const size_t level = u.parent.empty() ? 0 : u.command ? 1 : 2;
    levels[level].push_back(ForceBuilder::UnitInput(u));
    establishments.emplace_back(u.id, ForceBuilder::EstablishmentInput(u));
  }
  for (const auto& level : levels) {
    if (level.empty()) continue;
    LIAISON_TRY(
        RunEach<json::object>(app, level, [&settings](CommandContext& ctx, const json::object& in) {
          return personnel::DefineUnit(ctx, in, settings);
        }));
  }
  if (!establishments.empty()) {
    LIAISON_TRY(
        RunEach<Keyed>(app, establishments, [&settings](CommandContext& ctx, const auto& unit) {
          return personnel::SetEstablishment(ctx, unit.first, unit.second, settings);
        }));
  }

  // The persons as first registered, kPersonsPerCommand to a command (the
  // registry puts at most personnel::kPersonsPerEvent in an event).
  const std::vector<Person>& all = force.persons();
  for (size_t start = 0; start < all.size(); start += kPersonsPerCommand) {
    std::vector<personnel::PersonFields> batch;
    for (size_t i = start; i < std::min(all.size(), start + kPersonsPerCommand); ++i) {
      batch.push_back(force.Registration(all[i]));
    }
    LIAISON_TRY(RunAsOperator(app, [&](CommandContext& ctx) -> Status {
      auto r = personnel::RegisterMany(ctx, std::move(batch), /*synthetic=*/true, settings);
      if (!r) return std::move(r).error();
      return OkStatus();
    }));
  }

  // Their careers since, in the order they happened.
  auto ids = PersonIds(app);
  if (!ids) return std::move(ids).error();
  std::vector<const CareerEvent*> ordered;
  for (const CareerEvent& e : force.career()) ordered.push_back(&e);
  std::stable_sort(ordered.begin(), ordered.end(), [](const CareerEvent* a, const CareerEvent* b) {
    return a->effective < b->effective;
  });
  std::vector<Keyed> career;
  for (const CareerEvent* e : ordered) {
    const auto id = ids->find(ForceBuilder::ServiceNumber(e->person));
    if (id == ids->end()) return Error::Internal("a synthetic person was not registered");
    career.emplace_back(id->second, e->in);
  }
  for (size_t start = 0; start < career.size(); start += kCareerEventsPerCommand) {
    const std::vector<Keyed> chunk(
        career.begin() + static_cast<std::ptrdiff_t>(start),
        career.begin() +
            static_cast<std::ptrdiff_t>(std::min(career.size(), start + kCareerEventsPerCommand)));
    LIAISON_TRY(RunEach<Keyed>(app, chunk, [&settings](CommandContext& ctx, const auto& e) {
      return personnel::RecordCareerEvent(ctx, e.first, e.second, settings);
    }));
  }
  return persons;
}

}  // namespace liaison
