#include "domain/deconfliction/deconfliction.hpp"

#include <algorithm>
#include <boost/json/parse.hpp>
#include <charconv>
#include <cstdio>
#include <map>
#include <set>

#include "authz/policy.hpp"
#include "core/time.hpp"
#include "domain/columns.hpp"
#include "domain/footprint.hpp"
#include "domain/identity/identity.hpp"
#include "domain/list_query.hpp"
#include "geo/geojson.hpp"
#include "geo/validity.hpp"
#include "store/event_log.hpp"

namespace liaison::deconfliction {
namespace {

constexpr StringRule kTitleRule{1, 600};
constexpr StringRule kDetailsRule{0, 20000};
constexpr StringRule kShortRule{0, 200};
constexpr StringRule kNoteRule{0, 8000};
constexpr StringRule kRequiredNoteRule{1, 8000};

constexpr std::string_view kConfidentiality[] = {"restricted", "confidential", "secret"};
constexpr std::string_view kOutcomes[] = {"proceed", "joint", "delayed", "cancelled", "changed"};
constexpr std::string_view kSiteKinds[] = {
    "hospital", "school", "un_facility", "humanitarian_facility", "humanitarian_movement", "other"};
constexpr std::string_view kActivityFields[] = {"kind", "title",           "details",  "unit",
                                                "poc",  "confidentiality", "footprint"};

std::int64_t IntOf(const json::object& b, std::string_view key) {
  const json::value* v = b.if_contains(key);
  return v && v->is_number() ? v->to_number<std::int64_t>() : 0;
}

Status Authorize(const Principal& p, Action action, const liaison::Scope& scope) {
  const Decision d = Can(p, action, scope);
  if (!d) return Error::Denied(d.reason);
  return OkStatus();
}

// --- The records that take part in checks ---------------------------------

// An activity or a request as a side of a conflict.
struct Record {
  std::string ref;
  std::string type;  // "activity" | "request"
  std::string party;
  std::string kind;
  std::string title;
  std::string details;
  std::string unit;
  std::string poc;
  std::string confidentiality;
  std::string state;
  deconflict::Footprint fp;
  json::value footprint_json;
};

Result<std::optional<Record>> LoadRecord(Tx& tx, std::string_view ref) {
  const bool activity = ref.starts_with("ACT-");
  auto rows = tx.Query(
      activity ? "SELECT id, 'activity', party, kind, title, details, unit, poc, confidentiality, "
                 "state, footprint FROM activities WHERE id = ?"
               // What a request counts as: requests::FootprintChange::kind.
               : "SELECT id, 'request', from_party, CASE WHEN type IN ('movement', 'medical') "
                 "THEN 'movement' ELSE 'other' END, title, details, from_unit, NULL, "
                 "'restricted', state, footprint FROM requests WHERE id = ? "
                 "AND footprint IS NOT NULL",
      {std::string(ref)});
  if (!rows) return std::move(rows).error();
  if (rows->empty()) return std::optional<Record>();
  const Row& r = rows->front();
  auto fp = StoredFootprint(r.Text(10));
  if (!fp) return std::move(fp).error();
  Record rec{r.Text(0), r.Text(1), r.Text(2), r.Text(3), r.Text(4),      r.Text(5),
             r.Text(6), r.Text(7), r.Text(8), r.Text(9), std::move(*fp), StoredJson(r, 10)};
  return std::optional<Record>(std::move(rec));
}

// A record whose window (and the time margin) ended takes no part in checks.
bool Ended(const Record& r, Micros now, const Settings& s) {
  return r.fp.end + s.index->options().margin_time < now;
}

// The full description of a side, for the deconfliction desk only.
json::object SideJson(const Record& r) {
  return json::object{{"party", r.party},
                      {"ref", r.ref},
                      {"type", r.type},
                      {"kind", r.kind},
                      {"title", r.title},
                      {"details", r.details},
                      {"unit", r.unit.empty() ? json::value() : json::value(r.unit)},
                      {"poc", r.poc.empty() ? json::value() : json::value(r.poc)},
                      {"confidentiality", r.confidentiality},
                      {"state", r.state},
                      {"footprint", r.footprint_json}};
}

// The district for coarse location: one that both footprints touch (the
// first, in P-code order), else the one the first footprint is mostly in.
std::string CommonDistrict(const Settings& s, const deconflict::Footprint& a,
                           const deconflict::Footprint& b) {
  if (s.geography == nullptr) return {};
  const requests::Placement pa = s.geography->Place(a.geometry, a.buffer_m);
  const requests::Placement pb = s.geography->Place(b.geometry, b.buffer_m);
  for (const auto& d : pa.districts) {
    if (std::binary_search(pb.districts.begin(), pb.districts.end(), d)) return d;
  }
  if (!pa.district.empty()) return pa.district;
  return pa.districts.empty() ? std::string() : pa.districts.front();
}

// --- Conflicts ------------------------------------------------------------

struct ConflictRow {
  std::string id, state, owner;
  std::vector<std::string> shared_with;
  std::string a_party, b_party, a_ref, b_ref;
  Micros start = 0, end = 0;
  std::string district;
  bool a_acknowledged = false, b_acknowledged = false;

  liaison::Scope scope() const { return {owner, shared_with}; }
  // The two sides only: who may acknowledge.
  liaison::Scope sides() const { return {a_party, {b_party}}; }
};

constexpr std::string_view kConflictColumns =
    "id, state, owner, shared_with, a_party, b_party, a_ref, b_ref, overlap_start, overlap_end, "
    "district, a_acknowledged_at, b_acknowledged_at";

ConflictRow ReadConflictRow(const Row& r) {
  return ConflictRow{r.Text(0),    r.Text(1), r.Text(2),  SplitParam(r.Text(3)),
                     r.Text(4),    r.Text(5), r.Text(6),  r.Text(7),
                     r.Int(8),     r.Int(9),  r.Text(10), !r.IsNull(11),
                     !r.IsNull(12)};
}

Result<std::optional<ConflictRow>> LoadConflict(Tx& tx, std::string_view id) {
  auto rows = tx.Query("SELECT " + std::string(kConflictColumns) + " FROM conflicts WHERE id = ?",
                       {std::string(id)});
  if (!rows) return std::move(rows).error();
  if (rows->empty()) return std::optional<ConflictRow>();
  return std::optional<ConflictRow>(ReadConflictRow(rows->front()));
}

Result<ConflictRow> LoadVisibleConflict(Tx& tx, const Principal& p, std::string_view id) {
  auto c = LoadConflict(tx, id);
  if (!c) return std::move(c).error();
  if (!c->has_value() || !CanSee(p, (*c)->scope())) return Error::NotFound("no such conflict");
  return std::move(**c);
}

// What the checks find is the server's finding, not the act of the user
// whose planning revealed it: the other side must not learn who that was.
constexpr std::string_view kCheckActor = "system:deconfliction";

EventDraft ConflictEvent(const ConflictRow& c, std::string type, json::object body,
                         std::string_view actor = {}) {
  body["id"] = c.id;
  return EventDraft{std::move(type),   c.id, c.owner, c.shared_with, std::move(body),
                    std::string(actor)};
}

// conflict.assessed names both sides: the coordinator's only.
EventDraft AssessedEvent(const std::string& id, const std::vector<std::string>& coordinators,
                         const std::string& fallback_owner, json::object body) {
  body["id"] = id;
  if (coordinators.empty()) {
    return EventDraft{"conflict.assessed",     id, fallback_owner, {}, std::move(body),
                      std::string(kCheckActor)};
  }
  return EventDraft{
      "conflict.assessed",  id,
      coordinators.front(), std::vector<std::string>(coordinators.begin() + 1, coordinators.end()),
      std::move(body),      std::string(kCheckActor)};
}

json::object SideRef(const std::string& party, const std::string& ref, const std::string& kind) {
  return json::object{{"party", party}, {"ref", ref}, {"kind", kind}};
}

// One record's part in the checks, before and after a change.
struct Tracked {
  std::string ref;
  std::string party;
  std::string kind;
  std::optional<deconflict::Footprint> before, after;
  std::string leaving_outcome;  // how conflicts it no longer has resolve
};

// The heart of the workflow: brings the conflicts of `t.ref` in line with
// its new footprint. Conflicts whose overlap is gone resolve themselves,
// those that remain follow the new window and district, and new overlaps
// are recorded; the index is updated. The ids of every conflict touched are
// appended to `touched`.
Status Reconcile(CommandContext& ctx, const Settings& s, const Tracked& t,
                 std::vector<std::string>& touched) {
  Tx& tx = ctx.tx;
  std::vector<deconflict::Hit> hits;
  if (t.after) hits = s.index->Check(*t.after, t.party, t.kind, t.ref);

  std::optional<Index::Placed> before, after;
  if (t.before) before = Index::Placed{t.party, t.kind, *t.before};
  if (t.after) after = Index::Placed{t.party, t.kind, *t.after};
  s.index->Put(ctx, t.ref, std::move(before), std::move(after));

  auto coordinators = identity::CoordinatorParties(tx);
  if (!coordinators) return std::move(coordinators).error();

  // The unresolved conflicts of this record, by the other side's ref.
  auto rows = tx.Query("SELECT " + std::string(kConflictColumns) +
                           " FROM conflicts WHERE (a_ref = ? OR b_ref = ?) AND state <> 'resolved' "
                           "ORDER BY created_seq",
                       {t.ref, t.ref});
  if (!rows) return std::move(rows).error();
  std::map<std::string, ConflictRow> existing;
  for (const Row& r : *rows) {
    ConflictRow c = ReadConflictRow(r);
    existing.emplace(c.a_ref == t.ref ? c.b_ref : c.a_ref, std::move(c));
  }

  std::set<std::string> still;
  std::int64_t created = 0;
  for (const deconflict::Hit& h : hits) {
    const std::string other_ref = RefOf(h.id);
    auto other = LoadRecord(tx, other_ref);
    if (!other) return std::move(other).error();
    // The index and the projections may disagree: trust the latter. The
    // index drops ended footprints only once a minute.
    if (!other->has_value() || Ended(**other, ctx.now, s)) continue;
    const Record& o = **other;
    still.insert(other_ref);
    const std::string district = CommonDistrict(s, *t.after, o.fp);
    json::object pointer{{"start", FormatRfc3339(h.overlap_start)},
                         {"end", FormatRfc3339(h.overlap_end)},
                         {"district", district.empty() ? json::value() : json::value(district)}};
    json::object assessed{{"distance_m", h.distance_m}};

    if (auto it = existing.find(other_ref); it != existing.end()) {
      const ConflictRow& c = it->second;
      if (c.start != h.overlap_start || c.end != h.overlap_end || c.district != district) {
        pointer["parties"] = StringArray({c.a_party, c.b_party});
        ctx.Emit(ConflictEvent(c, "conflict.updated", std::move(pointer), kCheckActor));
      }
      ctx.Emit(AssessedEvent(c.id, *coordinators, c.owner, std::move(assessed)));
      touched.push_back(c.id);
      continue;
    }
    auto number = NextRecordNumber(tx, "conflicts", "CFL", ctx.now, created++);
    if (!number) return std::move(number).error();
    std::vector<std::string> shared{o.party};
    for (const auto& c : *coordinators) {
      if (c != t.party && c != o.party) shared.push_back(c);
    }
    std::sort(shared.begin(), shared.end());
    pointer["year"] = number->year;
    pointer["number"] = number->number;
    pointer["parties"] = StringArray({t.party, o.party});
    pointer["state"] = "open";
    pointer["id"] = number->id;
    ctx.Emit(EventDraft{"conflict.detected", number->id, t.party, shared, std::move(pointer),
                        std::string(kCheckActor)});
    assessed["sides"] =
        json::array{SideRef(t.party, t.ref, t.kind), SideRef(o.party, o.ref, o.kind)};
    ctx.Emit(AssessedEvent(number->id, *coordinators, t.party, std::move(assessed)));
    touched.push_back(number->id);
  }

  for (const auto& [other_ref, c] : existing) {
    if (still.count(other_ref)) continue;
    ctx.Emit(ConflictEvent(c, "conflict.resolved",
                           json::object{{"outcome", t.leaving_outcome},
                                        {"note", t.after ? "The overlap no longer exists."
                                                         : "One side no longer takes place."},
                                        {"auto", true},
                                        {"state", "resolved"}},
                           kCheckActor));
    touched.push_back(c.id);
  }
  return OkStatus();
}

// --- Activities -----------------------------------------------------------

struct ActivityRow {
  std::string id, party, state, kind, title, details, unit, poc, confidentiality;
  std::vector<std::string> shared_with;
  deconflict::Footprint fp;
  liaison::Scope scope() const { return {party, shared_with}; }
};

Result<std::optional<ActivityRow>> LoadActivity(Tx& tx, std::string_view id) {
  auto rows = tx.Query(
      "SELECT id, party, state, kind, title, details, unit, poc, confidentiality, shared_with, "
      "footprint FROM activities WHERE id = ?",
      {std::string(id)});
  if (!rows) return std::move(rows).error();
  if (rows->empty()) return std::optional<ActivityRow>();
  const Row& r = rows->front();
  auto fp = StoredFootprint(r.Text(10));
  if (!fp) return std::move(fp).error();
  return std::optional<ActivityRow>(ActivityRow{r.Text(0), r.Text(1), r.Text(2), r.Text(3),
                                                r.Text(4), r.Text(5), r.Text(6), r.Text(7),
                                                r.Text(8), SplitParam(r.Text(9)), std::move(*fp)});
}

Result<ActivityRow> LoadReadableActivity(Tx& tx, const Principal& p, std::string_view id) {
  auto a = LoadActivity(tx, id);
  if (!a) return std::move(a).error();
  if (!a->has_value() || !Can(p, Action::kReadActivities, (*a)->scope())) {
    return Error::NotFound("no such activity");
  }
  return std::move(**a);
}

// The input fields of an activity; on a change, only those given.
struct ActivityInput {
  std::optional<std::string> kind, title, details, unit, poc, confidentiality;
  std::optional<deconflict::Footprint> footprint;
};

Result<ActivityInput> ReadActivityInput(Tx& tx, const Principal& p, const json::object& in,
                                        bool create) {
  LIAISON_TRY(OnlyKnownFields(in, kActivityFields));
  ActivityInput a;
  auto kind = OptionalString(in, "kind", {1, 32});
  if (!kind) return std::move(kind).error();
  if (kind->has_value() && !OneOf(**kind, kKinds)) {
    return Error::Invalid("/kind",
                          "kind must be operation, patrol, movement, exercise, checkpoint, "
                          "static_site or other");
  }
  a.kind = std::move(*kind);
  auto title = OptionalString(in, "title", kTitleRule);
  if (!title) return std::move(title).error();
  a.title = std::move(*title);
  auto details = OptionalString(in, "details", kDetailsRule);
  if (!details) return std::move(details).error();
  a.details = std::move(*details);
  auto poc = OptionalString(in, "poc", kShortRule);
  if (!poc) return std::move(poc).error();
  a.poc = std::move(*poc);
  auto confidentiality = OptionalString(in, "confidentiality", {1, 32});
  if (!confidentiality) return std::move(confidentiality).error();
  if (confidentiality->has_value() && !OneOf(**confidentiality, kConfidentiality)) {
    return Error::Invalid("/confidentiality",
                          "confidentiality must be restricted, confidential or secret");
  }
  a.confidentiality = std::move(*confidentiality);
  auto unit = OptionalString(in, "unit", {1, 64});
  if (!unit) return std::move(unit).error();
  if (unit->has_value()) {
    auto rows = tx.Query("SELECT party FROM units WHERE id = ?", {**unit});
    if (!rows) return std::move(rows).error();
    if (rows->empty() || rows->front().Text(0) != p.party) {
      return Error::Invalid("/unit", "unit must be one of your party's units");
    }
  }
  a.unit = std::move(*unit);
  if (const json::value* f = in.if_contains("footprint"); f && !f->is_null()) {
    auto fp = ReadFootprint(*f, "/footprint");
    if (!fp) return std::move(fp).error();
    a.footprint = std::move(*fp);
  }
  if (create) {
    if (!a.kind) return Error::Invalid("/kind", "kind is required");
    if (!a.title) return Error::Invalid("/title", "title is required");
    if (!a.footprint) return Error::Invalid("/footprint", "footprint is required");
  }
  return a;
}

// The protected sites near a footprint, as the warnings of an activity.
Result<json::array> SiteWarnings(Tx& tx, const Settings& s, const deconflict::Footprint& fp) {
  json::array out;
  for (const SiteHit& h : s.index->NearSites(fp)) {
    auto rows = tx.Query("SELECT id, name, kind FROM protected_sites WHERE number = ?", {h.number});
    if (!rows) return std::move(rows).error();
    if (rows->empty()) continue;
    const Row& r = rows->front();
    out.push_back(json::object{{"site", r.Text(0)},
                               {"name", r.Text(1)},
                               {"kind", r.Text(2)},
                               {"distance_m", h.distance_m}});
  }
  return out;
}

// Where a footprint lies, for the activity record.
void PlaceInto(const Settings& s, const deconflict::Footprint& fp, json::object& body) {
  requests::Placement place;
  if (s.geography != nullptr) place = s.geography->Place(fp.geometry, fp.buffer_m);
  std::string district = place.district;
  if (district.empty() && !place.districts.empty()) district = place.districts.front();
  body["district"] = district.empty() ? json::value() : json::value(district);
  body["districts"] = StringArray(place.districts);
}

// Replies with the activity and the conflicts the command touched, as the
// actor sees them, once the events are applied.
void ReplyWithActivity(CommandContext& ctx, const Settings& s, std::string id,
                       std::vector<std::string> touched) {
  ctx.finish = [actor = ctx.actor, now = ctx.now, s, id = std::move(id),
                touched = std::move(touched)](Tx& tx, json::value) -> Result<json::value> {
    auto activity = GetActivity(tx, actor, id, now, s);
    if (!activity) return activity;
    json::array conflicts;
    std::set<std::string> seen;
    for (const auto& c : touched) {
      if (!seen.insert(c).second) continue;
      auto view = GetConflict(tx, actor, c, s);
      if (!view) return view;
      conflicts.push_back(std::move(*view));
    }
    activity->get_object()["conflicts"] = std::move(conflicts);
    return activity;
  };
}

// --- Views ----------------------------------------------------------------

constexpr std::string_view kActivityColumns =
    "id, party, kind, state, title, details, unit, poc, confidentiality, footprint, district, "
    "districts, warnings, cancel_reason, created_by, created_at, created_seq, updated_at, "
    "updated_seq, window_end, "
    "(SELECT COUNT(*) FROM conflicts c WHERE c.a_ref = activities.id OR c.b_ref = activities.id)";

constexpr size_t kActivitySeqColumn = 16;  // created_seq in kActivityColumns

json::object ActivityJson(const Row& r, Micros now) {
  return json::object{{"id", r.Text(0)},
                      {"party", r.Text(1)},
                      {"kind", r.Text(2)},
                      {"state", r.Text(3)},
                      {"ended", r.Int(19) <= now},
                      {"title", r.Text(4)},
                      {"details", r.Text(5)},
                      {"unit", TextOrNull(r, 6)},
                      {"poc", TextOrNull(r, 7)},
                      {"confidentiality", r.Text(8)},
                      {"footprint", StoredJson(r, 9)},
                      {"district", TextOrNull(r, 10)},
                      {"districts", StringArray(SplitParam(r.Text(11)))},
                      {"warnings", StoredJson(r, 12)},
                      {"cancel_reason", TextOrNull(r, 13)},
                      {"created_by", r.Text(14)},
                      {"created_at", FormatRfc3339(r.Int(15))},
                      {"created_seq", r.Int(16)},
                      {"updated_at", FormatRfc3339(r.Int(17))},
                      {"updated_seq", r.Int(18)},
                      {"conflict_count", r.Int(20)}};
}

Result<std::string> PartyName(Tx& tx, const std::string& party) {
  auto rows = tx.Query("SELECT name_en FROM parties WHERE id = ?", {party});
  if (!rows) return std::move(rows).error();
  return rows->empty() ? party : rows->front().Text(0);
}

// The desk a side is told to call: the coordinator's duty desk or, by
// configuration, the other party's desk for the district, unless the other
// side's record is secret.
Result<json::value> ContactFor(Tx& tx, const Settings& s, const std::string& other_party,
                               std::string_view other_confidentiality,
                               const std::string& district) {
  std::string kind = "coordinator";
  std::optional<Rows> rows;
  if (s.contact == Contact::kCounterpart && other_confidentiality != "secret") {
    auto counterpart = tx.Query(
        "SELECT u.id, u.party, u.name_en, d.on_duty FROM units u "
        "LEFT JOIN duty_desks d ON d.unit = u.id WHERE u.party = ? AND "
        "((u.kind IN ('liaison', 'duty_desk') AND u.district = ?) OR u.kind = 'duty_desk') "
        "ORDER BY (u.district = ?) DESC, u.id LIMIT 1",
        {other_party, district, district});
    if (!counterpart) return std::move(counterpart).error();
    if (!counterpart->empty()) {
      kind = "counterpart";
      rows = std::move(*counterpart);
    }
  }
  if (!rows) {
    auto desk = tx.Query(
        "SELECT u.id, u.party, u.name_en, d.on_duty FROM units u "
        "JOIN parties p ON p.id = u.party AND p.is_coordinator = 1 "
        "LEFT JOIN duty_desks d ON d.unit = u.id WHERE u.kind = 'duty_desk' ORDER BY u.id LIMIT 1",
        {});
    if (!desk) return std::move(desk).error();
    rows = std::move(*desk);
  }
  if (rows->empty()) return json::value(json::object{{"kind", kind}});
  const Row& r = rows->front();
  return json::value(json::object{{"kind", kind},
                                  {"party", r.Text(1)},
                                  {"desk", r.Text(0)},
                                  {"desk_name", r.Text(2)},
                                  {"on_duty", TextOrNull(r, 3)}});
}

constexpr std::string_view kConflictViewColumns =
    "id, state, a_party, b_party, a_ref, b_ref, a_kind, b_kind, distance_m, overlap_start, "
    "overlap_end, district, a_acknowledged_at, a_acknowledged_by, b_acknowledged_at, "
    "b_acknowledged_by, outcome, note, auto_resolved, resolved_at, resolved_by, created_at, "
    "created_seq, updated_at, updated_seq, a_acknowledged_note, b_acknowledged_note";

constexpr size_t kConflictSeqColumn = 22;  // created_seq in kConflictViewColumns

json::value Acknowledgement(const Row& r, size_t at, size_t by, size_t note) {
  if (r.IsNull(at)) return nullptr;
  return json::object{
      {"at", FormatRfc3339(r.Int(at))}, {"by", r.Text(by)}, {"note", TextOrNull(r, note)}};
}

// A conflict as `p` sees it: everything for the deconfliction desk, the
// pointer for anyone else. This function is the disclosure rule; anything
// added to a side's view must be added here, deliberately.
Result<json::object> ConflictView(Tx& tx, const Principal& p, const Row& r, const Settings& s) {
  const std::string a_party = r.Text(2), b_party = r.Text(3);
  const std::string district = r.Text(11);
  json::object acknowledged;
  acknowledged[a_party] = Acknowledgement(r, 12, 13, 25);
  acknowledged[b_party] = Acknowledgement(r, 14, 15, 26);
  json::object o{{"id", r.Text(0)},
                 {"state", r.Text(1)},
                 {"parties", StringArray({a_party, b_party})},
                 {"start", FormatRfc3339(r.Int(9))},
                 {"end", FormatRfc3339(r.Int(10))},
                 {"district", TextOrNull(r, 11)},
                 {"acknowledged", std::move(acknowledged)},
                 {"outcome", TextOrNull(r, 16)},
                 {"note", TextOrNull(r, 17)},
                 {"auto", r.Int(18) != 0},
                 {"resolved_at", TimeOrNull(r, 19)},
                 {"created_at", FormatRfc3339(r.Int(21))},
                 {"created_seq", r.Int(22)},
                 {"updated_at", FormatRfc3339(r.Int(23))},
                 {"updated_seq", r.Int(24)}};

  if (IsDeconflictionDesk(p)) {
    o["view"] = "full";
    json::array sides;
    for (size_t ref_col : {size_t{4}, size_t{5}}) {
      auto rec = LoadRecord(tx, r.Text(ref_col));
      if (!rec) return std::move(rec).error();
      sides.push_back(rec->has_value() ? json::value(SideJson(**rec)) : json::value(nullptr));
    }
    o["sides"] = std::move(sides);
    o["distance_m"] = r.IsNull(8) ? json::value() : json::value(r.Real(8));
    o["resolved_by"] = TextOrNull(r, 20);
    return o;
  }

  o["view"] = "pointer";
  const bool is_a = p.party == a_party;
  const bool is_b = p.party == b_party;
  if (!is_a && !is_b) return o;  // not a side: the bare pointer, no contact
  const std::string& mine_ref = r.Text(is_a ? 4 : 5);
  const std::string other_party = is_a ? b_party : a_party;
  auto mine = LoadRecord(tx, mine_ref);
  if (!mine) return std::move(mine).error();
  if (mine->has_value()) {
    o["mine"] =
        json::object{{"ref", (*mine)->ref}, {"type", (*mine)->type}, {"title", (*mine)->title}};
  }
  auto name = PartyName(tx, other_party);
  if (!name) return std::move(name).error();
  o["other"] = json::object{{"party", other_party}, {"name", *name}};
  // The other record's confidentiality chooses the desk; it is read here
  // and never shown.
  std::string other_confidentiality = "restricted";
  auto other = LoadRecord(tx, r.Text(is_a ? 5 : 4));
  if (!other) return std::move(other).error();
  if (other->has_value()) other_confidentiality = (*other)->confidentiality;
  auto contact = ContactFor(tx, s, other_party, other_confidentiality, district);
  if (!contact) return std::move(contact).error();
  o["contact"] = std::move(*contact);
  return o;
}

Result<std::vector<std::string>> ParseList(const QueryParam& get, std::string_view key,
                                           std::span<const std::string_view> allowed) {
  std::vector<std::string> out;
  if (auto v = get(key)) {
    for (auto& item : SplitParam(*v)) {
      if (!OneOf(item, allowed)) {
        return Error::Invalid("/" + std::string(key), "unknown " + std::string(key) + " " + item);
      }
      out.push_back(std::move(item));
    }
  }
  return out;
}

void AppendIn(std::string& sql, std::vector<SqlValue>& params, std::string_view column,
              const std::vector<std::string>& values) {
  if (values.empty()) return;
  sql += " AND " + std::string(column) + " IN (";
  for (size_t i = 0; i < values.size(); ++i) {
    sql += i ? ", ?" : "?";
    params.emplace_back(values[i]);
  }
  sql += ")";
}

}  // namespace

// --- Projection ----------------------------------------------------------

bool Handles(std::string_view type) {
  return type.starts_with("activity.") || type.starts_with("conflict.") ||
         type.starts_with("protected_site.");
}

Status Apply(WriteTx& tx, const Event& e, const json::object& b) {
  const std::string id = JsonString(b, "id");
  if (e.type == "activity.registered" || e.type == "activity.changed") {
    const json::value footprint = b.contains("footprint") ? b.at("footprint") : json::value();
    std::vector<SqlValue> fp = FootprintColumns(footprint);
    std::vector<SqlValue> common{JsonString(b, "kind"),        JsonString(b, "title"),
                                 JsonString(b, "details"),     OptionalTextColumn(b, "unit"),
                                 OptionalTextColumn(b, "poc"), JsonString(b, "confidentiality")};
    common.insert(common.end(), fp.begin(), fp.end());
    common.push_back(OptionalTextColumn(b, "district"));
    common.push_back(JoinShares(ReadStringArray(b, "districts")));
    common.push_back(CanonicalJson(b.contains("warnings") ? b.at("warnings") : json::array()));
    common.push_back(e.at);
    common.push_back(e.seq);
    if (e.type == "activity.changed") {
      common.push_back(id);
      return tx.Exec(
          "UPDATE activities SET kind = ?, title = ?, details = ?, unit = ?, poc = ?, "
          "confidentiality = ?, footprint = ?, west = ?, south = ?, east = ?, north = ?, "
          "window_start = ?, window_end = ?, district = ?, districts = ?, warnings = ?, "
          "updated_at = ?, updated_seq = ? WHERE id = ?",
          common);
    }
    std::vector<SqlValue> params{id,
                                 IntOf(b, "year"),
                                 IntOf(b, "number"),
                                 e.party,
                                 JoinShares(e.shared_with),
                                 std::string("planned"),
                                 JsonString(b, "created_by"),
                                 e.at,
                                 e.seq};
    params.insert(params.end(), common.begin(), common.end());
    return tx.Exec(
        "INSERT INTO activities (id, year, number, party, shared_with, state, created_by, "
        "created_at, created_seq, kind, title, details, unit, poc, confidentiality, footprint, "
        "west, south, east, north, window_start, window_end, district, districts, warnings, "
        "updated_at, updated_seq) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, "
        "?, ?, ?, ?, ?, ?, ?, ?, ?)",
        params);
  }
  if (e.type == "activity.cancelled") {
    return tx.Exec(
        "UPDATE activities SET state = 'cancelled', cancel_reason = ?, updated_at = ?, "
        "updated_seq = ? WHERE id = ?",
        {OptionalTextColumn(b, "reason"), e.at, e.seq, id});
  }
  if (e.type == "conflict.detected") {
    const auto parties = ReadStringArray(b, "parties");
    if (parties.size() != 2) return Error::Corruption("conflict.detected without two parties");
    const auto start = ParseRfc3339(JsonString(b, "start"));
    const auto end = ParseRfc3339(JsonString(b, "end"));
    return tx.Exec(
        "INSERT INTO conflicts (id, year, number, state, owner, shared_with, a_party, b_party, "
        "overlap_start, overlap_end, district, created_at, created_seq, updated_at, updated_seq) "
        "VALUES (?, ?, ?, 'open', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        {id, IntOf(b, "year"), IntOf(b, "number"), e.party, JoinShares(e.shared_with), parties[0],
         parties[1], start.value_or(0), end.value_or(0), OptionalTextColumn(b, "district"), e.at,
         e.seq, e.at, e.seq});
  }
  if (e.type == "conflict.assessed") {
    if (const json::value* sides = b.if_contains("sides");
        sides && sides->is_array() && sides->get_array().size() == 2) {
      const auto& a = sides->get_array()[0].as_object();
      const auto& bb = sides->get_array()[1].as_object();
      LIAISON_TRY(
          tx.Exec("UPDATE conflicts SET a_ref = ?, a_kind = ?, b_ref = ?, b_kind = ? WHERE id = ?",
                  {JsonString(a, "ref"), JsonString(a, "kind"), JsonString(bb, "ref"),
                   JsonString(bb, "kind"), id}));
    }
    const json::value* d = b.if_contains("distance_m");
    return tx.Exec("UPDATE conflicts SET distance_m = ? WHERE id = ?",
                   {d && d->is_number() ? SqlValue{d->to_number<double>()} : SqlValue{}, id});
  }
  if (e.type == "conflict.updated") {
    const auto start = ParseRfc3339(JsonString(b, "start"));
    const auto end = ParseRfc3339(JsonString(b, "end"));
    return tx.Exec(
        "UPDATE conflicts SET overlap_start = ?, overlap_end = ?, district = ?, updated_at = ?, "
        "updated_seq = ? WHERE id = ?",
        {start.value_or(0), end.value_or(0), OptionalTextColumn(b, "district"), e.at, e.seq, id});
  }
  if (e.type == "conflict.acknowledged") {
    const std::string party = JsonString(b, "party");
    LIAISON_TRY(tx.Exec(
        "UPDATE conflicts SET "
        "a_acknowledged_at = CASE WHEN a_party = ?1 THEN ?2 ELSE a_acknowledged_at END, "
        "a_acknowledged_by = CASE WHEN a_party = ?1 THEN ?3 ELSE a_acknowledged_by END, "
        "b_acknowledged_at = CASE WHEN b_party = ?1 AND a_party <> ?1 THEN ?2 "
        "  ELSE b_acknowledged_at END, "
        "b_acknowledged_by = CASE WHEN b_party = ?1 AND a_party <> ?1 THEN ?3 "
        "  ELSE b_acknowledged_by END, "
        "a_acknowledged_note = CASE WHEN a_party = ?1 THEN ?6 ELSE a_acknowledged_note END, "
        "b_acknowledged_note = CASE WHEN b_party = ?1 AND a_party <> ?1 THEN ?6 "
        "  ELSE b_acknowledged_note END, "
        "updated_at = ?2, updated_seq = ?4 WHERE id = ?5",
        {party, e.at, e.actor, e.seq, id, OptionalTextColumn(b, "note")}));
    return tx.Exec(
        "UPDATE conflicts SET state = 'acknowledged' WHERE id = ? AND state = 'open' "
        "AND a_acknowledged_at IS NOT NULL AND b_acknowledged_at IS NOT NULL",
        {id});
  }
  if (e.type == "conflict.resolved") {
    const json::value* a = b.if_contains("auto");
    return tx.Exec(
        "UPDATE conflicts SET state = 'resolved', outcome = ?, note = ?, auto_resolved = ?, "
        "resolved_at = ?, resolved_by = ?, updated_at = ?, updated_seq = ? WHERE id = ?",
        {JsonString(b, "outcome"), OptionalTextColumn(b, "note"),
         std::int64_t{a && a->is_bool() && a->get_bool()}, e.at, e.actor, e.at, e.seq, id});
  }
  if (e.type == "protected_site.registered") {
    const auto start = ParseRfc3339(JsonString(b, "start"));
    const auto end = ParseRfc3339(JsonString(b, "end"));
    const json::value* buffer = b.if_contains("buffer_m");
    return tx.Exec(
        "INSERT INTO protected_sites (id, number, party, kind, name, geometry, buffer_m, "
        "window_start, window_end, notes, created_by, created_at, created_seq) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        {id, IntOf(b, "number"), e.party, JsonString(b, "kind"), JsonString(b, "name"),
         CanonicalJson(b.contains("geometry") ? b.at("geometry") : json::value()),
         buffer && buffer->is_number() ? buffer->to_number<double>() : 0.0,
         start ? SqlValue{*start} : SqlValue{}, end ? SqlValue{*end} : SqlValue{},
         JsonString(b, "notes"), e.actor, e.at, e.seq});
  }
  return OkStatus();
}

// --- Commands ------------------------------------------------------------

Result<json::value> Register(CommandContext& ctx, const json::object& in, const Settings& s) {
  const Principal& p = ctx.actor;
  LIAISON_TRY(Authorize(p, Action::kPlanActivity, liaison::Scope{p.party, {}}));
  auto input = ReadActivityInput(ctx.tx, p, in, /*create=*/true);
  if (!input) return std::move(input).error();
  auto coordinators = identity::CoordinatorParties(ctx.tx);
  if (!coordinators) return std::move(coordinators).error();
  std::vector<std::string> shared;
  for (const auto& c : *coordinators) {
    if (c != p.party) shared.push_back(c);
  }
  auto number = NextRecordNumber(ctx.tx, "activities", "ACT", ctx.now);
  if (!number) return std::move(number).error();
  auto warnings = SiteWarnings(ctx.tx, s, *input->footprint);
  if (!warnings) return std::move(warnings).error();

  json::object body{
      {"id", number->id},
      {"year", number->year},
      {"number", number->number},
      {"kind", *input->kind},
      {"title", *input->title},
      {"details", input->details.value_or("")},
      {"unit", input->unit ? json::value(*input->unit)
                           : (p.unit.empty() ? json::value() : json::value(p.unit))},
      {"poc", input->poc && !input->poc->empty() ? json::value(*input->poc) : json::value()},
      {"confidentiality", input->confidentiality.value_or("restricted")},
      {"footprint", FootprintJson(*input->footprint)},
      {"warnings", std::move(*warnings)},
      {"created_by", p.username},
  };
  PlaceInto(s, *input->footprint, body);
  ctx.Emit({"activity.registered", number->id, p.party, shared, std::move(body)});

  std::vector<std::string> touched;
  LIAISON_TRY(Reconcile(
      ctx, s,
      Tracked{number->id, p.party, *input->kind, std::nullopt, *input->footprint, "changed"},
      touched));
  ReplyWithActivity(ctx, s, number->id, std::move(touched));
  return json::value(json::object{{"id", number->id}});
}

Result<json::value> Change(CommandContext& ctx, std::string_view id, const json::object& in,
                           const Settings& s) {
  const Principal& p = ctx.actor;
  auto a = LoadReadableActivity(ctx.tx, p, id);
  if (!a) return std::move(a).error();
  LIAISON_TRY(Authorize(p, Action::kPlanActivity, a->scope()));
  if (a->state != "planned") return Error::Conflict("a cancelled activity cannot be changed");
  auto input = ReadActivityInput(ctx.tx, p, in, /*create=*/false);
  if (!input) return std::move(input).error();
  if (in.empty()) return Error::Invalid("", "nothing to change");

  const deconflict::Footprint fp = input->footprint.value_or(a->fp);
  const std::string kind = input->kind.value_or(a->kind);
  auto warnings = SiteWarnings(ctx.tx, s, fp);
  if (!warnings) return std::move(warnings).error();
  const std::string poc = input->poc.value_or(a->poc);
  const std::string unit = input->unit.value_or(a->unit);
  json::object body{
      {"kind", kind},
      {"title", input->title.value_or(a->title)},
      {"details", input->details.value_or(a->details)},
      {"unit", unit.empty() ? json::value() : json::value(unit)},
      {"poc", poc.empty() ? json::value() : json::value(poc)},
      {"confidentiality", input->confidentiality.value_or(a->confidentiality)},
      {"footprint", FootprintJson(fp)},
      {"warnings", std::move(*warnings)},
      {"changed",
       [&] {
         json::array changed;
         for (const auto& kv : in) changed.emplace_back(kv.key());
         return changed;
       }()},
  };
  PlaceInto(s, fp, body);
  body["id"] = a->id;
  ctx.Emit({"activity.changed", a->id, a->party, a->shared_with, std::move(body)});

  std::vector<std::string> touched;
  LIAISON_TRY(Reconcile(ctx, s, Tracked{a->id, a->party, kind, a->fp, fp, "changed"}, touched));
  ReplyWithActivity(ctx, s, a->id, std::move(touched));
  return json::value(json::object{{"id", a->id}});
}

Result<json::value> Cancel(CommandContext& ctx, std::string_view id, const json::object& in,
                           const Settings& s) {
  const Principal& p = ctx.actor;
  auto a = LoadReadableActivity(ctx.tx, p, id);
  if (!a) return std::move(a).error();
  LIAISON_TRY(Authorize(p, Action::kPlanActivity, a->scope()));
  LIAISON_TRY(OnlyKnownFields(in, {"reason"}));
  auto reason = OptionalString(in, "reason", kNoteRule);
  if (!reason) return std::move(reason).error();
  if (a->state != "planned") return Error::Conflict("the activity is already cancelled");
  json::object body{{"id", a->id}, {"state", "cancelled"}};
  if (reason->has_value() && !(*reason)->empty()) body["reason"] = **reason;
  ctx.Emit({"activity.cancelled", a->id, a->party, a->shared_with, std::move(body)});
  std::vector<std::string> touched;
  LIAISON_TRY(Reconcile(ctx, s, Tracked{a->id, a->party, a->kind, a->fp, std::nullopt, "cancelled"},
                        touched));
  ReplyWithActivity(ctx, s, a->id, std::move(touched));
  return json::value(json::object{{"id", a->id}});
}

namespace {

void ReplyWithConflict(CommandContext& ctx, const Settings& s, std::string id) {
  ctx.finish = [actor = ctx.actor, s, id = std::move(id)](Tx& tx,
                                                          json::value) -> Result<json::value> {
    return GetConflict(tx, actor, id, s);
  };
}

}  // namespace

Result<json::value> Acknowledge(CommandContext& ctx, std::string_view id, const json::object& in,
                                const Settings& s) {
  const Principal& p = ctx.actor;
  auto c = LoadVisibleConflict(ctx.tx, p, id);
  if (!c) return std::move(c).error();
  if (p.party != c->a_party && p.party != c->b_party) {
    return Error::Denied("only the two sides acknowledge a conflict; the coordinator resolves it");
  }
  LIAISON_TRY(Authorize(p, Action::kAcknowledgeConflict, c->sides()));
  LIAISON_TRY(OnlyKnownFields(in, {"note"}));
  auto note = OptionalString(in, "note", kNoteRule);
  if (!note) return std::move(note).error();
  if (c->state == "resolved") return Error::Conflict("the conflict is resolved");
  if ((p.party == c->a_party && c->a_acknowledged) ||
      (p.party == c->b_party && p.party != c->a_party && c->b_acknowledged)) {
    return Error::Conflict("your side has acknowledged this conflict already");
  }
  json::object body{{"party", p.party}};
  if (note->has_value() && !(*note)->empty()) body["note"] = **note;
  ctx.Emit(ConflictEvent(*c, "conflict.acknowledged", std::move(body)));
  ReplyWithConflict(ctx, s, c->id);
  return json::value(json::object{{"id", c->id}});
}

Result<json::value> Resolve(CommandContext& ctx, std::string_view id, const json::object& in,
                            const Settings& s) {
  const Principal& p = ctx.actor;
  auto c = LoadVisibleConflict(ctx.tx, p, id);
  if (!c) return std::move(c).error();
  LIAISON_TRY(Authorize(p, Action::kResolveConflict, c->scope()));
  LIAISON_TRY(OnlyKnownFields(in, {"outcome", "note"}));
  auto outcome = RequireString(in, "outcome", {1, 32});
  if (!outcome) return std::move(outcome).error();
  if (!OneOf(*outcome, kOutcomes)) {
    return Error::Invalid("/outcome",
                          "outcome must be proceed, joint, delayed, cancelled or changed");
  }
  auto note = RequireString(in, "note", kRequiredNoteRule);
  if (!note) return std::move(note).error();
  if (c->state == "resolved") return Error::Conflict("the conflict is resolved already");
  ctx.Emit(ConflictEvent(
      *c, "conflict.resolved",
      json::object{
          {"outcome", *outcome}, {"note", *note}, {"auto", false}, {"state", "resolved"}}));
  ReplyWithConflict(ctx, s, c->id);
  return json::value(json::object{{"id", c->id}});
}

Result<json::value> RegisterSite(CommandContext& ctx, const json::object& in, const Settings& s) {
  const Principal& p = ctx.actor;
  LIAISON_TRY(Authorize(p, Action::kManageProtectedSites, liaison::Scope{p.party, {}}));
  LIAISON_TRY(
      OnlyKnownFields(in, {"kind", "name", "geometry", "buffer_m", "start", "end", "notes"}));
  auto kind = RequireString(in, "kind", {1, 32});
  if (!kind) return std::move(kind).error();
  if (!OneOf(*kind, kSiteKinds)) {
    return Error::Invalid("/kind",
                          "kind must be hospital, school, un_facility, humanitarian_facility, "
                          "humanitarian_movement or other");
  }
  auto name = RequireString(in, "name", kTitleRule);
  if (!name) return std::move(name).error();
  const json::value* g = in.if_contains("geometry");
  if (g == nullptr) return Error::Invalid("/geometry", "geometry is required");
  auto geometry = geo::ParseGeometry(*g, "/geometry");
  if (!geometry) return std::move(geometry).error();
  LIAISON_TRY(geo::CheckValid(*geometry, "/geometry"));
  auto buffer = OptionalNumber(in, "buffer_m", 0, kMaxBufferMetres);
  if (!buffer) return std::move(buffer).error();
  auto start = OptionalTime(in, "start");
  if (!start) return std::move(start).error();
  auto end = OptionalTime(in, "end");
  if (!end) return std::move(end).error();
  if (start->has_value() != end->has_value()) {
    return Error::Invalid(start->has_value() ? "/end" : "/start",
                          "a window needs both start and end");
  }
  if (start->has_value() && **end <= **start) {
    return Error::Invalid("/end", "end must be after start");
  }
  if (*kind == "humanitarian_movement" && !start->has_value()) {
    return Error::Invalid("/start", "a humanitarian movement needs its window");
  }
  auto notes = OptionalString(in, "notes", kNoteRule);
  if (!notes) return std::move(notes).error();

  auto rows = ctx.tx.Query("SELECT COALESCE(MAX(number), 0) + 1 FROM protected_sites", {});
  if (!rows) return std::move(rows).error();
  const std::int64_t number = rows->front().Int(0);
  char buf[24];
  std::snprintf(buf, sizeof buf, "SITE-%06lld", static_cast<long long>(number));
  const std::string id = buf;
  json::object body{{"id", id},
                    {"number", number},
                    {"kind", *kind},
                    {"name", *name},
                    {"geometry", geo::GeometryToJson(*geometry)},
                    {"buffer_m", buffer->value_or(0)},
                    {"notes", notes->value_or("")}};
  if (start->has_value()) {
    body["start"] = FormatRfc3339(**start);
    body["end"] = FormatRfc3339(**end);
  }
  ctx.Emit({"protected_site.registered", id, p.party, {std::string(kAllParties)}, body});
  // The index's copy reads the geometry back as stored, like Load will.
  auto stored = geo::ParseGeometry(body.at("geometry"), "");
  if (!stored) return Error::Internal("a protected site's geometry does not read back");
  s.index->PutSite(ctx, number,
                   SiteFootprint(std::move(*stored), buffer->value_or(0), *start, *end));
  ctx.finish = [id](Tx& tx, json::value) -> Result<json::value> {
    auto list = ListSites(tx, "");
    if (!list) return list;
    for (auto& item : list->at("items").as_array()) {
      if (item.at("id").as_string() == id) return item;
    }
    return Error::Internal("the new protected site is not listed");
  };
  return json::value(json::object{{"id", id}});
}

Status TrackRequest(CommandContext& ctx, const requests::FootprintChange& change,
                    const Settings& s) {
  if (s.index == nullptr) return OkStatus();
  std::vector<std::string> touched;
  return Reconcile(
      ctx, s,
      Tracked{change.id, change.party, change.kind, change.before, change.after, change.outcome},
      touched);
}

// --- Queries -------------------------------------------------------------

std::string ActivityVisibilitySql(const Principal& p, std::vector<std::string>& params_out) {
  if (IsDeconflictionDesk(p)) return RecordVisibilitySql(p, "party", "shared_with", params_out);
  if (!Can(p, Action::kReadActivities, liaison::Scope{p.party, {}})) return "0";
  params_out.push_back(p.party);
  return "party = ?";
}

Result<ActivityQuery> ParseActivityQuery(const QueryParam& get) {
  ActivityQuery q;
  static constexpr std::string_view kStates[] = {"planned", "cancelled"};
  auto states = ParseList(get, "state", kStates);
  if (!states) return std::move(states).error();
  q.states = std::move(*states);
  auto kinds = ParseList(get, "kind", kKinds);
  if (!kinds) return std::move(kinds).error();
  q.kinds = std::move(*kinds);
  q.party = get("party").value_or("");
  if (auto active = get("active")) {
    if (*active != "true" && *active != "false") {
      return Error::Invalid("/active", "active must be true or false");
    }
    q.active_only = *active == "true";
  }
  LIAISON_TRY(ParsePeriodParams(get, &q.from, &q.to));
  auto bbox = ParseBboxParam(get);
  if (!bbox) return std::move(bbox).error();
  q.bbox = *bbox;
  LIAISON_TRY(ParsePageParams(get, &q.limit, &q.cursor));
  return q;
}

Result<ConflictQuery> ParseConflictQuery(const QueryParam& get) {
  ConflictQuery q;
  static constexpr std::string_view kStates[] = {"open", "acknowledged", "resolved", "unresolved"};
  auto states = ParseList(get, "state", kStates);
  if (!states) return std::move(states).error();
  q.states = std::move(*states);
  q.party = get("party").value_or("");
  q.district = get("district").value_or("");
  LIAISON_TRY(ParsePageParams(get, &q.limit, &q.cursor));
  return q;
}

Result<json::value> ListActivities(Tx& tx, const Principal& p, const ActivityQuery& q, Micros now) {
  std::vector<std::string> vis;
  std::string sql = "SELECT " + std::string(kActivityColumns) + " FROM activities WHERE " +
                    ActivityVisibilitySql(p, vis);
  std::vector<SqlValue> params(vis.begin(), vis.end());
  AppendIn(sql, params, "state", q.states);
  AppendIn(sql, params, "kind", q.kinds);
  if (!q.party.empty()) {
    sql += " AND party = ?";
    params.emplace_back(q.party);
  }
  if (q.active_only) {
    sql += " AND state = 'planned' AND window_end > ?";
    params.emplace_back(now);
  }
  if (q.from) {
    sql += " AND window_end > ?";
    params.emplace_back(*q.from);
  }
  if (q.to) {
    sql += " AND window_start < ?";
    params.emplace_back(*q.to);
  }
  if (q.bbox) AppendBboxFilter(sql, params, "", *q.bbox);
  return QueryPage(
      tx, std::move(sql), std::move(params), "created_seq", kActivitySeqColumn, q.limit, q.cursor,
      [now](const Row& r) -> Result<json::value> { return json::value(ActivityJson(r, now)); });
}

Result<json::value> GetActivity(Tx& tx, const Principal& p, std::string_view id, Micros now,
                                const Settings& s) {
  auto a = LoadReadableActivity(tx, p, id);
  if (!a) return std::move(a).error();
  auto rows = tx.Query("SELECT " + std::string(kActivityColumns) + " FROM activities WHERE id = ?",
                       {a->id});
  if (!rows) return std::move(rows).error();
  if (rows->empty()) return Error::NotFound("no such activity");
  json::object o = ActivityJson(rows->front(), now);
  auto conflicts = tx.Query("SELECT " + std::string(kConflictViewColumns) +
                                " FROM conflicts WHERE a_ref = ? OR b_ref = ? ORDER BY created_seq",
                            {a->id, a->id});
  if (!conflicts) return std::move(conflicts).error();
  json::array list;
  for (const Row& r : *conflicts) {
    auto view = ConflictView(tx, p, r, s);
    if (!view) return std::move(view).error();
    list.push_back(std::move(*view));
  }
  o["conflicts"] = std::move(list);
  return json::value(std::move(o));
}

Result<json::value> ListConflicts(Tx& tx, const Principal& p, const ConflictQuery& q,
                                  const Settings& s) {
  std::vector<std::string> vis;
  std::string sql = "SELECT " + std::string(kConflictViewColumns) + " FROM conflicts WHERE " +
                    RecordVisibilitySql(p, "owner", "shared_with", vis);
  std::vector<SqlValue> params(vis.begin(), vis.end());
  std::vector<std::string> states;
  bool unresolved = false;
  for (const auto& st : q.states) {
    if (st == "unresolved") {
      unresolved = true;
    } else {
      states.push_back(st);
    }
  }
  if (unresolved) {
    states.push_back("open");
    states.push_back("acknowledged");
  }
  AppendIn(sql, params, "state", states);
  if (!q.party.empty()) {
    sql += " AND (a_party = ? OR b_party = ?)";
    params.emplace_back(q.party);
    params.emplace_back(q.party);
  }
  if (!q.district.empty()) {
    sql += " AND district = ?";
    params.emplace_back(q.district);
  }
  return QueryPage(tx, std::move(sql), std::move(params), "created_seq", kConflictSeqColumn,
                   q.limit, q.cursor, [&](const Row& r) -> Result<json::value> {
                     auto view = ConflictView(tx, p, r, s);
                     if (!view) return std::move(view).error();
                     return json::value(std::move(*view));
                   });
}

Result<json::value> GetConflict(Tx& tx, const Principal& p, std::string_view id,
                                const Settings& s) {
  auto c = LoadVisibleConflict(tx, p, id);
  if (!c) return std::move(c).error();
  auto rows = tx.Query(
      "SELECT " + std::string(kConflictViewColumns) + " FROM conflicts WHERE id = ?", {c->id});
  if (!rows) return std::move(rows).error();
  if (rows->empty()) return Error::NotFound("no such conflict");
  auto view = ConflictView(tx, p, rows->front(), s);
  if (!view) return std::move(view).error();
  return json::value(std::move(*view));
}

Result<json::value> DryRun(Tx& tx, const Principal& p, const json::object& in, Micros now,
                           const Settings& s) {
  LIAISON_TRY(OnlyKnownFields(in, {"footprint", "kind", "exclude"}));
  const json::value* f = in.if_contains("footprint");
  if (f == nullptr) return Error::Invalid("/footprint", "footprint is required");
  auto fp = ReadFootprint(*f, "/footprint");
  if (!fp) return std::move(fp).error();
  auto kind = OptionalString(in, "kind", {1, 32});
  if (!kind) return std::move(kind).error();
  if (kind->has_value() && !OneOf(**kind, kKinds)) {
    return Error::Invalid("/kind", "kind must be one of the activity kinds");
  }
  auto exclude = OptionalString(in, "exclude", {1, 64});
  if (!exclude) return std::move(exclude).error();
  if (exclude->has_value()) {
    // Only one's own record may be left out: anything else would tell
    // whether it conflicts.
    auto a = LoadActivity(tx, **exclude);
    if (!a) return std::move(a).error();
    if (!a->has_value() || (*a)->party != p.party) {
      return Error::Invalid("/exclude", "exclude must be one of your party's activities");
    }
  }
  const bool desk = IsDeconflictionDesk(p);
  json::array conflicts;
  for (const deconflict::Hit& h : s.index->Check(
           *fp, p.party, kind->value_or("other"),
           exclude->has_value() ? std::optional<std::string_view>(**exclude) : std::nullopt)) {
    auto other = LoadRecord(tx, RefOf(h.id));
    if (!other) return std::move(other).error();
    if (!other->has_value() || Ended(**other, now, s)) continue;
    const Record& o = **other;
    const std::string district = CommonDistrict(s, *fp, o.fp);
    json::object c{{"parties", StringArray({p.party, o.party})},
                   {"start", FormatRfc3339(h.overlap_start)},
                   {"end", FormatRfc3339(h.overlap_end)},
                   {"district", district.empty() ? json::value() : json::value(district)}};
    auto name = PartyName(tx, o.party);
    if (!name) return std::move(name).error();
    c["other"] = json::object{{"party", o.party}, {"name", *name}};
    if (desk) {
      c["view"] = "full";
      c["side"] = SideJson(o);
      c["distance_m"] = h.distance_m;
    } else {
      c["view"] = "pointer";
      auto contact = ContactFor(tx, s, o.party, o.confidentiality, district);
      if (!contact) return std::move(contact).error();
      c["contact"] = std::move(*contact);
    }
    conflicts.push_back(std::move(c));
  }
  auto warnings = SiteWarnings(tx, s, *fp);
  if (!warnings) return std::move(warnings).error();
  return json::value(
      json::object{{"conflicts", std::move(conflicts)}, {"warnings", std::move(*warnings)}});
}

Result<json::value> ListSites(Tx& tx, std::string_view kind) {
  std::string sql =
      "SELECT id, kind, name, geometry, buffer_m, window_start, window_end, notes, created_by, "
      "created_at, created_seq FROM protected_sites";
  std::vector<SqlValue> params;
  if (!kind.empty()) {
    sql += " WHERE kind = ?";
    params.emplace_back(std::string(kind));
  }
  sql += " ORDER BY number";
  auto rows = tx.Query(sql, params);
  if (!rows) return std::move(rows).error();
  json::array items;
  for (const Row& r : *rows) {
    items.push_back(json::object{{"id", r.Text(0)},
                                 {"kind", r.Text(1)},
                                 {"name", r.Text(2)},
                                 {"geometry", StoredJson(r, 3)},
                                 {"buffer_m", r.Real(4)},
                                 {"start", TimeOrNull(r, 5)},
                                 {"end", TimeOrNull(r, 6)},
                                 {"notes", r.Text(7)},
                                 {"created_by", r.Text(8)},
                                 {"created_at", FormatRfc3339(r.Int(9))},
                                 {"created_seq", r.Int(10)}});
  }
  return json::value(json::object{{"items", std::move(items)}, {"next", nullptr}});
}

Result<std::int64_t> CountUnresolved(Tx& tx) {
  auto rows = tx.Query("SELECT COUNT(*) FROM conflicts WHERE state <> 'resolved'", {});
  if (!rows) return std::move(rows).error();
  return rows->front().Int(0);
}

}  // namespace liaison::deconfliction
