#include "domain/returns/returns.hpp"

#include <algorithm>
#include <cmath>

#include "authz/policy.hpp"
#include "core/time.hpp"
#include "domain/columns.hpp"
#include "domain/footprint.hpp"
#include "domain/identity/identity.hpp"
#include "domain/returns/figures.hpp"
#include "geo/geojson.hpp"
#include "store/event_log.hpp"

namespace liaison::returns {
namespace {

constexpr std::string_view kCategories[] = {"israeli_civilian", "israeli_security", "palestinian",
                                            "foreign_national"};
constexpr std::string_view kMedicalStatuses[] = {"unknown", "uninjured", "lightly_injured",
                                                 "seriously_injured", "deceased"};
constexpr std::string_view kPointKinds[] = {"checkpoint", "liaison_point"};
constexpr std::int64_t kMaxPersons = 200;
constexpr size_t kMaxTextChars = 4000;
constexpr size_t kMaxNameChars = 200;
// Byte limits generous enough for the character limits in any script.
constexpr StringRule kTextRule{1, kMaxTextChars * 4};
constexpr StringRule kOptionalTextRule{0, kMaxTextChars * 4};
constexpr StringRule kNameRule{1, kMaxNameChars * 4};
constexpr StringRule kIdRule{1, 64};
// A run of this many digits in a name is an identity number, not a name.
constexpr size_t kIdentityDigits = 6;

// Field names that would carry an identity number, compared in lower case
// without '_', '-' and spaces: contained in the name ...
constexpr std::string_view kIdentityFieldParts[] = {
    "idnumber", "idno",    "idnum",          "idcard",    "identity",    "nationalid",
    "passport", "ssn",     "socialsecurity", "teudat",    "zehut",       "hawiya",
    "huwiya",   "hawiyya", "documentnumber", "docnumber", "permitnumber"};
// ... or the whole name.
constexpr std::string_view kIdentityFieldNames[] = {"tz", "nid"};

// --- Input ---------------------------------------------------------------

bool LooksLikeIdentityField(std::string_view key) {
  std::string k;
  for (char c : key) {
    if (c == '_' || c == '-' || c == ' ') continue;
    k += (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
  }
  if (OneOf(k, kIdentityFieldNames)) return true;
  return std::any_of(std::begin(kIdentityFieldParts), std::end(kIdentityFieldParts),
                     [&](std::string_view part) { return k.find(part) != std::string::npos; });
}

// No identity numbers are stored: a field that looks like one is refused by
// name, before anything else is read.
Status RefuseIdentityFields(const json::object& in) {
  for (const auto& kv : in) {
    const std::string_view k(kv.key().data(), kv.key().size());
    if (LooksLikeIdentityField(k)) {
      return Error::Invalid("/" + std::string(k),
                            "identity numbers are not stored; leave out " + std::string(k));
    }
  }
  return OkStatus();
}

// The longest run of digits (ASCII, Arabic-Indic or Eastern Arabic-Indic).
size_t LongestDigitRun(std::string_view s) {
  size_t run = 0, longest = 0;
  for (size_t i = 0; i < s.size(); ++i) {
    const auto c = static_cast<unsigned char>(s[i]);
    const auto next = i + 1 < s.size() ? static_cast<unsigned char>(s[i + 1]) : 0;
    if (c >= '0' && c <= '9') {
      ++run;
    } else if ((c == 0xD9 && next >= 0xA0 && next <= 0xA9) ||
               (c == 0xDB && next >= 0xB0 && next <= 0xB9)) {
      ++run;
      ++i;
    } else {
      run = 0;
    }
    longest = std::max(longest, run);
  }
  return longest;
}

Result<std::string> ReadName(const json::object& in) {
  auto name = RequireString(in, "name", kNameRule);
  if (!name) return std::move(name).error();
  if (Utf8Length(*name) > kMaxNameChars) {
    return Error::Invalid("/name", "name is too long (200 characters at most)");
  }
  if (LongestDigitRun(*name) >= kIdentityDigits) {
    return Error::Invalid("/name",
                          "name holds a number that looks like an identity number; identity "
                          "numbers are not stored");
  }
  return name;
}

Result<std::optional<std::string>> ReadText(const json::object& in, std::string_view key,
                                            bool required) {
  auto text = OptionalString(in, key, required ? kTextRule : kOptionalTextRule);
  if (!text) return std::move(text).error();
  const std::string ptr = "/" + std::string(key);
  if (!text->has_value() && required) return Error::Invalid(ptr, std::string(key) + " is required");
  if (text->has_value() && Utf8Length(**text) > kMaxTextChars) {
    return Error::Invalid(ptr, std::string(key) + " is too long (4,000 characters at most)");
  }
  return text;
}

Result<std::optional<std::string>> ReadMedicalStatus(const json::object& in) {
  auto m = OptionalString(in, "medical_status", {1, 32});
  if (!m) return std::move(m).error();
  if (m->has_value() && !OneOf(**m, kMedicalStatuses)) {
    return Error::Invalid("/medical_status",
                          "medical_status must be unknown, uninjured, lightly_injured, "
                          "seriously_injured or deceased");
  }
  return m;
}

// A GeoJSON Point, or nullopt when absent.
Result<std::optional<geo::Geometry>> ReadLocation(const json::object& in) {
  const json::value* v = in.if_contains("location");
  if (v == nullptr || v->is_null()) return std::optional<geo::Geometry>();
  auto g = geo::ParseGeometry(*v, "/location");
  if (!g) return std::move(g).error();
  if (g->kind != geo::GeometryKind::kPoint) {
    return Error::Invalid("/location", "location must be a GeoJSON Point: where the person is");
  }
  return std::optional<geo::Geometry>(std::move(*g));
}

json::value DistrictOf(const Settings& s, const geo::Geometry& g) {
  if (s.geography == nullptr) return nullptr;
  const std::string d = s.geography->Place(g, 0).district;
  return d.empty() ? json::value() : json::value(d);
}

Result<bool> PartyExists(Tx& tx, const std::string& id) {
  auto rows = tx.Query("SELECT 1 FROM parties WHERE id = ?", {id});
  if (!rows) return std::move(rows).error();
  return !rows->empty();
}

// A party named by `key`, which must exist.
Result<std::optional<std::string>> ReadParty(Tx& tx, const json::object& in, std::string_view key) {
  auto party = OptionalString(in, key, {1, 32});
  if (!party) return std::move(party).error();
  if (!party->has_value()) return party;
  auto exists = PartyExists(tx, **party);
  if (!exists) return std::move(exists).error();
  if (!*exists) return Error::Invalid("/" + std::string(key), "no such party");
  return party;
}

// A unit named by `key`, which must be one of `party`'s.
Result<std::optional<std::string>> ReadUnit(Tx& tx, const json::object& in, std::string_view key,
                                            const std::string& party, std::string_view whose) {
  auto unit = OptionalString(in, key, kIdRule);
  if (!unit) return std::move(unit).error();
  if (!unit->has_value()) return unit;
  const std::string ptr = "/" + std::string(key);
  if (party.empty()) {
    return Error::Invalid(ptr, "a unit needs its party: name the " + std::string(whose) + " too");
  }
  auto rows = tx.Query("SELECT 1 FROM units WHERE id = ? AND party = ?", {**unit, party});
  if (!rows) return std::move(rows).error();
  if (rows->empty()) {
    return Error::Invalid(ptr, "no such unit of the " + std::string(whose) + " (" + party + ")");
  }
  return unit;
}

// A linked incident must exist and be one the reporter can see.
Status CheckIncident(Tx& tx, const Principal& p, const std::string& id) {
  auto rows = tx.Query("SELECT party, shared_with FROM incidents WHERE id = ?", {id});
  if (!rows) return std::move(rows).error();
  if (rows->empty() ||
      !CanSee(p, liaison::Scope{rows->front().Text(0), SplitShares(rows->front().Text(1))})) {
    return Error::Invalid("/incident", "no such incident");
  }
  return OkStatus();
}

json::value OrNull(const std::optional<std::string>& v) {
  return v ? json::value(*v) : json::value(nullptr);
}

Status Authorize(const Principal& p, Action action, const liaison::Scope& scope) {
  const Decision d = Can(p, action, scope);
  if (!d) return Error::Denied(d.reason);
  return OkStatus();
}

// --- The stored case, as the commands need it ------------------------------

struct Stored {
  std::string id;
  Stage stage = Stage::kReported;
  std::string party, holding_party, holding_unit, receiving_party, receiving_unit;
  std::vector<std::string> shared_with;
  Micros stage_since = 0;

  liaison::Scope scope() const { return {party, shared_with}; }
  CaseParties parties(std::vector<std::string> coordinators) const {
    return CaseParties{party, holding_party, receiving_party, std::move(coordinators)};
  }
};

Result<std::optional<Stored>> Load(Tx& tx, std::string_view id) {
  auto rows = tx.Query(
      "SELECT id, stage, party, holding_party, holding_unit, receiving_party, receiving_unit, "
      "shared_with, stage_since FROM return_cases WHERE id = ?",
      {std::string(id)});
  if (!rows) return std::move(rows).error();
  if (rows->empty()) return std::optional<Stored>();
  const Row& r = rows->front();
  Stored s;
  s.id = r.Text(0);
  s.stage = ParseStage(r.Text(1)).value_or(Stage::kReported);
  s.party = r.Text(2);
  s.holding_party = r.Text(3);
  s.holding_unit = r.Text(4);
  s.receiving_party = r.Text(5);
  s.receiving_unit = r.Text(6);
  s.shared_with = SplitShares(r.Text(7));
  s.stage_since = r.Int(8);
  return std::optional<Stored>(std::move(s));
}

// A case the actor may not see does not exist for them.
Result<Stored> LoadVisible(Tx& tx, const Principal& p, std::string_view id) {
  auto s = Load(tx, id);
  if (!s) return std::move(s).error();
  if (!s->has_value() || !CanSee(p, (*s)->scope())) return Error::NotFound("no such return case");
  return std::move(**s);
}

EventDraft NameEvent(const std::string& id, const CaseParties& c, const std::string& recorder,
                     const std::string& name) {
  return EventDraft{"return.name_recorded", id, recorder, NameSharedWith(c, recorder),
                    json::object{{"id", id}, {"name", name}}};
}

// Replies with the case as the command left it. A party that the command
// took out of the case's scope (a holding party replaced at located) gets
// the short reply: it no longer sees the case.
void ReplyWithCase(CommandContext& ctx, std::string id, const Settings& s, bool with_name) {
  ctx.finish = [actor = ctx.actor, id = std::move(id), now = ctx.now, s, with_name](
                   Tx& tx, json::value reply) -> Result<json::value> {
    auto view = Get(tx, actor, id, now, s, with_name);
    if (!view && view.error().code == ErrorCode::kNotFound) return reply;
    if (!view) return std::move(view).error();
    return std::move(view->json);
  };
}

Status HoldingDiffersFromReceiving(const std::string& holding, const std::string& receiving) {
  if (!holding.empty() && holding == receiving) {
    return Error::Invalid("/holding_party",
                          "the holding party hands the person to the receiving party; they differ");
  }
  return OkStatus();
}

// Reads the data of stage `to` from `in` into `body`; may set the holding
// party in `parties`.
Status ReadStageData(Tx& tx, const Principal& actor, const Stored& st, Stage to,
                     const json::object& in, const Settings& s, CaseParties& parties,
                     json::object& body) {
  switch (to) {
    case Stage::kReported:
      break;
    case Stage::kLocated: {
      LIAISON_TRY(OnlyKnownFields(
          in, {"stage", "holding_party", "holding_unit", "location", "medical_status", "note"}));
      auto holding = ReadParty(tx, in, "holding_party");
      if (!holding) return std::move(holding).error();
      // While no one holds the person, whoever locates them holds them.
      std::string party =
          holding->value_or(st.holding_party.empty() ? actor.party : st.holding_party);
      if (!holding->has_value() && party == st.receiving_party) {
        return Error::Invalid("/holding_party",
                              "holding_party is required: the receiving party does not hold the "
                              "person");
      }
      LIAISON_TRY(HoldingDiffersFromReceiving(party, st.receiving_party));
      auto unit = ReadUnit(tx, in, "holding_unit", party, "holding party");
      if (!unit) return std::move(unit).error();
      body["holding_party"] = party;
      if (unit->has_value()) {
        body["holding_unit"] = **unit;
      } else if (party != st.holding_party) {
        body["holding_unit"] = nullptr;  // the old one was the previous holder's
      }
      parties.holding = party;
      auto location = ReadLocation(in);
      if (!location) return std::move(location).error();
      if (location->has_value()) {
        body["location"] = geo::GeometryToJson(**location);
        body["district"] = DistrictOf(s, **location);
      }
      break;
    }
    case Stage::kSecured: {
      LIAISON_TRY(OnlyKnownFields(in, {"stage", "holding_unit", "medical_status", "note"}));
      auto unit = ReadUnit(tx, in, "holding_unit", st.holding_party, "holding party");
      if (!unit) return std::move(unit).error();
      if (unit->has_value()) body["holding_unit"] = **unit;
      break;
    }
    case Stage::kHandoverArranged: {
      LIAISON_TRY(OnlyKnownFields(in, {"stage", "handover_point", "handover_at", "receiving_unit",
                                       "medical_status", "note"}));
      auto point = RequireString(in, "handover_point", kIdRule);
      if (!point) return std::move(point).error();
      if (s.handover_points == nullptr) {
        return Error::Unavailable("the handover points are not loaded on this server");
      }
      if (s.handover_points->Find(*point) == nullptr) {
        return Error::Invalid("/handover_point",
                              "no such handover point (see GET /api/v1/handover-points)");
      }
      body["handover_point"] = *point;
      auto at = OptionalTime(in, "handover_at");
      if (!at) return std::move(at).error();
      if (!at->has_value()) {
        return Error::Invalid("/handover_at", "handover_at (when, RFC 3339) is required");
      }
      body["handover_at"] = FormatRfc3339(**at);
      auto unit = ReadUnit(tx, in, "receiving_unit", st.receiving_party, "receiving party");
      if (!unit) return std::move(unit).error();
      if (unit->has_value()) body["receiving_unit"] = **unit;
      break;
    }
    case Stage::kHandedOver:
      LIAISON_TRY(OnlyKnownFields(in, {"stage", "medical_status", "note"}));
      break;
    case Stage::kClosed: {
      LIAISON_TRY(OnlyKnownFields(in, {"stage", "summary", "medical_status", "note"}));
      auto summary = ReadText(in, "summary", true);
      if (!summary) return std::move(summary).error();
      body["summary"] = **summary;
      break;
    }
  }
  auto medical = ReadMedicalStatus(in);
  if (!medical) return std::move(medical).error();
  if (medical->has_value()) body["medical_status"] = **medical;
  auto note = ReadText(in, "note", false);
  if (!note) return std::move(note).error();
  if (note->has_value() && !(*note)->empty()) body["note"] = **note;
  return OkStatus();
}

// --- Projection ----------------------------------------------------------

// Column positions in kColumns.
enum Col {
  kColId,
  kColParty,
  kColReportingUnit,
  kColSharedWith,
  kColStage,
  kColCategory,
  kColCount,
  kColCircumstances,
  kColLocation,
  kColDistrict,
  kColHoldingParty,
  kColHoldingUnit,
  kColReceivingParty,
  kColReceivingUnit,
  kColHandoverPoint,
  kColHandoverAt,
  kColMedicalStatus,
  kColIncident,
  kColSummary,
  kColStageSince,
  kColStageSeq,
  kColOverdueSeq,
  kColReportedBy,
  kColReportedAt,
  kColHandedOverAt,
  kColClosedAt,
  kColCreatedSeq,
  kColUpdatedAt,
  kColUpdatedSeq,
  kColumnCount
};

constexpr std::string_view kColumns =
    "r.id, r.party, r.reporting_unit, r.shared_with, r.stage, r.category, r.person_count, "
    "r.circumstances, r.location, r.district, r.holding_party, r.holding_unit, r.receiving_party, "
    "r.receiving_unit, r.handover_point, r.handover_at, r.medical_status, r.incident, r.summary, "
    "r.stage_since, r.stage_seq, r.overdue_seq, r.reported_by, r.reported_at, r.handed_over_at, "
    "r.closed_at, r.created_seq, r.updated_at, r.updated_seq";

// The members of a return.advanced body that are stage data, with the
// column each sets. Present (even null) means "set".
struct DataColumn {
  std::string_view key;
  std::string_view column;
  bool time;  // an RFC 3339 string stored as microseconds
};
constexpr DataColumn kDataColumns[] = {{"holding_party", "holding_party", false},
                                       {"holding_unit", "holding_unit", false},
                                       {"location", "location", false},
                                       {"district", "district", false},
                                       {"medical_status", "medical_status", false},
                                       {"handover_point", "handover_point", false},
                                       {"handover_at", "handover_at", true},
                                       {"receiving_unit", "receiving_unit", false},
                                       {"summary", "summary", false}};

SqlValue ColumnValue(const json::value& v, bool time) {
  if (v.is_null()) return SqlValue{};
  if (v.is_object()) return CanonicalJson(v);
  if (!v.is_string()) return SqlValue{};
  const std::string s(v.get_string());
  if (!time) return s;
  const auto t = ParseRfc3339(s);
  return t ? SqlValue{*t} : SqlValue{};
}

Status InsertStage(WriteTx& tx, const Event& e, const json::object& b, json::object data) {
  return tx.Exec(
      "INSERT INTO return_stages (seq, case_id, stage, at, actor, party, note, data) "
      "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
      {e.seq, JsonString(b, "id"), JsonString(b, "stage"), e.at, e.actor, JsonString(b, "party"),
       OptionalTextColumn(b, "note"), CanonicalJson(data)});
}

std::int64_t IntOf(const json::object& b, std::string_view key) {
  const json::value* v = b.if_contains(key);
  return v && v->is_number() ? v->to_number<std::int64_t>() : 0;
}

Status ApplyReported(WriteTx& tx, const Event& e, const json::object& b) {
  const json::value location = b.contains("location") ? b.at("location") : json::value();
  LIAISON_TRY(tx.Exec(
      "INSERT INTO return_cases (id, year, number, party, reporting_unit, shared_with, stage, "
      "category, person_count, circumstances, location, district, holding_party, holding_unit, "
      "receiving_party, receiving_unit, medical_status, incident, stage_since, stage_seq, "
      "reported_by, reported_at, created_seq, updated_at, updated_seq) VALUES (?, ?, ?, ?, ?, ?, "
      "'reported', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
      {JsonString(b, "id"),
       IntOf(b, "year"),
       IntOf(b, "number"),
       e.party,
       OptionalTextColumn(b, "reporting_unit"),
       JoinShares(e.shared_with),
       JsonString(b, "category"),
       IntOf(b, "count"),
       JsonString(b, "circumstances"),
       CanonicalJson(location),
       OptionalTextColumn(b, "district"),
       OptionalTextColumn(b, "holding_party"),
       OptionalTextColumn(b, "holding_unit"),
       JsonString(b, "receiving_party"),
       OptionalTextColumn(b, "receiving_unit"),
       JsonString(b, "medical_status"),
       OptionalTextColumn(b, "incident"),
       e.at,
       e.seq,
       e.actor,
       e.at,
       e.seq,
       e.at,
       e.seq}));
  return InsertStage(tx, e, b, json::object{});
}

Status ApplyAdvanced(WriteTx& tx, const Event& e, const json::object& b) {
  const std::string id = JsonString(b, "id");
  const std::string stage = JsonString(b, "stage");
  std::string sql =
      "UPDATE return_cases SET stage = ?, stage_since = ?, stage_seq = ?, overdue_seq = NULL, "
      "updated_at = ?, updated_seq = ?";
  std::vector<SqlValue> params{stage, e.at, e.seq, e.at, e.seq};
  json::object data;
  for (const DataColumn& c : kDataColumns) {
    const json::value* v = b.if_contains(c.key);
    if (v == nullptr) continue;
    sql += ", " + std::string(c.column) + " = ?";
    params.push_back(ColumnValue(*v, c.time));
    data[c.key] = *v;
  }
  if (b.contains("shared_with")) {
    sql += ", shared_with = ?";
    params.emplace_back(JoinShares(ReadStringArray(b, "shared_with")));
  }
  if (stage == StageName(Stage::kHandedOver)) {
    sql += ", handed_over_at = ?";
    params.emplace_back(e.at);
  } else if (stage == StageName(Stage::kClosed)) {
    sql += ", closed_at = ?";
    params.emplace_back(e.at);
  }
  sql += " WHERE id = ?";
  params.emplace_back(id);
  LIAISON_TRY(tx.Exec(sql, params));
  return InsertStage(tx, e, b, std::move(data));
}

// --- Views ---------------------------------------------------------------

std::optional<Micros> DueAt(Stage stage, Micros since, const Settings& s) {
  if (StageIndex(stage) >= kTimedStages) return std::nullopt;
  return since + s.stage_limits[StageIndex(stage)];
}

json::object RowJson(const Row& r, Micros now, const Settings& s) {
  const Stage stage = ParseStage(r.Text(kColStage)).value_or(Stage::kReported);
  const std::optional<Micros> due = DueAt(stage, r.Int(kColStageSince), s);
  json::object o;
  o["id"] = r.Text(kColId);
  o["stage"] = StageName(stage);
  o["category"] = r.Text(kColCategory);
  o["count"] = r.Int(kColCount);
  o["circumstances"] = r.Text(kColCircumstances);
  o["location"] = StoredJson(r, kColLocation);
  o["district"] = TextOrNull(r, kColDistrict);
  o["party"] = r.Text(kColParty);
  o["reporting_unit"] = TextOrNull(r, kColReportingUnit);
  o["holding_party"] = TextOrNull(r, kColHoldingParty);
  o["holding_unit"] = TextOrNull(r, kColHoldingUnit);
  o["receiving_party"] = r.Text(kColReceivingParty);
  o["receiving_unit"] = TextOrNull(r, kColReceivingUnit);
  o["handover_point"] = TextOrNull(r, kColHandoverPoint);
  o["handover_at"] = TimeOrNull(r, kColHandoverAt);
  o["medical_status"] = r.Text(kColMedicalStatus);
  o["incident"] = TextOrNull(r, kColIncident);
  o["shared_with"] = StringArray(SplitShares(r.Text(kColSharedWith)));
  o["stage_since"] = FormatRfc3339(r.Int(kColStageSince));
  o["stage_seq"] = r.Int(kColStageSeq);
  o["stage_due_at"] = due ? json::value(FormatRfc3339(*due)) : json::value();
  o["overdue"] = due && (*due <= now || !r.IsNull(kColOverdueSeq));
  o["reported_by"] = r.Text(kColReportedBy);
  o["reported_at"] = FormatRfc3339(r.Int(kColReportedAt));
  o["handed_over_at"] = TimeOrNull(r, kColHandedOverAt);
  o["closed_at"] = TimeOrNull(r, kColClosedAt);
  o["summary"] = TextOrNull(r, kColSummary);
  o["updated_at"] = FormatRfc3339(r.Int(kColUpdatedAt));
  o["updated_seq"] = r.Int(kColUpdatedSeq);
  o["seq"] = r.Int(kColCreatedSeq);
  return o;
}

Result<json::array> StagesJson(Tx& tx, const std::string& id) {
  auto rows = tx.Query(
      "SELECT seq, stage, at, actor, party, note, data, overdue_seq FROM return_stages "
      "WHERE case_id = ? ORDER BY seq",
      {id});
  if (!rows) return std::move(rows).error();
  json::array out;
  for (const Row& r : *rows) {
    out.push_back(
        json::object{{"stage", r.Text(1)},
                     {"at", FormatRfc3339(r.Int(2))},
                     {"by", r.Text(3)},
                     {"party", r.Text(4)},
                     {"seq", r.Int(0)},
                     {"note", TextOrNull(r, 5)},
                     {"data", StoredJson(r, 6)},
                     {"overdue_seq", r.IsNull(7) ? json::value() : json::value(r.Int(7))}});
  }
  return out;
}

// The WHERE clause of the due cases: per stage, reached before now minus
// its limit, without its return.overdue yet.
std::string DueCondition(Micros now, const Settings& s, std::vector<SqlValue>& params) {
  std::string sql = "overdue_seq IS NULL AND (";
  for (size_t i = 0; i < kTimedStages; ++i) {
    sql += i ? " OR " : "";
    sql += "(stage = ? AND stage_since <= ?)";
    params.emplace_back(std::string(StageName(kAllStages[i])));
    params.emplace_back(now - s.stage_limits[i]);
  }
  return sql + ")";
}

std::string Placeholders(size_t n) {
  std::string out;
  for (size_t i = 0; i < n; ++i) out += i ? ", ?" : "?";
  return out;
}

double RoundTenth(double v) { return std::round(v * 10) / 10; }

}  // namespace

// --- Projection ----------------------------------------------------------

bool Handles(std::string_view event_type) { return event_type.starts_with("return."); }

Status Apply(WriteTx& tx, const Event& e, const json::object& b) {
  const std::string& t = e.type;
  const std::string id = JsonString(b, "id");
  if (t == "return.reported") return ApplyReported(tx, e, b);
  if (t == "return.advanced") return ApplyAdvanced(tx, e, b);
  if (t == "return.name_recorded") {
    LIAISON_TRY(tx.Exec("DELETE FROM return_names WHERE case_id = ?", {id}));
    return tx.Exec(
        "INSERT INTO return_names (case_id, name, party, actor, at, seq) VALUES (?, ?, ?, ?, ?, ?)",
        {id, JsonString(b, "name"), e.party, e.actor, e.at, e.seq});
  }
  if (t == "return.overdue") {
    const std::string stage = JsonString(b, "stage");
    LIAISON_TRY(tx.Exec("UPDATE return_cases SET overdue_seq = ? WHERE id = ? AND stage = ?",
                        {e.seq, id, stage}));
    return tx.Exec("UPDATE return_stages SET overdue_seq = ? WHERE case_id = ? AND stage = ?",
                   {e.seq, id, stage});
  }
  return OkStatus();
}

// --- Commands ------------------------------------------------------------

Result<json::value> Report(CommandContext& ctx, const json::object& in, const Settings& s) {
  LIAISON_TRY(RefuseIdentityFields(in));
  LIAISON_TRY(OnlyKnownFields(
      in,
      {"category", "count", "location", "receiving_party", "circumstances", "holding_party",
       "holding_unit", "reporting_unit", "receiving_unit", "medical_status", "name", "incident"}));
  const Principal& p = ctx.actor;
  Tx& tx = ctx.tx;
  LIAISON_TRY(Authorize(p, Action::kReportReturn, liaison::Scope{p.party, {}}));

  auto category = RequireString(in, "category", {1, 32});
  if (!category) return std::move(category).error();
  if (!OneOf(*category, kCategories)) {
    return Error::Invalid("/category",
                          "category must be israeli_civilian, israeli_security, palestinian or "
                          "foreign_national");
  }
  auto count = OptionalInt(in, "count", 1, kMaxPersons);
  if (!count) return std::move(count).error();
  if (!count->has_value()) {
    return Error::Invalid("/count", "count (how many persons, 1 to 200) is required");
  }
  auto location = ReadLocation(in);
  if (!location) return std::move(location).error();
  if (!location->has_value()) {
    return Error::Invalid("/location", "location (a GeoJSON Point) is required");
  }
  auto receiving = ReadParty(tx, in, "receiving_party");
  if (!receiving) return std::move(receiving).error();
  if (!receiving->has_value())
    return Error::Invalid("/receiving_party", "receiving_party is required");
  auto circumstances = ReadText(in, "circumstances", true);
  if (!circumstances) return std::move(circumstances).error();
  auto holding = ReadParty(tx, in, "holding_party");
  if (!holding) return std::move(holding).error();
  LIAISON_TRY(HoldingDiffersFromReceiving(holding->value_or(""), **receiving));
  auto holding_unit = ReadUnit(tx, in, "holding_unit", holding->value_or(""), "holding party");
  if (!holding_unit) return std::move(holding_unit).error();
  auto receiving_unit = ReadUnit(tx, in, "receiving_unit", **receiving, "receiving party");
  if (!receiving_unit) return std::move(receiving_unit).error();
  auto reporting_unit = ReadUnit(tx, in, "reporting_unit", p.party, "reporting party");
  if (!reporting_unit) return std::move(reporting_unit).error();
  if (!reporting_unit->has_value() && !p.unit.empty()) *reporting_unit = p.unit;
  auto medical = ReadMedicalStatus(in);
  if (!medical) return std::move(medical).error();
  auto incident = OptionalString(in, "incident", kIdRule);
  if (!incident) return std::move(incident).error();
  if (incident->has_value()) LIAISON_TRY(CheckIncident(tx, p, **incident));
  std::optional<std::string> name;
  if (in.contains("name") && !in.at("name").is_null()) {
    auto n = ReadName(in);
    if (!n) return std::move(n).error();
    name = std::move(*n);
  }

  auto coordinators = identity::CoordinatorParties(tx);
  if (!coordinators) return std::move(coordinators).error();
  const CaseParties parties{p.party, holding->value_or(""), **receiving, std::move(*coordinators)};
  if (name && !EntitledToName(parties, p.party)) {
    return Error::Denied(
        "only the holding and receiving parties and the coordinator record the person's name; "
        "report the case without it");
  }
  auto numbered = NextRecordNumber(tx, "return_cases", "RET", ctx.now);
  if (!numbered) return std::move(numbered).error();
  const std::string& id = numbered->id;
  json::object body{{"id", id},
                    {"year", numbered->year},
                    {"number", numbered->number},
                    {"stage", StageName(Stage::kReported)},
                    {"party", p.party},
                    {"category", *category},
                    {"count", **count},
                    {"circumstances", **circumstances},
                    {"location", geo::GeometryToJson(**location)},
                    {"district", DistrictOf(s, **location)},
                    {"reporting_unit", OrNull(*reporting_unit)},
                    {"holding_party", OrNull(*holding)},
                    {"holding_unit", OrNull(*holding_unit)},
                    {"receiving_party", **receiving},
                    {"receiving_unit", OrNull(*receiving_unit)},
                    {"medical_status", medical->value_or("unknown")},
                    {"incident", OrNull(*incident)}};
  ctx.Emit({"return.reported", id, p.party, CaseSharedWith(parties), std::move(body)});
  if (name) ctx.Emit(NameEvent(id, parties, p.party, *name));
  ReplyWithCase(ctx, id, s, /*with_name=*/false);
  return json::value(json::object{{"id", id}, {"stage", StageName(Stage::kReported)}});
}

Result<json::value> Advance(CommandContext& ctx, std::string_view id, const json::object& in,
                            const Settings& s) {
  auto st = LoadVisible(ctx.tx, ctx.actor, id);
  if (!st) return std::move(st).error();
  LIAISON_TRY(Authorize(ctx.actor, Action::kAdvanceReturn, st->scope()));
  LIAISON_TRY(RefuseIdentityFields(in));
  auto name = RequireString(in, "stage", {1, 32});
  if (!name) return std::move(name).error();
  const std::optional<Stage> to = ParseStage(*name);
  if (!to) {
    return Error::Invalid("/stage",
                          "stage must be located, secured, handover_arranged, handed_over or "
                          "closed");
  }
  LIAISON_TRY(CheckNext(st->stage, *to));
  auto coordinators = identity::CoordinatorParties(ctx.tx);
  if (!coordinators) return std::move(coordinators).error();
  CaseParties parties = st->parties(std::move(*coordinators));
  LIAISON_TRY(CheckTaker(*to, parties, ctx.actor.party, IsCoordinatorDesk(ctx.actor)));
  json::object body{{"id", st->id},
                    {"stage", StageName(*to)},
                    {"from", StageName(st->stage)},
                    {"party", ctx.actor.party}};
  LIAISON_TRY(ReadStageData(ctx.tx, ctx.actor, *st, *to, in, s, parties, body));

  std::vector<std::string> shares = st->shared_with;
  if (parties.holding != st->holding_party) {
    const std::vector<std::string> now_shared = CaseSharedWith(parties);
    body["shared_with"] = StringArray(now_shared);
    // This event reaches the scope before and after: the party that held
    // the person learns it was handed on, the new one that it holds them.
    shares.insert(shares.end(), now_shared.begin(), now_shared.end());
    std::sort(shares.begin(), shares.end());
    shares.erase(std::unique(shares.begin(), shares.end()), shares.end());
  }
  ctx.Emit({"return.advanced", st->id, st->party, std::move(shares), std::move(body)});
  ReplyWithCase(ctx, st->id, s, /*with_name=*/false);
  return json::value(json::object{{"id", st->id}, {"stage", StageName(*to)}});
}

Result<json::value> RecordName(CommandContext& ctx, std::string_view id, const json::object& in,
                               const Settings& s) {
  auto st = LoadVisible(ctx.tx, ctx.actor, id);
  if (!st) return std::move(st).error();
  LIAISON_TRY(Authorize(ctx.actor, Action::kAdvanceReturn, st->scope()));
  LIAISON_TRY(RefuseIdentityFields(in));
  LIAISON_TRY(OnlyKnownFields(in, {"name"}));
  if (st->stage == Stage::kClosed) {
    return Error::Conflict("the case is closed; a closed case is final");
  }
  auto coordinators = identity::CoordinatorParties(ctx.tx);
  if (!coordinators) return std::move(coordinators).error();
  const CaseParties parties = st->parties(std::move(*coordinators));
  if (!EntitledToName(parties, ctx.actor.party)) {
    return Error::Denied(
        "only the holding and receiving parties and the coordinator record the person's name");
  }
  auto name = ReadName(in);
  if (!name) return std::move(name).error();
  ctx.Emit(NameEvent(st->id, parties, ctx.actor.party, *name));
  ReplyWithCase(ctx, st->id, s, /*with_name=*/true);
  return json::value(json::object{{"id", st->id}, {"stage", StageName(st->stage)}});
}

Result<json::value> RaiseDue(CommandContext& ctx, std::int64_t limit, const Settings& s) {
  Tx& tx = ctx.tx;
  std::vector<SqlValue> params;
  const std::string where = DueCondition(ctx.now, s, params);
  params.emplace_back(limit);
  auto due = tx.Query(
      "SELECT id FROM return_cases WHERE " + where + " ORDER BY stage_since, id LIMIT ?", params);
  if (!due) return std::move(due).error();
  if (due->empty()) return json::value(json::object{{"overdue", 0}});

  // The coordinator's duty desks, where an overdue case escalates.
  auto coordinators = identity::CoordinatorParties(tx);
  if (!coordinators) return std::move(coordinators).error();
  json::array escalate;
  for (const auto& c : *coordinators) {
    auto rows =
        tx.Query("SELECT id FROM units WHERE party = ? AND kind = 'duty_desk' ORDER BY id", {c});
    if (!rows) return std::move(rows).error();
    for (const Row& r : *rows) {
      escalate.push_back(json::object{{"party", c}, {"unit", r.Text(0)}, {"role", "duty"}});
    }
  }
  std::int64_t raised = 0;
  for (const Row& r : *due) {
    auto st = Load(tx, r.Text(0));
    if (!st) return std::move(st).error();
    if (!st->has_value()) continue;
    const Stored& c = **st;
    const std::optional<Micros> due_at = DueAt(c.stage, c.stage_since, s);
    if (!due_at) continue;
    ctx.Emit({"return.overdue", c.id, c.party, c.shared_with,
              json::object{{"id", c.id},
                           {"stage", StageName(c.stage)},
                           {"since", FormatRfc3339(c.stage_since)},
                           {"due_at", FormatRfc3339(*due_at)},
                           {"escalate_to", escalate}}});
    ++raised;
  }
  return json::value(json::object{{"overdue", raised}});
}

// --- Queries -------------------------------------------------------------

Result<std::int64_t> CountDue(Tx& tx, Micros now, const Settings& s) {
  std::vector<SqlValue> params;
  const std::string where = DueCondition(now, s, params);
  auto rows = tx.Query("SELECT COUNT(*) FROM return_cases WHERE " + where, params);
  if (!rows) return std::move(rows).error();
  return rows->front().Int(0);
}

Result<ListQuery> ParseListQuery(const QueryParam& get) {
  ListQuery q;
  if (auto stages = get("stage")) {
    q.stages = SplitParam(*stages);
    for (const auto& st : q.stages) {
      if (st != "active" && !ParseStage(st)) return Error::Invalid("/stage", "unknown stage " + st);
    }
  }
  if (auto categories = get("category")) {
    q.categories = SplitParam(*categories);
    for (const auto& c : q.categories) {
      if (!OneOf(c, kCategories)) return Error::Invalid("/category", "unknown category " + c);
    }
  }
  q.party = get("party").value_or("");
  q.district = get("district").value_or("");
  if (q.party.size() > 64) return Error::Invalid("/party", "party is too long");
  if (q.district.size() > 64) return Error::Invalid("/district", "district is too long");
  LIAISON_TRY(ParsePeriodParams(get, &q.from, &q.to));
  LIAISON_TRY(ParsePageParams(get, &q.limit, &q.cursor));
  return q;
}

Result<json::value> List(Tx& tx, const Principal& p, const ListQuery& q, Micros now,
                         const Settings& s) {
  std::vector<std::string> vis;
  std::string sql = "SELECT " + std::string(kColumns) + " FROM return_cases r WHERE " +
                    RecordVisibilitySql(p, "r.party", "r.shared_with", vis);
  std::vector<SqlValue> params(vis.begin(), vis.end());
  AppendStatesFilter(sql, params, "r.stage", q.stages, "closed");
  if (!q.categories.empty()) {
    sql += " AND r.category IN (" + Placeholders(q.categories.size()) + ")";
    for (const auto& c : q.categories) params.emplace_back(c);
  }
  if (!q.party.empty()) {
    sql += " AND (r.party = ? OR r.holding_party = ? OR r.receiving_party = ?)";
    for (int i = 0; i < 3; ++i) params.emplace_back(q.party);
  }
  if (!q.district.empty()) {
    sql += " AND r.district = ?";
    params.emplace_back(q.district);
  }
  if (q.from) {
    sql += " AND r.reported_at >= ?";
    params.emplace_back(*q.from);
  }
  if (q.to) {
    sql += " AND r.reported_at < ?";
    params.emplace_back(*q.to);
  }
  return QueryPage(
      tx, std::move(sql), std::move(params), "r.created_seq", kColCreatedSeq, q.limit, q.cursor,
      [now, &s](const Row& r) -> Result<json::value> { return json::value(RowJson(r, now, s)); });
}

Result<CaseView> Get(Tx& tx, const Principal& p, std::string_view id, Micros now, const Settings& s,
                     bool with_name) {
  std::vector<std::string> vis;
  const std::string sql = "SELECT " + std::string(kColumns) +
                          " FROM return_cases r WHERE r.id = ? AND " +
                          RecordVisibilitySql(p, "r.party", "r.shared_with", vis);
  std::vector<SqlValue> params{std::string(id)};
  for (auto& v : vis) params.emplace_back(std::move(v));
  auto rows = tx.Query(sql, params);
  if (!rows) return std::move(rows).error();
  if (rows->empty()) return Error::NotFound("no such return case");
  const Row& row = rows->front();
  CaseView view;
  json::object out = RowJson(row, now, s);
  auto stages = StagesJson(tx, row.Text(kColId));
  if (!stages) return std::move(stages).error();
  out["stages"] = std::move(*stages);
  if (with_name) {
    auto coordinators = identity::CoordinatorParties(tx);
    if (!coordinators) return std::move(coordinators).error();
    const CaseParties parties{row.Text(kColParty), row.Text(kColHoldingParty),
                              row.Text(kColReceivingParty), std::move(*coordinators)};
    if (p.is_system || EntitledToName(parties, p.party)) {
      auto names = tx.Query("SELECT name FROM return_names WHERE case_id = ?", {row.Text(kColId)});
      if (!names) return std::move(names).error();
      view.name_disclosed = !names->empty();
      out["name"] = names->empty() ? json::value() : json::value(names->front().Text(0));
    }
  }
  view.json = std::move(out);
  return view;
}

Result<FiguresQuery> ParseFiguresQuery(const QueryParam& get) {
  FiguresQuery q;
  LIAISON_TRY(ParsePeriodParams(get, &q.from, &q.to));
  if (q.from && q.to && *q.to <= *q.from) {
    return Error::Invalid("/to", "to must be after from");
  }
  q.party = get("party").value_or("");
  q.district = get("district").value_or("");
  if (q.party.size() > 64) return Error::Invalid("/party", "party is too long");
  if (q.district.size() > 64) return Error::Invalid("/district", "district is too long");
  return q;
}

Result<json::value> FiguresOf(Tx& tx, const Principal& p, const FiguresQuery& q) {
  std::vector<std::string> vis;
  std::string sql =
      "SELECT r.reported_at, r.handed_over_at, r.stage, r.district FROM return_cases r WHERE " +
      RecordVisibilitySql(p, "r.party", "r.shared_with", vis);
  std::vector<SqlValue> params(vis.begin(), vis.end());
  if (q.from) {
    sql += " AND r.reported_at >= ?";
    params.emplace_back(*q.from);
  }
  if (q.to) {
    sql += " AND r.reported_at < ?";
    params.emplace_back(*q.to);
  }
  if (!q.party.empty()) {
    sql += " AND (r.party = ? OR r.holding_party = ? OR r.receiving_party = ?)";
    for (int i = 0; i < 3; ++i) params.emplace_back(q.party);
  }
  if (!q.district.empty()) {
    sql += " AND r.district = ?";
    params.emplace_back(q.district);
  }
  auto rows = tx.Query(sql, params);
  if (!rows) return std::move(rows).error();
  std::vector<FigureRecord> records;
  records.reserve(rows->size());
  for (const Row& r : *rows) {
    records.push_back(FigureRecord{r.Int(0),
                                   r.IsNull(1) ? std::nullopt : std::optional<Micros>(r.Int(1)),
                                   ParseStage(r.Text(2)).value_or(Stage::kReported), r.Text(3)});
  }
  const Figures f = Summarize(records);
  auto minutes = [](const std::optional<double>& v) {
    return v ? json::value(RoundTenth(*v)) : json::value();
  };
  json::array per_month, per_district, per_stage;
  for (const auto& [month, n] : f.per_month) {
    per_month.push_back(json::object{{"month", month}, {"count", n}});
  }
  for (const auto& [district, n] : f.per_district) {
    per_district.push_back(json::object{
        {"district", district.empty() ? json::value() : json::value(district)}, {"count", n}});
  }
  for (Stage st : kAllStages) {
    per_stage.push_back(
        json::object{{"stage", StageName(st)}, {"count", f.per_stage[StageIndex(st)]}});
  }
  return json::value(json::object{
      {"period", json::object{{"from", q.from ? json::value(FormatRfc3339(*q.from)) : nullptr},
                              {"to", q.to ? json::value(FormatRfc3339(*q.to)) : nullptr}}},
      {"cases", f.cases},
      {"handed_over", f.handed_over},
      {"time_to_handover", json::object{{"p50_minutes", minutes(f.p50_minutes)},
                                        {"p90_minutes", minutes(f.p90_minutes)},
                                        {"n", f.handed_over}}},
      {"per_month", std::move(per_month)},
      {"per_district", std::move(per_district)},
      {"per_stage", std::move(per_stage)}});
}

Result<json::value> ListHandoverPoints(const Settings& s, std::string_view kind) {
  if (!kind.empty() && !OneOf(kind, kPointKinds)) {
    return Error::Invalid("/kind", "kind must be checkpoint or liaison_point");
  }
  json::array items;
  if (s.handover_points != nullptr) {
    auto text = [](const std::string& v) { return v.empty() ? json::value() : json::value(v); };
    for (const HandoverPoint& h : s.handover_points->all()) {
      if (!kind.empty() && h.kind != kind) continue;
      items.push_back(json::object{{"id", h.id},
                                   {"name", h.name},
                                   {"name_ar", text(h.name_ar)},
                                   {"name_he", text(h.name_he)},
                                   {"kind", h.kind},
                                   {"governorate", text(h.governorate)},
                                   {"location", geo::GeometryToJson(geo::Geometry{
                                                    geo::GeometryKind::kPoint, {{h.location}}})}});
    }
  }
  return json::value(json::object{{"items", std::move(items)}});
}

}  // namespace liaison::returns
