// The training queries: lists and records as the API shows them, and the
// targets' progress. See docs/training.md.
#include <algorithm>
#include <cmath>

#include "authz/policy.hpp"
#include "core/time.hpp"
#include "domain/columns.hpp"
#include "domain/personnel/personnel.hpp"
#include "domain/training/common.hpp"
#include "domain/training/rules.hpp"
#include "domain/training/training.hpp"
#include "domain/vetting/vetting.hpp"
#include "store/event_log.hpp"

namespace liaison::training {
namespace {

constexpr std::string_view kEnrolmentStates[] = {"enrolled", "withdrawn", "passed", "failed",
                                                 "absent"};
constexpr std::string_view kSessionStates[] = {"scheduled", "cancelled"};

json::value IntOrNull(const Row& r, size_t i) {
  if (r.IsNull(i)) return nullptr;
  return r.Int(i);
}

std::string Placeholders(size_t n) {
  std::string out;
  for (size_t i = 0; i < n; ++i) out += i ? ", ?" : "?";
  return out;
}

// --- Views ---------------------------------------------------------------

enum CourseCol {
  kCourseCode,
  kCourseParty,
  kCourseShared,
  kCourseTitleEn,
  kCourseTitleAr,
  kCourseTitleHe,
  kCourseNation,
  kCourseDuration,
  kCourseCapacity,
  kCoursePrerequisites,
  kCourseQualification,
  kCourseValidity,
  kCourseDescription,
  kCourseActive,
  kCourseCreatedSeq,
  kCourseUpdatedSeq,
  kCourseNationEn,
  kCourseNationAr,
  kCourseNationHe,
};

constexpr std::string_view kCourseColumns =
    "c.code, c.party, c.shared_with, c.title_en, c.title_ar, c.title_he, c.nation, "
    "c.duration_days, c.capacity, c.prerequisites, c.qualification, c.validity_months, "
    "c.description, c.active, c.created_seq, c.updated_seq, n.name_en, n.name_ar, n.name_he";
constexpr std::string_view kCourseFrom = " FROM courses c LEFT JOIN nations n ON n.code = c.nation";

json::object CourseJson(const Row& r) {
  return json::object{{"code", r.Text(kCourseCode)},
                      {"title_en", r.Text(kCourseTitleEn)},
                      {"title_ar", r.Text(kCourseTitleAr)},
                      {"title_he", TextOrNull(r, kCourseTitleHe)},
                      {"nation", r.Text(kCourseNation)},
                      {"nation_name_en", TextOrNull(r, kCourseNationEn)},
                      {"nation_name_ar", TextOrNull(r, kCourseNationAr)},
                      {"nation_name_he", TextOrNull(r, kCourseNationHe)},
                      {"duration_days", r.Int(kCourseDuration)},
                      {"capacity", r.Int(kCourseCapacity)},
                      {"prerequisites", StoredJson(r, kCoursePrerequisites)},
                      {"qualification", r.Text(kCourseQualification)},
                      {"validity_months", IntOrNull(r, kCourseValidity)},
                      {"description", TextOrNull(r, kCourseDescription)},
                      {"active", r.Int(kCourseActive) != 0},
                      {"party", r.Text(kCourseParty)},
                      {"shared_with", StringArray(SplitShares(r.Text(kCourseShared)))},
                      {"seq", r.Int(kCourseCreatedSeq)},
                      {"updated_seq", r.Int(kCourseUpdatedSeq)}};
}

enum SessionCol {
  kSesId,
  kSesCourse,
  kSesParty,
  kSesShared,
  kSesStartsOn,
  kSesEndsOn,
  kSesLocation,
  kSesInstructors,
  kSesCapacity,
  kSesState,
  kSesCreatedSeq,
  kSesUpdatedSeq,
  kSesTitleEn,
  kSesTitleAr,
  kSesNation,
  kSesQualification,
  kSesSeatsTaken,
};

constexpr std::string_view kSessionColumns =
    "s.id, s.course, s.party, s.shared_with, s.starts_on, s.ends_on, s.location, s.instructors, "
    "s.capacity, s.state, s.created_seq, s.updated_seq, c.title_en, c.title_ar, c.nation, "
    "c.qualification, (SELECT COUNT(*) FROM enrolments e WHERE e.session = s.id AND "
    "e.state <> 'withdrawn')";
constexpr std::string_view kSessionFrom =
    " FROM training_sessions s JOIN courses c ON c.code = s.course";

json::object SessionJson(const Row& r, const std::string& today) {
  const std::int64_t capacity = r.Int(kSesCapacity);
  const std::int64_t taken = r.Int(kSesSeatsTaken);
  const std::string starts = r.Text(kSesStartsOn);
  const std::string ends = r.Text(kSesEndsOn);
  return json::object{{"id", r.Text(kSesId)},
                      {"course", r.Text(kSesCourse)},
                      {"course_title_en", r.Text(kSesTitleEn)},
                      {"course_title_ar", r.Text(kSesTitleAr)},
                      {"nation", r.Text(kSesNation)},
                      {"qualification", r.Text(kSesQualification)},
                      {"starts_on", starts},
                      {"ends_on", ends},
                      {"days", DaysBetween(starts, ends) + 1},
                      {"location", r.Text(kSesLocation)},
                      {"instructors", StoredJson(r, kSesInstructors)},
                      {"capacity", capacity},
                      {"seats_taken", taken},
                      {"seats_left", std::max<std::int64_t>(0, capacity - taken)},
                      {"state", r.Text(kSesState)},
                      {"started", today >= starts},
                      {"ended", today >= ends},
                      {"party", r.Text(kSesParty)},
                      {"shared_with", StringArray(SplitShares(r.Text(kSesShared)))},
                      {"seq", r.Int(kSesCreatedSeq)},
                      {"updated_seq", r.Int(kSesUpdatedSeq)}};
}

enum EnrolmentCol {
  kEnrId,
  kEnrSession,
  kEnrPerson,
  kEnrParty,
  kEnrShared,
  kEnrState,
  kEnrAttendance,
  kEnrScore,
  kEnrBy,
  kEnrAt,
  kEnrResultAt,
  kEnrCreatedSeq,
  kEnrUpdatedSeq,
  kEnrCourse,
  kEnrStartsOn,
  kEnrEndsOn,
  kEnrLocation,
  kEnrTitleEn,
  kEnrTitleAr,
  kEnrQualification,
  kEnrNameEn,
  kEnrNameAr,
  kEnrServiceNumber,
  kEnrService,
  kEnrUnit,
  kEnrRank,
  kEnrPersonStatus,
};

constexpr std::string_view kEnrolmentColumns =
    "e.id, e.session, e.person, e.party, e.shared_with, e.state, e.attendance, e.score, "
    "e.enrolled_by, e.enrolled_at, e.result_at, e.created_seq, e.updated_seq, s.course, "
    "s.starts_on, s.ends_on, s.location, c.title_en, c.title_ar, c.qualification, p.name_en, "
    "p.name_ar, p.service_number, p.service, p.unit, p.rank, p.status";
constexpr std::string_view kEnrolmentFrom =
    " FROM enrolments e JOIN training_sessions s ON s.id = e.session "
    "JOIN courses c ON c.code = s.course LEFT JOIN persons p ON p.id = e.person";

json::object EnrolmentJson(const Row& r) {
  const std::string state = r.Text(kEnrState);
  return json::object{
      {"id", r.Text(kEnrId)},
      {"session", r.Text(kEnrSession)},
      {"course", r.Text(kEnrCourse)},
      {"course_title_en", r.Text(kEnrTitleEn)},
      {"course_title_ar", r.Text(kEnrTitleAr)},
      {"starts_on", r.Text(kEnrStartsOn)},
      {"ends_on", r.Text(kEnrEndsOn)},
      {"location", r.Text(kEnrLocation)},
      {"person", r.Text(kEnrPerson)},
      {"name_en", TextOrNull(r, kEnrNameEn)},
      {"name_ar", TextOrNull(r, kEnrNameAr)},
      {"service_number", TextOrNull(r, kEnrServiceNumber)},
      {"service", TextOrNull(r, kEnrService)},
      {"unit", TextOrNull(r, kEnrUnit)},
      {"rank", TextOrNull(r, kEnrRank)},
      {"person_status", TextOrNull(r, kEnrPersonStatus)},
      {"state", state},
      {"attendance", IntOrNull(r, kEnrAttendance)},
      {"score", IntOrNull(r, kEnrScore)},
      {"qualification", state == "passed" ? json::value(r.Text(kEnrQualification)) : json::value()},
      {"enrolled_by", r.Text(kEnrBy)},
      {"enrolled_at", FormatRfc3339(r.Int(kEnrAt))},
      {"result_at", TimeOrNull(r, kEnrResultAt)},
      {"party", r.Text(kEnrParty)},
      {"shared_with", StringArray(SplitShares(r.Text(kEnrShared)))},
      {"seq", r.Int(kEnrCreatedSeq)},
      {"updated_seq", r.Int(kEnrUpdatedSeq)}};
}

// The progress of a target `now`: the active persons (of `service`, when
// set) holding the qualification, and of those the ones cleared; and the
// same as it will stand on the due date if nothing changes (qualifications
// and clearances that lapse before then no longer count).
Result<json::object> Progress(Tx& tx, const std::string& qualification, std::int64_t required,
                              const std::optional<std::string>& service, const std::string& due_on,
                              Micros now) {
  const std::string today = DateOf(now);
  std::string sql =
      "SELECT p.id, q.expires_on FROM qualifications q JOIN persons p ON p.id = q.person "
      "WHERE q.qualification = ? AND p.status = 'active' AND "
      "(q.expires_on IS NULL OR q.expires_on > ?)";
  std::vector<SqlValue> params{qualification, today};
  if (service) {
    sql += " AND p.service = ?";
    params.emplace_back(*service);
  }
  auto rows = tx.Query(sql, params);
  if (!rows) return std::move(rows).error();
  const Micros due_at = StartOf(due_on);
  std::int64_t qualified = 0, cleared = 0, at_due = 0;
  for (const Row& r : *rows) {
    ++qualified;
    auto standing = vetting::StandingOf(tx, "person", r.Text(0), now);
    if (!standing) return std::move(standing).error();
    if (!standing->cleared()) continue;
    ++cleared;
    const bool clearance_lasts = !standing->valid_until || *standing->valid_until > due_at;
    if (clearance_lasts && ValidOn(OptionalText(r, 1), due_on)) ++at_due;
  }
  auto percent = [required](std::int64_t n) {
    return std::round(1000.0 * static_cast<double>(n) / static_cast<double>(required)) / 10.0;
  };
  return json::object{{"qualified_and_cleared", cleared},
                      {"qualified", qualified},
                      {"required", required},
                      {"percent", percent(cleared)},
                      {"gap", std::max<std::int64_t>(0, required - cleared)},
                      {"at_due", json::object{{"due_on", due_on},
                                              {"qualified_and_cleared", at_due},
                                              {"percent", percent(at_due)}}}};
}

constexpr std::string_view kTargetColumns =
    "t.id, t.party, t.shared_with, t.title, t.qualification, t.required, t.deployment, t.due_on, "
    "t.service, t.created_by, t.created_seq, t.updated_seq";

Result<json::value> TargetJson(Tx& tx, const Row& r, Micros now) {
  const std::string qualification = r.Text(4);
  const std::string due_on = r.Text(7);
  auto progress = Progress(tx, qualification, r.Int(5), OptionalText(r, 8), due_on, now);
  if (!progress) return std::move(progress).error();
  auto courses =
      tx.Query("SELECT code FROM courses WHERE qualification = ? ORDER BY code", {qualification});
  if (!courses) return std::move(courses).error();
  std::vector<std::string> codes;
  for (const Row& c : *courses) codes.push_back(c.Text(0));
  return json::value(json::object{{"id", r.Text(0)},
                                  {"title", r.Text(3)},
                                  {"qualification", qualification},
                                  {"courses", StringArray(codes)},
                                  {"required", r.Int(5)},
                                  {"deployment", TextOrNull(r, 6)},
                                  {"due_on", due_on},
                                  {"overdue", DateOf(now) > due_on},
                                  {"service", TextOrNull(r, 8)},
                                  {"progress", std::move(*progress)},
                                  {"created_by", r.Text(9)},
                                  {"party", r.Text(1)},
                                  {"shared_with", StringArray(SplitShares(r.Text(2)))},
                                  {"seq", r.Int(10)},
                                  {"updated_seq", r.Int(11)}});
}

// --- Lists -----------------------------------------------------------------------

Status ParseCode(const QueryParam& get, std::string_view key, std::string& out) {
  out = get(key).value_or("");
  if (!out.empty()) LIAISON_TRY(CheckCode(out, Pointer(key), key));
  return OkStatus();
}

Result<std::optional<std::string>> ParseDateParam(const QueryParam& get, std::string_view key) {
  auto v = get(key);
  if (!v) return std::optional<std::string>();
  auto date = ParseDate(*v);
  if (!date) return Error::Invalid(Pointer(key), std::string(key) + " must be a date, YYYY-MM-DD");
  return std::optional<std::string>(std::move(*date));
}

std::string LikePattern(std::string_view q) {
  std::string out = "%";
  for (char c : q) {
    if (c == '%' || c == '_' || c == '\\') out += '\\';
    out += c;
  }
  return out + "%";
}

}  // namespace

Result<json::array> QualificationsOf(Tx& tx, std::string_view person, Micros now) {
  return QualificationsJson(tx, std::string(person), DateOf(now));
}

Result<json::value> GetEnrolment(Tx& tx, const Principal& p, std::string_view id) {
  std::vector<std::string> vis;
  const std::string sql = "SELECT " + std::string(kEnrolmentColumns) + std::string(kEnrolmentFrom) +
                          " WHERE e.id = ? AND " +
                          RecordVisibilitySql(p, "e.party", "e.shared_with", vis);
  std::vector<SqlValue> params{std::string(id)};
  params.insert(params.end(), vis.begin(), vis.end());
  auto rows = tx.Query(sql, params);
  if (!rows) return std::move(rows).error();
  if (rows->empty()) return Error::NotFound("no such enrolment");
  return json::value(EnrolmentJson(rows->front()));
}

Result<CourseQuery> ParseCourseQuery(const QueryParam& get) {
  CourseQuery q;
  q.q = get("q").value_or("");
  if (q.q.size() > 200) return Error::Invalid("/q", "q is too long");
  q.nation = get("nation").value_or("");
  if (q.nation.size() > 8) return Error::Invalid("/nation", "nation is too long");
  LIAISON_TRY(ParseCode(get, "qualification", q.qualification));
  if (auto active = get("active")) {
    if (*active != "true" && *active != "false") {
      return Error::Invalid("/active", "active must be true or false");
    }
    q.active = *active == "true";
  }
  LIAISON_TRY(ParsePageParams(get, &q.limit, &q.cursor));
  return q;
}

Result<json::value> ListCourses(Tx& tx, const Principal& p, const CourseQuery& q,
                                const Settings& s) {
  LIAISON_TRY(AuthorizeProgramme(tx, p, Action::kReadTraining, s));
  std::vector<std::string> vis;
  std::string sql = "SELECT " + std::string(kCourseColumns) + std::string(kCourseFrom) + " WHERE " +
                    RecordVisibilitySql(p, "c.party", "c.shared_with", vis);
  std::vector<SqlValue> params(vis.begin(), vis.end());
  if (!q.q.empty()) {
    sql +=
        " AND (c.code LIKE ? ESCAPE '\\' OR c.title_en LIKE ? ESCAPE '\\' OR c.title_ar LIKE ? "
        "ESCAPE '\\')";
    for (int i = 0; i < 3; ++i) params.emplace_back(LikePattern(q.q));
  }
  if (!q.nation.empty()) {
    sql += " AND c.nation = ?";
    params.emplace_back(q.nation);
  }
  if (!q.qualification.empty()) {
    sql += " AND c.qualification = ?";
    params.emplace_back(q.qualification);
  }
  if (q.active) {
    sql += " AND c.active = ?";
    params.emplace_back(std::int64_t{*q.active});
  }
  return QueryPage(tx, std::move(sql), std::move(params), "c.created_seq", kCourseCreatedSeq,
                   q.limit, q.cursor,
                   [](const Row& r) -> Result<json::value> { return json::value(CourseJson(r)); });
}

Result<json::value> GetCourse(Tx& tx, const Principal& p, std::string_view code, Micros now,
                              const Settings& s) {
  LIAISON_TRY(AuthorizeProgramme(tx, p, Action::kReadTraining, s));
  std::vector<std::string> vis;
  const std::string sql = "SELECT " + std::string(kCourseColumns) + std::string(kCourseFrom) +
                          " WHERE c.code = ? AND " +
                          RecordVisibilitySql(p, "c.party", "c.shared_with", vis);
  std::vector<SqlValue> params{std::string(code)};
  params.insert(params.end(), vis.begin(), vis.end());
  auto rows = tx.Query(sql, params);
  if (!rows) return std::move(rows).error();
  if (rows->empty()) return Error::NotFound("no such course");
  json::object out = CourseJson(rows->front());
  const std::string today = DateOf(now);
  vis.clear();
  const std::string sessions_sql =
      "SELECT " + std::string(kSessionColumns) + std::string(kSessionFrom) +
      " WHERE s.course = ? AND s.ends_on >= ? AND " +
      RecordVisibilitySql(p, "s.party", "s.shared_with", vis) + " ORDER BY s.starts_on, s.id";
  std::vector<SqlValue> sparams{std::string(code), today};
  sparams.insert(sparams.end(), vis.begin(), vis.end());
  auto sessions = tx.Query(sessions_sql, sparams);
  if (!sessions) return std::move(sessions).error();
  json::array items;
  for (const Row& r : *sessions) items.push_back(SessionJson(r, today));
  out["sessions"] = std::move(items);
  return json::value(std::move(out));
}

Result<SessionQuery> ParseSessionQuery(const QueryParam& get) {
  SessionQuery q;
  LIAISON_TRY(ParseCode(get, "course", q.course));
  q.state = get("state").value_or("");
  if (!q.state.empty() && !OneOf(q.state, kSessionStates)) {
    return Error::Invalid("/state", "state must be scheduled or cancelled");
  }
  auto from = ParseDateParam(get, "from");
  if (!from) return std::move(from).error();
  q.from = std::move(*from);
  auto to = ParseDateParam(get, "to");
  if (!to) return std::move(to).error();
  q.to = std::move(*to);
  if (auto upcoming = get("upcoming")) {
    if (*upcoming != "true" && *upcoming != "false") {
      return Error::Invalid("/upcoming", "upcoming must be true or false");
    }
    q.upcoming = *upcoming == "true";
  }
  LIAISON_TRY(ParsePageParams(get, &q.limit, &q.cursor));
  return q;
}

Result<json::value> ListSessions(Tx& tx, const Principal& p, const SessionQuery& q, Micros now,
                                 const Settings& s) {
  LIAISON_TRY(AuthorizeProgramme(tx, p, Action::kReadTraining, s));
  std::vector<std::string> vis;
  std::string sql = "SELECT " + std::string(kSessionColumns) + std::string(kSessionFrom) +
                    " WHERE " + RecordVisibilitySql(p, "s.party", "s.shared_with", vis);
  std::vector<SqlValue> params(vis.begin(), vis.end());
  const std::string today = DateOf(now);
  if (!q.course.empty()) {
    sql += " AND s.course = ?";
    params.emplace_back(q.course);
  }
  if (!q.state.empty()) {
    sql += " AND s.state = ?";
    params.emplace_back(q.state);
  }
  if (q.from) {
    sql += " AND s.starts_on >= ?";
    params.emplace_back(*q.from);
  }
  if (q.to) {
    sql += " AND s.starts_on < ?";
    params.emplace_back(*q.to);
  }
  if (q.upcoming) {
    sql += " AND s.starts_on > ?";
    params.emplace_back(today);
  }
  return QueryPage(
      tx, std::move(sql), std::move(params), "s.created_seq", kSesCreatedSeq, q.limit, q.cursor,
      [&today](const Row& r) -> Result<json::value> { return json::value(SessionJson(r, today)); });
}

Result<json::value> GetSession(Tx& tx, const Principal& p, std::string_view id, Micros now,
                               const Settings& s) {
  LIAISON_TRY(AuthorizeProgramme(tx, p, Action::kReadTraining, s));
  std::vector<std::string> vis;
  const std::string sql = "SELECT " + std::string(kSessionColumns) + std::string(kSessionFrom) +
                          " WHERE s.id = ? AND " +
                          RecordVisibilitySql(p, "s.party", "s.shared_with", vis);
  std::vector<SqlValue> params{std::string(id)};
  params.insert(params.end(), vis.begin(), vis.end());
  auto rows = tx.Query(sql, params);
  if (!rows) return std::move(rows).error();
  if (rows->empty()) return Error::NotFound("no such session");
  const std::string today = DateOf(now);
  json::object out = SessionJson(rows->front(), today);
  vis.clear();
  const std::string enrolments_sql = "SELECT " + std::string(kEnrolmentColumns) +
                                     std::string(kEnrolmentFrom) + " WHERE e.session = ? AND " +
                                     RecordVisibilitySql(p, "e.party", "e.shared_with", vis) +
                                     " ORDER BY e.created_seq";
  std::vector<SqlValue> eparams{std::string(id)};
  eparams.insert(eparams.end(), vis.begin(), vis.end());
  auto enrolments = tx.Query(enrolments_sql, eparams);
  if (!enrolments) return std::move(enrolments).error();
  json::array items;
  for (const Row& r : *enrolments) items.push_back(EnrolmentJson(r));
  out["enrolments"] = std::move(items);
  return json::value(std::move(out));
}

Result<EnrolmentQuery> ParseEnrolmentQuery(const QueryParam& get) {
  EnrolmentQuery q;
  q.session = get("session").value_or("");
  q.person = get("person").value_or("");
  if (q.session.size() > 64) return Error::Invalid("/session", "session is too long");
  if (q.person.size() > 64) return Error::Invalid("/person", "person is too long");
  LIAISON_TRY(ParseCode(get, "course", q.course));
  if (auto states = get("state")) {
    q.states = SplitParam(*states);
    for (const auto& st : q.states) {
      if (!OneOf(st, kEnrolmentStates)) return Error::Invalid("/state", "unknown state " + st);
    }
  }
  LIAISON_TRY(ParsePageParams(get, &q.limit, &q.cursor));
  return q;
}

Result<json::value> ListEnrolments(Tx& tx, const Principal& p, const EnrolmentQuery& q, Micros now,
                                   const Settings& s) {
  LIAISON_TRY(AuthorizeProgramme(tx, p, Action::kReadTraining, s));
  std::vector<std::string> vis;
  std::string sql = "SELECT " + std::string(kEnrolmentColumns) + std::string(kEnrolmentFrom) +
                    " WHERE " + RecordVisibilitySql(p, "e.party", "e.shared_with", vis);
  std::vector<SqlValue> params(vis.begin(), vis.end());
  if (!q.session.empty()) {
    sql += " AND e.session = ?";
    params.emplace_back(q.session);
  }
  if (!q.person.empty()) {
    sql += " AND e.person = ?";
    params.emplace_back(q.person);
  }
  if (!q.course.empty()) {
    sql += " AND s.course = ?";
    params.emplace_back(q.course);
  }
  if (!q.states.empty()) {
    sql += " AND e.state IN (" + Placeholders(q.states.size()) + ")";
    for (const auto& st : q.states) params.emplace_back(st);
  }
  auto page = QueryPage(
      tx, std::move(sql), std::move(params), "e.created_seq", kEnrCreatedSeq, q.limit, q.cursor,
      [](const Row& r) -> Result<json::value> { return json::value(EnrolmentJson(r)); });
  if (!page || q.person.empty()) return page;
  // A person's training record: their qualifications too, as the registry
  // party and the coordinator see them (the programme's readers).
  auto person = personnel::FindPerson(tx, q.person);
  if (!person) return std::move(person).error();
  json::array held;
  if (person->has_value() && CanSee(p, PersonScope(**person))) {
    auto qualifications = QualificationsJson(tx, q.person, DateOf(now));
    if (!qualifications) return std::move(qualifications).error();
    held = std::move(*qualifications);
  }
  page->as_object()["qualifications"] = std::move(held);
  return page;
}

Result<json::value> ListTargets(Tx& tx, const Principal& p, std::int64_t limit,
                                std::optional<std::int64_t> cursor, Micros now, const Settings& s) {
  LIAISON_TRY(AuthorizeProgramme(tx, p, Action::kReadTraining, s));
  std::vector<std::string> vis;
  std::string sql = "SELECT " + std::string(kTargetColumns) + " FROM training_targets t WHERE " +
                    RecordVisibilitySql(p, "t.party", "t.shared_with", vis);
  std::vector<SqlValue> params(vis.begin(), vis.end());
  return QueryPage(tx, std::move(sql), std::move(params), "t.created_seq", 10, limit, cursor,
                   [&tx, now](const Row& r) { return TargetJson(tx, r, now); });
}

Result<json::value> GetTarget(Tx& tx, const Principal& p, std::string_view id, Micros now,
                              const Settings& s) {
  LIAISON_TRY(AuthorizeProgramme(tx, p, Action::kReadTraining, s));
  std::vector<std::string> vis;
  const std::string sql = "SELECT " + std::string(kTargetColumns) +
                          " FROM training_targets t WHERE t.id = ? AND " +
                          RecordVisibilitySql(p, "t.party", "t.shared_with", vis);
  std::vector<SqlValue> params{std::string(id)};
  params.insert(params.end(), vis.begin(), vis.end());
  auto rows = tx.Query(sql, params);
  if (!rows) return std::move(rows).error();
  if (rows->empty()) return Error::NotFound("no such target");
  return TargetJson(tx, rows->front(), now);
}

}  // namespace liaison::training
