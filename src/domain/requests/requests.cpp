#include "domain/requests/requests.hpp"

#include <algorithm>
#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <set>

#include "authz/policy.hpp"
#include "core/time.hpp"
#include "domain/columns.hpp"
#include "domain/footprint.hpp"
#include "domain/identity/identity.hpp"
#include "domain/list_query.hpp"
#include "geo/geojson.hpp"
#include "store/event_log.hpp"

namespace liaison::requests {
namespace {

constexpr StringRule kTitleRule{1, 600};
constexpr StringRule kDetailsRule{0, 20000};
constexpr StringRule kTextRule{1, 8000};
constexpr StringRule kOptionalTextRule{0, 8000};
constexpr StringRule kShortRule{1, 200};
constexpr size_t kMaxLinks = 20;
constexpr size_t kMaxVehicles = 200;
constexpr size_t kMaxWeapons = 50;
constexpr std::string_view kChannels[] = {"phone", "radio", "fax", "in_person"};
constexpr std::string_view kLinkKinds[] = {"request", "incident", "operation", "case"};

// Column positions in kColumns.
enum Col {
  kColId,
  kColType,
  kColState,
  kColPrecedence,
  kColTitle,
  kColDetails,
  kColFromParty,
  kColFromUnit,
  kColToParty,
  kColToUnit,
  kColSharedWith,
  kColDistrict,
  kColDistricts,
  kColAreas,
  kColOutside,
  kColArmed,
  kColFootprint,
  kColMovement,
  kColCoordination,
  kColLinks,
  kColChannel,
  kColCaller,
  kColCreatedBy,
  kColCreatedAt,
  kColCreatedSeq,
  kColUpdatedAt,
  kColUpdatedSeq,
  kColAcknowledgeBy,
  kColDecideBy,
  kColAcknowledgedAt,
  kColDecidedAt,
  kColStartedAt,
  kColCompletedAt,
  kColClosedAt,
  kColAcknowledgeOverdueSeq,
  kColDecideOverdueSeq,
  kColOutcome,
  kColDecision,
  kColCommentCount,
};
static_assert(kColCommentCount + 1 == kColumnCount, "kColumnCount follows kColumns");

// --- The stored request, as the commands need it --------------------------

struct Stored {
  std::string id;
  Type type = Type::kOther;
  State state = State::kSubmitted;
  Precedence precedence = Precedence::kRoutine;
  std::string title;
  std::string from_party, from_unit, to_party, to_unit;
  std::vector<std::string> shared_with;
  json::value decision;
  std::optional<Micros> window_end;
  std::optional<Micros> acknowledge_by, decide_by;
  std::optional<deconflict::Footprint> footprint;

  liaison::Scope scope() const { return {from_party, shared_with}; }
  std::vector<std::string> shares() const { return shared_with; }
};

Result<std::optional<Stored>> Load(Tx& tx, std::string_view id) {
  auto rows = tx.Query(
      "SELECT id, type, state, precedence, title, from_party, from_unit, to_party, to_unit, "
      "shared_with, decision, window_end, acknowledge_by, decide_by, footprint FROM requests "
      "WHERE id = ?",
      {std::string(id)});
  if (!rows) return std::move(rows).error();
  if (rows->empty()) return std::optional<Stored>();
  const Row& r = rows->front();
  Stored s;
  s.id = r.Text(0);
  s.type = ParseType(r.Text(1)).value_or(Type::kOther);
  s.state = ParseState(r.Text(2)).value_or(State::kSubmitted);
  s.precedence = ParsePrecedence(r.Text(3)).value_or(Precedence::kRoutine);
  s.title = r.Text(4);
  s.from_party = r.Text(5);
  s.from_unit = r.Text(6);
  s.to_party = r.Text(7);
  s.to_unit = r.Text(8);
  s.shared_with = SplitShares(r.Text(9));
  s.decision = StoredJson(r, 10);
  if (!r.IsNull(11)) s.window_end = r.Int(11);
  if (!r.IsNull(12)) s.acknowledge_by = r.Int(12);
  if (!r.IsNull(13)) s.decide_by = r.Int(13);
  if (!r.IsNull(14)) {
    auto fp = StoredFootprint(r.Text(14));
    if (!fp) return std::move(fp).error();
    s.footprint = std::move(*fp);
  }
  return std::optional<Stored>(std::move(s));
}

// Loads a request the actor may see; anything else does not exist for them.
Result<Stored> LoadVisible(Tx& tx, const Principal& p, std::string_view id) {
  auto s = Load(tx, id);
  if (!s) return std::move(s).error();
  if (!s->has_value() || !CanSee(p, (*s)->scope())) {
    return Error::NotFound("no such request");
  }
  return std::move(**s);
}

Status Authorize(const Principal& p, Action action, const liaison::Scope& scope) {
  const Decision d = Can(p, action, scope);
  if (!d) return Error::Denied(d.reason);
  return OkStatus();
}

// Every event of a request carries the request's own scope.
EventDraft RequestEvent(const Stored& s, std::string type, json::object body) {
  body["id"] = s.id;
  return EventDraft{std::move(type), s.id, s.from_party, s.shares(), std::move(body)};
}

// Replies with the whole request as the command left it.
void ReplyWithRequest(CommandContext& ctx, std::string id) {
  ctx.finish = [actor = ctx.actor, id = std::move(id)](Tx& tx, json::value) -> Result<json::value> {
    return Get(tx, actor, id, /*timeline=*/false);
  };
}

// What a request counts as in deconfliction's rule table.
std::string CheckKind(Type t) {
  return t == Type::kMovement || t == Type::kMedical ? "movement" : "other";
}

// --- Input ---------------------------------------------------------------

using deconflict::Footprint;

// {"personnel","vehicles"?,"weapons"?,"return_at"?,"duration_minutes"?,"route_description"?}
Result<json::object> ReadMovement(const json::value& v, bool* armed) {
  const std::string ptr = "/movement";
  if (!v.is_object()) return Error::Invalid(ptr, "movement must be an object");
  const json::object& o = v.get_object();
  if (Status s = OnlyKnownFields(o, {"personnel", "vehicles", "weapons", "return_at",
                                     "duration_minutes", "route_description"});
      !s) {
    return Nested(s.error(), ptr);
  }
  json::object out;
  auto personnel = OptionalInt(o, "personnel", 0, 100'000);
  if (!personnel) return Nested(personnel.error(), ptr);
  if (!personnel->has_value()) {
    return Error::Invalid(ptr + "/personnel", "personnel (a count) is required");
  }
  out["personnel"] = **personnel;

  json::array vehicles;
  if (const json::value* vs = o.if_contains("vehicles"); vs && !vs->is_null()) {
    if (!vs->is_array() || vs->get_array().size() > kMaxVehicles) {
      return Error::Invalid(ptr + "/vehicles", "vehicles must be a list of at most 200");
    }
    size_t i = 0;
    for (const auto& e : vs->get_array()) {
      const std::string vp = ptr + "/vehicles/" + std::to_string(i++);
      if (!e.is_object()) return Error::Invalid(vp, "a vehicle is {\"plate\", \"description\"?}");
      const json::object& vo = e.get_object();
      if (Status s = OnlyKnownFields(vo, {"plate", "description"}); !s) {
        return Nested(s.error(), vp);
      }
      auto plate = RequireString(vo, "plate", {1, 32});
      if (!plate) return Nested(plate.error(), vp);
      auto desc = OptionalString(vo, "description", {0, 200});
      if (!desc) return Nested(desc.error(), vp);
      json::object vehicle{{"plate", *plate}};
      if (desc->has_value()) vehicle["description"] = **desc;
      vehicles.push_back(std::move(vehicle));
    }
  }
  out["vehicles"] = std::move(vehicles);

  json::array weapons;
  std::int64_t weapon_count = 0;
  if (const json::value* ws = o.if_contains("weapons"); ws && !ws->is_null()) {
    if (!ws->is_array() || ws->get_array().size() > kMaxWeapons) {
      return Error::Invalid(ptr + "/weapons", "weapons must be a list of at most 50 kinds");
    }
    size_t i = 0;
    for (const auto& e : ws->get_array()) {
      const std::string wp = ptr + "/weapons/" + std::to_string(i++);
      if (!e.is_object()) return Error::Invalid(wp, "a weapon entry is {\"kind\", \"count\"}");
      const json::object& wo = e.get_object();
      if (Status s = OnlyKnownFields(wo, {"kind", "count"}); !s) return Nested(s.error(), wp);
      auto kind = RequireString(wo, "kind", {1, 64});
      if (!kind) return Nested(kind.error(), wp);
      auto count = OptionalInt(wo, "count", 1, 100'000);
      if (!count) return Nested(count.error(), wp);
      if (!count->has_value()) return Error::Invalid(wp + "/count", "count is required");
      weapon_count += **count;
      weapons.push_back(json::object{{"kind", *kind}, {"count", **count}});
    }
  }
  out["weapons"] = std::move(weapons);
  *armed = weapon_count > 0;

  auto return_at = OptionalTime(o, "return_at");
  if (!return_at) return Nested(return_at.error(), ptr);
  if (return_at->has_value()) out["return_at"] = FormatRfc3339(**return_at);
  auto duration = OptionalInt(o, "duration_minutes", 1, 31 * 24 * 60);
  if (!duration) return Nested(duration.error(), ptr);
  if (duration->has_value()) out["duration_minutes"] = **duration;
  auto route = OptionalString(o, "route_description", {0, 2000});
  if (!route) return Nested(route.error(), ptr);
  if (route->has_value()) out["route_description"] = **route;
  return out;
}

// Links to other records; a linked request must be one the actor can see.
Result<json::array> ReadLinks(Tx& tx, const Principal& p, const json::object& in) {
  json::array out;
  const json::value* v = in.if_contains("links");
  if (v == nullptr || v->is_null()) return out;
  if (!v->is_array() || v->get_array().size() > kMaxLinks) {
    return Error::Invalid("/links", "links must be a list of at most 20");
  }
  std::set<std::pair<std::string, std::string>> seen;
  size_t i = 0;
  for (const auto& e : v->get_array()) {
    const std::string lp = "/links/" + std::to_string(i++);
    if (!e.is_object()) return Error::Invalid(lp, "a link is {\"kind\", \"id\"}");
    const json::object& lo = e.get_object();
    if (Status s = OnlyKnownFields(lo, {"kind", "id"}); !s) return Nested(s.error(), lp);
    auto kind = RequireString(lo, "kind", {1, 32});
    if (!kind) return Nested(kind.error(), lp);
    if (!OneOf(*kind, kLinkKinds)) {
      return Error::Invalid(lp + "/kind", "kind must be request, incident, operation or case");
    }
    auto id = RequireString(lo, "id", {1, 64});
    if (!id) return Nested(id.error(), lp);
    if (*kind == "request") {
      auto linked = LoadVisible(tx, p, *id);
      if (!linked) return Error::Invalid(lp + "/id", "no such request");
    }
    if (seen.emplace(*kind, *id).second) out.push_back(json::object{{"kind", *kind}, {"id", *id}});
  }
  return out;
}

struct UnitInfo {
  std::string party;
  std::string district;
};

Result<std::optional<UnitInfo>> FindUnit(Tx& tx, std::string_view id) {
  auto rows = tx.Query("SELECT party, district FROM units WHERE id = ?", {std::string(id)});
  if (!rows) return std::move(rows).error();
  if (rows->empty()) return std::optional<UnitInfo>();
  return std::optional<UnitInfo>(UnitInfo{rows->front().Text(0), rows->front().Text(1)});
}

// The desk of `party` that answers for `district`: its liaison or duty-desk
// unit there, if it has exactly one.
Result<std::string> DeskFor(Tx& tx, std::string_view party, std::string_view district) {
  if (district.empty()) return std::string();
  auto rows = tx.Query(
      "SELECT id FROM units WHERE party = ? AND district = ? AND kind IN ('liaison', 'duty_desk') "
      "ORDER BY id LIMIT 2",
      {std::string(party), std::string(district)});
  if (!rows) return std::move(rows).error();
  if (rows->size() != 1) return std::string();
  return rows->front().Text(0);
}

// The placement and the coordination a draft needs; shared by Submit and
// Evaluate so the form shows exactly what the server will record.
struct Assessment {
  Placement placement;
  std::vector<Coordination> coordination;
};

Result<Assessment> Assess(const Settings& s, const std::optional<Footprint>& footprint,
                          const RuleInput& base) {
  Assessment a;
  if (footprint) {
    if (s.geography == nullptr) {
      return Error::Unavailable(
          "the map data is not loaded on this server, so a footprint cannot be placed");
    }
    a.placement = s.geography->Place(footprint->geometry, footprint->buffer_m);
  }
  if (s.geography != nullptr) {
    RuleInput in = base;
    in.areas = a.placement.areas;
    in.outside = a.placement.outside;
    a.coordination = requests::Evaluate(s.geography->rules(), in);
  }
  return a;
}

json::array CoordinationJson(const std::vector<Coordination>& cs) {
  json::array out;
  for (const Coordination& c : cs) {
    out.push_back(json::object{{"party", c.party},
                               {"requirement", RequirementName(c.requirement)},
                               {"rules", StringArray(c.rules)},
                               {"basis", StringArray(c.basis)},
                               {"areas", StringArray(c.areas)}});
  }
  return out;
}

// The parts of a draft the assessment depends on, validated.
struct Draft {
  Type type = Type::kOther;
  std::string from_party;
  std::string to_party;
  std::optional<Footprint> footprint;
  std::optional<json::object> movement;
  bool armed = false;
};

// `preview`: a draft being filled in; what is missing yet is not an error.
Result<Draft> ReadDraft(Tx& tx, const json::object& in, std::string from_party,
                        bool preview = false) {
  Draft d;
  d.from_party = std::move(from_party);
  auto type = RequireString(in, "type", {1, 32});
  if (!type) return std::move(type).error();
  auto t = ParseType(*type);
  if (!t) {
    return Error::Invalid("/type",
                          "type must be movement, activity, medical, joint, notification, "
                          "information or other");
  }
  d.type = *t;
  auto to = RequireString(in, "to_party", {1, 32});
  if (!to) return std::move(to).error();
  auto exists = tx.Query("SELECT 1 FROM parties WHERE id = ?", {*to});
  if (!exists) return std::move(exists).error();
  if (exists->empty()) return Error::Invalid("/to_party", "no such party");
  if (*to == d.from_party) {
    return Error::Invalid("/to_party", "a request goes to another party, not the requester's own");
  }
  d.to_party = *to;
  if (const json::value* f = in.if_contains("footprint"); f && !f->is_null()) {
    auto footprint = ReadFootprint(*f, "/footprint");
    if (!footprint) return std::move(footprint).error();
    d.footprint = std::move(*footprint);
  }
  if (const json::value* m = in.if_contains("movement"); m && !m->is_null()) {
    if (d.type != Type::kMovement && d.type != Type::kActivity && d.type != Type::kMedical &&
        d.type != Type::kJoint) {
      return Error::Invalid("/movement",
                            "movement details belong to a movement, activity, medical or joint "
                            "request");
    }
    auto movement = ReadMovement(*m, &d.armed);
    if (!movement) return std::move(movement).error();
    d.movement = std::move(*movement);
  } else if (d.type == Type::kMovement && !preview) {
    return Error::Invalid("/movement",
                          "a movement request needs its movement details: personnel, vehicles "
                          "and weapons");
  }
  return d;
}

RuleInput InputFor(const Draft& d) {
  RuleInput in;
  in.from_party = d.from_party;
  in.to_party = d.to_party;
  in.type = std::string(TypeName(d.type));
  in.armed = d.armed;
  return in;
}

// A call taken by a duty officer: {"channel","caller",...}.
struct Call {
  std::string channel;
  std::string caller;
};

Result<Call> ReadCall(const json::object& o, const std::string& ptr) {
  auto channel = RequireString(o, "channel", {1, 16});
  if (!channel) return Nested(channel.error(), ptr);
  if (!OneOf(*channel, kChannels)) {
    return Error::Invalid(ptr + "/channel", "channel must be phone, radio, fax or in_person");
  }
  auto caller = RequireString(o, "caller", kShortRule);
  if (!caller) return Nested(caller.error(), ptr);
  return Call{*channel, *caller};
}

}  // namespace

// --- Projection ----------------------------------------------------------

const std::string_view kColumns =
    "id, type, state, precedence, title, details, from_party, from_unit, to_party, to_unit, "
    "shared_with, district, districts, areas, outside, armed, footprint, movement, coordination, "
    "links, channel, caller, created_by, created_at, created_seq, updated_at, updated_seq, "
    "acknowledge_by, decide_by, acknowledged_at, decided_at, started_at, completed_at, closed_at, "
    "acknowledge_overdue_seq, decide_overdue_seq, outcome, decision, comment_count";

bool Handles(std::string_view type) { return type.starts_with("request."); }

namespace {

SqlValue OptionalTimeColumn(const json::object& b, std::string_view key) {
  const auto t = ParseRfc3339(JsonString(b, key));
  return t ? SqlValue{*t} : SqlValue{};
}

Status ApplySubmitted(WriteTx& tx, const Event& e, const json::object& b) {
  const json::value footprint = b.contains("footprint") ? b.at("footprint") : json::value();
  const json::value movement = b.contains("movement") ? b.at("movement") : json::value();
  std::vector<SqlValue> fp = FootprintColumns(footprint);
  const bool outside =
      b.contains("outside") && b.at("outside").is_bool() && b.at("outside").get_bool();
  const bool armed = b.contains("armed") && b.at("armed").is_bool() && b.at("armed").get_bool();
  const std::int64_t year = b.contains("year") ? b.at("year").to_number<std::int64_t>() : 0;
  const std::int64_t number = b.contains("number") ? b.at("number").to_number<std::int64_t>() : 0;
  std::vector<SqlValue> params = {
      JsonString(b, "id"),
      year,
      number,
      JsonString(b, "type"),
      std::string("submitted"),
      JsonString(b, "precedence"),
      JsonString(b, "title"),
      JsonString(b, "details"),
      e.party,
      OptionalTextColumn(b, "from_unit"),
      JsonString(b, "to_party"),
      OptionalTextColumn(b, "to_unit"),
      JoinShares(e.shared_with),
      OptionalTextColumn(b, "district"),
      JoinShares(ReadStringArray(b, "districts")),
      JoinShares(ReadStringArray(b, "areas")),
      std::int64_t{outside},
      std::int64_t{armed},
      fp[0],
      fp[1],
      fp[2],
      fp[3],
      fp[4],
      fp[5],
      fp[6],
      movement.is_object() ? SqlValue{CanonicalJson(movement)} : SqlValue{},
      CanonicalJson(b.contains("coordination") ? b.at("coordination") : json::array()),
      CanonicalJson(b.contains("links") ? b.at("links") : json::array()),
      JsonString(b, "channel"),
      OptionalTextColumn(b, "caller"),
      e.actor,
      e.at,
      e.seq,
      e.at,
      e.seq,
      OptionalTimeColumn(b, "acknowledge_by"),
      OptionalTimeColumn(b, "decide_by"),
  };
  return tx.Exec(
      "INSERT INTO requests (id, year, number, type, state, precedence, title, details, "
      "from_party, from_unit, to_party, to_unit, shared_with, district, districts, areas, outside, "
      "armed, footprint, west, south, east, north, window_start, window_end, movement, "
      "coordination, links, channel, caller, created_by, created_at, created_seq, updated_at, "
      "updated_seq, acknowledge_by, decide_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, "
      "?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
      params);
}

// Adopts a new footprint (a counter-proposal accepted by starting on it).
Status ApplyFootprint(WriteTx& tx, const std::string& id, const json::object& b) {
  const json::value& footprint = b.at("footprint");
  std::vector<SqlValue> fp = FootprintColumns(footprint);
  std::vector<SqlValue> params(fp.begin(), fp.end());
  params.push_back(JoinShares(ReadStringArray(b, "areas")));
  params.push_back(JoinShares(ReadStringArray(b, "districts")));
  params.push_back(OptionalTextColumn(b, "district"));
  params.push_back(id);
  return tx.Exec(
      "UPDATE requests SET footprint = ?, west = ?, south = ?, east = ?, north = ?, "
      "window_start = ?, window_end = ?, areas = ?, districts = ?, "
      "district = COALESCE(?, district) WHERE id = ?",
      params);
}

}  // namespace

Status Apply(WriteTx& tx, const Event& e, const json::object& b) {
  const std::string& t = e.type;
  const std::string id = JsonString(b, "id");
  if (t == "request.submitted") return ApplySubmitted(tx, e, b);
  if (t == "request.commented") {
    return tx.Exec(
        "UPDATE requests SET comment_count = comment_count + 1, updated_at = ?, updated_seq = ? "
        "WHERE id = ?",
        {e.at, e.seq, id});
  }
  if (t == "request.call_logged") {
    return tx.Exec("UPDATE requests SET updated_at = ?, updated_seq = ? WHERE id = ?",
                   {e.at, e.seq, id});
  }
  if (t == "request.overdue") {
    const std::string stage = JsonString(b, "stage");
    if (stage == "acknowledge") {
      return tx.Exec("UPDATE requests SET acknowledge_overdue_seq = ? WHERE id = ?", {e.seq, id});
    }
    return tx.Exec("UPDATE requests SET decide_overdue_seq = ? WHERE id = ?", {e.seq, id});
  }
  // Transitions: the new state, and when it was reached.
  const std::string state = JsonString(b, "state");
  const bool closed = b.contains("closed") && b.at("closed").is_bool() && b.at("closed").get_bool();
  LIAISON_TRY(
      tx.Exec("UPDATE requests SET state = ?, updated_at = ?, updated_seq = ?, "
              "closed_at = CASE WHEN ? THEN ? ELSE closed_at END WHERE id = ?",
              {state, e.at, e.seq, std::int64_t{closed}, e.at, id}));
  if (t == "request.acknowledged") {
    return tx.Exec("UPDATE requests SET acknowledged_at = ? WHERE id = ?", {e.at, id});
  }
  if (t == "request.decided") {
    json::object decision{
        {"outcome", state},
        {"reason", b.contains("reason") ? b.at("reason") : json::value()},
        {"conditions", b.contains("conditions") ? b.at("conditions") : json::value()},
        {"footprint", b.contains("footprint") ? b.at("footprint") : json::value()},
        {"by", e.actor},
        {"at", FormatRfc3339(e.at)},
        {"seq", e.seq}};
    for (const char* key : {"areas", "districts", "district"}) {
      if (b.contains(key)) decision[key] = b.at(key);
    }
    return tx.Exec("UPDATE requests SET decided_at = ?, outcome = ?, decision = ? WHERE id = ?",
                   {e.at, state, CanonicalJson(decision), id});
  }
  if (t == "request.started") {
    LIAISON_TRY(tx.Exec("UPDATE requests SET started_at = ? WHERE id = ?", {e.at, id}));
    if (b.contains("footprint") && b.at("footprint").is_object()) {
      return ApplyFootprint(tx, id, b);
    }
    return OkStatus();
  }
  if (t == "request.completed") {
    return tx.Exec("UPDATE requests SET completed_at = ? WHERE id = ?", {e.at, id});
  }
  // request.withdrawn, request.expired: the state and closed_at say it all.
  return OkStatus();
}

json::object RowJson(const Row& r) {
  const Type type = ParseType(r.Text(kColType)).value_or(Type::kOther);
  const State state = ParseState(r.Text(kColState)).value_or(State::kSubmitted);
  json::array overdue;
  if (!r.IsNull(kColAcknowledgeOverdueSeq)) overdue.emplace_back("acknowledge");
  if (!r.IsNull(kColDecideOverdueSeq)) overdue.emplace_back("decide");
  json::value next_deadline = nullptr;
  if (state == State::kSubmitted) {
    next_deadline =
        json::object{{"stage", "acknowledge"}, {"at", FormatRfc3339(r.Int(kColAcknowledgeBy))}};
  } else if (state == State::kAcknowledged && type != Type::kNotification &&
             !r.IsNull(kColDecideBy)) {
    next_deadline = json::object{{"stage", "decide"}, {"at", FormatRfc3339(r.Int(kColDecideBy))}};
  }
  auto split = [](const std::string& s) {
    json::array a;
    for (const auto& x : SplitShares(s)) a.emplace_back(x);
    return a;
  };
  json::object o;
  o["id"] = r.Text(kColId);
  o["type"] = r.Text(kColType);
  o["state"] = r.Text(kColState);
  o["open"] = IsOpen(state, type);
  o["precedence"] = r.Text(kColPrecedence);
  o["title"] = r.Text(kColTitle);
  o["details"] = r.Text(kColDetails);
  o["from_party"] = r.Text(kColFromParty);
  o["from_unit"] = TextOrNull(r, kColFromUnit);
  o["to_party"] = r.Text(kColToParty);
  o["to_unit"] = TextOrNull(r, kColToUnit);
  o["district"] = TextOrNull(r, kColDistrict);
  o["districts"] = split(r.Text(kColDistricts));
  o["areas"] = split(r.Text(kColAreas));
  o["outside"] = r.Int(kColOutside) != 0;
  o["armed"] = r.Int(kColArmed) != 0;
  o["footprint"] = StoredJson(r, kColFootprint);
  o["movement"] = StoredJson(r, kColMovement);
  o["coordination"] = StoredJson(r, kColCoordination);
  o["links"] = StoredJson(r, kColLinks);
  o["channel"] = r.Text(kColChannel);
  o["caller"] = TextOrNull(r, kColCaller);
  o["created_by"] = r.Text(kColCreatedBy);
  o["created_at"] = FormatRfc3339(r.Int(kColCreatedAt));
  o["created_seq"] = r.Int(kColCreatedSeq);
  o["updated_at"] = FormatRfc3339(r.Int(kColUpdatedAt));
  o["updated_seq"] = r.Int(kColUpdatedSeq);
  o["acknowledge_by"] = TimeOrNull(r, kColAcknowledgeBy);
  o["decide_by"] = TimeOrNull(r, kColDecideBy);
  o["acknowledged_at"] = TimeOrNull(r, kColAcknowledgedAt);
  o["decided_at"] = TimeOrNull(r, kColDecidedAt);
  o["started_at"] = TimeOrNull(r, kColStartedAt);
  o["completed_at"] = TimeOrNull(r, kColCompletedAt);
  o["closed_at"] = TimeOrNull(r, kColClosedAt);
  o["next_deadline"] = std::move(next_deadline);
  o["overdue"] = std::move(overdue);
  o["decision"] = StoredJson(r, kColDecision);
  o["comment_count"] = r.Int(kColCommentCount);
  return o;
}

// --- Commands ------------------------------------------------------------

Result<json::value> Submit(CommandContext& ctx, const json::object& in, const Settings& s) {
  LIAISON_TRY(
      OnlyKnownFields(in, {"type", "to_party", "precedence", "title", "details", "footprint",
                           "movement", "links", "from_unit", "to_unit", "logged_call"}));
  const Principal& p = ctx.actor;
  Tx& tx = ctx.tx;

  // Who is asking: the actor's own party, or, for a call logged by a duty
  // officer, the caller's party.
  std::string from_party = p.party;
  std::string from_unit;
  std::optional<Call> call;
  if (const json::value* lc = in.if_contains("logged_call"); lc && !lc->is_null()) {
    if (!lc->is_object()) return Error::Invalid("/logged_call", "logged_call must be an object");
    const json::object& o = lc->get_object();
    if (Status st = OnlyKnownFields(o, {"channel", "caller", "party", "unit"}); !st) {
      return Nested(st.error(), "/logged_call");
    }
    auto c = ReadCall(o, "/logged_call");
    if (!c) return std::move(c).error();
    call = std::move(*c);
    auto party = RequireString(o, "party", {1, 32});
    if (!party) return Nested(party.error(), "/logged_call");
    if (*party == p.party) {
      return Error::Invalid("/logged_call/party",
                            "a logged call is on behalf of another party; submit your own party's "
                            "requests directly");
    }
    auto exists = tx.Query("SELECT 1 FROM parties WHERE id = ?", {*party});
    if (!exists) return std::move(exists).error();
    if (exists->empty()) return Error::Invalid("/logged_call/party", "no such party");
    from_party = *party;
    auto unit = OptionalString(o, "unit", {1, 64});
    if (!unit) return Nested(unit.error(), "/logged_call");
    if (unit->has_value()) {
      auto u = FindUnit(tx, **unit);
      if (!u) return std::move(u).error();
      if (!u->has_value() || (*u)->party != from_party) {
        return Error::Invalid("/logged_call/unit", "no such unit of the calling party");
      }
      from_unit = **unit;
    }
  } else {
    LIAISON_TRY(Authorize(p, Action::kSubmitRequest, liaison::Scope{from_party, {}}));
    auto unit = OptionalString(in, "from_unit", {1, 64});
    if (!unit) return std::move(unit).error();
    from_unit = unit->value_or(p.unit);
    auto u = FindUnit(tx, from_unit);
    if (!u) return std::move(u).error();
    if (!u->has_value() || (*u)->party != from_party) {
      return Error::Invalid("/from_unit", "no such unit of your party");
    }
  }

  auto draft = ReadDraft(tx, in, from_party);
  if (!draft) return std::move(draft).error();
  auto coordinators = identity::CoordinatorParties(tx);
  if (!coordinators) return std::move(coordinators).error();
  std::vector<std::string> shared{draft->to_party};
  for (const auto& c : *coordinators) shared.push_back(c);
  std::sort(shared.begin(), shared.end());
  shared.erase(std::unique(shared.begin(), shared.end()), shared.end());
  std::erase(shared, from_party);
  if (call) {
    // The duty officer taking the call must be involved in what they record.
    LIAISON_TRY(Authorize(p, Action::kLogCall, liaison::Scope{from_party, shared}));
  }

  auto precedence_name = RequireString(in, "precedence", {1, 16});
  if (!precedence_name) return std::move(precedence_name).error();
  auto precedence = ParsePrecedence(*precedence_name);
  if (!precedence) {
    return Error::Invalid("/precedence",
                          "precedence must be ROUTINE, PRIORITY, IMMEDIATE or FLASH");
  }
  auto title = RequireString(in, "title", kTitleRule);
  if (!title) return std::move(title).error();
  if (Utf8Length(*title) > 200) return Error::Invalid("/title", "title is too long (200 at most)");
  auto details = OptionalString(in, "details", kDetailsRule);
  if (!details) return std::move(details).error();
  auto links = ReadLinks(tx, p, in);
  if (!links) return std::move(links).error();

  std::string district_of_unit;
  if (!from_unit.empty()) {
    auto u = FindUnit(tx, from_unit);
    if (!u) return std::move(u).error();
    if (u->has_value()) district_of_unit = (*u)->district;
  }
  std::string to_unit;
  if (auto tu = OptionalString(in, "to_unit", {1, 64}); !tu) {
    return std::move(tu).error();
  } else if (tu->has_value()) {
    auto u = FindUnit(tx, **tu);
    if (!u) return std::move(u).error();
    if (!u->has_value() || (*u)->party != draft->to_party) {
      return Error::Invalid("/to_unit", "no such unit of the receiving party");
    }
    to_unit = **tu;
  }

  auto assessment = Assess(s, draft->footprint, InputFor(*draft));
  if (!assessment) return std::move(assessment).error();
  const Placement& place = assessment->placement;
  const std::string district = !place.district.empty()    ? place.district
                               : !place.districts.empty() ? place.districts.front()
                                                          : district_of_unit;
  if (to_unit.empty()) {
    auto desk = DeskFor(tx, draft->to_party, district);
    if (!desk) return std::move(desk).error();
    to_unit = *desk;
  }

  auto numbered = NextRecordNumber(tx, "requests", "REQ", ctx.now);
  if (!numbered) return std::move(numbered).error();
  const std::string* id = &numbered->id;
  const Deadlines deadlines = DeadlinesFor(s.deadlines, draft->type, *precedence, ctx.now);

  json::object body{
      {"id", *id},
      {"year", numbered->year},
      {"number", numbered->number},
      {"type", TypeName(draft->type)},
      {"precedence", PrecedenceName(*precedence)},
      {"title", *title},
      {"details", details->value_or("")},
      {"from_unit", from_unit.empty() ? json::value() : json::value(from_unit)},
      {"to_party", draft->to_party},
      {"to_unit", to_unit.empty() ? json::value() : json::value(to_unit)},
      {"district", district.empty() ? json::value() : json::value(district)},
      {"districts", StringArray(place.districts)},
      {"areas", StringArray(place.areas)},
      {"outside", place.outside},
      {"armed", draft->armed},
      {"footprint", draft->footprint ? json::value(FootprintJson(*draft->footprint)) : nullptr},
      {"movement", draft->movement ? json::value(*draft->movement) : nullptr},
      {"coordination", CoordinationJson(assessment->coordination)},
      {"links", std::move(*links)},
      {"channel", call ? call->channel : "network"},
      {"caller", call ? json::value(call->caller) : nullptr},
      {"acknowledge_by", FormatRfc3339(deadlines.acknowledge_by)},
      {"decide_by",
       deadlines.decide_by ? json::value(FormatRfc3339(*deadlines.decide_by)) : json::value()},
      {"state", "submitted"},
  };
  ctx.Emit({"request.submitted", *id, from_party, shared, std::move(body)});
  if (draft->footprint && s.on_footprint && IsOpen(State::kSubmitted, draft->type)) {
    LIAISON_TRY(s.on_footprint(ctx, FootprintChange{*id, from_party, CheckKind(draft->type), *title,
                                                    std::nullopt, *draft->footprint, "changed"}));
  }
  ReplyWithRequest(ctx, *id);
  return json::value(json::object{{"id", *id}, {"state", "submitted"}});
}

namespace {

// The body of a transition's event: the new state, and whether it closes the
// request.
json::object TransitionBody(const Stored& s, State next) {
  return json::object{{"state", StateName(next)},
                      {"from_state", StateName(s.state)},
                      {"closed", IsTerminal(next, s.type)}};
}

// Validates `in` for `op` and adds its fields to `body`. `allowed_extra`
// names members the caller consumed already (log-call's own).
Status ReadTransitionFields(Op op, const json::object& in, const Settings& settings, State* outcome,
                            json::object& body,
                            std::initializer_list<std::string_view> allowed_extra) {
  auto known = [&](std::initializer_list<std::string_view> fields) {
    std::vector<std::string_view> all(fields);
    all.insert(all.end(), allowed_extra.begin(), allowed_extra.end());
    return OnlyKnownFields(in, all);
  };
  switch (op) {
    case Op::kAcknowledge:
    case Op::kStart:
    case Op::kComplete: {
      LIAISON_TRY(known({"note"}));
      auto note = OptionalString(in, "note", kOptionalTextRule);
      if (!note) return std::move(note).error();
      if (note->has_value()) body["note"] = **note;
      break;
    }
    case Op::kWithdraw: {
      LIAISON_TRY(known({"reason"}));
      auto reason = OptionalString(in, "reason", kOptionalTextRule);
      if (!reason) return std::move(reason).error();
      if (reason->has_value()) body["reason"] = **reason;
      break;
    }
    case Op::kDecide: {
      LIAISON_TRY(known({"outcome", "reason", "conditions", "footprint"}));
      auto name = RequireString(in, "outcome", {1, 32});
      if (!name) return std::move(name).error();
      auto o = ParseOutcome(*name);
      if (!o) {
        return Error::Invalid("/outcome",
                              "outcome must be approved, approved_with_conditions, denied or "
                              "counter_proposed");
      }
      *outcome = *o;
      auto reason = OptionalString(in, "reason", kOptionalTextRule);
      if (!reason) return std::move(reason).error();
      auto conditions = OptionalString(in, "conditions", kOptionalTextRule);
      if (!conditions) return std::move(conditions).error();
      const bool has_reason = reason->has_value() && !(*reason)->empty();
      const bool has_conditions = conditions->has_value() && !(*conditions)->empty();
      if (*o == State::kDenied && !has_reason) {
        return Error::Invalid("/reason", "a denial needs a reason");
      }
      if ((*o == State::kApprovedWithConditions || *o == State::kCounterProposed) &&
          !has_conditions) {
        return Error::Invalid("/conditions", *o == State::kCounterProposed
                                                 ? "a counter-proposal needs its text"
                                                 : "conditions are required");
      }
      if (has_reason) body["reason"] = **reason;
      if (has_conditions) body["conditions"] = **conditions;
      if (const json::value* f = in.if_contains("footprint"); f && !f->is_null()) {
        if (*o != State::kApprovedWithConditions && *o != State::kCounterProposed) {
          return Error::Invalid("/footprint",
                                "only a condition or a counter-proposal proposes a new footprint");
        }
        auto footprint = ReadFootprint(*f, "/footprint");
        if (!footprint) return std::move(footprint).error();
        if (settings.geography == nullptr) {
          return Error::Unavailable("the map data is not loaded on this server");
        }
        const Placement place = settings.geography->Place(footprint->geometry, footprint->buffer_m);
        body["footprint"] = FootprintJson(*footprint);
        body["areas"] = StringArray(place.areas);
        body["districts"] = StringArray(place.districts);
        if (!place.district.empty()) body["district"] = place.district;
      }
      break;
    }
    case Op::kExpire:
      return Error::Invalid("", "requests expire on their own");
  }
  return OkStatus();
}

Result<json::value> DoTransition(CommandContext& ctx, const Stored& s, Op op,
                                 const json::object& in, const Settings& settings,
                                 json::object extra_body,
                                 std::initializer_list<std::string_view> allowed_extra) {
  json::object fields;
  State outcome = State::kApproved;
  LIAISON_TRY(ReadTransitionFields(op, in, settings, &outcome, fields, allowed_extra));
  auto next = Next(s.state, s.type, op, outcome);
  if (!next) return std::move(next).error();
  json::object body = TransitionBody(s, *next);
  if (op == Op::kDecide) body["outcome"] = StateName(*next);
  for (auto& kv : fields) body[kv.key()] = std::move(kv.value());
  for (auto& kv : extra_body) body[kv.key()] = std::move(kv.value());
  if (op == Op::kStart && s.state == State::kCounterProposed && s.decision.is_object()) {
    // Starting on a counter-proposal accepts it: its footprint becomes the request's.
    const json::object& d = s.decision.get_object();
    if (const json::value* f = d.if_contains("footprint"); f && f->is_object()) {
      body["footprint"] = *f;
      body["accepted_counter_proposal"] = true;
      for (const char* key : {"areas", "districts", "district"}) {
        if (const json::value* v = d.if_contains(key)) body[key] = *v;
      }
    }
  }
  static constexpr std::string_view kEventTypes[] = {"request.acknowledged", "request.decided",
                                                     "request.started",      "request.completed",
                                                     "request.withdrawn",    "request.expired"};
  std::optional<deconflict::Footprint> adopted;
  if (const json::value* f = body.if_contains("footprint"); f && op == Op::kStart) {
    auto fp = StoredFootprint(CanonicalJson(*f));
    if (!fp) return std::move(fp).error();
    adopted = std::move(*fp);
  }
  ctx.Emit(RequestEvent(s, std::string(kEventTypes[static_cast<size_t>(op)]), std::move(body)));
  if (settings.on_footprint && s.footprint) {
    // A request leaves the checks when it closes; starting on a
    // counter-proposal moves it.
    const bool closes = IsTerminal(*next, s.type);
    if (closes || adopted) {
      LIAISON_TRY(
          settings.on_footprint(ctx, FootprintChange{s.id, s.from_party, CheckKind(s.type), s.title,
                                                     s.footprint, closes ? std::nullopt : adopted,
                                                     !closes                      ? "changed"
                                                     : *next == State::kCompleted ? "proceed"
                                                                                  : "cancelled"}));
    }
  }
  ReplyWithRequest(ctx, s.id);
  return json::value(json::object{{"id", s.id}, {"state", StateName(*next)}});
}

Status AuthorizeOp(const Principal& p, const Stored& s, Op op) {
  if (ActorFor(op) == Actor::kReceiver) {
    return Authorize(p, Action::kAnswerRequest, liaison::Scope{s.to_party, {}});
  }
  return Authorize(p, Action::kProgressRequest, liaison::Scope{s.from_party, {}});
}

}  // namespace

Result<json::value> Transition(CommandContext& ctx, std::string_view id, Op op,
                               const json::object& in, const Settings& settings) {
  auto s = LoadVisible(ctx.tx, ctx.actor, id);
  if (!s) return std::move(s).error();
  LIAISON_TRY(AuthorizeOp(ctx.actor, *s, op));
  return DoTransition(ctx, *s, op, in, settings, {}, {});
}

Result<json::value> Comment(CommandContext& ctx, std::string_view id, const json::object& in) {
  auto s = LoadVisible(ctx.tx, ctx.actor, id);
  if (!s) return std::move(s).error();
  LIAISON_TRY(Authorize(ctx.actor, Action::kCommentRequest, s->scope()));
  LIAISON_TRY(OnlyKnownFields(in, {"text", "kind", "links"}));
  auto text = RequireString(in, "text", kTextRule);
  if (!text) return std::move(text).error();
  auto kind = OptionalString(in, "kind", {1, 16});
  if (!kind) return std::move(kind).error();
  const std::string k = kind->value_or("comment");
  if (k != "comment" && k != "reminder") {
    return Error::Invalid("/kind", "kind must be comment or reminder");
  }
  auto links = ReadLinks(ctx.tx, ctx.actor, in);
  if (!links) return std::move(links).error();
  ctx.Emit(RequestEvent(
      *s, "request.commented",
      json::object{
          {"text", *text}, {"kind", k}, {"links", std::move(*links)}, {"party", ctx.actor.party}}));
  ReplyWithRequest(ctx, s->id);
  return json::value(json::object{{"id", s->id}, {"state", StateName(s->state)}});
}

Result<json::value> LogCall(CommandContext& ctx, std::string_view id, const json::object& in,
                            const Settings& settings) {
  auto s = LoadVisible(ctx.tx, ctx.actor, id);
  if (!s) return std::move(s).error();
  LIAISON_TRY(Authorize(ctx.actor, Action::kLogCall, s->scope()));
  auto call = ReadCall(in, "");
  if (!call) return std::move(call).error();
  auto summary = RequireString(in, "summary", kTextRule);
  if (!summary) return std::move(summary).error();
  auto action = OptionalString(in, "action", {1, 16});
  if (!action) return std::move(action).error();
  const std::string a = action->value_or("note");
  json::object call_body{{"channel", call->channel},
                         {"caller", call->caller},
                         {"summary", *summary},
                         {"logged_by", ctx.actor.username},
                         {"logged_by_party", ctx.actor.party}};
  if (a == "note") {
    LIAISON_TRY(OnlyKnownFields(in, {"channel", "caller", "summary", "action"}));
    ctx.Emit(RequestEvent(*s, "request.call_logged", std::move(call_body)));
    ReplyWithRequest(ctx, s->id);
    return json::value(json::object{{"id", s->id}, {"state", StateName(s->state)}});
  }
  auto op = ParseOp(a);
  if (!op || *op == Op::kExpire) {
    return Error::Invalid("/action",
                          "action must be note, acknowledge, decide, start, complete or withdraw");
  }
  // The party that must take this step; the duty officer logs it for them.
  const std::string& on_behalf_of = ActorFor(*op) == Actor::kReceiver ? s->to_party : s->from_party;
  if (on_behalf_of == ctx.actor.party) {
    return Error::Denied(
        "a call is logged on behalf of another party; your own party's steps are taken "
        "directly");
  }
  call_body["on_behalf_of"] = on_behalf_of;
  return DoTransition(ctx, *s, *op, in, settings, std::move(call_body),
                      {"channel", "caller", "summary", "action"});
}

Result<json::value> RaiseDue(CommandContext& ctx, std::int64_t limit) {
  Tx& tx = ctx.tx;
  const Micros now = ctx.now;
  std::int64_t overdue = 0, expired = 0;
  auto coordinators = identity::CoordinatorParties(tx);
  if (!coordinators) return std::move(coordinators).error();
  std::vector<std::pair<std::string, std::string>> desks;  // party, unit
  for (const auto& c : *coordinators) {
    auto rows =
        tx.Query("SELECT id FROM units WHERE party = ? AND kind = 'duty_desk' ORDER BY id", {c});
    if (!rows) return std::move(rows).error();
    for (const Row& r : *rows) desks.emplace_back(c, r.Text(0));
  }

  // Windows that ended without a decision.
  auto ended = tx.Query(
      "SELECT id FROM requests WHERE state IN ('submitted', 'acknowledged') "
      "AND window_end IS NOT NULL AND window_end <= ? ORDER BY window_end LIMIT ?",
      {now, limit});
  if (!ended) return std::move(ended).error();
  std::set<std::string> expiring;
  for (const Row& r : *ended) {
    auto s = Load(tx, r.Text(0));
    if (!s) return std::move(s).error();
    if (!s->has_value()) continue;
    const Stored& st = **s;
    auto next = Next(st.state, st.type, Op::kExpire);
    if (!next) continue;
    json::object body = TransitionBody(st, *next);
    body["window_end"] = FormatRfc3339(*st.window_end);
    ctx.Emit(RequestEvent(st, "request.expired", std::move(body)));
    expiring.insert(st.id);
    ++expired;
  }

  // Deadlines passed: one request.overdue per stage, escalated to the
  // coordinator's duty desk and the receiving party's commanders.
  auto due = tx.Query(
      "SELECT id, 'acknowledge', acknowledge_by FROM requests WHERE state = 'submitted' "
      "AND acknowledge_by <= ? AND acknowledge_overdue_seq IS NULL "
      "UNION ALL SELECT id, 'decide', decide_by FROM requests "
      "WHERE state IN ('submitted', 'acknowledged') AND decide_by IS NOT NULL AND decide_by <= ? "
      "AND decide_overdue_seq IS NULL ORDER BY 3 LIMIT ?",
      {now, now, limit});
  if (!due) return std::move(due).error();
  for (const Row& r : *due) {
    if (expiring.count(r.Text(0))) continue;
    auto s = Load(tx, r.Text(0));
    if (!s) return std::move(s).error();
    if (!s->has_value()) continue;
    const Stored& st = **s;
    json::array escalate;
    for (const auto& [party, unit] : desks) {
      escalate.push_back(json::object{{"party", party}, {"unit", unit}, {"role", "duty"}});
    }
    escalate.push_back(
        json::object{{"party", st.to_party},
                     {"unit", st.to_unit.empty() ? json::value() : json::value(st.to_unit)},
                     {"role", "commander"}});
    ctx.Emit(RequestEvent(st, "request.overdue",
                          json::object{{"stage", r.Text(1)},
                                       {"due_at", FormatRfc3339(r.Int(2))},
                                       {"precedence", PrecedenceName(st.precedence)},
                                       {"title", st.title},
                                       {"state", StateName(st.state)},
                                       {"to_party", st.to_party},
                                       {"escalate_to", std::move(escalate)}}));
    ++overdue;
  }
  return json::value(json::object{{"overdue", overdue}, {"expired", expired}});
}

// --- Queries -------------------------------------------------------------

Result<std::int64_t> CountDue(Tx& tx, Micros now) {
  auto rows = tx.Query(
      "SELECT (SELECT COUNT(*) FROM requests WHERE state = 'submitted' AND acknowledge_by <= ? "
      "AND acknowledge_overdue_seq IS NULL) + (SELECT COUNT(*) FROM requests WHERE state IN "
      "('submitted', 'acknowledged') AND decide_by IS NOT NULL AND decide_by <= ? AND "
      "decide_overdue_seq IS NULL) + (SELECT COUNT(*) FROM requests WHERE state IN ('submitted', "
      "'acknowledged') AND window_end IS NOT NULL AND window_end <= ?)",
      {now, now, now});
  if (!rows) return std::move(rows).error();
  return rows->front().Int(0);
}

Result<OpenCounts> CountOpen(Tx& tx, Micros now) {
  auto rows = tx.Query(
      "SELECT COUNT(*), COALESCE(SUM(CASE WHEN (state = 'submitted' AND acknowledge_by <= ?) OR "
      "(state IN ('submitted', 'acknowledged') AND decide_by IS NOT NULL AND decide_by <= ?) "
      "THEN 1 ELSE 0 END), 0) FROM requests WHERE closed_at IS NULL AND NOT "
      "(type = 'notification' AND state = 'acknowledged')",
      {now, now});
  if (!rows) return std::move(rows).error();
  return OpenCounts{rows->front().Int(0), rows->front().Int(1)};
}

namespace {

std::string LikePattern(const std::string& text) {
  std::string out = "%";
  for (char c : text) {
    if (c == '%' || c == '_' || c == '\\') out += '\\';
    out += c;
  }
  return out + "%";
}

}  // namespace

Result<ListQuery> ParseListQuery(const QueryParam& get) {
  ListQuery q;
  if (auto role = get("role")) {
    if (*role != "inbox" && *role != "outbox") {
      return Error::Invalid("/role", "role must be inbox or outbox");
    }
    q.role = *role;
  }
  if (auto states = get("state")) {
    q.states = SplitParam(*states);
    for (const auto& st : q.states) {
      if (st != "open" && !ParseState(st)) return Error::Invalid("/state", "unknown state " + st);
    }
  }
  if (auto types = get("type")) {
    q.types = SplitParam(*types);
    for (const auto& t : q.types) {
      if (!ParseType(t)) return Error::Invalid("/type", "unknown type " + t);
    }
  }
  if (auto precedences = get("precedence")) {
    q.precedences = SplitParam(*precedences);
    for (const auto& pr : q.precedences) {
      if (!ParsePrecedence(pr)) return Error::Invalid("/precedence", "unknown precedence " + pr);
    }
  }
  q.party = get("party").value_or("");
  q.district = get("district").value_or("");
  LIAISON_TRY(ParsePeriodParams(get, &q.from, &q.to));
  q.text = get("q").value_or("");
  if (q.text.size() > 200) return Error::Invalid("/q", "q is too long");
  auto bbox = ParseBboxParam(get);
  if (!bbox) return std::move(bbox).error();
  q.bbox = *bbox;
  LIAISON_TRY(ParsePageParams(get, &q.limit, &q.cursor));
  return q;
}

Result<json::value> List(Tx& tx, const Principal& p, const ListQuery& q) {
  std::vector<std::string> vis;
  std::string sql = "SELECT " + std::string(kColumns) + " FROM requests r WHERE " +
                    RecordVisibilitySql(p, "r.from_party", "r.shared_with", vis);
  std::vector<SqlValue> params(vis.begin(), vis.end());
  auto in_list = [&](const char* column, const std::vector<std::string>& values) {
    sql += std::string(" AND ") + column + " IN (";
    for (size_t i = 0; i < values.size(); ++i) {
      sql += i ? ", ?" : "?";
      params.emplace_back(values[i]);
    }
    sql += ")";
  };
  if (q.role == "inbox") {
    sql += " AND r.to_party = ?";
    params.emplace_back(p.party);
  } else if (q.role == "outbox") {
    sql += " AND r.from_party = ?";
    params.emplace_back(p.party);
  }
  if (!q.states.empty()) {
    std::vector<std::string> states;
    bool open = false;
    for (const auto& s : q.states) {
      if (s == "open") {
        open = true;
      } else {
        states.push_back(s);
      }
    }
    sql += " AND (";
    if (open) {
      sql += "(r.closed_at IS NULL AND NOT (r.type = 'notification' AND r.state = 'acknowledged'))";
    }
    if (!states.empty()) {
      sql += open ? " OR r.state IN (" : "r.state IN (";
      for (size_t i = 0; i < states.size(); ++i) {
        sql += i ? ", ?" : "?";
        params.emplace_back(states[i]);
      }
      sql += ")";
    }
    sql += ")";
  }
  if (!q.types.empty()) in_list("r.type", q.types);
  if (!q.precedences.empty()) in_list("r.precedence", q.precedences);
  if (!q.party.empty()) {
    sql += " AND (r.from_party = ? OR r.to_party = ?)";
    params.emplace_back(q.party);
    params.emplace_back(q.party);
  }
  if (!q.district.empty()) {
    sql += " AND (r.district = ? OR instr(',' || r.districts || ',', ?) > 0)";
    params.emplace_back(q.district);
    params.emplace_back("," + q.district + ",");
  }
  if (q.from) {
    sql += " AND r.created_at >= ?";
    params.emplace_back(*q.from);
  }
  if (q.to) {
    sql += " AND r.created_at < ?";
    params.emplace_back(*q.to);
  }
  if (!q.text.empty()) {
    const std::string like = LikePattern(q.text);
    sql +=
        " AND (r.id LIKE ? ESCAPE '\\' OR r.title LIKE ? ESCAPE '\\' OR r.details LIKE ? ESCAPE "
        "'\\')";
    params.emplace_back(like);
    params.emplace_back(like);
    params.emplace_back(like);
  }
  if (q.bbox) AppendBboxFilter(sql, params, "r.", *q.bbox);
  return QueryPage(tx, std::move(sql), std::move(params), "r.created_seq", kColCreatedSeq, q.limit,
                   q.cursor,
                   [](const Row& r) -> Result<json::value> { return json::value(RowJson(r)); });
}

Result<json::value> Get(Tx& tx, const Principal& p, std::string_view id, bool timeline) {
  std::vector<std::string> vis;
  std::string sql = "SELECT " + std::string(kColumns) + " FROM requests r WHERE r.id = ? AND " +
                    RecordVisibilitySql(p, "r.from_party", "r.shared_with", vis);
  std::vector<SqlValue> params{std::string(id)};
  for (auto& v : vis) params.emplace_back(std::move(v));
  auto rows = tx.Query(sql, params);
  if (!rows) return std::move(rows).error();
  if (rows->empty()) return Error::NotFound("no such request");
  json::object out = RowJson(rows->front());
  if (timeline) {
    std::vector<std::string> evis;
    std::string esql = "SELECT " + std::string(kEventColumns) +
                       " FROM events e WHERE e.subject = ? AND " +
                       EventVisibilitySql(p, "e", evis) + " ORDER BY e.seq";
    std::vector<SqlValue> eparams{std::string(id)};
    for (auto& v : evis) eparams.emplace_back(std::move(v));
    auto events = tx.Query(esql, eparams);
    if (!events) return std::move(events).error();
    json::array items;
    for (const Row& r : *events) {
      const audit::StoredEvent e = EventFromRow(r);
      if (!CanSeeEvent(p, e.event)) continue;
      items.push_back(json::object{{"seq", e.event.seq},
                                   {"at", FormatRfc3339(e.event.at)},
                                   {"actor", e.event.actor},
                                   {"type", e.event.type},
                                   {"body", ParseStoredBody(e.event.body)}});
    }
    out["timeline"] = std::move(items);
  }
  return json::value(std::move(out));
}

Result<json::value> Evaluate(Tx& tx, const Principal& p, const json::object& draft,
                             const Settings& s) {
  std::string from_party = p.party;
  if (const json::value* lc = draft.if_contains("logged_call"); lc && lc->is_object()) {
    from_party = JsonString(lc->get_object(), "party");
  }
  auto d = ReadDraft(tx, draft, from_party, /*preview=*/true);
  if (!d) return std::move(d).error();
  auto a = Assess(s, d->footprint, InputFor(*d));
  if (!a) return std::move(a).error();
  const Placement& place = a->placement;
  return json::value(json::object{
      {"areas", StringArray(place.areas)},
      {"outside", place.outside},
      {"districts", StringArray(place.districts)},
      {"district", place.district.empty() ? json::value() : json::value(place.district)},
      {"armed", d->armed},
      {"coordination", CoordinationJson(a->coordination)}});
}

}  // namespace liaison::requests
