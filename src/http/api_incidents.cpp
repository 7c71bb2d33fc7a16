// Routes and handlers for incidents. See docs/incidents.md.
#include "domain/incidents/incidents.hpp"
#include "http/api.hpp"
#include "http/problem.hpp"

namespace liaison {
namespace {

using IncidentCommand = Result<json::value> (*)(CommandContext&, std::string_view,
                                                const json::object&, const incidents::Settings&);

struct CommandRoute {
  const char* path;
  Action action;
  IncidentCommand command;
  bool body_required;
};

constexpr CommandRoute kRecordCommands[] = {
    {"/api/v1/incidents/{id}/updates", Action::kUpdateIncident, incidents::Update, true},
    {"/api/v1/incidents/{id}/acknowledge", Action::kAcknowledgeIncident, incidents::Acknowledge,
     false},
    {"/api/v1/incidents/{id}/close", Action::kCloseIncident, incidents::Close, true},
};

}  // namespace

void Api::AddIncidentRoutes() {
  Router& r = router_;

  r.Add("POST", "/api/v1/incidents", Action::kReportIncident, [this](Ctx ctx, Respond respond) {
    auto body = Body(ctx);
    if (!body) return respond(Problem(ctx, body.error()));
    RunCommand(
        ctx,
        [in = std::move(*body), s = app_.incident_settings()](CommandContext& c) {
          return incidents::Report(c, in, s);
        },
        std::move(respond), 201);
  });
  r.Add("GET", "/api/v1/incidents", Action::kReadIncidents, [this](Ctx ctx, Respond respond) {
    auto q = incidents::ParseListQuery(QueryParamsOf(ctx));
    if (!q) return respond(Problem(ctx, q.error()));
    Query(
        ctx,
        [this, ctx, q = std::move(*q)](Tx& tx) {
          return incidents::List(tx, ctx->principal, q, app_.clock().Now());
        },
        std::move(respond));
  });
  // Before /incidents/{id}: routes match in the order they are added.
  r.Add("GET", "/api/v1/incidents/heat", Action::kReadIncidents, [this](Ctx ctx, Respond respond) {
    auto q = incidents::ParseHeatQuery(QueryParamsOf(ctx));
    if (!q) return respond(Problem(ctx, q.error()));
    Query(
        ctx, [ctx, q = std::move(*q)](Tx& tx) { return incidents::Heat(tx, ctx->principal, q); },
        std::move(respond));
  });
  r.Add("GET", "/api/v1/incidents/{id}", Action::kReadIncidents, [this](Ctx ctx, Respond respond) {
    Query(
        ctx,
        [this, ctx](Tx& tx) {
          return incidents::Get(tx, ctx->principal, ctx->params.at("id"), app_.clock().Now());
        },
        std::move(respond));
  });
  for (const CommandRoute& route : kRecordCommands) {
    r.Add(
        "POST", route.path, route.action,
        [this, command = route.command, required = route.body_required](Ctx ctx, Respond respond) {
          auto body = required ? Body(ctx) : OptionalBody(ctx);
          if (!body) return respond(Problem(ctx, body.error()));
          RunCommand(
              ctx,
              [command, id = ctx->params.at("id"), in = std::move(*body),
               s = app_.incident_settings()](CommandContext& c) { return command(c, id, in, s); },
              std::move(respond));
        });
  }
}

}  // namespace liaison
