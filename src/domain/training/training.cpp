// The training projection, the commands and the enrolment gate; the queries
// are in views.cpp. See docs/training.md.
#include "domain/training/training.hpp"

#include <algorithm>
#include <boost/json/serialize.hpp>
#include <functional>
#include <map>
#include <set>

#include "authz/policy.hpp"
#include "core/time.hpp"
#include "domain/columns.hpp"
#include "domain/footprint.hpp"
#include "domain/personnel/personnel.hpp"
#include "domain/training/common.hpp"
#include "domain/training/rules.hpp"
#include "domain/vetting/vetting.hpp"
#include "store/event_log.hpp"

namespace liaison::training {
namespace {

constexpr std::string_view kResults[] = {"passed", "failed", "absent"};
constexpr size_t kMaxTitleChars = 200;
constexpr size_t kMaxTextChars = 4000;
constexpr size_t kMaxPrerequisites = 16;
constexpr size_t kMaxInstructors = 20;
constexpr size_t kMaxHistoryResults = 500;
constexpr std::int64_t kMaxDurationDays = 365;
constexpr std::int64_t kMaxCapacity = 1000;
constexpr std::int64_t kMaxValidityMonths = 240;
constexpr std::int64_t kMaxRequired = 1'000'000;
constexpr std::int64_t kMaxScore = 100;
constexpr StringRule kIdRule{1, 64};
// Byte limits generous enough for the character limits in any script.
constexpr StringRule kTitleRule{1, kMaxTitleChars * 4};
constexpr StringRule kTextRule{0, kMaxTextChars * 4};

// --- Input ---------------------------------------------------------------

Result<std::string> ReadCode(const json::object& in, std::string_view key, std::string_view what) {
  auto v = RequireString(in, key, {1, 64});
  if (!v) return std::move(v).error();
  LIAISON_TRY(CheckCode(*v, Pointer(key), what));
  return v;
}

Result<std::string> ReadTitle(const json::object& in, std::string_view key) {
  auto v = RequireString(in, key, kTitleRule);
  if (!v) return std::move(v).error();
  if (Utf8Length(*v) > kMaxTitleChars) {
    return Error::Invalid(Pointer(key), std::string(key) + " is too long (200 characters at most)");
  }
  return v;
}

Result<std::optional<std::string>> ReadOptionalTitle(const json::object& in, std::string_view key) {
  if (!in.contains(key) || in.at(key).is_null()) return std::optional<std::string>();
  auto v = ReadTitle(in, key);
  if (!v) return std::move(v).error();
  return std::optional<std::string>(std::move(*v));
}

Result<std::optional<std::string>> ReadText(const json::object& in, std::string_view key) {
  auto v = OptionalString(in, key, kTextRule);
  if (!v) return std::move(v).error();
  if (v->has_value() && Utf8Length(**v) > kMaxTextChars) {
    return Error::Invalid(Pointer(key),
                          std::string(key) + " is too long (4,000 characters at most)");
  }
  if (v->has_value() && (*v)->empty()) return std::optional<std::string>();
  return v;
}

Result<std::string> ReadDate(const json::object& in, std::string_view key) {
  auto v = RequireString(in, key, {1, 16});
  if (!v) return std::move(v).error();
  auto date = ParseDate(*v);
  if (!date) {
    return Error::Invalid(Pointer(key), std::string(key) + " must be a date, YYYY-MM-DD");
  }
  return std::move(*date);
}

Result<std::int64_t> RequireInt(const json::object& in, std::string_view key, std::int64_t min,
                                std::int64_t max) {
  auto v = OptionalInt(in, key, min, max);
  if (!v) return std::move(v).error();
  if (!v->has_value()) {
    return Error::Invalid(Pointer(key), std::string(key) + " is required (a whole number from " +
                                            std::to_string(min) + " to " + std::to_string(max) +
                                            ")");
  }
  return **v;
}

// An array of up to `max` distinct strings, each checked by `check`.
Result<std::vector<std::string>> ReadList(
    const json::object& in, std::string_view key, size_t max, StringRule rule,
    const std::function<Status(const std::string&, const std::string&)>& check) {
  const std::string ptr = Pointer(key);
  const json::value* v = in.if_contains(key);
  if (v == nullptr || v->is_null()) return std::vector<std::string>();
  if (!v->is_array()) return Error::Invalid(ptr, std::string(key) + " must be an array of strings");
  const json::array& a = v->get_array();
  if (a.size() > max) {
    return Error::Invalid(ptr, std::string(key) + " holds at most " + std::to_string(max));
  }
  std::vector<std::string> out;
  for (size_t i = 0; i < a.size(); ++i) {
    const std::string item_ptr = ptr + "/" + std::to_string(i);
    if (!a[i].is_string()) return Error::Invalid(item_ptr, "must be a string");
    std::string s(a[i].get_string());
    if (s.size() > rule.max_bytes) return Error::Invalid(item_ptr, "is too long");
    if (!IsCleanUtf8(s) || Utf8Length(s) < rule.min_chars) {
      return Error::Invalid(item_ptr, "must be a non-empty text without control characters");
    }
    LIAISON_TRY(check(s, item_ptr));
    if (std::find(out.begin(), out.end(), s) != out.end()) {
      return Error::Invalid(item_ptr, s + " is listed twice");
    }
    out.push_back(std::move(s));
  }
  return out;
}

std::optional<std::string> TextOf(const json::object& b, std::string_view key) {
  const json::value* v = b.if_contains(key);
  if (v == nullptr || !v->is_string()) return std::nullopt;
  return std::string(v->get_string());
}

std::int64_t IntOf(const json::object& b, std::string_view key) {
  const json::value* v = b.if_contains(key);
  return v && v->is_number() ? v->to_number<std::int64_t>() : 0;
}

SqlValue OptionalIntColumn(const json::object& b, std::string_view key) {
  const json::value* v = b.if_contains(key);
  if (v == nullptr || !v->is_number()) return SqlValue{};
  return v->to_number<std::int64_t>();
}

// --- Scopes --------------------------------------------------------------

// A training record kept by `party` (a coordinator party), shared with the
// registry party.
liaison::Scope RecordScope(const std::string& party, const Settings& s) {
  return liaison::Scope{party, {s.registry_party}};
}

// --- Stored records, as the commands need them ---------------------------------

struct Course {
  std::string code, party, qualification;
  std::vector<std::string> shared_with, prerequisites;
  std::int64_t duration_days = 0, capacity = 0;
  std::optional<int> validity_months;
  bool active = true;
  liaison::Scope scope() const { return {party, shared_with}; }
};

Result<std::optional<Course>> LoadCourse(Tx& tx, std::string_view code) {
  auto rows = tx.Query(
      "SELECT code, party, shared_with, qualification, prerequisites, duration_days, capacity, "
      "validity_months, active FROM courses WHERE code = ?",
      {std::string(code)});
  if (!rows) return std::move(rows).error();
  if (rows->empty()) return std::optional<Course>();
  const Row& r = rows->front();
  Course c;
  c.code = r.Text(0);
  c.party = r.Text(1);
  c.shared_with = SplitShares(r.Text(2));
  c.qualification = r.Text(3);
  json::value prerequisites = StoredJson(r, 4);
  if (prerequisites.is_array()) {
    for (const auto& q : prerequisites.get_array()) {
      if (q.is_string()) c.prerequisites.emplace_back(q.get_string());
    }
  }
  c.duration_days = r.Int(5);
  c.capacity = r.Int(6);
  if (!r.IsNull(7)) c.validity_months = static_cast<int>(r.Int(7));
  c.active = r.Int(8) != 0;
  return std::optional<Course>(std::move(c));
}

// A course the actor cannot see does not exist for them.
Result<Course> LoadVisibleCourse(Tx& tx, const Principal& p, std::string_view code) {
  auto c = LoadCourse(tx, code);
  if (!c) return std::move(c).error();
  if (!c->has_value() || !CanSee(p, (*c)->scope())) return Error::NotFound("no such course");
  return std::move(**c);
}

struct Session {
  std::string id, course, party, starts_on, ends_on, state;
  std::vector<std::string> shared_with;
  std::int64_t capacity = 0;
  liaison::Scope scope() const { return {party, shared_with}; }
};

Result<std::optional<Session>> LoadSession(Tx& tx, std::string_view id) {
  auto rows = tx.Query(
      "SELECT id, course, party, shared_with, starts_on, ends_on, state, capacity "
      "FROM training_sessions WHERE id = ?",
      {std::string(id)});
  if (!rows) return std::move(rows).error();
  if (rows->empty()) return std::optional<Session>();
  const Row& r = rows->front();
  Session s;
  s.id = r.Text(0);
  s.course = r.Text(1);
  s.party = r.Text(2);
  s.shared_with = SplitShares(r.Text(3));
  s.starts_on = r.Text(4);
  s.ends_on = r.Text(5);
  s.state = r.Text(6);
  s.capacity = r.Int(7);
  return std::optional<Session>(std::move(s));
}

struct Enrolment {
  std::string id, session, person, party, state;
  std::vector<std::string> shared_with;
  liaison::Scope scope() const { return {party, shared_with}; }
};

Result<std::optional<Enrolment>> LoadEnrolment(Tx& tx, std::string_view id) {
  auto rows =
      tx.Query("SELECT id, session, person, party, shared_with, state FROM enrolments WHERE id = ?",
               {std::string(id)});
  if (!rows) return std::move(rows).error();
  if (rows->empty()) return std::optional<Enrolment>();
  const Row& r = rows->front();
  Enrolment e;
  e.id = r.Text(0);
  e.session = r.Text(1);
  e.person = r.Text(2);
  e.party = r.Text(3);
  e.shared_with = SplitShares(r.Text(4));
  e.state = r.Text(5);
  return std::optional<Enrolment>(std::move(e));
}

Result<Enrolment> LoadVisibleEnrolment(Tx& tx, const Principal& p, std::string_view id) {
  auto e = LoadEnrolment(tx, id);
  if (!e) return std::move(e).error();
  if (!e->has_value() || !CanSee(p, (*e)->scope())) return Error::NotFound("no such enrolment");
  return std::move(**e);
}

// The registry person named by `key`, which `p` must be able to see.
Result<personnel::PersonRef> ReadPerson(Tx& tx, const Principal& p, const json::object& in,
                                        std::string_view key) {
  auto id = RequireString(in, key, kIdRule);
  if (!id) return std::move(id).error();
  auto person = personnel::FindPerson(tx, *id);
  if (!person) return std::move(person).error();
  if (!person->has_value() ||
      !CanSee(p, liaison::Scope{(*person)->party, SplitShares((*person)->shared_with)})) {
    return Error::Invalid(Pointer(key), "no such person in the personnel registry");
  }
  return std::move(**person);
}

Result<std::int64_t> SeatsTaken(Tx& tx, const std::string& session) {
  auto rows = tx.Query("SELECT COUNT(*) FROM enrolments WHERE session = ? AND state <> 'withdrawn'",
                       {session});
  if (!rows) return std::move(rows).error();
  return rows->front().Int(0);
}

// A person's qualifications: code -> expires_on.
Result<std::map<std::string, std::optional<std::string>>> HeldBy(Tx& tx,
                                                                 const std::string& person) {
  auto rows =
      tx.Query("SELECT qualification, expires_on FROM qualifications WHERE person = ?", {person});
  if (!rows) return std::move(rows).error();
  std::map<std::string, std::optional<std::string>> out;
  for (const Row& r : *rows) out[r.Text(0)] = OptionalText(r, 1);
  return out;
}

// Whether some course grants `qualification` (besides `except`, a course
// being redefined).
Result<bool> Granted(Tx& tx, const std::string& qualification, const std::string& except = {}) {
  auto rows = tx.Query("SELECT 1 FROM courses WHERE qualification = ? AND code <> ? LIMIT 1",
                       {qualification, except});
  if (!rows) return std::move(rows).error();
  return !rows->empty();
}

// --- The gate ----------------------------------------------------------------

// Everything an enrolment depends on, with the decision.
struct Evaluation {
  Session session;
  Course course;
  personnel::PersonRef person;
  vetting::Standing person_standing, unit_standing;
  EnrolmentFacts facts;
  EnrolmentDecision decision;
};

// The checks that come before the gate, which refuse without reasons: the
// records exist and are visible, the actor may enrol the person, the
// session is open, and the person is not enrolled in it already.
Result<Evaluation> Evaluate(Tx& tx, const Principal& p, const json::object& in, Micros now,
                            const Settings& s) {
  LIAISON_TRY(AuthorizeProgramme(tx, p, Action::kEnrol, s));
  LIAISON_TRY(OnlyKnownFields(in, {"session", "person"}));
  Evaluation ev;
  auto session_id = RequireString(in, "session", kIdRule);
  if (!session_id) return std::move(session_id).error();
  auto session = LoadSession(tx, *session_id);
  if (!session) return std::move(session).error();
  if (!session->has_value() || !CanSee(p, (*session)->scope())) {
    return Error::Invalid("/session", "no such session");
  }
  ev.session = std::move(**session);
  auto person = ReadPerson(tx, p, in, "person");
  if (!person) return std::move(person).error();
  ev.person = std::move(*person);
  LIAISON_TRY(Authorize(p, Action::kEnrol, PersonScope(ev.person)));

  const std::string today = DateOf(now);
  if (ev.session.state == "cancelled") {
    return Error::Conflict("the session was cancelled; enrol in another session", "/session");
  }
  if (today >= ev.session.starts_on) {
    return Error::Conflict("the session started on " + ev.session.starts_on +
                               "; enrolment closes the day before it starts",
                           "/session");
  }
  auto taken = tx.Query(
      "SELECT id FROM enrolments WHERE session = ? AND person = ? AND state <> 'withdrawn'",
      {ev.session.id, ev.person.id});
  if (!taken) return std::move(taken).error();
  if (!taken->empty()) {
    return Error::Conflict(
        "the person is already enrolled in this session (" + taken->front().Text(0) + ")",
        "/person");
  }
  auto course = LoadCourse(tx, ev.session.course);
  if (!course) return std::move(course).error();
  if (!course->has_value()) return Error::Internal("session without its course " + ev.session.id);
  ev.course = std::move(**course);

  auto person_standing = vetting::StandingOf(tx, "person", ev.person.id, now);
  if (!person_standing) return std::move(person_standing).error();
  ev.person_standing = std::move(*person_standing);
  auto unit_standing = vetting::StandingOf(tx, "unit", ev.person.unit, now);
  if (!unit_standing) return std::move(unit_standing).error();
  ev.unit_standing = std::move(*unit_standing);
  auto held = HeldBy(tx, ev.person.id);
  if (!held) return std::move(held).error();
  auto seats = SeatsTaken(tx, ev.session.id);
  if (!seats) return std::move(seats).error();

  ev.facts.person_cleared = ev.person_standing.cleared();
  ev.facts.unit_cleared = ev.unit_standing.cleared();
  ev.facts.person_status = ev.person.status;
  ev.facts.prerequisites = ev.course.prerequisites;
  ev.facts.held = std::move(*held);
  ev.facts.session_starts_on = ev.session.starts_on;
  ev.facts.seats_taken = *seats;
  ev.facts.capacity = ev.session.capacity;
  ev.decision = Decide(ev.facts);
  return ev;
}

std::string_view ReasonText(std::string_view code) {
  if (code == kNotCleared) return "the person has no current clearance";
  if (code == kUnitNotCleared) return "the person's unit has no current clearance";
  if (code == kPrerequisiteMissing) return "a prerequisite qualification is missing or expired";
  if (code == kSessionFull) return "the session is full";
  if (code == kNotActive) return "the person is not active";
  return code;
}

json::array CodesJson(const std::vector<std::string_view>& codes) {
  json::array out;
  for (std::string_view c : codes) out.emplace_back(c);
  return out;
}

Error Refusal(const EnrolmentDecision& d) {
  std::string message = "enrolment refused: ";
  for (size_t i = 0; i < d.reasons.size(); ++i) {
    message += (i ? "; " : "") + std::string(ReasonText(d.reasons[i]));
  }
  Error e = Error::Precondition(std::move(message));
  e.extra = json::serialize(
      json::object{{"reasons", CodesJson(d.reasons)},
                   {"missing_prerequisites", StringArray(d.missing_prerequisites)}});
  return e;
}

// --- Projection ----------------------------------------------------------

Status ApplyCourseDefined(WriteTx& tx, const Event& e, const json::object& b) {
  const json::value* validity = b.if_contains("validity_months");
  const json::value prerequisites =
      b.contains("prerequisites") ? b.at("prerequisites") : json::value(json::array{});
  const json::value* active = b.if_contains("active");
  return tx.Exec(
      "INSERT INTO courses (code, party, shared_with, title_en, title_ar, title_he, nation, "
      "duration_days, capacity, prerequisites, qualification, validity_months, description, "
      "active, created_seq, updated_seq) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
      "ON CONFLICT (code) DO UPDATE SET party = excluded.party, "
      "shared_with = excluded.shared_with, title_en = excluded.title_en, "
      "title_ar = excluded.title_ar, title_he = excluded.title_he, nation = excluded.nation, "
      "duration_days = excluded.duration_days, capacity = excluded.capacity, "
      "prerequisites = excluded.prerequisites, qualification = excluded.qualification, "
      "validity_months = excluded.validity_months, description = excluded.description, "
      "active = excluded.active, updated_seq = excluded.updated_seq",
      {JsonString(b, "code"), e.party, JoinShares(e.shared_with), JsonString(b, "title_en"),
       JsonString(b, "title_ar"), OptionalTextColumn(b, "title_he"), JsonString(b, "nation"),
       IntOf(b, "duration_days"), IntOf(b, "capacity"), CanonicalJson(prerequisites),
       JsonString(b, "qualification"),
       validity && validity->is_number() ? SqlValue{validity->to_number<std::int64_t>()}
                                         : SqlValue{},
       OptionalTextColumn(b, "description"),
       std::int64_t{active == nullptr || !active->is_bool() || active->get_bool()}, e.seq, e.seq});
}

Status ApplySessionScheduled(WriteTx& tx, const Event& e, const json::object& b) {
  const json::value instructors =
      b.contains("instructors") ? b.at("instructors") : json::value(json::array{});
  return tx.Exec(
      "INSERT INTO training_sessions (id, year, number, course, party, shared_with, starts_on, "
      "ends_on, location, instructors, capacity, state, created_seq, updated_seq) "
      "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
      {JsonString(b, "id"), IntOf(b, "year"), IntOf(b, "number"), JsonString(b, "course"), e.party,
       JoinShares(e.shared_with), JsonString(b, "starts_on"), JsonString(b, "ends_on"),
       JsonString(b, "location"), CanonicalJson(instructors), IntOf(b, "capacity"),
       JsonString(b, "state"), e.seq, e.seq});
}

Status ApplyEnrolled(WriteTx& tx, const Event& e, const json::object& b) {
  return tx.Exec(
      "INSERT INTO enrolments (id, year, number, session, person, party, shared_with, state, "
      "enrolled_by, enrolled_at, created_seq, updated_seq) "
      "VALUES (?, ?, ?, ?, ?, ?, ?, 'enrolled', ?, ?, ?, ?)",
      {JsonString(b, "id"), IntOf(b, "year"), IntOf(b, "number"), JsonString(b, "session"),
       JsonString(b, "person"), e.party, JoinShares(e.shared_with), e.actor, e.at, e.seq, e.seq});
}

Status ApplyResult(WriteTx& tx, const Event& e, const json::object& b) {
  const std::string id = JsonString(b, "id");
  LIAISON_TRY(
      tx.Exec("UPDATE enrolments SET state = ?, attendance = ?, score = ?, result_at = ?, "
              "updated_seq = ? WHERE id = ?",
              {JsonString(b, "result"), OptionalIntColumn(b, "attendance"),
               OptionalIntColumn(b, "score"), e.at, e.seq, id}));
  const std::optional<std::string> qualification = TextOf(b, "qualification");
  if (!qualification) return OkStatus();
  // Each person keeps their latest grant of a qualification: the one
  // obtained last (recorded last among equals).
  return tx.Exec(
      "INSERT INTO qualifications (person, qualification, obtained_on, expires_on, enrolment, "
      "seq) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (person, qualification) DO UPDATE SET "
      "obtained_on = excluded.obtained_on, expires_on = excluded.expires_on, "
      "enrolment = excluded.enrolment, seq = excluded.seq "
      "WHERE excluded.obtained_on >= qualifications.obtained_on",
      {JsonString(b, "person"), *qualification, JsonString(b, "obtained_on"),
       OptionalTextColumn(b, "expires_on"), id, e.seq});
}

Status ApplyTargetSet(WriteTx& tx, const Event& e, const json::object& b) {
  return tx.Exec(
      "INSERT INTO training_targets (id, year, number, party, shared_with, title, qualification, "
      "required, deployment, due_on, service, created_by, created_seq, updated_seq) "
      "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO UPDATE SET "
      "title = excluded.title, qualification = excluded.qualification, "
      "required = excluded.required, deployment = excluded.deployment, "
      "due_on = excluded.due_on, service = excluded.service, updated_seq = excluded.updated_seq",
      {JsonString(b, "id"), IntOf(b, "year"), IntOf(b, "number"), e.party,
       JoinShares(e.shared_with), JsonString(b, "title"), JsonString(b, "qualification"),
       IntOf(b, "required"), OptionalTextColumn(b, "deployment"), JsonString(b, "due_on"),
       OptionalTextColumn(b, "service"), e.actor, e.seq, e.seq});
}

// Replies with the record as the command left it.
void ReplyWith(CommandContext& ctx,
               std::function<Result<json::value>(Tx&, const Principal&, Micros)> get) {
  ctx.finish = [actor = ctx.actor, now = ctx.now, get = std::move(get)](
                   Tx& tx, json::value) -> Result<json::value> { return get(tx, actor, now); };
}

// --- Course definitions --------------------------------------------------------

struct CourseInput {
  json::object body;  // the training.course_defined body
  std::string qualification;
  std::vector<std::string> prerequisites;
};

// Reads a course definition (everything but the code and `active`).
Result<CourseInput> ReadCourse(Tx& tx, const json::object& in, const std::string& code) {
  CourseInput c;
  auto title_en = ReadTitle(in, "title_en");
  if (!title_en) return std::move(title_en).error();
  auto title_ar = ReadTitle(in, "title_ar");
  if (!title_ar) return std::move(title_ar).error();
  auto title_he = ReadOptionalTitle(in, "title_he");
  if (!title_he) return std::move(title_he).error();
  auto nation = RequireString(in, "nation", {1, 8});
  if (!nation) return std::move(nation).error();
  auto nations = tx.Query("SELECT 1 FROM nations WHERE code = ?", {*nation});
  if (!nations) return std::move(nations).error();
  if (nations->empty()) {
    return Error::Invalid("/nation",
                          "nation must be a coalition nation's code (see GET /api/v1/nations)");
  }
  auto duration = RequireInt(in, "duration_days", 1, kMaxDurationDays);
  if (!duration) return std::move(duration).error();
  auto capacity = RequireInt(in, "capacity", 1, kMaxCapacity);
  if (!capacity) return std::move(capacity).error();
  auto qualification = ReadCode(in, "qualification", "qualification");
  if (!qualification) return std::move(qualification).error();
  if (!in.contains("validity_months")) {
    return Error::Invalid("/validity_months",
                          "validity_months is required: months the qualification lasts, or null "
                          "when it does not expire");
  }
  auto validity = OptionalInt(in, "validity_months", 1, kMaxValidityMonths);
  if (!validity) return std::move(validity).error();
  auto prerequisites = ReadList(
      in, "prerequisites", kMaxPrerequisites, {2, kMaxCodeChars},
      [&](const std::string& q, const std::string& ptr) -> Status {
        LIAISON_TRY(CheckCode(q, ptr, "a prerequisite"));
        if (q == *qualification) {
          return Error::Invalid(ptr, "a course cannot require the qualification it grants");
        }
        auto granted = Granted(tx, q, code);
        if (!granted) return std::move(granted).error();
        if (!*granted) {
          return Error::Invalid(ptr, "no course in the catalogue grants " + q);
        }
        return OkStatus();
      });
  if (!prerequisites) return std::move(prerequisites).error();
  auto description = ReadText(in, "description");
  if (!description) return std::move(description).error();

  // No qualification may come to require itself through the catalogue.
  auto rows = tx.Query("SELECT qualification, prerequisites FROM courses WHERE code <> ?", {code});
  if (!rows) return std::move(rows).error();
  std::vector<CourseEdge> edges{{*qualification, *prerequisites}};
  for (const Row& r : *rows) {
    CourseEdge edge{r.Text(0), {}};
    json::value stored = StoredJson(r, 1);
    if (stored.is_array()) {
      for (const auto& q : stored.get_array()) {
        if (q.is_string()) edge.prerequisites.emplace_back(q.get_string());
      }
    }
    edges.push_back(std::move(edge));
  }
  if (auto cycle = FindPrerequisiteCycle(edges)) {
    return Error::Invalid("/prerequisites",
                          "the prerequisites would make " + *cycle + " a prerequisite of itself");
  }

  c.qualification = *qualification;
  c.prerequisites = *prerequisites;
  c.body = json::object{
      {"code", code},
      {"title_en", *title_en},
      {"title_ar", *title_ar},
      {"title_he", OrNull(*title_he)},
      {"nation", *nation},
      {"duration_days", *duration},
      {"capacity", *capacity},
      {"prerequisites", StringArray(*prerequisites)},
      {"qualification", *qualification},
      {"validity_months", validity->has_value() ? json::value(**validity) : json::value(nullptr)},
      {"description", OrNull(*description)}};
  return c;
}

constexpr std::string_view kCourseFields[] = {
    "code",     "title_en",      "title_ar",      "title_he",        "nation",     "duration_days",
    "capacity", "prerequisites", "qualification", "validity_months", "description"};
constexpr std::string_view kCourseUpdateFields[] = {
    "code",     "title_en",      "title_ar",      "title_he",        "nation",      "duration_days",
    "capacity", "prerequisites", "qualification", "validity_months", "description", "active"};

void ReplyWithCourse(CommandContext& ctx, std::string code, const Settings& s) {
  ReplyWith(ctx, [code = std::move(code), s](Tx& tx, const Principal& p, Micros now) {
    return GetCourse(tx, p, code, now, s);
  });
}

// --- Sessions ------------------------------------------------------------------

struct SessionInput {
  std::string course, starts_on, ends_on, location;
  std::vector<std::string> instructors;
  std::int64_t capacity = 0;
};

Result<SessionInput> ReadSession(const json::object& in, const Course& course) {
  SessionInput s;
  s.course = course.code;
  auto starts = ReadDate(in, "starts_on");
  if (!starts) return std::move(starts).error();
  s.starts_on = *starts;
  if (in.contains("ends_on") && !in.at("ends_on").is_null()) {
    auto ends = ReadDate(in, "ends_on");
    if (!ends) return std::move(ends).error();
    s.ends_on = *ends;
  } else {
    s.ends_on = AddDays(s.starts_on, course.duration_days - 1);
  }
  if (s.ends_on < s.starts_on) {
    return Error::Invalid("/ends_on", "ends_on must not be before starts_on");
  }
  if (DaysBetween(s.starts_on, s.ends_on) >= kMaxDurationDays) {
    return Error::Invalid("/ends_on", "a session lasts at most 365 days");
  }
  auto location = ReadTitle(in, "location");
  if (!location) return std::move(location).error();
  s.location = *location;
  auto instructors = ReadList(in, "instructors", kMaxInstructors, {1, kMaxTitleChars * 4},
                              [](const std::string& name, const std::string& ptr) -> Status {
                                if (Utf8Length(name) > kMaxTitleChars) {
                                  return Error::Invalid(ptr, "a name is at most 200 characters");
                                }
                                return OkStatus();
                              });
  if (!instructors) return std::move(instructors).error();
  if (instructors->empty()) {
    return Error::Invalid("/instructors", "instructors is required: at least one name");
  }
  s.instructors = std::move(*instructors);
  auto capacity = OptionalInt(in, "capacity", 1, kMaxCapacity);
  if (!capacity) return std::move(capacity).error();
  s.capacity = capacity->value_or(course.capacity);
  return s;
}

json::object SessionBody(const RecordNumber& n, const SessionInput& s) {
  return json::object{{"id", n.id},
                      {"year", n.year},
                      {"number", n.number},
                      {"course", s.course},
                      {"starts_on", s.starts_on},
                      {"ends_on", s.ends_on},
                      {"location", s.location},
                      {"instructors", StringArray(s.instructors)},
                      {"capacity", s.capacity},
                      {"state", "scheduled"}};
}

// --- Results -------------------------------------------------------------------

struct ResultInput {
  std::string result;
  std::int64_t attendance = 0;
  std::optional<std::int64_t> score;
};

Result<ResultInput> ReadResult(const json::object& in, const Session& session) {
  ResultInput r;
  auto result = RequireString(in, "result", {1, 16});
  if (!result) return std::move(result).error();
  if (!OneOf(*result, kResults)) {
    return Error::Invalid("/result", "result must be passed, failed or absent");
  }
  r.result = *result;
  const std::int64_t days = DaysBetween(session.starts_on, session.ends_on) + 1;
  auto attendance = OptionalInt(in, "attendance", 0, days);
  if (!attendance) return std::move(attendance).error();
  if (r.result == "absent") {
    if (attendance->value_or(0) != 0) {
      return Error::Invalid("/attendance", "an absent participant attended no days");
    }
  } else if (!attendance->has_value()) {
    return Error::Invalid(
        "/attendance", "attendance (days attended, 0 to " + std::to_string(days) + ") is required");
  } else if (r.result == "passed" && **attendance == 0) {
    return Error::Invalid("/attendance", "a participant who passed attended at least one day");
  }
  r.attendance = attendance->value_or(0);
  auto score = OptionalInt(in, "score", 0, kMaxScore);
  if (!score) return std::move(score).error();
  if (score->has_value() && r.result == "absent") {
    return Error::Invalid("/score", "an absent participant has no score");
  }
  r.score = *score;
  return r;
}

// The events of a result: training.result_recorded and, for a pass, the
// person's training_completed career event.
void EmitResult(CommandContext& ctx, const Enrolment& enrolment, const Session& session,
                const Course& course, const personnel::PersonRef& person, const ResultInput& r) {
  json::object body{{"id", enrolment.id},
                    {"session", session.id},
                    {"course", course.code},
                    {"person", person.id},
                    {"result", r.result},
                    {"attendance", r.attendance},
                    {"score", r.score ? json::value(*r.score) : json::value()}};
  const bool passed = r.result == "passed";
  const std::optional<std::string> expires = ExpiryOf(session.ends_on, course.validity_months);
  if (passed) {
    body["qualification"] = course.qualification;
    body["obtained_on"] = session.ends_on;
    body["expires_on"] = OrNull(expires);
  }
  ctx.Emit({"training.result_recorded", "enrolment/" + enrolment.id, enrolment.party,
            enrolment.shared_with, std::move(body)});
  if (!passed) return;
  ctx.Emit({"personnel.career_recorded", "person/" + person.id, person.party,
            SplitShares(person.shared_with),
            json::object{{"person", person.id},
                         {"kind", "training_completed"},
                         {"effective", session.ends_on},
                         {"changes", json::object{}},
                         {"course", course.code},
                         {"session", session.id},
                         {"qualification", course.qualification},
                         {"expires_on", OrNull(expires)}}});
}

}  // namespace

// --- Projection ----------------------------------------------------------

bool Handles(std::string_view event_type) { return event_type.starts_with("training."); }

Status Apply(WriteTx& tx, const Event& e, const json::object& b) {
  const std::string& t = e.type;
  if (t == "training.course_defined") return ApplyCourseDefined(tx, e, b);
  if (t == "training.session_scheduled") return ApplySessionScheduled(tx, e, b);
  if (t == "training.enrolled") return ApplyEnrolled(tx, e, b);
  if (t == "training.withdrawn") {
    return tx.Exec("UPDATE enrolments SET state = 'withdrawn', updated_seq = ? WHERE id = ?",
                   {e.seq, JsonString(b, "id")});
  }
  if (t == "training.session_cancelled") {
    return tx.Exec("UPDATE training_sessions SET state = 'cancelled', updated_seq = ? WHERE id = ?",
                   {e.seq, JsonString(b, "id")});
  }
  if (t == "training.result_recorded") return ApplyResult(tx, e, b);
  if (t == "training.target_set") return ApplyTargetSet(tx, e, b);
  return OkStatus();
}

// --- Commands ------------------------------------------------------------

Result<json::value> DefineCourse(CommandContext& ctx, const json::object& in, const Settings& s) {
  LIAISON_TRY(OnlyKnownFields(in, kCourseFields));
  const Principal& p = ctx.actor;
  const liaison::Scope scope = RecordScope(p.party, s);
  LIAISON_TRY(Authorize(p, Action::kManageTraining, scope));
  auto code = ReadCode(in, "code", "code");
  if (!code) return std::move(code).error();
  auto existing = LoadCourse(ctx.tx, *code);
  if (!existing) return std::move(existing).error();
  if (existing->has_value()) {
    return Error::Conflict("a course " + *code + " exists; change it with PUT", "/code");
  }
  auto course = ReadCourse(ctx.tx, in, *code);
  if (!course) return std::move(course).error();
  course->body["active"] = true;
  ctx.Emit({"training.course_defined", "course/" + *code, scope.owner_party, scope.shared_with,
            std::move(course->body)});
  ReplyWithCourse(ctx, *code, s);
  return json::value(json::object{{"code", *code}});
}

Result<json::value> UpdateCourse(CommandContext& ctx, std::string_view code, const json::object& in,
                                 const Settings& s) {
  auto stored = LoadVisibleCourse(ctx.tx, ctx.actor, code);
  if (!stored) return std::move(stored).error();
  LIAISON_TRY(Authorize(ctx.actor, Action::kManageTraining, stored->scope()));
  LIAISON_TRY(OnlyKnownFields(in, kCourseUpdateFields));
  auto given = OptionalString(in, "code", {1, 64});
  if (!given) return std::move(given).error();
  if (given->has_value() && **given != stored->code) {
    return Error::Invalid("/code", "code cannot change; it must be the path's " + stored->code);
  }
  auto course = ReadCourse(ctx.tx, in, stored->code);
  if (!course) return std::move(course).error();
  if (course->qualification != stored->qualification) {
    auto sessions =
        ctx.tx.Query("SELECT 1 FROM training_sessions WHERE course = ? LIMIT 1", {stored->code});
    if (!sessions) return std::move(sessions).error();
    if (!sessions->empty()) {
      return Error::Conflict(
          "the course has sessions: its qualification cannot change (define a new course)",
          "/qualification");
    }
  }
  auto active = OptionalBool(in, "active");
  if (!active) return std::move(active).error();
  course->body["active"] = active->value_or(stored->active);
  ctx.Emit({"training.course_defined", "course/" + stored->code, stored->party, stored->shared_with,
            std::move(course->body)});
  ReplyWithCourse(ctx, stored->code, s);
  return json::value(json::object{{"code", stored->code}});
}

Result<json::value> ScheduleSession(CommandContext& ctx, const json::object& in,
                                    const Settings& s) {
  LIAISON_TRY(OnlyKnownFields(
      in, {"course", "starts_on", "ends_on", "location", "instructors", "capacity"}));
  auto code = RequireString(in, "course", {1, 64});
  if (!code) return std::move(code).error();
  auto course = LoadCourse(ctx.tx, *code);
  if (!course) return std::move(course).error();
  if (!course->has_value() || !CanSee(ctx.actor, (*course)->scope())) {
    return Error::Invalid("/course", "no such course");
  }
  const Course& c = **course;
  LIAISON_TRY(Authorize(ctx.actor, Action::kManageTraining, c.scope()));
  if (!c.active) {
    return Error::Conflict("the course is no longer active; reactivate it first", "/course");
  }
  auto session = ReadSession(in, c);
  if (!session) return std::move(session).error();
  if (session->starts_on <= DateOf(ctx.now)) {
    return Error::Invalid("/starts_on", "a session is scheduled before the day it starts");
  }
  auto n = NextRecordNumber(ctx.tx, "training_sessions", "SES", ctx.now);
  if (!n) return std::move(n).error();
  ctx.Emit({"training.session_scheduled", "session/" + n->id, c.party, c.shared_with,
            SessionBody(*n, *session)});
  ReplyWith(ctx, [id = n->id, s](Tx& tx, const Principal& p, Micros now) {
    return GetSession(tx, p, id, now, s);
  });
  return json::value(json::object{{"id", n->id}});
}

Result<json::value> CancelSession(CommandContext& ctx, std::string_view id, const json::object& in,
                                  const Settings& s) {
  LIAISON_TRY(AuthorizeProgramme(ctx.tx, ctx.actor, Action::kReadTraining, s));
  auto session = LoadSession(ctx.tx, id);
  if (!session) return std::move(session).error();
  if (!session->has_value() || !CanSee(ctx.actor, (*session)->scope())) {
    return Error::NotFound("no such session");
  }
  const Session& ses = **session;
  LIAISON_TRY(Authorize(ctx.actor, Action::kManageTraining, ses.scope()));
  LIAISON_TRY(OnlyKnownFields(in, {"reason"}));
  auto reason = ReadText(in, "reason");
  if (!reason) return std::move(reason).error();
  if (!reason->has_value()) return Error::Invalid("/reason", "reason is required");
  if (ses.state == "cancelled") return Error::Conflict("the session is already cancelled");
  if (ses.starts_on <= DateOf(ctx.now)) {
    return Error::Conflict(
        "the session has started; only a session that has not started is "
        "cancelled");
  }
  // Its enrolments stay as they were, for the record; none can be added and
  // none can receive a result (the session never takes place).
  ctx.Emit({"training.session_cancelled", "session/" + ses.id, ses.party, ses.shared_with,
            json::object{{"id", ses.id}, {"course", ses.course}, {"reason", **reason}}});
  ReplyWith(ctx, [id = ses.id, s](Tx& tx, const Principal& p, Micros now) {
    return GetSession(tx, p, id, now, s);
  });
  return json::value(json::object{{"id", ses.id}});
}

Result<json::value> Enrol(CommandContext& ctx, const json::object& in, const Settings& s) {
  auto ev = Evaluate(ctx.tx, ctx.actor, in, ctx.now, s);
  if (!ev) return std::move(ev).error();
  if (!ev->decision.eligible()) return Refusal(ev->decision);
  auto n = NextRecordNumber(ctx.tx, "enrolments", "ENR", ctx.now);
  if (!n) return std::move(n).error();
  ctx.Emit({"training.enrolled", "enrolment/" + n->id, ev->session.party, ev->session.shared_with,
            json::object{{"id", n->id},
                         {"year", n->year},
                         {"number", n->number},
                         {"session", ev->session.id},
                         {"course", ev->course.code},
                         {"person", ev->person.id}}});
  ReplyWith(ctx,
            [id = n->id](Tx& tx, const Principal& p, Micros) { return GetEnrolment(tx, p, id); });
  return json::value(json::object{{"id", n->id}});
}

Result<json::value> Withdraw(CommandContext& ctx, std::string_view id, const json::object& in,
                             const Settings& s) {
  LIAISON_TRY(AuthorizeProgramme(ctx.tx, ctx.actor, Action::kEnrol, s));
  auto e = LoadVisibleEnrolment(ctx.tx, ctx.actor, id);
  if (!e) return std::move(e).error();
  LIAISON_TRY(OnlyKnownFields(in, {"reason"}));
  auto person = personnel::FindPerson(ctx.tx, e->person);
  if (!person) return std::move(person).error();
  // A person gone from the registry: the enrolment's own scope decides.
  const liaison::Scope scope = person->has_value() ? PersonScope(**person) : e->scope();
  LIAISON_TRY(Authorize(ctx.actor, Action::kEnrol, scope));
  if (e->state != "enrolled") {
    return Error::Conflict("the enrolment is " + e->state +
                           "; only an enrolment without a result "
                           "is withdrawn");
  }
  auto reason = ReadText(in, "reason");
  if (!reason) return std::move(reason).error();
  json::object body{{"id", e->id}, {"session", e->session}, {"person", e->person}};
  if (reason->has_value()) body["reason"] = **reason;
  ctx.Emit({"training.withdrawn", "enrolment/" + e->id, e->party, e->shared_with, std::move(body)});
  ReplyWith(ctx,
            [id = e->id](Tx& tx, const Principal& p, Micros) { return GetEnrolment(tx, p, id); });
  return json::value(json::object{{"id", e->id}});
}

Result<json::value> RecordResult(CommandContext& ctx, std::string_view id, const json::object& in,
                                 const Settings& /*s*/) {
  auto e = LoadVisibleEnrolment(ctx.tx, ctx.actor, id);
  if (!e) return std::move(e).error();
  LIAISON_TRY(Authorize(ctx.actor, Action::kManageTraining, e->scope()));
  LIAISON_TRY(OnlyKnownFields(in, {"result", "attendance", "score"}));
  if (e->state != "enrolled") {
    return Error::Conflict("the enrolment is " + e->state +
                           "; a result is recorded once, for an enrolled participant");
  }
  auto session = LoadSession(ctx.tx, e->session);
  if (!session) return std::move(session).error();
  if (!session->has_value()) return Error::Internal("enrolment without its session " + e->id);
  const Session& ses = **session;
  if (ses.state == "cancelled") {
    return Error::Conflict("the session was cancelled; it has no results");
  }
  auto course = LoadCourse(ctx.tx, ses.course);
  if (!course) return std::move(course).error();
  if (!course->has_value()) return Error::Internal("session without its course " + ses.id);
  auto person = personnel::FindPerson(ctx.tx, e->person);
  if (!person) return std::move(person).error();
  if (!person->has_value()) {
    return Error::Conflict("the person is no longer in the personnel registry");
  }
  auto result = ReadResult(in, ses);
  if (!result) return std::move(result).error();
  const std::string today = DateOf(ctx.now);
  if (result->result == "absent" ? today < ses.starts_on : today < ses.ends_on) {
    return Error::Conflict(
        result->result == "absent"
            ? "the session starts on " + ses.starts_on + "; absence is recorded from then"
            : "the session ends on " + ses.ends_on + "; results are recorded from its last day");
  }
  EmitResult(ctx, *e, ses, **course, **person, *result);
  ReplyWith(ctx,
            [id = e->id](Tx& tx, const Principal& p, Micros) { return GetEnrolment(tx, p, id); });
  return json::value(json::object{{"id", e->id}});
}

Result<json::value> SetTarget(CommandContext& ctx, const json::object& in, const Settings& s) {
  LIAISON_TRY(OnlyKnownFields(
      in, {"title", "qualification", "required", "deployment", "due_on", "service"}));
  const liaison::Scope scope = RecordScope(ctx.actor.party, s);
  LIAISON_TRY(Authorize(ctx.actor, Action::kManageTraining, scope));
  auto title = ReadTitle(in, "title");
  if (!title) return std::move(title).error();
  auto qualification = ReadCode(in, "qualification", "qualification");
  if (!qualification) return std::move(qualification).error();
  auto granted = Granted(ctx.tx, *qualification);
  if (!granted) return std::move(granted).error();
  if (!*granted) {
    return Error::Invalid("/qualification", "no course in the catalogue grants " + *qualification);
  }
  auto required = RequireInt(in, "required", 1, kMaxRequired);
  if (!required) return std::move(required).error();
  auto deployment = ReadOptionalTitle(in, "deployment");
  if (!deployment) return std::move(deployment).error();
  auto due_on = ReadDate(in, "due_on");
  if (!due_on) return std::move(due_on).error();
  if (*due_on < DateOf(ctx.now)) return Error::Invalid("/due_on", "due_on is in the past");
  auto service = OptionalString(in, "service", {1, 16});
  if (!service) return std::move(service).error();
  if (service->has_value() && s.reference != nullptr &&
      s.reference->FindService(**service) == nullptr) {
    return Error::Invalid("/service", "no such service (see GET /api/v1/personnel/reference)");
  }
  auto n = NextRecordNumber(ctx.tx, "training_targets", "TGT", ctx.now);
  if (!n) return std::move(n).error();
  ctx.Emit({"training.target_set", "target/" + n->id, scope.owner_party, scope.shared_with,
            json::object{{"id", n->id},
                         {"year", n->year},
                         {"number", n->number},
                         {"title", *title},
                         {"qualification", *qualification},
                         {"required", *required},
                         {"deployment", OrNull(*deployment)},
                         {"due_on", *due_on},
                         {"service", OrNull(*service)}}});
  ReplyWith(ctx, [id = n->id, s](Tx& tx, const Principal& p, Micros now) {
    return GetTarget(tx, p, id, now, s);
  });
  return json::value(json::object{{"id", n->id}});
}

Result<json::value> RecordCompletedSession(CommandContext& ctx, const json::object& in,
                                           const Settings& /*s*/) {
  LIAISON_TRY(OnlyKnownFields(
      in, {"course", "starts_on", "ends_on", "location", "instructors", "capacity", "results"}));
  auto code = RequireString(in, "course", {1, 64});
  if (!code) return std::move(code).error();
  auto course = LoadCourse(ctx.tx, *code);
  if (!course) return std::move(course).error();
  if (!course->has_value() || !CanSee(ctx.actor, (*course)->scope())) {
    return Error::Invalid("/course", "no such course");
  }
  const Course& c = **course;
  LIAISON_TRY(Authorize(ctx.actor, Action::kManageTraining, c.scope()));
  json::object session_in = in;
  session_in.erase("results");
  auto input = ReadSession(session_in, c);
  if (!input) return std::move(input).error();
  if (input->ends_on > DateOf(ctx.now)) {
    return Error::Invalid("/ends_on", "only a session that has ended is recorded as history");
  }
  const json::value* results = in.if_contains("results");
  if (results == nullptr || !results->is_array() || results->get_array().empty() ||
      results->get_array().size() > kMaxHistoryResults) {
    return Error::Invalid("/results", "results must list 1 to 500 participants' results");
  }
  if (results->get_array().size() > static_cast<size_t>(input->capacity)) {
    return Error::Invalid("/results", "more participants than the session's capacity");
  }
  auto n = NextRecordNumber(ctx.tx, "training_sessions", "SES", ctx.now);
  if (!n) return std::move(n).error();
  const Session session{n->id,          c.code,      c.party,       input->starts_on,
                        input->ends_on, "scheduled", c.shared_with, input->capacity};
  ctx.Emit({"training.session_scheduled", "session/" + n->id, c.party, c.shared_with,
            SessionBody(*n, *input)});
  json::array ids;
  std::set<std::string> seen;
  for (size_t i = 0; i < results->get_array().size(); ++i) {
    const std::string ptr = "/results/" + std::to_string(i);
    const json::value& item = results->get_array()[i];
    if (!item.is_object()) return Error::Invalid(ptr, "must be an object");
    const json::object& r = item.get_object();
    if (auto known = OnlyKnownFields(r, {"person", "result", "attendance", "score"}); !known) {
      return Nested(std::move(known).error(), ptr);
    }
    auto person = ReadPerson(ctx.tx, ctx.actor, r, "person");
    if (!person) return Nested(std::move(person).error(), ptr);
    if (!seen.insert(person->id).second) {
      return Error::Invalid(ptr + "/person", person->id + " is listed twice");
    }
    auto result = ReadResult(r, session);
    if (!result) return Nested(std::move(result).error(), ptr);
    auto e = NextRecordNumber(ctx.tx, "enrolments", "ENR", ctx.now, static_cast<std::int64_t>(i));
    if (!e) return std::move(e).error();
    ctx.Emit({"training.enrolled", "enrolment/" + e->id, c.party, c.shared_with,
              json::object{{"id", e->id},
                           {"year", e->year},
                           {"number", e->number},
                           {"session", session.id},
                           {"course", c.code},
                           {"person", person->id}}});
    EmitResult(ctx, Enrolment{e->id, session.id, person->id, c.party, "enrolled", c.shared_with},
               session, c, *person, *result);
    ids.emplace_back(e->id);
  }
  return json::value(json::object{{"session", n->id}, {"enrolments", std::move(ids)}});
}

// --- Queries -------------------------------------------------------------

Result<json::value> CheckEnrolment(Tx& tx, const Principal& p, const json::object& in, Micros now,
                                   const Settings& s) {
  auto ev = Evaluate(tx, p, in, now, s);
  if (!ev) return std::move(ev).error();
  auto qualifications = QualificationsJson(tx, ev->person.id, DateOf(now));
  if (!qualifications) return std::move(qualifications).error();
  auto standing = [](const vetting::Standing& st) {
    return json::object{{"status", st.status},
                        {"valid_until", st.valid_until ? json::value(FormatRfc3339(*st.valid_until))
                                                       : json::value()}};
  };
  return json::value(
      json::object{{"eligible", ev->decision.eligible()},
                   {"reasons", CodesJson(ev->decision.reasons)},
                   {"missing_prerequisites", StringArray(ev->decision.missing_prerequisites)},
                   {"session", ev->session.id},
                   {"course", ev->course.code},
                   {"starts_on", ev->session.starts_on},
                   {"person", ev->person.id},
                   {"person_status", ev->person.status},
                   {"unit", ev->person.unit},
                   {"standing", json::object{{"person", standing(ev->person_standing)},
                                             {"unit", standing(ev->unit_standing)}}},
                   {"prerequisites", StringArray(ev->course.prerequisites)},
                   {"qualifications", std::move(*qualifications)},
                   {"seats_taken", ev->facts.seats_taken},
                   {"capacity", ev->facts.capacity}});
}

}  // namespace liaison::training
