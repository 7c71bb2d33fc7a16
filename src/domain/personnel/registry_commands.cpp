// The registry's commands: units and their establishment, registrations (one
// person, a CSV import, a generated force) and career events.
#include <boost/json/serialize.hpp>
#include <unordered_map>

#include "core/time.hpp"
#include "domain/columns.hpp"
#include "domain/footprint.hpp"
#include "domain/personnel/dates.hpp"
#include "domain/personnel/personnel.hpp"
#include "domain/personnel/registry_internal.hpp"
#include "store/event_log.hpp"

namespace liaison::personnel {
namespace {

using internal::Authorize;
using internal::PersonId;
using internal::TxRegistry;

constexpr size_t kMaxUnitIdBytes = 64;
constexpr size_t kMaxPosts = 500;
constexpr std::int64_t kMaxAuthorised = 100'000;
constexpr size_t kMaxNoteChars = 2000;
constexpr size_t kMaxListedIssues = 1000;
// The kinds an HR officer records; appointments are registrations and
// training completions come from training results.
constexpr std::string_view kRecordedKinds[] = {
    "promotion", "transfer", "suspension", "reinstatement", "retirement", "separation", "death"};

Status NotLoaded(const Settings& s) {
  if (s.reference == nullptr) {
    return Error::Unavailable("the personnel reference data is not loaded on this server");
  }
  return OkStatus();
}

// The registry's scope, once the actor may change it.
Result<liaison::Scope> ManagedScope(CommandContext& ctx, const Settings& s) {
  auto scope = RegistryScope(ctx.tx, s);
  if (!scope) return std::move(scope).error();
  LIAISON_TRY(Authorize(ctx.actor, Action::kManagePersonnel, *scope));
  LIAISON_TRY(NotLoaded(s));
  return scope;
}

std::string Pointer(std::string_view field) { return "/" + std::string(field); }

// A required text field, clean, of at most `max_chars` characters.
Result<std::string> ReadText(const json::object& in, std::string_view key, size_t max_chars,
                             bool required = true, bool multiline = false) {
  auto v = OptionalString(in, key, {required ? size_t{1} : size_t{0}, max_chars * 4});
  if (!v) return std::move(v).error();
  if (!v->has_value()) {
    if (required) return Error::Invalid(Pointer(key), std::string(key) + " is required");
    return std::string();
  }
  if (!IsCleanText(**v, multiline)) {
    return Error::Invalid(Pointer(key), std::string(key) +
                                            " holds a line break or a control "
                                            "character");
  }
  if (CharCount(**v) > max_chars) {
    return Error::Invalid(Pointer(key), std::string(key) + " is too long (" +
                                            std::to_string(max_chars) + " characters at most)");
  }
  return std::move(**v);
}

Result<std::string> ReadArabic(const json::object& in, std::string_view key) {
  auto v = ReadText(in, key, kMaxNameChars);
  if (!v) return v;
  if (!HasArabicLetter(*v)) {
    return Error::Invalid(Pointer(key), std::string(key) + " must be written in Arabic letters");
  }
  return v;
}

bool IsUnitId(std::string_view id) {
  if (id.empty() || id.size() > kMaxUnitIdBytes || id.front() == '-' || id.back() == '-') {
    return false;
  }
  for (size_t i = 0; i < id.size(); ++i) {
    const char c = id[i];
    const bool ok = (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-';
    if (!ok || (c == '-' && id[i + 1] == '-')) return false;
  }
  return true;
}

bool IsPostCode(std::string_view code) {
  if (code.empty() || code.size() > kMaxPostChars) return false;
  for (char c : code) {
    const bool ok = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
                    c == '-' || c == '_' || c == '.';
    if (!ok) return false;
  }
  return true;
}

bool IsPcode(std::string_view d) {
  if (d.size() != 6 || d[0] < 'A' || d[0] > 'Z' || d[1] < 'A' || d[1] > 'Z') return false;
  for (size_t i = 2; i < 6; ++i) {
    if (d[i] < '0' || d[i] > '9') return false;
  }
  return true;
}

// The problem of a person's fields: the first field at fault, with every
// issue as {"reason", "errors"} members.
Error FieldProblem(const std::vector<FieldError>& errors) {
  const FieldError& first = errors.front();
  Error e = first.code == "duplicate_in_registry"
                ? Error::Conflict(first.message, Pointer(first.column))
                : Error::Invalid(Pointer(first.column), first.message);
  json::array all;
  for (const FieldError& f : errors) {
    all.push_back(
        json::object{{"field", Pointer(f.column)}, {"code", f.code}, {"message", f.message}});
  }
  e.extra = json::serialize(json::object{{"reason", first.code}, {"errors", std::move(all)}});
  return e;
}

// The personnel.registered body of one person; `f` is checked.
json::object PersonBody(PersonFields&& f, std::int64_t number, const Reference& ref,
                        const UnitInfo& unit) {
  const Rank* rank = ref.FindRank(f.rank);
  auto or_null = [](std::string& v) { return v.empty() ? json::value() : json::value(v); };
  json::object o{{"id", PersonId(number)},
                 {"number", number},
                 {"service_number", f.service_number},
                 {"name_ar", f.name_ar},
                 {"name_en", f.name_en},
                 {"birth_date", f.birth_date},
                 {"joined_on", f.joined_on},
                 {"service", f.service},
                 {"unit", f.unit},
                 {"district", unit.district.empty() ? json::value() : json::value(unit.district)},
                 {"post", or_null(f.post)},
                 {"rank", f.rank},
                 {"band", rank != nullptr ? rank->band : std::string()},
                 {"status", f.status.empty() ? std::string("active") : f.status}};
  if (!f.sex.empty()) o["sex"] = f.sex;
  if (!f.education.empty()) o["education"] = f.education;
  if (!f.notes.empty()) o["notes"] = f.notes;
  f = PersonFields{};  // a bulk registration holds each person once
  return o;
}

struct Bulk {
  std::string import;  // IMP id; empty for one person registered alone
  std::string digest;
  bool synthetic = false;
};

// Emits the registration of `persons` (all checked), numbered after the
// highest number yet; kPersonsPerEvent per event. Returns the ids.
Result<std::vector<std::string>> EmitRegistrations(CommandContext& ctx,
                                                   std::vector<PersonFields> persons,
                                                   TxRegistry& registry,
                                                   const liaison::Scope& scope, const Bulk& bulk,
                                                   const Settings& s) {
  auto top = ctx.tx.Query("SELECT COALESCE(MAX(number), 0) FROM persons");
  if (!top) return std::move(top).error();
  std::int64_t number = top->front().Int(0);
  const size_t total = persons.size();
  const size_t parts = (total + kPersonsPerEvent - 1) / kPersonsPerEvent;
  std::vector<std::string> ids;
  ids.reserve(total);
  for (size_t part = 0; part < parts; ++part) {
    json::array batch;
    const size_t end = std::min(total, (part + 1) * kPersonsPerEvent);
    for (size_t i = part * kPersonsPerEvent; i < end; ++i) {
      const UnitInfo* unit = registry.FindUnit(persons[i].unit);
      if (unit == nullptr) return Error::Internal("a checked person's unit is gone");
      ids.push_back(PersonId(++number));
      batch.push_back(PersonBody(std::move(persons[i]), number, *s.reference, *unit));
    }
    json::object body;
    std::string subject;
    if (bulk.import.empty()) {
      subject = "person/" + ids.back();
    } else {
      subject = "personnel/import/" + bulk.import;
      body["import"] = bulk.import;
      body["digest"] = bulk.digest;
      body["part"] = part + 1;
      body["parts"] = parts;
      body["rows"] = total;
    }
    if (bulk.synthetic) body["synthetic"] = true;
    body["persons"] = std::move(batch);
    ctx.Emit({"personnel.registered", std::move(subject), scope.owner_party, scope.shared_with,
              std::move(body)});
  }
  LIAISON_TRY(registry.status());
  return ids;
}

Result<json::value> RegisterBulk(CommandContext& ctx, std::vector<PersonFields> persons,
                                 TxRegistry& registry, const liaison::Scope& scope, Bulk bulk,
                                 const Settings& s) {
  auto numbered = NextRecordNumber(ctx.tx, "personnel_imports", "IMP", ctx.now);
  if (!numbered) return std::move(numbered).error();
  bulk.import = numbered->id;
  auto ids = EmitRegistrations(ctx, std::move(persons), registry, scope, bulk, s);
  if (!ids) return std::move(ids).error();
  return json::value(json::object{{"import", numbered->id},
                                  {"registered", static_cast<std::int64_t>(ids->size())}});
}

// Replies with the unit as the command left it, with its establishment.
void ReplyWithUnit(CommandContext& ctx, std::string id) {
  ctx.finish = [id = std::move(id)](Tx& tx, json::value) -> Result<json::value> {
    auto rows = tx.Query(
        "SELECT " + std::string(internal::kUnitSelect) + " FROM org_units u WHERE u.id = ?", {id});
    if (!rows) return std::move(rows).error();
    if (rows->empty()) return Error::Internal("the unit just defined is missing");
    json::object unit = internal::UnitJson(rows->front());
    LIAISON_TRY(internal::AddEstablishment(tx, unit));
    return json::value(std::move(unit));
  };
}

Result<json::object> PersonNow(Tx& tx, const std::string& id) {
  auto rows = tx.Query(
      "SELECT " + std::string(internal::kPersonSelect) + " FROM persons p WHERE p.id = ?", {id});
  if (!rows) return std::move(rows).error();
  if (rows->empty()) return Error::Internal("the person just recorded is missing");
  return internal::PersonJson(rows->front());
}

// The visible person, for a change: kNotFound when `p` may not see them.
Result<PersonRef> LoadVisiblePerson(Tx& tx, const Principal& p, std::string_view id) {
  auto person = FindPerson(tx, id);
  if (!person) return std::move(person).error();
  if (!person->has_value() ||
      !CanSee(p, liaison::Scope{(*person)->party, SplitShares((*person)->shared_with)})) {
    return Error::NotFound("no such person");
  }
  return std::move(**person);
}

}  // namespace

// --- Units ---------------------------------------------------------------

Result<json::value> DefineUnit(CommandContext& ctx, const json::object& in, const Settings& s) {
  auto scope = ManagedScope(ctx, s);
  if (!scope) return std::move(scope).error();
  LIAISON_TRY(OnlyKnownFields(
      in, {"id", "parent", "service", "name_en", "name_ar", "name_he", "district"}));
  auto id = RequireString(in, "id", {1, kMaxUnitIdBytes});
  if (!id) return std::move(id).error();
  if (!IsUnitId(*id)) {
    return Error::Invalid("/id",
                          "a unit id is upper-case letters, digits and single hyphens, e.g. "
                          "NSF-PS0101-2");
  }
  auto service = RequireString(in, "service", {1, 16});
  if (!service) return std::move(service).error();
  if (s.reference->FindService(*service) == nullptr) {
    return Error::Invalid("/service", "no service has the code " + *service);
  }
  if (*id != *service && !id->starts_with(*service + "-")) {
    return Error::Invalid("/id", "a unit's id begins with its service's code (" + *service +
                                     " or " + *service + "-...)");
  }
  auto name_en = ReadText(in, "name_en", kMaxNameChars);
  if (!name_en) return std::move(name_en).error();
  auto name_ar = ReadArabic(in, "name_ar");
  if (!name_ar) return std::move(name_ar).error();
  auto name_he = ReadText(in, "name_he", kMaxNameChars, /*required=*/false);
  if (!name_he) return std::move(name_he).error();
  auto parent = OptionalString(in, "parent", {1, kMaxUnitIdBytes});
  if (!parent) return std::move(parent).error();
  auto district = OptionalString(in, "district", {1, 16});
  if (!district) return std::move(district).error();

  auto existing = FindUnit(ctx.tx, *id);
  if (!existing) return std::move(existing).error();
  if (existing->has_value()) return Error::Conflict("the unit " + *id + " exists", "/id");
  if (parent->has_value()) {
    auto up = FindUnit(ctx.tx, **parent);
    if (!up) return std::move(up).error();
    if (!up->has_value()) return Error::Invalid("/parent", "no unit has the id " + **parent);
    if ((*up)->service != *service) {
      return Error::Invalid("/parent", "the parent unit belongs to " + (*up)->service +
                                           "; a unit belongs to its parent's service");
    }
    const std::string& up_district = (*up)->district;
    if (!up_district.empty()) {
      if (district->has_value() && **district != up_district) {
        return Error::Invalid("/district", "the parent unit is in " + up_district +
                                               "; a unit lies in its parent's governorate");
      }
      *district = up_district;
    }
  }
  if (district->has_value()) {
    const bool known = s.geography != nullptr ? s.geography->FindDistrict(**district) != nullptr
                                              : IsPcode(**district);
    if (!known) {
      return Error::Invalid("/district", "district must be a governorate P-code, e.g. PS0101");
    }
  }
  json::object body{{"id", *id},
                    {"parent", parent->has_value() ? json::value(**parent) : json::value()},
                    {"service", *service},
                    {"name_en", *name_en},
                    {"name_ar", *name_ar},
                    {"district", district->has_value() ? json::value(**district) : json::value()}};
  if (!name_he->empty()) body["name_he"] = *name_he;
  ctx.Emit({"personnel.unit_defined", "org_unit/" + *id, scope->owner_party, scope->shared_with,
            std::move(body)});
  ReplyWithUnit(ctx, *id);
  return json::value(json::object{{"id", *id}});
}

Result<json::value> SetEstablishment(CommandContext& ctx, std::string_view unit_id,
                                     const json::object& in, const Settings& s) {
  auto unit = FindUnit(ctx.tx, unit_id);
  if (!unit) return std::move(unit).error();
  if (!unit->has_value() ||
      !CanSee(ctx.actor, liaison::Scope{(*unit)->party, SplitShares((*unit)->shared_with)})) {
    return Error::NotFound("no such unit");
  }
  LIAISON_TRY(Authorize(ctx.actor, Action::kManagePersonnel,
                        liaison::Scope{(*unit)->party, SplitShares((*unit)->shared_with)}));
  LIAISON_TRY(NotLoaded(s));
  LIAISON_TRY(OnlyKnownFields(in, {"posts"}));
  const json::value* posts = in.if_contains("posts");
  if (posts == nullptr || !posts->is_array()) {
    return Error::Invalid("/posts",
                          "posts is an array of {post, title_en, title_ar, band, "
                          "authorised}");
  }
  if (posts->get_array().size() > kMaxPosts) {
    return Error::Invalid("/posts", "a unit has at most " + std::to_string(kMaxPosts) + " posts");
  }
  json::array out;
  std::vector<std::string> seen;
  for (size_t i = 0; i < posts->get_array().size(); ++i) {
    const std::string ptr = "/posts/" + std::to_string(i);
    const json::value& v = posts->get_array()[i];
    if (!v.is_object()) return Error::Invalid(ptr, "a post is an object");
    const json::object& p = v.get_object();
    LIAISON_TRY(OnlyKnownFields(p, {"post", "title_en", "title_ar", "band", "authorised"}));
    auto code = RequireString(p, "post", {1, kMaxPostChars});
    if (!code) return Nested(std::move(code).error(), ptr);
    if (!IsPostCode(*code)) {
      return Error::Invalid(ptr + "/post", "a post code is letters, digits, '-', '_' and '.'");
    }
    if (std::find(seen.begin(), seen.end(), *code) != seen.end()) {
      return Error::Invalid(ptr + "/post", "the post " + *code + " is listed twice");
    }
    seen.push_back(*code);
    auto title_en = ReadText(p, "title_en", kMaxNameChars);
    if (!title_en) return Nested(std::move(title_en).error(), ptr);
    auto title_ar = ReadArabic(p, "title_ar");
    if (!title_ar) return Nested(std::move(title_ar).error(), ptr);
    auto band = RequireString(p, "band", {1, 16});
    if (!band) return Nested(std::move(band).error(), ptr);
    if (!OneOf(*band, kBands)) {
      return Error::Invalid(ptr + "/band", "band is officer, nco or enlisted");
    }
    auto authorised = OptionalInt(p, "authorised", 0, kMaxAuthorised);
    if (!authorised) return Nested(std::move(authorised).error(), ptr);
    if (!authorised->has_value()) {
      return Error::Invalid(ptr + "/authorised", "authorised (how many may hold it) is required");
    }
    out.push_back(json::object{{"post", *code},
                               {"title_en", *title_en},
                               {"title_ar", *title_ar},
                               {"band", *band},
                               {"authorised", **authorised}});
  }
  const UnitRef& u = **unit;
  ctx.Emit({"personnel.establishment_set", "org_unit/" + u.id, u.party, SplitShares(u.shared_with),
            json::object{{"unit", u.id}, {"posts", std::move(out)}}});
  ReplyWithUnit(ctx, u.id);
  return json::value(json::object{{"id", u.id}});
}

// --- Registrations -------------------------------------------------------

Result<json::value> Register(CommandContext& ctx, const json::object& in, const Settings& s) {
  auto scope = ManagedScope(ctx, s);
  if (!scope) return std::move(scope).error();
  LIAISON_TRY(OnlyKnownFields(in, kPersonColumns));
  PersonFields f;
  for (std::string_view column : kPersonColumns) {
    const json::value* v = in.if_contains(column);
    if (v == nullptr || v->is_null()) continue;
    if (!v->is_string()) {
      return Error::Invalid(Pointer(column), std::string(column) + " must be a string");
    }
    *FieldOf(f, column) = std::string(v->get_string());
  }
  TrimCodes(f);
  TxRegistry registry(ctx.tx);
  std::vector<FieldError> errors;
  CheckPerson(f, *s.reference, registry, DateOf(ctx.now), errors);
  LIAISON_TRY(registry.status());
  if (!errors.empty()) return FieldProblem(errors);
  std::vector<PersonFields> one;
  one.push_back(std::move(f));
  auto ids = EmitRegistrations(ctx, std::move(one), registry, *scope, Bulk{}, s);
  if (!ids) return std::move(ids).error();
  ctx.finish = [id = ids->front()](Tx& tx, json::value) -> Result<json::value> {
    auto person = PersonNow(tx, id);
    if (!person) return std::move(person).error();
    return json::value(std::move(*person));
  };
  return json::value(json::object{{"id", ids->front()}});
}

Result<json::value> RegisterMany(CommandContext& ctx, std::vector<PersonFields> persons,
                                 bool synthetic, const Settings& s) {
  auto scope = ManagedScope(ctx, s);
  if (!scope) return std::move(scope).error();
  if (persons.empty()) return Error::Invalid("/persons", "no persons to register");
  TxRegistry registry(ctx.tx);
  std::unordered_map<std::string, size_t> numbers;
  std::vector<FieldError> errors;
  const std::string today = DateOf(ctx.now);
  for (size_t i = 0; i < persons.size(); ++i) {
    TrimCodes(persons[i]);
    CheckPerson(persons[i], *s.reference, registry, today, errors);
    if (errors.empty() && !numbers.emplace(persons[i].service_number, i).second) {
      errors.push_back({"service_number", "duplicate_in_file",
                        "the service number " + persons[i].service_number + " is given twice"});
    }
    if (!errors.empty()) {
      return Error::Invalid("/persons/" + std::to_string(i) + "/" + errors.front().column,
                            errors.front().message);
    }
  }
  LIAISON_TRY(registry.status());
  return RegisterBulk(ctx, std::move(persons), registry, *scope, Bulk{{}, {}, synthetic}, s);
}

Result<json::value> CommitImport(CommandContext& ctx, std::string_view csv,
                                 const std::string& digest, const Settings& s) {
  auto scope = ManagedScope(ctx, s);
  if (!scope) return std::move(scope).error();
  TxRegistry registry(ctx.tx);
  ImportCheck check = CheckImport(csv, *s.reference, registry, {DateOf(ctx.now), kMaxListedIssues});
  LIAISON_TRY(registry.status());
  if (check.error_count > 0) {
    Error e = Error::Invalid("", "the file has " + std::to_string(check.error_count) +
                                     " issue(s); nothing was registered");
    e.extra = json::serialize(ImportReportJson(check));
    return e;
  }
  if (check.rows == 0) return Error::Invalid("", "the file holds no persons");
  return RegisterBulk(ctx, std::move(check.persons), registry, *scope, Bulk{{}, digest, false}, s);
}

// --- Career events -------------------------------------------------------

Result<json::value> RecordCareerEvent(CommandContext& ctx, std::string_view person_id,
                                      const json::object& in, const Settings& s) {
  auto person = LoadVisiblePerson(ctx.tx, ctx.actor, person_id);
  if (!person) return std::move(person).error();
  const liaison::Scope scope{person->party, SplitShares(person->shared_with)};
  LIAISON_TRY(Authorize(ctx.actor, Action::kManagePersonnel, scope));
  LIAISON_TRY(NotLoaded(s));
  LIAISON_TRY(OnlyKnownFields(in, {"kind", "effective", "rank", "unit", "post", "note"}));

  auto kind = RequireString(in, "kind", {1, 32});
  if (!kind) return std::move(kind).error();
  if (*kind == "appointment") {
    return Error::Invalid("/kind", "the appointment is the registration (POST /api/v1/personnel)");
  }
  if (*kind == "training_completed") {
    return Error::Invalid("/kind", "training completions are recorded by training results");
  }
  if (!OneOf(*kind, kRecordedKinds)) {
    return Error::Invalid("/kind",
                          "kind is promotion, transfer, suspension, reinstatement, retirement, "
                          "separation or death");
  }
  auto effective = RequireString(in, "effective", {1, 16});
  if (!effective) return std::move(effective).error();
  if (!ParseDate(*effective)) {
    return Error::Invalid("/effective", "effective must be a date, YYYY-MM-DD");
  }
  if (*effective > DateOf(ctx.now)) {
    return Error::Invalid("/effective", "effective is in the future");
  }
  auto career = internal::LoadCareer(ctx.tx, person->id);
  if (!career) return std::move(career).error();
  // The appointment's date is the joining date.
  const std::string& joined = career->start.status_since;
  if (*effective < joined) {
    return Error::Invalid("/effective", "effective is before the person joined (" + joined + ")");
  }
  auto rank = OptionalString(in, "rank", {1, 16});
  if (!rank) return std::move(rank).error();
  auto unit = OptionalString(in, "unit", {1, kMaxUnitIdBytes});
  if (!unit) return std::move(unit).error();
  auto post = ReadText(in, "post", kMaxPostChars, /*required=*/false);
  if (!post) return std::move(post).error();
  auto note = ReadText(in, "note", kMaxNoteChars, /*required=*/false, /*multiline=*/true);
  if (!note) return std::move(note).error();
  const bool promotion = *kind == "promotion", transfer = *kind == "transfer";
  if (rank->has_value() && !promotion) return Error::Invalid("/rank", "only a promotion sets rank");
  if (unit->has_value() && !transfer) return Error::Invalid("/unit", "only a transfer sets unit");
  if (!post->empty() && !promotion && !transfer) {
    return Error::Invalid("/post", "only a promotion or a transfer sets post");
  }

  CareerStep step{*kind, *effective, {}};
  json::object changes;
  if (promotion) {
    if (!rank->has_value()) return Error::Invalid("/rank", "a promotion names the new rank");
    const Rank* r = s.reference->FindRank(**rank);
    if (r == nullptr) return Error::Invalid("/rank", "no rank has the code " + **rank);
    step.changes.rank = r->code;
    step.changes.band = r->band;
    changes["rank"] = r->code;
    changes["band"] = r->band;
    if (!post->empty()) {
      step.changes.post = *post;
      changes["post"] = *post;
    }
  } else if (transfer) {
    if (!unit->has_value()) return Error::Invalid("/unit", "a transfer names the new unit");
    auto to = FindUnit(ctx.tx, **unit);
    if (!to) return std::move(to).error();
    if (!to->has_value() || (*to)->party != person->party) {
      return Error::Invalid("/unit", "no unit has the id " + **unit);
    }
    const UnitRef& u = **to;
    step.changes.unit = u.id;
    step.changes.service = u.service;
    step.changes.district = u.district;
    step.changes.post = *post;
    changes["unit"] = u.id;
    changes["service"] = u.service;
    changes["district"] = u.district.empty() ? json::value() : json::value(u.district);
    changes["post"] = post->empty() ? json::value() : json::value(*post);
  } else {
    const std::string status(*StatusAfter(*kind));
    step.changes.status = status;
    changes["status"] = status;
  }
  const GradeOf grade_of = [&s](std::string_view code) {
    const Rank* r = s.reference->FindRank(code);
    return r != nullptr ? r->grade : 0;
  };
  if (auto conflict = CheckInsertion(career->start, career->steps, step, grade_of)) {
    const std::string field = conflict->with_later ? "/effective"
                              : promotion          ? "/rank"
                              : transfer           ? "/unit"
                                                   : "/kind";
    return Error::Conflict(conflict->message, field);
  }
  json::object body{{"person", person->id},
                    {"kind", *kind},
                    {"effective", *effective},
                    {"changes", std::move(changes)}};
  if (!note->empty()) body["note"] = *note;
  ctx.Emit({"personnel.career_recorded", "person/" + person->id, scope.owner_party,
            scope.shared_with, std::move(body)});
  ctx.finish = [id = person->id](Tx& tx, json::value) -> Result<json::value> {
    auto p = PersonNow(tx, id);
    if (!p) return std::move(p).error();
    auto rows = tx.Query(
        "SELECT seq, idx, kind, effective, author, at, data, note FROM career_events "
        "WHERE person = ? ORDER BY seq DESC, idx DESC LIMIT 1",
        {id});
    if (!rows) return std::move(rows).error();
    if (rows->empty()) return Error::Internal("the career event just recorded is missing");
    const Row& r = rows->front();
    json::object event{{"seq", r.Int(0)},
                       {"idx", r.Int(1)},
                       {"kind", r.Text(2)},
                       {"effective", r.Text(3)},
                       {"author", r.Text(4)},
                       {"at", FormatRfc3339(r.Int(5))},
                       {"changes", StoredJson(r, 6)},
                       {"note", TextOrNull(r, 7)}};
    return json::value(json::object{{"event", std::move(event)}, {"person", std::move(*p)}});
  };
  return json::value(json::object{{"person", person->id}, {"kind", *kind}});
}

}  // namespace liaison::personnel
