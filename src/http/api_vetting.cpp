// Routes and handlers for human-rights vetting and the allegations register:
// requests, the queue, expiring clearances, a subject's history, decisions,
// and allegations. See docs/vetting.md.
#include "domain/vetting/allegations.hpp"
#include "domain/vetting/vetting.hpp"
#include "http/api.hpp"
#include "http/problem.hpp"

namespace liaison {

void Api::AddVettingRoutes() {
  Router& r = router_;

  r.Add("POST", "/api/v1/vetting", Action::kRequestVetting, [this](Ctx ctx, Respond respond) {
    auto body = Body(ctx);
    if (!body) return respond(Problem(ctx, body.error()));
    RunCommand(
        ctx,
        [in = std::move(*body), s = app_.vetting_settings()](CommandContext& c) {
          return vetting::Request(c, in, s);
        },
        std::move(respond), 201);
  });
  r.Add("GET", "/api/v1/vetting", Action::kReadVetting, [this](Ctx ctx, Respond respond) {
    auto q = vetting::ParseQueueQuery(QueryParamsOf(ctx));
    if (!q) return respond(Problem(ctx, q.error()));
    Query(
        ctx,
        [this, ctx, q = std::move(*q)](Tx& tx) {
          return vetting::Queue(tx, ctx->principal, q, app_.clock().Now(), app_.vetting_settings());
        },
        std::move(respond));
  });
  // Before /vetting/{id}: the first matching route wins.
  r.Add("GET", "/api/v1/vetting/expiring", Action::kReadVetting, [this](Ctx ctx, Respond respond) {
    Query(
        ctx,
        [this, ctx](Tx& tx) {
          return vetting::Expiring(tx, ctx->principal, QueryParamsOf(ctx), app_.clock().Now(),
                                   app_.vetting_settings());
        },
        std::move(respond));
  });
  // A subject's vetting history and a request with its decision are
  // sensitive reads: each is an access event.
  r.Add("GET", "/api/v1/vetting/subjects/{kind}/{id}", Action::kReadVetting,
        [this](Ctx ctx, Respond respond) {
          const std::string kind = ctx->params.at("kind");
          const std::string id = ctx->params.at("id");
          LoggedQuery(
              ctx, "vetting.subject", kind + "/" + id,
              [this, ctx, kind, id](Tx& tx) {
                return vetting::GetSubject(tx, ctx->principal, kind, id, app_.clock().Now(),
                                           app_.vetting_settings());
              },
              std::move(respond));
        });
  r.Add("GET", "/api/v1/vetting/{id}", Action::kReadVetting, [this](Ctx ctx, Respond respond) {
    const std::string id = ctx->params.at("id");
    LoggedQuery(
        ctx, "vetting.request", id,
        [this, ctx, id](Tx& tx) {
          return vetting::GetRequest(tx, ctx->principal, id, app_.clock().Now(),
                                     app_.vetting_settings());
        },
        std::move(respond));
  });
  r.Add("POST", "/api/v1/vetting/{id}/decision", Action::kDecideVetting,
        [this](Ctx ctx, Respond respond) {
          auto body = Body(ctx);
          if (!body) return respond(Problem(ctx, body.error()));
          RunCommand(
              ctx,
              [id = ctx->params.at("id"), in = std::move(*body), s = app_.vetting_settings()](
                  CommandContext& c) { return vetting::Decide(c, id, in, s); },
              std::move(respond));
        });

  r.Add("POST", "/api/v1/vetting/{id}/withdraw", Action::kRequestVetting,
        [this](Ctx ctx, Respond respond) {
          auto body = OptionalBody(ctx);
          if (!body) return respond(Problem(ctx, body.error()));
          RunCommand(
              ctx,
              [id = ctx->params.at("id"), in = std::move(*body), s = app_.vetting_settings()](
                  CommandContext& c) { return vetting::Withdraw(c, id, in, s); },
              std::move(respond));
        });

  // The allegations register: the coordinator's vetting officers (and its
  // auditors, reading).
  r.Add("GET", "/api/v1/allegations", Action::kReadAllegations, [this](Ctx ctx, Respond respond) {
    auto q = allegations::ParseListQuery(QueryParamsOf(ctx));
    if (!q) return respond(Problem(ctx, q.error()));
    Query(
        ctx, [ctx, q = std::move(*q)](Tx& tx) { return allegations::List(tx, ctx->principal, q); },
        std::move(respond));
  });
  r.Add("POST", "/api/v1/allegations", Action::kManageAllegations,
        [this](Ctx ctx, Respond respond) {
          auto body = Body(ctx);
          if (!body) return respond(Problem(ctx, body.error()));
          RunCommand(
              ctx,
              [in = std::move(*body), s = app_.vetting_settings()](CommandContext& c) {
                return allegations::Register(c, in, s);
              },
              std::move(respond), 201);
        });
  r.Add("GET", "/api/v1/allegations/{id}", Action::kReadAllegations,
        [this](Ctx ctx, Respond respond) {
          const std::string id = ctx->params.at("id");
          LoggedQuery(
              ctx, "allegation", id,
              [this, ctx, id](Tx& tx) {
                return allegations::Get(tx, ctx->principal, id, app_.clock().Now());
              },
              std::move(respond));
        });
  r.Add("POST", "/api/v1/allegations/{id}/status", Action::kManageAllegations,
        [this](Ctx ctx, Respond respond) {
          auto body = Body(ctx);
          if (!body) return respond(Problem(ctx, body.error()));
          RunCommand(
              ctx,
              [id = ctx->params.at("id"), in = std::move(*body), s = app_.vetting_settings()](
                  CommandContext& c) { return allegations::ChangeStatus(c, id, in, s); },
              std::move(respond));
        });
}

}  // namespace liaison
