#include "domain/incidents/incidents.hpp"

#include <algorithm>
#include <cmath>
#include <map>
#include <set>

#include "authz/policy.hpp"
#include "core/time.hpp"
#include "domain/columns.hpp"
#include "domain/footprint.hpp"
#include "domain/identity/identity.hpp"
#include "geo/geojson.hpp"
#include "geo/validity.hpp"
#include "store/event_log.hpp"

namespace liaison::incidents {
namespace {

constexpr StringRule kTitleRule{1, 800};
constexpr StringRule kTextRule{0, 40000};  // 10,000 characters of any script
constexpr StringRule kSummaryRule{1, 40000};
constexpr StringRule kNoteRule{0, 8000};

constexpr std::string_view kTypes[] = {
    // Reported at once under the 1994 and 1995 agreements.
    "deployment", "public_order_threat", "road_closure", "joint_accident", "joint_rescue",
    "joint_weapon_use", "hospitalisation",
    // The usual security incidents.
    "clash", "arrest", "riot", "explosive_device", "rocket_fire", "vehicle_attack",
    "civilian_violence", "straying_person", "other"};
// The states an update may set; `closed` only by Close.
constexpr std::string_view kOpenStates[] = {"open", "monitoring", "de-escalating"};
constexpr std::string_view kReportFields[] = {
    "type",        "severity",    "title", "description", "location",
    "occurred_at", "shared_with", "unit",  "casualties",  "links"};
constexpr std::string_view kUpdateFields[] = {"text",       "severity", "state",
                                              "casualties", "location", "links"};

constexpr std::int64_t kMaxCasualties = 10'000;
constexpr size_t kMaxLinks = 20;
constexpr size_t kMaxSharedWith = 16;
// A report may be made ahead of the reporter's clock by this much.
constexpr Micros kFutureSlack = Micros{5} * 60 * kMicrosPerSecond;
constexpr Micros kMaxHeatPeriod = Micros{366} * 24 * 3600 * kMicrosPerSecond;
constexpr size_t kMaxHeatCells = 20'000;
// The heat grid's plane: degrees per metre at the product's reference
// latitude (as deconfliction's local plane, docs/deconfliction.md).
constexpr double kMetresPerDegreeLat = 111'320.0;
constexpr double kReferenceLatitude = 31.9;

Status Authorize(const Principal& p, Action action, const liaison::Scope& scope) {
  const Decision d = Can(p, action, scope);
  if (!d) return Error::Denied(d.reason);
  return OkStatus();
}

std::int64_t IntOf(const json::object& b, std::string_view key) {
  const json::value* v = b.if_contains(key);
  return v && v->is_number() ? v->to_number<std::int64_t>() : 0;
}

double RealOf(const json::object& b, std::string_view key) {
  const json::value* v = b.if_contains(key);
  return v && v->is_number() ? v->to_number<double>() : 0;
}

// --- Reading input ---------------------------------------------------------

struct Location {
  json::object geometry;  // as GeoJSON
  geo::LonLat point;      // representative: the point, or the outer ring's centroid
  geo::Box bounds;
  std::optional<std::string> district;
};

Result<Location> ReadLocation(const json::value& v, const Settings& s) {
  auto g = geo::ParseGeometry(v, "/location");
  if (!g) return std::move(g).error();
  if (g->kind == geo::GeometryKind::kLineString) {
    return Error::Invalid("/location", "location must be a GeoJSON Point or Polygon");
  }
  LIAISON_TRY(geo::CheckValid(*g, "/location"));
  Location l;
  l.geometry = geo::GeometryToJson(*g);
  l.bounds = geo::Bounds(*g);
  const auto& ring = g->parts.front();
  if (g->kind == geo::GeometryKind::kPoint) {
    l.point = ring.front();
  } else {
    // The vertex mean of the outer ring (its closing vertex once): inside
    // any convex area, and near enough for a map marker otherwise.
    const size_t n = ring.size() - 1;
    for (size_t i = 0; i < n; ++i) {
      l.point.lon += ring[i].lon / static_cast<double>(n);
      l.point.lat += ring[i].lat / static_cast<double>(n);
    }
  }
  if (s.geography != nullptr) {
    const requests::Placement placed = s.geography->Place(*g, 0);
    if (!placed.district.empty()) {
      l.district = placed.district;
    } else if (!placed.districts.empty()) {
      l.district = placed.districts.front();
    }
  }
  return l;
}

void PutLocation(json::object& body, const Location& l) {
  body["location"] = l.geometry;
  body["lon"] = l.point.lon;
  body["lat"] = l.point.lat;
  body["bounds"] = json::array{l.bounds.west, l.bounds.south, l.bounds.east, l.bounds.north};
  body["district"] = l.district ? json::value(*l.district) : json::value();
}

Result<std::int64_t> ReadCount(const json::object& o, std::string_view key,
                               const std::string& pointer) {
  auto n = OptionalInt(o, key, 0, kMaxCasualties);
  if (!n) return Nested(n.error(), pointer);
  return n->value_or(0);
}

// {"killed","injured","by_side":[{"side","killed","injured"}]}: a side is a
// party, "civilian" or "unknown".
Result<json::object> ReadCasualties(Tx& tx, const json::value& v) {
  if (!v.is_object()) return Error::Invalid("/casualties", "casualties must be an object");
  const json::object& o = v.as_object();
  if (auto st = OnlyKnownFields(o, {"killed", "injured", "by_side"}); !st) {
    return Nested(st.error(), "/casualties");
  }
  auto killed = ReadCount(o, "killed", "/casualties");
  if (!killed) return std::move(killed).error();
  auto injured = ReadCount(o, "injured", "/casualties");
  if (!injured) return std::move(injured).error();
  json::array sides;
  if (const json::value* bs = o.if_contains("by_side")) {
    if (!bs->is_array() || bs->as_array().size() > kMaxSharedWith) {
      return Error::Invalid("/casualties/by_side", "by_side must be an array of at most 16 sides");
    }
    std::set<std::string> seen;
    for (size_t i = 0; i < bs->as_array().size(); ++i) {
      const std::string ptr = "/casualties/by_side/" + std::to_string(i);
      const json::value& e = bs->as_array()[i];
      if (!e.is_object()) return Error::Invalid(ptr, "each side must be an object");
      const json::object& so = e.as_object();
      if (auto st = OnlyKnownFields(so, {"side", "killed", "injured"}); !st) {
        return Nested(st.error(), ptr);
      }
      auto side = RequireString(so, "side", {1, 64});
      if (!side) return Nested(side.error(), ptr);
      if (*side != "civilian" && *side != "unknown") {
        auto exists = tx.Query("SELECT 1 FROM parties WHERE id = ?", {*side});
        if (!exists) return std::move(exists).error();
        if (exists->empty()) {
          return Error::Invalid(ptr + "/side", "side must be a party, civilian or unknown");
        }
      }
      if (!seen.insert(*side).second) return Error::Invalid(ptr + "/side", "side given twice");
      auto k = ReadCount(so, "killed", ptr);
      if (!k) return std::move(k).error();
      auto in = ReadCount(so, "injured", ptr);
      if (!in) return std::move(in).error();
      sides.push_back(json::object{{"side", *side}, {"killed", *k}, {"injured", *in}});
    }
  }
  return json::object{{"killed", *killed}, {"injured", *injured}, {"by_side", std::move(sides)}};
}

// Ids of requests, return cases or incidents that `p` can see.
Result<json::array> ReadLinks(Tx& tx, const Principal& p, const json::value& v) {
  if (!v.is_array() || v.as_array().size() > kMaxLinks) {
    return Error::Invalid("/links", "links must be an array of at most 20 record ids");
  }
  json::array out;
  std::set<std::string> seen;
  for (size_t i = 0; i < v.as_array().size(); ++i) {
    const std::string ptr = "/links/" + std::to_string(i);
    const json::value& e = v.as_array()[i];
    if (!e.is_string()) return Error::Invalid(ptr, "a link must be a record id");
    const std::string id(e.as_string());
    std::string sql;
    if (id.starts_with("REQ-")) {
      sql = "SELECT from_party, shared_with FROM requests WHERE id = ?";
    } else if (id.starts_with("RET-")) {
      sql = "SELECT party, shared_with FROM return_cases WHERE id = ?";
    } else if (id.starts_with("INC-")) {
      sql = "SELECT party, shared_with FROM incidents WHERE id = ?";
    } else {
      return Error::Invalid(ptr,
                            "a link must be a request (REQ-), return case (RET-) or "
                            "incident (INC-) id");
    }
    auto rows = tx.Query(sql, {id});
    if (!rows) return std::move(rows).error();
    if (rows->empty() ||
        !CanSee(p, liaison::Scope{rows->front().Text(0), SplitParam(rows->front().Text(1))})) {
      return Error::Invalid(ptr, "no such record: " + id);
    }
    if (seen.insert(id).second) out.emplace_back(id);
  }
  return out;
}

// --- Stored incidents ------------------------------------------------------

struct Stored {
  std::string id;
  std::string party;
  std::vector<std::string> shared_with;
  std::string state;
  std::int64_t severity = 0;
  std::string title;

  liaison::Scope scope() const { return {party, shared_with}; }
};

Result<Stored> LoadReadable(Tx& tx, const Principal& p, std::string_view id) {
  auto rows =
      tx.Query("SELECT id, party, shared_with, state, severity, title FROM incidents WHERE id = ?",
               {std::string(id)});
  if (!rows) return std::move(rows).error();
  if (!rows->empty()) {
    const Row& r = rows->front();
    Stored s{r.Text(0), r.Text(1), SplitParam(r.Text(2)), r.Text(3), r.Int(4), r.Text(5)};
    if (Can(p, Action::kReadIncidents, s.scope())) return s;
  }
  return Error::NotFound("no such incident");
}

EventDraft IncidentEvent(const Stored& s, std::string type, json::object body) {
  body["id"] = s.id;
  return EventDraft{std::move(type), s.id, s.party, s.shared_with, std::move(body)};
}

void ReplyWithIncident(CommandContext& ctx, std::string id) {
  ctx.finish = [actor = ctx.actor, now = ctx.now, id = std::move(id)](
                   Tx& tx, json::value) -> Result<json::value> { return Get(tx, actor, id, now); };
}

Micros AckDeadline(const Settings& s, std::int64_t severity) {
  return s.acknowledge[static_cast<size_t>(std::clamp<std::int64_t>(severity, 1, 5) - 1)];
}

// --- Views -----------------------------------------------------------------

constexpr std::string_view kColumns =
    "i.id, i.party, i.unit, i.shared_with, i.type, i.severity, i.state, i.title, i.description, "
    "i.location, i.district, i.occurred_at, i.casualties, i.links, i.alert, i.summary, "
    "i.closed_at, i.closed_by, i.reported_by, i.created_at, i.created_seq, i.updated_at, "
    "i.updated_seq, "
    "(SELECT json_group_array(json_array(a.party, a.due_at, a.acknowledged_at, "
    "a.acknowledged_by, a.overdue_seq, a.note)) FROM incident_acks a WHERE a.incident = i.id)";
constexpr size_t kCreatedSeqColumn = 20;

json::array AcksJson(std::string_view stored, Micros now) {
  json::array out;
  auto parsed = ParseObject(std::string("{\"a\":") + std::string(stored) + "}");
  if (!parsed || !parsed->at("a").is_array()) return out;
  std::vector<json::object> acks;
  for (const json::value& v : parsed->at("a").as_array()) {
    if (!v.is_array() || v.as_array().size() != 6) continue;
    const json::array& a = v.as_array();
    const Micros due = a[1].is_number() ? a[1].to_number<std::int64_t>() : 0;
    const bool acked = a[2].is_number();
    acks.push_back(json::object{
        {"party", a[0]},
        {"due_at", FormatRfc3339(due)},
        {"acknowledged_at",
         acked ? json::value(FormatRfc3339(a[2].to_number<std::int64_t>())) : json::value()},
        {"acknowledged_by", a[3]},
        {"note", a[5]},
        {"overdue", !acked && due <= now},
        {"escalated", a[4].is_number()}});
  }
  std::sort(acks.begin(), acks.end(), [](const json::object& x, const json::object& y) {
    return JsonString(x, "party") < JsonString(y, "party");
  });
  for (auto& a : acks) out.push_back(std::move(a));
  return out;
}

json::object RowJson(const Row& r, Micros now) {
  return json::object{
      {"id", r.Text(0)},
      {"party", r.Text(1)},
      {"unit", TextOrNull(r, 2)},
      {"shared_with", StringArray(SplitParam(r.Text(3)))},
      {"type", r.Text(4)},
      {"severity", r.Int(5)},
      {"state", r.Text(6)},
      {"title", r.Text(7)},
      {"description", r.Text(8)},
      {"location", StoredJson(r, 9)},
      {"district", TextOrNull(r, 10)},
      {"occurred_at", FormatRfc3339(r.Int(11))},
      {"casualties", StoredJson(r, 12)},
      {"links", StoredJson(r, 13)},
      {"alert", r.Int(14) != 0},
      {"summary", TextOrNull(r, 15)},
      {"closed_at", TimeOrNull(r, 16)},
      {"closed_by", TextOrNull(r, 17)},
      {"reported_by", r.Text(18)},
      {"reported_at", FormatRfc3339(r.Int(19))},
      {"updated_at", FormatRfc3339(r.Int(21))},
      {"seq", r.Int(20)},
      {"updated_seq", r.Int(22)},
      {"channel_id", ChannelId(r.Text(0))},
      {"acknowledgements", AcksJson(r.IsNull(23) ? "[]" : r.Text(23), now)},
  };
}

Result<json::array> Timeline(Tx& tx, std::string_view id) {
  auto rows = tx.Query(
      "SELECT seq, kind, at, actor, party, text, changes FROM incident_timeline "
      "WHERE incident = ? ORDER BY seq",
      {std::string(id)});
  if (!rows) return std::move(rows).error();
  json::array out;
  for (const Row& r : *rows) {
    out.push_back(json::object{{"seq", r.Int(0)},
                               {"kind", r.Text(1)},
                               {"at", FormatRfc3339(r.Int(2))},
                               {"by", r.Text(3)},
                               {"party", r.Text(4)},
                               {"text", TextOrNull(r, 5)},
                               {"changes", r.IsNull(6) ? json::value() : StoredJson(r, 6)}});
  }
  return out;
}

Status Timeline(WriteTx& tx, const Event& e, std::string_view id, std::string_view kind,
                std::string_view party, SqlValue text, SqlValue changes) {
  return tx.Exec(
      "INSERT INTO incident_timeline (seq, incident, kind, at, actor, party, text, changes) "
      "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
      {e.seq, std::string(id), std::string(kind), e.at, e.actor, std::string(party),
       std::move(text), std::move(changes)});
}

// The actor's party as the event records it: the owner for the reporter's
// events; for others the body's "by_party".
std::string ActorParty(const Event& e, const json::object& b) {
  const std::string by = JsonString(b, "by_party");
  return by.empty() ? e.party : by;
}

}  // namespace

std::string ChannelId(std::string_view incident_id) {
  return "incident:" + std::string(incident_id);
}

// --- Projection ------------------------------------------------------------

bool Handles(std::string_view event_type) { return event_type.starts_with("incident."); }

Status Apply(WriteTx& tx, const Event& e, const json::object& b) {
  const std::string id = JsonString(b, "id");
  if (e.type == "incident.reported") {
    const json::value* bounds = b.if_contains("bounds");
    std::array<double, 4> box{};
    if (bounds && bounds->is_array() && bounds->as_array().size() == 4) {
      for (size_t i = 0; i < 4; ++i) box[i] = bounds->as_array()[i].to_number<double>();
    }
    const auto occurred = ParseRfc3339(JsonString(b, "occurred_at"));
    if (!occurred) return Error::Corruption("incident.reported without occurred_at");
    const json::value* casualties = b.if_contains("casualties");
    LIAISON_TRY(tx.Exec(
        "INSERT INTO incidents (id, year, number, party, unit, shared_with, type, severity, state, "
        "title, description, location, lon, lat, west, south, east, north, district, occurred_at, "
        "casualties, links, alert, reported_by, created_at, created_seq, updated_at, updated_seq) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'open', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, "
        "?, "
        "?, ?)",
        {id,
         IntOf(b, "year"),
         IntOf(b, "number"),
         e.party,
         OptionalTextColumn(b, "unit"),
         JoinShares(e.shared_with),
         JsonString(b, "type"),
         IntOf(b, "severity"),
         JsonString(b, "title"),
         JsonString(b, "description"),
         CanonicalJson(b.at("location")),
         RealOf(b, "lon"),
         RealOf(b, "lat"),
         box[0],
         box[1],
         box[2],
         box[3],
         OptionalTextColumn(b, "district"),
         *occurred,
         casualties && casualties->is_object() ? SqlValue(CanonicalJson(*casualties)) : SqlValue(),
         CanonicalJson(b.contains("links") ? b.at("links") : json::array()),
         static_cast<std::int64_t>(IntOf(b, "severity") >= 4),
         JsonString(b, "reported_by"),
         e.at,
         e.seq,
         e.at,
         e.seq}));
    if (const json::value* acks = b.if_contains("acknowledge"); acks && acks->is_array()) {
      for (const json::value& a : acks->as_array()) {
        const auto due = ParseRfc3339(JsonString(a.as_object(), "due_at"));
        LIAISON_TRY(tx.Exec("INSERT INTO incident_acks (incident, party, due_at) VALUES (?, ?, ?)",
                            {id, JsonString(a.as_object(), "party"), due.value_or(e.at)}));
      }
    }
    return Timeline(tx, e, id, "reported", e.party, JsonString(b, "description"), SqlValue());
  }
  if (e.type == "incident.updated") {
    const json::object changes = b.contains("changes") && b.at("changes").is_object()
                                     ? b.at("changes").as_object()
                                     : json::object{};
    std::string sql = "UPDATE incidents SET updated_at = ?, updated_seq = ?";
    std::vector<SqlValue> params{e.at, e.seq};
    if (const json::value* v = changes.if_contains("severity")) {
      sql += ", severity = ?, alert = MAX(alert, ?)";
      params.emplace_back(v->to_number<std::int64_t>());
      params.emplace_back(static_cast<std::int64_t>(v->to_number<std::int64_t>() >= 4));
    }
    if (const json::value* v = changes.if_contains("state")) {
      sql += ", state = ?";
      params.emplace_back(std::string(v->as_string()));
    }
    if (const json::value* v = changes.if_contains("casualties")) {
      sql += ", casualties = ?";
      params.emplace_back(CanonicalJson(*v));
    }
    if (const json::value* v = changes.if_contains("links")) {
      sql += ", links = ?";
      params.emplace_back(CanonicalJson(*v));
    }
    if (const json::value* v = changes.if_contains("location")) {
      const json::value* bounds = b.if_contains("bounds");
      sql += ", location = ?, lon = ?, lat = ?, district = ?";
      params.emplace_back(CanonicalJson(*v));
      params.emplace_back(RealOf(b, "lon"));
      params.emplace_back(RealOf(b, "lat"));
      params.emplace_back(OptionalTextColumn(b, "district"));
      if (bounds && bounds->is_array() && bounds->as_array().size() == 4) {
        sql += ", west = ?, south = ?, east = ?, north = ?";
        for (size_t i = 0; i < 4; ++i)
          params.emplace_back(bounds->as_array()[i].to_number<double>());
      }
    }
    sql += " WHERE id = ?";
    params.emplace_back(id);
    LIAISON_TRY(tx.Exec(sql, params));
    if (const json::value* acks = b.if_contains("acknowledge"); acks && acks->is_array()) {
      for (const json::value& a : acks->as_array()) {
        const auto due = ParseRfc3339(JsonString(a.as_object(), "due_at"));
        if (!due) continue;
        LIAISON_TRY(
            tx.Exec("UPDATE incident_acks SET due_at = ? WHERE incident = ? AND party = ? AND "
                    "acknowledged_at IS NULL",
                    {*due, id, JsonString(a.as_object(), "party")}));
      }
    }
    return Timeline(tx, e, id, "update", ActorParty(e, b), OptionalTextColumn(b, "text"),
                    changes.empty() ? SqlValue() : SqlValue(CanonicalJson(changes)));
  }
  if (e.type == "incident.acknowledged") {
    const std::string party = JsonString(b, "party");
    LIAISON_TRY(
        tx.Exec("UPDATE incident_acks SET acknowledged_at = ?, acknowledged_by = ?, note = ? "
                "WHERE incident = ? AND party = ?",
                {e.at, e.actor, OptionalTextColumn(b, "note"), id, party}));
    LIAISON_TRY(tx.Exec("UPDATE incidents SET updated_at = ?, updated_seq = ? WHERE id = ?",
                        {e.at, e.seq, id}));
    return Timeline(tx, e, id, "acknowledged", party, OptionalTextColumn(b, "note"), SqlValue());
  }
  if (e.type == "incident.ack_overdue") {
    const std::string party = JsonString(b, "party");
    LIAISON_TRY(tx.Exec("UPDATE incident_acks SET overdue_seq = ? WHERE incident = ? AND party = ?",
                        {e.seq, id, party}));
    return Timeline(tx, e, id, "ack_overdue", party, SqlValue(),
                    CanonicalJson(json::object{{"due_at", JsonString(b, "due_at")}}));
  }
  if (e.type == "incident.closed") {
    LIAISON_TRY(
        tx.Exec("UPDATE incidents SET state = 'closed', summary = ?, closed_at = ?, closed_by = ?, "
                "updated_at = ?, updated_seq = ? WHERE id = ?",
                {JsonString(b, "summary"), e.at, e.actor, e.at, e.seq, id}));
    return Timeline(tx, e, id, "closed", ActorParty(e, b), JsonString(b, "summary"), SqlValue());
  }
  return OkStatus();
}

// --- Commands --------------------------------------------------------------

Result<json::value> Report(CommandContext& ctx, const json::object& in, const Settings& s) {
  const Principal& p = ctx.actor;
  Tx& tx = ctx.tx;
  LIAISON_TRY(Authorize(p, Action::kReportIncident, liaison::Scope{p.party, {}}));
  LIAISON_TRY(OnlyKnownFields(in, kReportFields));
  auto type = RequireString(in, "type", {1, 32});
  if (!type) return std::move(type).error();
  if (!OneOf(*type, kTypes)) return Error::Invalid("/type", "unknown incident type: " + *type);
  auto severity = OptionalInt(in, "severity", 1, 5);
  if (!severity) return std::move(severity).error();
  if (!severity->has_value()) return Error::Invalid("/severity", "severity is required (1-5)");
  auto title = RequireString(in, "title", kTitleRule);
  if (!title) return std::move(title).error();
  auto description = OptionalString(in, "description", kTextRule);
  if (!description) return std::move(description).error();
  const json::value* loc = in.if_contains("location");
  if (loc == nullptr) return Error::Invalid("/location", "location is required");
  auto location = ReadLocation(*loc, s);
  if (!location) return std::move(location).error();
  auto occurred = OptionalTime(in, "occurred_at");
  if (!occurred) return std::move(occurred).error();
  if (!occurred->has_value()) return Error::Invalid("/occurred_at", "occurred_at is required");
  if (**occurred > ctx.now + kFutureSlack) {
    return Error::Invalid("/occurred_at", "occurred_at is in the future");
  }

  // Whom it is shared with: the parties named, each of which must
  // acknowledge, and the coordinator, always.
  const json::value* sw = in.if_contains("shared_with");
  if (sw == nullptr || !sw->is_array()) {
    return Error::Invalid("/shared_with", "shared_with must be an array of party ids");
  }
  if (sw->as_array().size() > kMaxSharedWith) {
    return Error::Invalid("/shared_with", "at most 16 parties");
  }
  auto coordinators = identity::CoordinatorParties(tx);
  if (!coordinators) return std::move(coordinators).error();
  std::set<std::string> named, shared;
  for (size_t i = 0; i < sw->as_array().size(); ++i) {
    const std::string ptr = "/shared_with/" + std::to_string(i);
    const json::value& v = sw->as_array()[i];
    if (!v.is_string()) return Error::Invalid(ptr, "a party id is a string");
    const std::string party(v.as_string());
    if (party == p.party) return Error::Invalid(ptr, "an incident is not shared with its reporter");
    auto exists = tx.Query("SELECT 1 FROM parties WHERE id = ?", {party});
    if (!exists) return std::move(exists).error();
    if (exists->empty()) return Error::Invalid(ptr, "no such party: " + party);
    named.insert(party);
  }
  shared = named;
  for (const auto& c : *coordinators) {
    if (c != p.party) shared.insert(c);
  }

  std::optional<std::string> unit;
  if (auto u = OptionalString(in, "unit", {1, 128}); !u) {
    return std::move(u).error();
  } else if (u->has_value()) {
    auto rows = tx.Query("SELECT 1 FROM units WHERE id = ? AND party = ?", {**u, p.party});
    if (!rows) return std::move(rows).error();
    if (rows->empty()) return Error::Invalid("/unit", "no such unit of your party: " + **u);
    unit = **u;
  } else if (!p.unit.empty()) {
    unit = p.unit;
  }

  json::object body;
  if (const json::value* c = in.if_contains("casualties"); c && !c->is_null()) {
    auto casualties = ReadCasualties(tx, *c);
    if (!casualties) return std::move(casualties).error();
    body["casualties"] = std::move(*casualties);
  }
  json::array links;
  if (const json::value* l = in.if_contains("links"); l && !l->is_null()) {
    auto read = ReadLinks(tx, p, *l);
    if (!read) return std::move(read).error();
    links = std::move(*read);
  }
  auto number = NextRecordNumber(tx, "incidents", "INC", ctx.now);
  if (!number) return std::move(number).error();

  const Micros due = ctx.now + AckDeadline(s, **severity);
  json::array acknowledge;
  for (const auto& party : named) {
    if (std::find(coordinators->begin(), coordinators->end(), party) != coordinators->end()) {
      continue;  // the coordinator is the escalation point, not a party that must answer
    }
    acknowledge.push_back(json::object{{"party", party}, {"due_at", FormatRfc3339(due)}});
  }
  body["id"] = number->id;
  body["year"] = number->year;
  body["number"] = number->number;
  body["type"] = *type;
  body["severity"] = **severity;
  body["title"] = *title;
  body["description"] = description->value_or("");
  body["occurred_at"] = FormatRfc3339(**occurred);
  body["unit"] = unit ? json::value(*unit) : json::value();
  body["links"] = std::move(links);
  body["reported_by"] = p.username;
  body["parties"] = StringArray(std::vector<std::string>(named.begin(), named.end()));
  body["acknowledge"] = std::move(acknowledge);
  body["alert"] = **severity >= 4;
  body["channel_id"] = ChannelId(number->id);
  PutLocation(body, *location);
  ctx.Emit({"incident.reported", number->id, p.party,
            std::vector<std::string>(shared.begin(), shared.end()), std::move(body)});
  ReplyWithIncident(ctx, number->id);
  return json::value(json::object{{"id", number->id}});
}

Result<json::value> Update(CommandContext& ctx, std::string_view id, const json::object& in,
                           const Settings& s) {
  const Principal& p = ctx.actor;
  Tx& tx = ctx.tx;
  auto st = LoadReadable(tx, p, id);
  if (!st) return std::move(st).error();
  LIAISON_TRY(Authorize(p, Action::kUpdateIncident, st->scope()));
  LIAISON_TRY(OnlyKnownFields(in, kUpdateFields));
  if (st->state == "closed") return Error::Conflict("the incident is closed");
  if (in.empty()) return Error::Invalid("", "an update needs a text or a change");

  json::object body{{"by_party", p.party}};
  json::object changes;
  auto text = OptionalString(in, "text", kTextRule);
  if (!text) return std::move(text).error();
  if (text->has_value() && !(*text)->empty()) body["text"] = **text;
  auto severity = OptionalInt(in, "severity", 1, 5);
  if (!severity) return std::move(severity).error();
  if (severity->has_value() && **severity != st->severity) {
    changes["severity"] = **severity;
    if (**severity >= 4 && st->severity < 4) body["alert"] = true;
    // A graver incident is due sooner: pending acknowledgements move up.
    if (**severity > st->severity) {
      const Micros due = ctx.now + AckDeadline(s, **severity);
      auto pending = tx.Query(
          "SELECT party FROM incident_acks WHERE incident = ? AND acknowledged_at IS NULL "
          "AND due_at > ? ORDER BY party",
          {st->id, due});
      if (!pending) return std::move(pending).error();
      json::array moved;
      for (const Row& r : *pending) {
        moved.push_back(json::object{{"party", r.Text(0)}, {"due_at", FormatRfc3339(due)}});
      }
      if (!moved.empty()) body["acknowledge"] = std::move(moved);
    }
  }
  auto state = OptionalString(in, "state", {1, 32});
  if (!state) return std::move(state).error();
  if (state->has_value()) {
    if (**state == "closed") {
      return Error::Invalid("/state", "an incident is closed with close and a summary");
    }
    if (!OneOf(**state, kOpenStates)) {
      return Error::Invalid("/state", "state must be open, monitoring or de-escalating");
    }
    if (**state != st->state) changes["state"] = **state;
  }
  if (const json::value* c = in.if_contains("casualties")) {
    auto casualties = ReadCasualties(tx, *c);
    if (!casualties) return std::move(casualties).error();
    changes["casualties"] = std::move(*casualties);
  }
  if (const json::value* l = in.if_contains("location")) {
    auto location = ReadLocation(*l, s);
    if (!location) return std::move(location).error();
    json::object placed;
    PutLocation(placed, *location);
    changes["location"] = placed.at("location");
    body["lon"] = placed.at("lon");
    body["lat"] = placed.at("lat");
    body["bounds"] = placed.at("bounds");
    body["district"] = placed.at("district");
  }
  if (const json::value* l = in.if_contains("links")) {
    auto links = ReadLinks(tx, p, *l);
    if (!links) return std::move(links).error();
    changes["links"] = std::move(*links);
  }
  if (changes.empty() && !body.contains("text")) {
    return Error::Invalid("", "the update changes nothing and has no text");
  }
  body["changes"] = std::move(changes);
  ctx.Emit(IncidentEvent(*st, "incident.updated", std::move(body)));
  ReplyWithIncident(ctx, st->id);
  return json::value(json::object{{"id", st->id}});
}

Result<json::value> Acknowledge(CommandContext& ctx, std::string_view id, const json::object& in,
                                const Settings&) {
  const Principal& p = ctx.actor;
  Tx& tx = ctx.tx;
  auto st = LoadReadable(tx, p, id);
  if (!st) return std::move(st).error();
  LIAISON_TRY(Authorize(p, Action::kAcknowledgeIncident, st->scope()));
  LIAISON_TRY(OnlyKnownFields(in, {"note"}));
  auto note = OptionalString(in, "note", kNoteRule);
  if (!note) return std::move(note).error();
  if (st->state == "closed") return Error::Conflict("the incident is closed");
  auto rows = tx.Query("SELECT acknowledged_at FROM incident_acks WHERE incident = ? AND party = ?",
                       {st->id, p.party});
  if (!rows) return std::move(rows).error();
  if (rows->empty()) return Error::Conflict("your party is not asked to acknowledge this incident");
  if (!rows->front().IsNull(0)) return Error::Conflict("your party has already acknowledged it");
  json::object body{{"party", p.party}};
  if (note->has_value() && !(*note)->empty()) body["note"] = **note;
  ctx.Emit(IncidentEvent(*st, "incident.acknowledged", std::move(body)));
  ReplyWithIncident(ctx, st->id);
  return json::value(json::object{{"id", st->id}});
}

Result<json::value> Close(CommandContext& ctx, std::string_view id, const json::object& in,
                          const Settings&) {
  const Principal& p = ctx.actor;
  auto st = LoadReadable(ctx.tx, p, id);
  if (!st) return std::move(st).error();
  LIAISON_TRY(Authorize(p, Action::kCloseIncident, st->scope()));
  LIAISON_TRY(OnlyKnownFields(in, {"summary"}));
  auto summary = RequireString(in, "summary", kSummaryRule);
  if (!summary) return std::move(summary).error();
  if (st->state == "closed") return Error::Conflict("the incident is already closed");
  ctx.Emit(IncidentEvent(*st, "incident.closed",
                         json::object{{"summary", *summary}, {"by_party", p.party}}));
  ReplyWithIncident(ctx, st->id);
  return json::value(json::object{{"id", st->id}});
}

namespace {

constexpr std::string_view kDueSql =
    "FROM incident_acks a JOIN incidents i ON i.id = a.incident WHERE a.acknowledged_at IS NULL "
    "AND a.overdue_seq IS NULL AND a.due_at <= ? AND i.state <> 'closed'";

}  // namespace

Result<json::value> RaiseDue(CommandContext& ctx, std::int64_t limit) {
  Tx& tx = ctx.tx;
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
  auto due =
      tx.Query("SELECT i.id, i.party, i.shared_with, i.severity, i.title, a.party, a.due_at " +
                   std::string(kDueSql) + " ORDER BY a.due_at, i.id, a.party LIMIT ?",
               {ctx.now, limit});
  if (!due) return std::move(due).error();
  for (const Row& r : *due) {
    Stored st{r.Text(0), r.Text(1), SplitParam(r.Text(2)), "", r.Int(3), r.Text(4)};
    ctx.Emit(IncidentEvent(st, "incident.ack_overdue",
                           json::object{{"party", r.Text(5)},
                                        {"due_at", FormatRfc3339(r.Int(6))},
                                        {"severity", st.severity},
                                        {"title", st.title},
                                        {"escalate_to", escalate}}));
  }
  return json::value(json::object{{"overdue", static_cast<std::int64_t>(due->size())}});
}

// --- Queries ---------------------------------------------------------------

Result<std::int64_t> CountDue(Tx& tx, Micros now) {
  auto rows = tx.Query("SELECT COUNT(*) " + std::string(kDueSql), {now});
  if (!rows) return std::move(rows).error();
  return rows->front().Int(0);
}

Result<std::int64_t> CountActive(Tx& tx) {
  auto rows = tx.Query("SELECT COUNT(*) FROM incidents WHERE state <> 'closed'");
  if (!rows) return std::move(rows).error();
  return rows->front().Int(0);
}

Result<std::int64_t> CountOverdueAcks(Tx& tx, Micros now) {
  auto rows = tx.Query(
      "SELECT COUNT(*) FROM incident_acks a JOIN incidents i ON i.id = a.incident "
      "WHERE a.acknowledged_at IS NULL AND a.due_at <= ? AND i.state <> 'closed'",
      {now});
  if (!rows) return std::move(rows).error();
  return rows->front().Int(0);
}

Result<ListQuery> ParseListQuery(const QueryParam& get) {
  ListQuery q;
  if (auto v = get("state")) {
    q.states = SplitParam(*v);
    for (const auto& s : q.states) {
      if (s != "active" && s != "closed" && !OneOf(s, kOpenStates)) {
        return Error::Invalid("/state", "unknown state: " + s);
      }
    }
  }
  if (auto v = get("type")) {
    q.types = SplitParam(*v);
    for (const auto& t : q.types) {
      if (!OneOf(t, kTypes)) return Error::Invalid("/type", "unknown incident type: " + t);
    }
  }
  if (auto v = get("severity_min")) {
    if (v->size() != 1 || (*v)[0] < '1' || (*v)[0] > '5') {
      return Error::Invalid("/severity_min", "severity_min must be 1 to 5");
    }
    q.severity_min = (*v)[0] - '0';
  }
  q.party = get("party").value_or("");
  q.district = get("district").value_or("");
  LIAISON_TRY(ParsePeriodParams(get, &q.from, &q.to));
  auto bbox = ParseBboxParam(get);
  if (!bbox) return std::move(bbox).error();
  q.bbox = *bbox;
  LIAISON_TRY(ParsePageParams(get, &q.limit, &q.cursor));
  return q;
}

Result<HeatQuery> ParseHeatQuery(const QueryParam& get) {
  HeatQuery q;
  std::optional<Micros> from, to;
  LIAISON_TRY(ParsePeriodParams(get, &from, &to));
  if (!from) return Error::Invalid("/from", "from is required");
  if (!to) return Error::Invalid("/to", "to is required");
  if (*to <= *from) return Error::Invalid("/to", "to must be after from");
  if (*to - *from > kMaxHeatPeriod) return Error::Invalid("/to", "the period is at most 366 days");
  q.from = *from;
  q.to = *to;
  if (auto v = get("cell_m")) {
    char* end = nullptr;
    const double cell = std::strtod(v->c_str(), &end);
    if (v->empty() || end != v->c_str() + v->size() || !(cell >= 250 && cell <= 20'000)) {
      return Error::Invalid("/cell_m", "cell_m must be 250 to 20000 metres");
    }
    q.cell_m = cell;
  }
  if (auto v = get("type")) {
    q.types = SplitParam(*v);
    for (const auto& t : q.types) {
      if (!OneOf(t, kTypes)) return Error::Invalid("/type", "unknown incident type: " + t);
    }
  }
  if (auto v = get("severity_min")) {
    if (v->size() != 1 || (*v)[0] < '1' || (*v)[0] > '5') {
      return Error::Invalid("/severity_min", "severity_min must be 1 to 5");
    }
    q.severity_min = (*v)[0] - '0';
  }
  return q;
}

namespace {

void AppendIn(std::string& sql, std::vector<SqlValue>& params, std::string_view column,
              const std::vector<std::string>& values) {
  sql += " AND " + std::string(column) + " IN (";
  for (size_t i = 0; i < values.size(); ++i) {
    sql += i ? ", ?" : "?";
    params.emplace_back(values[i]);
  }
  sql += ")";
}

}  // namespace

Result<json::value> List(Tx& tx, const Principal& p, const ListQuery& q, Micros now) {
  std::vector<std::string> vis;
  std::string sql = "SELECT " + std::string(kColumns) + " FROM incidents i WHERE " +
                    RecordVisibilitySql(p, "i.party", "i.shared_with", vis);
  std::vector<SqlValue> params(vis.begin(), vis.end());
  AppendStatesFilter(sql, params, "i.state", q.states, "closed");
  if (!q.types.empty()) AppendIn(sql, params, "i.type", q.types);
  if (q.severity_min > 1) {
    sql += " AND i.severity >= ?";
    params.emplace_back(q.severity_min);
  }
  if (!q.party.empty()) {
    sql += " AND i.party = ?";
    params.emplace_back(q.party);
  }
  if (!q.district.empty()) {
    sql += " AND i.district = ?";
    params.emplace_back(q.district);
  }
  if (q.from) {
    sql += " AND i.occurred_at >= ?";
    params.emplace_back(*q.from);
  }
  if (q.to) {
    sql += " AND i.occurred_at < ?";
    params.emplace_back(*q.to);
  }
  if (q.bbox) AppendBboxFilter(sql, params, "i.", *q.bbox);
  return QueryPage(
      tx, std::move(sql), std::move(params), "i.created_seq", kCreatedSeqColumn, q.limit, q.cursor,
      [now](const Row& r) -> Result<json::value> { return json::value(RowJson(r, now)); });
}

Result<json::value> Get(Tx& tx, const Principal& p, std::string_view id, Micros now) {
  auto rows = tx.Query("SELECT " + std::string(kColumns) + " FROM incidents i WHERE i.id = ?",
                       {std::string(id)});
  if (!rows) return std::move(rows).error();
  if (rows->empty()) return Error::NotFound("no such incident");
  const Row& r = rows->front();
  if (!Can(p, Action::kReadIncidents, liaison::Scope{r.Text(1), SplitParam(r.Text(3))})) {
    return Error::NotFound("no such incident");
  }
  json::object o = RowJson(r, now);
  auto timeline = Timeline(tx, id);
  if (!timeline) return std::move(timeline).error();
  o["timeline"] = std::move(*timeline);
  return json::value(std::move(o));
}

Result<json::value> Heat(Tx& tx, const Principal& p, const HeatQuery& q) {
  std::vector<std::string> vis;
  std::string sql = "SELECT i.lon, i.lat, i.severity FROM incidents i WHERE " +
                    RecordVisibilitySql(p, "i.party", "i.shared_with", vis) +
                    " AND i.occurred_at >= ? AND i.occurred_at < ?";
  std::vector<SqlValue> params(vis.begin(), vis.end());
  params.emplace_back(q.from);
  params.emplace_back(q.to);
  if (!q.types.empty()) AppendIn(sql, params, "i.type", q.types);
  if (q.severity_min > 1) {
    sql += " AND i.severity >= ?";
    params.emplace_back(q.severity_min);
  }
  auto rows = tx.Query(sql, params);
  if (!rows) return std::move(rows).error();
  // Square cells of cell_m on the product's plane: a fixed degree step in
  // each axis, so that cells line up whatever the period.
  const double dlat = q.cell_m / kMetresPerDegreeLat;
  const double dlon = q.cell_m / (kMetresPerDegreeLat *
                                  std::cos(kReferenceLatitude * 3.14159265358979323846 / 180));
  struct Cell {
    std::int64_t count = 0;
    std::int64_t max_severity = 0;
  };
  std::map<std::pair<std::int64_t, std::int64_t>, Cell> cells;
  for (const Row& r : *rows) {
    const auto key = std::make_pair(static_cast<std::int64_t>(std::floor(r.Real(0) / dlon)),
                                    static_cast<std::int64_t>(std::floor(r.Real(1) / dlat)));
    Cell& c = cells[key];
    ++c.count;
    c.max_severity = std::max(c.max_severity, r.Int(2));
  }
  json::array out;
  for (const auto& [key, c] : cells) {
    if (out.size() >= kMaxHeatCells) break;
    out.push_back(json::object{{"lon", (static_cast<double>(key.first) + 0.5) * dlon},
                               {"lat", (static_cast<double>(key.second) + 0.5) * dlat},
                               {"count", c.count},
                               {"max_severity", c.max_severity}});
  }
  return json::value(json::object{{"cell_m", q.cell_m},
                                  {"incidents", static_cast<std::int64_t>(rows->size())},
                                  {"cells", std::move(out)}});
}

}  // namespace liaison::incidents
