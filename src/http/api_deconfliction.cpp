// Routes and handlers for deconfliction: planned activities, conflicts, the
// dry run and protected sites. See docs/deconfliction.md.
#include "domain/deconfliction/deconfliction.hpp"
#include "http/api.hpp"
#include "http/problem.hpp"

namespace liaison {
namespace {

using ConflictCommand = Result<json::value> (*)(CommandContext&, std::string_view,
                                                const json::object&,
                                                const deconfliction::Settings&);

struct CommandRoute {
  const char* method;
  const char* path;
  Action action;
  ConflictCommand command;
  bool body_required;
};

constexpr CommandRoute kRecordCommands[] = {
    {"PATCH", "/api/v1/activities/{id}", Action::kPlanActivity, deconfliction::Change, true},
    {"POST", "/api/v1/activities/{id}/cancel", Action::kPlanActivity, deconfliction::Cancel, false},
    {"POST", "/api/v1/conflicts/{id}/acknowledge", Action::kAcknowledgeConflict,
     deconfliction::Acknowledge, false},
    {"POST", "/api/v1/conflicts/{id}/resolve", Action::kResolveConflict, deconfliction::Resolve,
     true},
};

}  // namespace

void Api::AddDeconflictionRoutes() {
  Router& r = router_;

  r.Add("POST", "/api/v1/activities", Action::kPlanActivity, [this](Ctx ctx, Respond respond) {
    auto body = Body(ctx);
    if (!body) return respond(Problem(ctx, body.error()));
    RunCommand(
        ctx,
        [in = std::move(*body), s = app_.deconfliction_settings()](CommandContext& c) {
          return deconfliction::Register(c, in, s);
        },
        std::move(respond), 201);
  });
  r.Add("GET", "/api/v1/activities", Action::kReadActivities, [this](Ctx ctx, Respond respond) {
    auto q = deconfliction::ParseActivityQuery(QueryParamsOf(ctx));
    if (!q) return respond(Problem(ctx, q.error()));
    Query(
        ctx,
        [this, ctx, q = std::move(*q)](Tx& tx) {
          return deconfliction::ListActivities(tx, ctx->principal, q, app_.clock().Now());
        },
        std::move(respond));
  });
  r.Add(
      "GET", "/api/v1/activities/{id}", Action::kReadActivities, [this](Ctx ctx, Respond respond) {
        Query(
            ctx,
            [this, ctx](Tx& tx) {
              return deconfliction::GetActivity(tx, ctx->principal, ctx->params.at("id"),
                                                app_.clock().Now(), app_.deconfliction_settings());
            },
            std::move(respond));
      });
  for (const CommandRoute& route : kRecordCommands) {
    r.Add(
        route.method, route.path, route.action,
        [this, command = route.command, required = route.body_required](Ctx ctx, Respond respond) {
          auto body = required ? Body(ctx) : OptionalBody(ctx);
          if (!body) return respond(Problem(ctx, body.error()));
          RunCommand(
              ctx,
              [command, id = ctx->params.at("id"), in = std::move(*body),
               s = app_.deconfliction_settings()](CommandContext& c) {
                return command(c, id, in, s);
              },
              std::move(respond));
        });
  }

  r.Add("GET", "/api/v1/conflicts", Action::kReadConflicts, [this](Ctx ctx, Respond respond) {
    auto q = deconfliction::ParseConflictQuery(QueryParamsOf(ctx));
    if (!q) return respond(Problem(ctx, q.error()));
    Query(
        ctx,
        [this, ctx, q = std::move(*q)](Tx& tx) {
          return deconfliction::ListConflicts(tx, ctx->principal, q, app_.deconfliction_settings());
        },
        std::move(respond));
  });
  r.Add("GET", "/api/v1/conflicts/{id}", Action::kReadConflicts, [this](Ctx ctx, Respond respond) {
    Query(
        ctx,
        [this, ctx](Tx& tx) {
          return deconfliction::GetConflict(tx, ctx->principal, ctx->params.at("id"),
                                            app_.deconfliction_settings());
        },
        std::move(respond));
  });

  r.Add("POST", "/api/v1/deconfliction/check", Action::kCheckDeconfliction,
        [this](Ctx ctx, Respond respond) {
          auto body = Body(ctx);
          if (!body) return respond(Problem(ctx, body.error()));
          Query(
              ctx,
              [this, ctx, in = std::move(*body)](Tx& tx) {
                return deconfliction::DryRun(tx, ctx->principal, in, app_.clock().Now(),
                                             app_.deconfliction_settings());
              },
              std::move(respond));
        });

  r.Add("GET", "/api/v1/protected-sites", Action::kReadProtectedSites,
        [this](Ctx ctx, Respond respond) {
          const std::string kind = ctx->req.Query("kind").value_or("");
          Query(
              ctx, [kind](Tx& tx) { return deconfliction::ListSites(tx, kind); },
              std::move(respond));
        });
  r.Add("POST", "/api/v1/protected-sites", Action::kManageProtectedSites,
        [this](Ctx ctx, Respond respond) {
          auto body = Body(ctx);
          if (!body) return respond(Problem(ctx, body.error()));
          RunCommand(
              ctx,
              [in = std::move(*body), s = app_.deconfliction_settings()](CommandContext& c) {
                return deconfliction::RegisterSite(c, in, s);
              },
              std::move(respond), 201);
        });
}

}  // namespace liaison
