// Routes and handlers for training: the course catalogue, sessions,
// enrolments with their gate, results, and force-generation targets. See
// docs/training.md.
//
// Reads that disclose persons' names (a session with its participants, the
// enrolment lists) are access events, answered once logged.
#include <boost/json/serialize.hpp>

#include "domain/training/training.hpp"
#include "http/api.hpp"
#include "http/problem.hpp"

namespace liaison {
namespace {

using RecordCommand = Result<json::value> (*)(CommandContext&, std::string_view,
                                              const json::object&, const training::Settings&);

struct RecordCommandRoute {
  const char* method;
  const char* path;
  Action action;
  RecordCommand command;
  const char* param;
};

constexpr RecordCommandRoute kRecordCommands[] = {
    {"PUT", "/api/v1/courses/{code}", Action::kManageTraining, training::UpdateCourse, "code"},
    {"POST", "/api/v1/enrolments/{id}/result", Action::kManageTraining, training::RecordResult,
     "id"},
    {"POST", "/api/v1/enrolments/{id}/withdraw", Action::kEnrol, training::Withdraw, "id"},
    {"POST", "/api/v1/sessions/{id}/cancel", Action::kManageTraining, training::CancelSession,
     "id"},
};

using CreateCommand = Result<json::value> (*)(CommandContext&, const json::object&,
                                              const training::Settings&);

struct CreateRoute {
  const char* path;
  Action action;
  CreateCommand command;
};

constexpr CreateRoute kCreates[] = {
    {"/api/v1/courses", Action::kManageTraining, training::DefineCourse},
    {"/api/v1/sessions", Action::kManageTraining, training::ScheduleSession},
    {"/api/v1/enrolments", Action::kEnrol, training::Enrol},
    {"/api/v1/targets", Action::kManageTraining, training::SetTarget},
};

}  // namespace

void Api::AddTrainingRoutes() {
  Router& r = router_;

  for (const CreateRoute& route : kCreates) {
    r.Add("POST", route.path, route.action,
          [this, command = route.command](Ctx ctx, Respond respond) {
            auto body = Body(ctx);
            if (!body) return respond(Problem(ctx, body.error()));
            RunCommand(
                ctx,
                [command, in = std::move(*body), s = app_.training_settings()](CommandContext& c) {
                  return command(c, in, s);
                },
                std::move(respond), 201);
          });
  }
  for (const RecordCommandRoute& route : kRecordCommands) {
    r.Add(route.method, route.path, route.action,
          [this, command = route.command, param = route.param](Ctx ctx, Respond respond) {
            auto body = OptionalBody(ctx);
            if (!body) return respond(Problem(ctx, body.error()));
            RunCommand(
                ctx,
                [command, id = ctx->params.at(param), in = std::move(*body),
                 s = app_.training_settings()](CommandContext& c) { return command(c, id, in, s); },
                std::move(respond));
          });
  }

  r.Add("POST", "/api/v1/enrolments/check", Action::kEnrol, [this](Ctx ctx, Respond respond) {
    auto body = Body(ctx);
    if (!body) return respond(Problem(ctx, body.error()));
    Query(
        ctx,
        [this, ctx, in = std::move(*body)](Tx& tx) {
          return training::CheckEnrolment(tx, ctx->principal, in, app_.clock().Now(),
                                          app_.training_settings());
        },
        std::move(respond));
  });

  r.Add("GET", "/api/v1/courses", Action::kReadTraining, [this](Ctx ctx, Respond respond) {
    auto q = training::ParseCourseQuery(QueryParamsOf(ctx));
    if (!q) return respond(Problem(ctx, q.error()));
    Query(
        ctx,
        [this, ctx, q = std::move(*q)](Tx& tx) {
          return training::ListCourses(tx, ctx->principal, q, app_.training_settings());
        },
        std::move(respond));
  });
  r.Add("GET", "/api/v1/courses/{code}", Action::kReadTraining, [this](Ctx ctx, Respond respond) {
    Query(
        ctx,
        [this, ctx, code = ctx->params.at("code")](Tx& tx) {
          return training::GetCourse(tx, ctx->principal, code, app_.clock().Now(),
                                     app_.training_settings());
        },
        std::move(respond));
  });

  r.Add("GET", "/api/v1/sessions", Action::kReadTraining, [this](Ctx ctx, Respond respond) {
    auto q = training::ParseSessionQuery(QueryParamsOf(ctx));
    if (!q) return respond(Problem(ctx, q.error()));
    Query(
        ctx,
        [this, ctx, q = std::move(*q)](Tx& tx) {
          return training::ListSessions(tx, ctx->principal, q, app_.clock().Now(),
                                        app_.training_settings());
        },
        std::move(respond));
  });
  r.Add("GET", "/api/v1/sessions/{id}", Action::kReadTraining, [this](Ctx ctx, Respond respond) {
    const std::string id = ctx->params.at("id");
    LoggedQuery(
        ctx, "training.session", "session/" + id,
        [this, ctx, id](Tx& tx) {
          return training::GetSession(tx, ctx->principal, id, app_.clock().Now(),
                                      app_.training_settings());
        },
        std::move(respond));
  });

  r.Add("GET", "/api/v1/enrolments", Action::kReadTraining, [this](Ctx ctx, Respond respond) {
    auto q = training::ParseEnrolmentQuery(QueryParamsOf(ctx));
    if (!q) return respond(Problem(ctx, q.error()));
    // The access names what was read: a person's training record, a
    // session's participants, or a list.
    const std::string subject = !q->person.empty()    ? "person/" + q->person
                                : !q->session.empty() ? "session/" + q->session
                                                      : "enrolments";
    LoggedQuery(
        ctx, "training.enrolments", subject,
        [this, ctx, q = std::move(*q)](Tx& tx) {
          return training::ListEnrolments(tx, ctx->principal, q, app_.clock().Now(),
                                          app_.training_settings());
        },
        std::move(respond));
  });

  r.Add("GET", "/api/v1/targets", Action::kReadTraining, [this](Ctx ctx, Respond respond) {
    std::int64_t limit = 50;
    std::optional<std::int64_t> cursor;
    if (auto page = ParsePageParams(QueryParamsOf(ctx), &limit, &cursor); !page) {
      return respond(Problem(ctx, page.error()));
    }
    Query(
        ctx,
        [this, ctx, limit, cursor](Tx& tx) {
          return training::ListTargets(tx, ctx->principal, limit, cursor, app_.clock().Now(),
                                       app_.training_settings());
        },
        std::move(respond));
  });
  r.Add("GET", "/api/v1/targets/{id}", Action::kReadTraining, [this](Ctx ctx, Respond respond) {
    Query(
        ctx,
        [this, ctx, id = ctx->params.at("id")](Tx& tx) {
          return training::GetTarget(tx, ctx->principal, id, app_.clock().Now(),
                                     app_.training_settings());
        },
        std::move(respond));
  });
}

}  // namespace liaison
