#include "domain/requests/duty.hpp"

#include <algorithm>
#include <boost/json/parse.hpp>

#include "authz/policy.hpp"
#include "core/time.hpp"
#include "domain/identity/identity.hpp"
#include "domain/requests/lifecycle.hpp"
#include "domain/requests/requests.hpp"
#include "store/event_log.hpp"

namespace liaison::duty {
namespace {

constexpr Micros kMinute = 60 * kMicrosPerSecond;
constexpr Micros kDay = 24 * 60 * kMinute;
constexpr StringRule kNoteRule{1, 16000};
constexpr int kMaxQueueItems = 1000;

struct Desk {
  std::string id;
  std::string party;
  std::string kind;
  std::string name_en, name_ar, name_he;
  std::string district;
};

Result<std::optional<Desk>> FindDesk(Tx& tx, std::string_view unit) {
  auto rows = tx.Query(
      "SELECT id, party, kind, name_en, name_ar, name_he, district FROM units WHERE id = ?",
      {std::string(unit)});
  if (!rows) return std::move(rows).error();
  if (rows->empty()) return std::optional<Desk>();
  const Row& r = rows->front();
  return std::optional<Desk>(
      Desk{r.Text(0), r.Text(1), r.Text(2), r.Text(3), r.Text(4), r.Text(5), r.Text(6)});
}

bool IsDesk(const Desk& d) { return d.kind == "liaison" || d.kind == "duty_desk"; }

// A desk's records are its party's, shared with the coordinator.
Result<Scope> DeskScope(Tx& tx, const std::string& party) {
  auto c = identity::CoordinatorParties(tx);
  if (!c) return std::move(c).error();
  std::erase(*c, party);
  return Scope{party, std::move(*c)};
}

// The step a request in `state` waits for, and whether the receiving party
// takes it (else the requesting party). When it is due is the `due` column of
// DeskQueue's query.
struct Pending {
  std::string_view stage;
  bool receiver = false;
};

std::optional<Pending> PendingFor(const json::object& r) {
  using requests::State;
  const auto state = requests::ParseState(JsonString(r, "state"));
  const auto type = requests::ParseType(JsonString(r, "type"));
  if (!state || !type || requests::IsTerminal(*state, *type)) return std::nullopt;
  switch (*state) {
    case State::kSubmitted:
      return Pending{"acknowledge", true};
    case State::kAcknowledged:
      return Pending{"decide", true};
    case State::kCounterProposed:
      return Pending{"respond", false};
    case State::kApproved:
    case State::kApprovedWithConditions:
      return Pending{"start", false};
    case State::kInProgress:
      return Pending{"complete", false};
    default:
      return std::nullopt;
  }
}

// Where the `due` column follows the request columns in DeskQueue's query.
constexpr size_t kDueColumn = requests::kColumnCount;

// The queue of `desk` as `p` sees it.
Result<json::array> DeskQueue(Tx& tx, const Principal& p, const Desk& desk, Micros now) {
  std::vector<std::string> vis;
  std::string sql =
      "SELECT " + std::string(requests::kColumns) +
      // When the pending step is due: the receiving party's deadlines, else
      // the footprint's start (respond, start) or end (complete).
      ", CASE r.state WHEN 'submitted' THEN r.acknowledge_by WHEN 'acknowledged' THEN "
      "r.decide_by WHEN 'in_progress' THEN r.window_end ELSE r.window_start END AS due "
      "FROM requests r WHERE " +
      RecordVisibilitySql(p, "r.from_party", "r.shared_with", vis) +
      " AND r.closed_at IS NULL AND NOT (r.type = 'notification' AND r.state = "
      "'acknowledged')";
  std::vector<SqlValue> params(vis.begin(), vis.end());
  const bool coordinator_desk = p.is_coordinator && desk.party == p.party;
  if (!coordinator_desk) {
    // Addressed to the desk (or to its party with no desk named) and waiting
    // for an answer, or the desk's own requests waiting for its next step.
    sql +=
        " AND ((r.to_party = ? AND r.state IN ('submitted', 'acknowledged') AND "
        "(r.to_unit IS NULL OR r.to_unit = ? OR substr(r.to_unit, 1, length(?) + 1) = ? || '/')) "
        "OR (r.from_party = ? AND r.state IN ('counter_proposed', 'approved', "
        "'approved_with_conditions', 'in_progress') AND (r.from_unit IS NULL OR r.from_unit = ? "
        "OR substr(r.from_unit, 1, length(?) + 1) = ? || '/')))";
    for (int i = 0; i < 2; ++i) {
      params.emplace_back(desk.party);
      params.emplace_back(desk.id);
      params.emplace_back(desk.id);
      params.emplace_back(desk.id);
    }
  }
  // Earliest due first (none last), then FLASH before IMMEDIATE before
  // PRIORITY before ROUTINE; ordered in SQL so the cap keeps the most urgent.
  sql +=
      " ORDER BY due IS NULL, due, CASE r.precedence WHEN 'FLASH' THEN 0 WHEN 'IMMEDIATE' THEN 1 "
      "WHEN 'PRIORITY' THEN 2 ELSE 3 END, r.created_seq LIMIT " +
      std::to_string(kMaxQueueItems);
  auto rows = tx.Query(sql, params);
  if (!rows) return std::move(rows).error();
  json::array out;
  for (const Row& row : *rows) {
    json::object r = requests::RowJson(row);
    const auto pending = PendingFor(r);
    if (!pending) continue;
    const std::optional<Micros> due =
        row.IsNull(kDueColumn) ? std::nullopt : std::optional<Micros>(row.Int(kDueColumn));
    const std::string action_party = JsonString(r, pending->receiver ? "to_party" : "from_party");
    out.push_back(json::object{{"stage", pending->stage},
                               {"due_at", due ? json::value(FormatRfc3339(*due)) : json::value()},
                               {"overdue", due.has_value() && *due <= now},
                               {"action_party", action_party},
                               {"request", std::move(r)}});
  }
  return out;
}

// The desk `p` asks about: the named unit, or their own. Another party's
// desk is visible only to the coordinator.
Result<Desk> ResolveDesk(Tx& tx, const Principal& p, std::string_view unit) {
  const std::string id = unit.empty() ? p.unit : std::string(unit);
  auto desk = FindDesk(tx, id);
  if (!desk) return std::move(desk).error();
  if (!desk->has_value()) return Error::NotFound("no such desk");
  auto scope = DeskScope(tx, (*desk)->party);
  if (!scope) return std::move(scope).error();
  if (!CanSee(p, *scope)) return Error::NotFound("no such desk");
  return std::move(**desk);
}

json::object HandoverJson(const Row& r) {
  boost::system::error_code ec;
  json::value items = json::parse(r.Text(7), ec);
  return json::object{{"seq", r.Int(0)},
                      {"unit", r.Text(1)},
                      {"party", r.Text(2)},
                      {"from", r.IsNull(3) ? json::value() : json::value(r.Text(3))},
                      {"to", r.Text(4)},
                      {"by", r.Text(5)},
                      {"note", r.Text(6)},
                      {"open_items", ec ? json::value(json::array()) : std::move(items)},
                      {"at", FormatRfc3339(r.Int(8))}};
}

constexpr std::string_view kHandoverColumns =
    "seq, unit, party, from_user, to_user, by_user, note, open_items, at";

}  // namespace

Shift ShiftAt(const ShiftPlan& plan, Micros t) {
  const Micros length = Micros{plan.shift_hours} * 60 * kMinute;
  const Micros origin = Micros{plan.first_start_minutes} * kMinute;
  // Shifts tile time from the first shift of day 0 (1970-01-01).
  const Micros offset = t - origin;
  Micros n = offset / length;
  if (offset < 0 && offset % length != 0) --n;
  const Micros start = origin + n * length;
  const Micros per_day = kDay / length;
  const Micros index = ((n % per_day) + per_day) % per_day;
  return Shift{static_cast<int>(index), start, start + length};
}

bool Handles(std::string_view type) { return type.starts_with("duty."); }

Status Apply(WriteTx& tx, const Event& e, const json::object& b) {
  if (e.type != "duty.handover") return OkStatus();
  const std::string unit = JsonString(b, "unit");
  const std::string from = JsonString(b, "from");
  const std::string to = JsonString(b, "to");
  LIAISON_TRY(tx.Exec(
      "INSERT INTO duty_handovers (seq, unit, party, from_user, to_user, by_user, note, "
      "open_items, at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
      {e.seq, unit, e.party, from.empty() ? SqlValue{} : SqlValue{from}, to, e.actor,
       JsonString(b, "note"),
       CanonicalJson(b.contains("open_items") ? b.at("open_items") : json::array()), e.at}));
  return tx.Exec(
      "INSERT INTO duty_desks (unit, party, on_duty, since, handover_seq) VALUES (?, ?, ?, ?, ?) "
      "ON CONFLICT (unit) DO UPDATE SET on_duty = excluded.on_duty, since = excluded.since, "
      "handover_seq = excluded.handover_seq",
      {unit, e.party, to, e.at, e.seq});
}

Result<json::value> HandOver(CommandContext& ctx, const json::object& in) {
  LIAISON_TRY(OnlyKnownFields(in, {"unit", "to", "note"}));
  const Principal& p = ctx.actor;
  auto unit = OptionalString(in, "unit", {1, 64});
  if (!unit) return std::move(unit).error();
  auto desk = FindDesk(ctx.tx, unit->value_or(p.unit));
  if (!desk) return std::move(desk).error();
  if (!desk->has_value()) return Error::Invalid("/unit", "no such unit");
  const Desk& d = **desk;
  if (!IsDesk(d)) return Error::Invalid("/unit", "this unit is not a duty desk");
  const Decision allowed = Can(p, Action::kHandOver, Scope{d.party, {}});
  if (!allowed) return Error::Denied(allowed.reason);

  auto to = RequireString(in, "to", {1, 64});
  if (!to) return std::move(to).error();
  auto user = identity::FindUser(ctx.tx, *to);
  if (!user) return std::move(user).error();
  if (!user->has_value() || (*user)->unit != d.id || !(*user)->roles.Has(Role::kDuty) ||
      (*user)->disabled) {
    return Error::Invalid("/to", "the incoming officer must be an active duty officer of " + d.id);
  }
  auto note = RequireString(in, "note", kNoteRule);
  if (!note) return std::move(note).error();

  auto current = ctx.tx.Query("SELECT on_duty FROM duty_desks WHERE unit = ?", {d.id});
  if (!current) return std::move(current).error();
  const std::string holder = current->empty() ? std::string() : current->front().Text(0);
  if (holder == *to) return Error::Conflict(*to + " is already on duty at " + d.id, "/to");
  if (!holder.empty() && holder != p.username && *to != p.username) {
    return Error::Denied(
        "only the officer on duty hands the desk over; to take it, hand it over to yourself");
  }
  auto queue = DeskQueue(ctx.tx, p, d, ctx.now);
  if (!queue) return std::move(queue).error();
  json::array open_items;
  for (const auto& item : *queue) {
    const json::object& it = item.get_object();
    const json::object& r = it.at("request").get_object();
    open_items.push_back(json::object{{"id", r.at("id")},
                                      {"title", r.at("title")},
                                      {"precedence", r.at("precedence")},
                                      {"state", r.at("state")},
                                      {"stage", it.at("stage")},
                                      {"due_at", it.at("due_at")},
                                      {"overdue", it.at("overdue")}});
  }
  auto scope = DeskScope(ctx.tx, d.party);
  if (!scope) return std::move(scope).error();
  json::object body{{"unit", d.id},
                    {"from", holder.empty() ? json::value() : json::value(holder)},
                    {"to", *to},
                    {"note", *note},
                    {"open_items", open_items}};
  ctx.Emit({"duty.handover", d.id, d.party, scope->shared_with, body});
  body["at"] = FormatRfc3339(ctx.now);
  body["by"] = p.username;
  return json::value(std::move(body));
}

Result<json::value> Roster(Tx& tx, const Principal& p, const ShiftPlan& plan, Micros now) {
  auto coordinators = identity::CoordinatorParties(tx);
  if (!coordinators) return std::move(coordinators).error();
  auto units = tx.Query(
      "SELECT u.id, u.party, u.name_en, u.name_ar, u.name_he, u.district, d.on_duty, d.since, "
      "d.handover_seq FROM units u LEFT JOIN duty_desks d ON d.unit = u.id "
      "WHERE u.kind IN ('liaison', 'duty_desk') ORDER BY u.party, u.id");
  if (!units) return std::move(units).error();
  json::array desks;
  for (const Row& r : *units) {
    const std::string party = r.Text(1);
    std::vector<std::string> shared = *coordinators;
    std::erase(shared, party);
    if (!CanSee(p, Scope{party, shared})) continue;
    json::object desk{
        {"unit", r.Text(0)},
        {"party", party},
        {"unit_name", json::object{{"en", r.Text(2)}, {"ar", r.Text(3)}, {"he", r.Text(4)}}},
        {"district", r.IsNull(5) ? json::value() : json::value(r.Text(5))},
        {"on_duty", r.IsNull(6) ? json::value() : json::value(r.Text(6))},
        {"on_duty_name", nullptr},
        {"since", r.IsNull(7) ? json::value() : json::value(FormatRfc3339(r.Int(7)))}};
    json::array members;
    auto users = tx.Query(
        "SELECT username, display_name, roles FROM users WHERE unit = ? AND disabled = 0 "
        "ORDER BY username",
        {r.Text(0)});
    if (!users) return std::move(users).error();
    for (const Row& u : *users) {
      const auto roles = RoleSet::Parse(u.Text(2)).value_or(RoleSet{});
      if (!roles.Has(Role::kDuty)) continue;
      members.push_back(json::object{{"username", u.Text(0)}, {"display_name", u.Text(1)}});
      if (!r.IsNull(6) && u.Text(0) == r.Text(6)) desk["on_duty_name"] = u.Text(1);
    }
    desk["members"] = std::move(members);
    json::value last = nullptr;
    if (!r.IsNull(8)) {
      auto h =
          tx.Query("SELECT " + std::string(kHandoverColumns) + " FROM duty_handovers WHERE seq = ?",
                   {r.Int(8)});
      if (!h) return std::move(h).error();
      if (!h->empty()) last = HandoverJson(h->front());
    }
    desk["last_handover"] = std::move(last);
    desks.push_back(std::move(desk));
  }
  const Shift now_shift = ShiftAt(plan, now);
  const Shift next_shift = ShiftAt(plan, now_shift.end);
  auto shift_json = [](const Shift& s) {
    return json::object{
        {"index", s.index}, {"start", FormatRfc3339(s.start)}, {"end", FormatRfc3339(s.end)}};
  };
  json::array shifts;
  for (int i = 0; i < 24 / plan.shift_hours; ++i) {
    const int start = (plan.first_start_minutes + i * plan.shift_hours * 60) % (24 * 60);
    char hhmm[8];
    std::snprintf(hhmm, sizeof hhmm, "%02d:%02d", start / 60, start % 60);
    shifts.push_back(json::object{{"index", i}, {"start_utc", hhmm}, {"hours", plan.shift_hours}});
  }
  return json::value(json::object{{"shifts", std::move(shifts)},
                                  {"current_shift", shift_json(now_shift)},
                                  {"next_shift", shift_json(next_shift)},
                                  {"desks", std::move(desks)}});
}

Result<json::value> Queue(Tx& tx, const Principal& p, std::string_view unit, Micros now) {
  auto desk = ResolveDesk(tx, p, unit);
  if (!desk) return std::move(desk).error();
  auto items = DeskQueue(tx, p, *desk, now);
  if (!items) return std::move(items).error();
  return json::value(
      json::object{{"unit", desk->id}, {"items", std::move(*items)}, {"next", nullptr}});
}

Result<json::value> Handovers(Tx& tx, const Principal& p, std::string_view unit) {
  auto desk = ResolveDesk(tx, p, unit);
  if (!desk) return std::move(desk).error();
  auto rows = tx.Query("SELECT " + std::string(kHandoverColumns) +
                           " FROM duty_handovers WHERE unit = ? ORDER BY seq DESC LIMIT 100",
                       {desk->id});
  if (!rows) return std::move(rows).error();
  json::array items;
  for (const Row& r : *rows) items.push_back(HandoverJson(r));
  return json::value(json::object{{"items", std::move(items)}, {"next", nullptr}});
}

}  // namespace liaison::duty
