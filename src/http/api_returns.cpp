// Routes and handlers for the safe return of persons: cases, their stages,
// the name, the figures and the handover points. See docs/returns.md.
#include <boost/json/serialize.hpp>

#include "domain/returns/returns.hpp"
#include "http/api.hpp"
#include "http/problem.hpp"

namespace liaison {
namespace {

using CaseCommand = Result<json::value> (*)(CommandContext&, std::string_view, const json::object&,
                                            const returns::Settings&);

struct CaseCommandRoute {
  const char* path;
  CaseCommand command;
};

constexpr CaseCommandRoute kCaseCommands[] = {
    {"/api/v1/returns/{id}/advance", returns::Advance},
    {"/api/v1/returns/{id}/name", returns::RecordName},
};

}  // namespace

void Api::AddReturnRoutes() {
  Router& r = router_;

  r.Add("POST", "/api/v1/returns", Action::kReportReturn, [this](Ctx ctx, Respond respond) {
    auto body = Body(ctx);
    if (!body) return respond(Problem(ctx, body.error()));
    RunCommand(
        ctx,
        [in = std::move(*body), s = app_.return_settings()](CommandContext& c) {
          return returns::Report(c, in, s);
        },
        std::move(respond), 201);
  });
  r.Add("GET", "/api/v1/returns", Action::kReadReturns, [this](Ctx ctx, Respond respond) {
    auto q = returns::ParseListQuery(QueryParamsOf(ctx));
    if (!q) return respond(Problem(ctx, q.error()));
    Query(
        ctx,
        [this, ctx, q = std::move(*q)](Tx& tx) {
          return returns::List(tx, ctx->principal, q, app_.clock().Now(), app_.return_settings());
        },
        std::move(respond));
  });
  r.Add("GET", "/api/v1/returns/{id}", Action::kReadReturns, [this](Ctx ctx, Respond respond) {
    const std::string id = ctx->params.at("id");
    const returns::Settings s = app_.return_settings();
    const Micros now = app_.clock().Now();
    returns::CaseView view;
    auto read = Read([&](Tx& tx) -> Result<json::value> {
      auto v = returns::Get(tx, ctx->principal, id, now, s, /*with_name=*/true);
      if (!v) return std::move(v).error();
      view = std::move(*v);
      return json::value(nullptr);
    });
    if (!read) return respond(Problem(ctx, read.error()));
    if (!view.name_disclosed) {
      return respond(HttpResponse::Json(200, json::serialize(view.json)));
    }
    // The person's name was read: the answer leaves once that is in the log.
    LoggedQuery(
        ctx, "returns.name", id,
        [out = std::move(view.json)](Tx&) -> Result<json::value> { return out; },
        std::move(respond));
  });
  for (const CaseCommandRoute& route : kCaseCommands) {
    r.Add("POST", route.path, Action::kAdvanceReturn,
          [this, command = route.command](Ctx ctx, Respond respond) {
            auto body = Body(ctx);
            if (!body) return respond(Problem(ctx, body.error()));
            RunCommand(
                ctx,
                [command, id = ctx->params.at("id"), in = std::move(*body),
                 s = app_.return_settings()](CommandContext& c) { return command(c, id, in, s); },
                std::move(respond));
          });
  }

  r.Add("GET", "/api/v1/stats/returns", Action::kReadReturnStats, [this](Ctx ctx, Respond respond) {
    auto q = returns::ParseFiguresQuery(QueryParamsOf(ctx));
    if (!q) return respond(Problem(ctx, q.error()));
    Query(
        ctx, [ctx, q = std::move(*q)](Tx& tx) { return returns::FiguresOf(tx, ctx->principal, q); },
        std::move(respond));
  });
  r.Add("GET", "/api/v1/handover-points", Action::kReadMap, [this](Ctx ctx, Respond respond) {
    auto out =
        returns::ListHandoverPoints(app_.return_settings(), ctx->req.Query("kind").value_or(""));
    if (!out) return respond(Problem(ctx, out.error()));
    respond(HttpResponse::Json(200, json::serialize(*out)));
  });
}

}  // namespace liaison
