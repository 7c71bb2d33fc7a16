// Training (docs/training.md): the course catalogue, sessions, enrolment with
// its gating rules, attendance, results and qualifications, and
// force-generation targets counting only the qualified and cleared.
//
// Courses, sessions, enrolments and targets are owned by the coordinator
// party that keeps them and shared with the registry party. The programme as
// a whole is read under the registry's scope (the registry party and the
// coordinator parties): any other party's staff are refused (403), and each
// record is then filtered by its own scope. Persons are the registry's
// (domain/personnel); their clearances come from domain/vetting.
//
// Commands run on the writer thread (domain/command.hpp); queries take a read
// transaction and are safe from any thread. "Today" is the UTC date of the
// command's or query's `now`.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/event.hpp"
#include "domain/command.hpp"
#include "domain/list_query.hpp"

namespace liaison::personnel {
struct Reference;
}

namespace liaison::training {

struct Settings {
  std::string registry_party = "pasf";
  // The personnel reference data, to check a target's service; null: any
  // service code is taken as given.
  const personnel::Reference* reference = nullptr;
};

// --- Projection ----------------------------------------------------------

bool Handles(std::string_view event_type);
Status Apply(WriteTx& tx, const Event& e, const json::object& body);

// --- Commands ------------------------------------------------------------
// Each replies with the record as it now stands (what Get* returns).

// {"code","title_en","title_ar","title_he"?,"nation","duration_days",
//  "capacity","prerequisites":[qualification codes],"qualification",
//  "validity_months":int|null,"description"?}: a new course of the actor's
// (coordinator) party. A prerequisite must be the qualification of a course
// in the catalogue, and no qualification may come to require itself.
Result<json::value> DefineCourse(CommandContext& ctx, const json::object& in, const Settings& s);
// The same body (`code` optional, equal to the path's), plus "active"?: the
// course's definition replaced. Its qualification cannot change once it has
// sessions.
Result<json::value> UpdateCourse(CommandContext& ctx, std::string_view code, const json::object& in,
                                 const Settings& s);

// {"course","starts_on","ends_on"?,"location","instructors":[names],
//  "capacity"?}: a session of an active course that has not started yet;
// ends_on defaults to the course's duration, capacity to the course's.
Result<json::value> ScheduleSession(CommandContext& ctx, const json::object& in, const Settings& s);

// {"reason"}: cancels a session that has not started. Its enrolments stay as
// they were; no one can enrol in it or receive a result for it.
Result<json::value> CancelSession(CommandContext& ctx, std::string_view id, const json::object& in,
                                  const Settings& s);

// {"session","person"}: enrols the person when every gating rule holds
// (rules.hpp, Decide). Otherwise kFailedPrecondition (409) whose `extra`
// holds {"reasons":[codes],"missing_prerequisites":[codes]}. A person already
// enrolled in the session, or a session cancelled or started, is kConflict
// (409) without reasons. By the coordinator's trainers or the HR staff of the
// person's party (Action::kEnrol on the person's scope).
Result<json::value> Enrol(CommandContext& ctx, const json::object& in, const Settings& s);

// {"reason"?}: withdraws an enrolment that has no result yet.
Result<json::value> Withdraw(CommandContext& ctx, std::string_view id, const json::object& in,
                             const Settings& s);

// {"result":"passed"|"failed"|"absent","attendance":days,"score"?:0..100}:
// by the coordinator's trainers, once; passed and failed once the session's
// last day has come, absent once it has started. A pass grants the course's
// qualification (obtained on the session's last day, expiring validity_months
// later) and records training_completed in the person's career
// (personnel.career_recorded).
Result<json::value> RecordResult(CommandContext& ctx, std::string_view id, const json::object& in,
                                 const Settings& s);

// {"title","qualification","required","deployment"?,"due_on","service"?}:
// a force-generation target.
Result<json::value> SetTarget(CommandContext& ctx, const json::object& in, const Settings& s);

// History brought into Liaison: a session of a course already held, with its
// participants' results, {"course","starts_on","ends_on"?,"location",
// "instructors","results":[{"person","result","attendance","score"?}]}.
// The session must have ended; the enrolment gate is not applied (the
// training took place). By the coordinator's trainers. Replies
// {"session","enrolments":[ids]}. No route calls it; the demo does.
Result<json::value> RecordCompletedSession(CommandContext& ctx, const json::object& in,
                                           const Settings& s);

// --- Queries -------------------------------------------------------------

// {"eligible","reasons","missing_prerequisites","session","person",
//  "seats_taken","capacity","person_status","standing":{"person","unit"},
//  "qualifications":[...]} for {"session","person"}: the decision Enrol
// would take now, nothing written. The errors Enrol would return besides the
// refusal (not found, denied, conflict) are returned as errors.
Result<json::value> CheckEnrolment(Tx& tx, const Principal& p, const json::object& in, Micros now,
                                   const Settings& s);

struct CourseQuery {
  std::string q;  // part of the code or either title
  std::string nation, qualification;
  std::optional<bool> active;
  std::int64_t limit = 50;
  std::optional<std::int64_t> cursor;
};
Result<CourseQuery> ParseCourseQuery(const QueryParam& get);
Result<json::value> ListCourses(Tx& tx, const Principal& p, const CourseQuery& q,
                                const Settings& s);
// The course with its sessions that have not ended.
Result<json::value> GetCourse(Tx& tx, const Principal& p, std::string_view code, Micros now,
                              const Settings& s);

struct SessionQuery {
  std::string course;
  std::string state;                // scheduled | cancelled
  std::optional<std::string> from;  // starts on or after
  std::optional<std::string> to;    // starts before
  bool upcoming = false;            // has not started
  std::int64_t limit = 50;
  std::optional<std::int64_t> cursor;
};
Result<SessionQuery> ParseSessionQuery(const QueryParam& get);
Result<json::value> ListSessions(Tx& tx, const Principal& p, const SessionQuery& q, Micros now,
                                 const Settings& s);
// The session with its enrolments (persons' names included) and seats_taken.
Result<json::value> GetSession(Tx& tx, const Principal& p, std::string_view id, Micros now,
                               const Settings& s);

struct EnrolmentQuery {
  std::string session, person, course;
  std::vector<std::string> states;  // enrolled | withdrawn | passed | failed | absent
  std::int64_t limit = 50;
  std::optional<std::int64_t> cursor;
};
Result<EnrolmentQuery> ParseEnrolmentQuery(const QueryParam& get);
// {"items","next"}; with `person`, also "qualifications": that person's,
// each with expires_on and whether it has expired.
Result<json::value> ListEnrolments(Tx& tx, const Principal& p, const EnrolmentQuery& q, Micros now,
                                   const Settings& s);

// A person's qualifications as of `now`: [{"qualification","obtained_on",
// "expires_on","expired","enrolment","course"}], by code. For the person's
// record; the caller checks that `p` may read it.
Result<json::array> QualificationsOf(Tx& tx, std::string_view person, Micros now);

// An enrolment as GET /enrolments lists it; kNotFound when `p` may not see
// it.
Result<json::value> GetEnrolment(Tx& tx, const Principal& p, std::string_view id);

Result<json::value> ListTargets(Tx& tx, const Principal& p, std::int64_t limit,
                                std::optional<std::int64_t> cursor, Micros now, const Settings& s);
// The target with its progress: {"qualified_and_cleared","qualified",
// "required","percent","gap","at_due":{...}}.
Result<json::value> GetTarget(Tx& tx, const Principal& p, std::string_view id, Micros now,
                              const Settings& s);

}  // namespace liaison::training
