// Routes and handlers for coordination requests, the duty desk and the
// request figures. See docs/requests.md.
#include <boost/json/serialize.hpp>

#include "core/time.hpp"
#include "domain/requests/duty.hpp"
#include "domain/requests/requests.hpp"
#include "domain/requests/stats.hpp"
#include "http/api.hpp"
#include "http/problem.hpp"

namespace liaison {
namespace {

constexpr Micros kDefaultStatsPeriod = Micros{30} * 24 * 3600 * kMicrosPerSecond;
constexpr Micros kMaxStatsPeriod = Micros{366} * 24 * 3600 * kMicrosPerSecond;

struct TransitionRoute {
  const char* path;
  requests::Op op;
  Action action;
};

constexpr TransitionRoute kTransitions[] = {
    {"/api/v1/requests/{id}/acknowledge", requests::Op::kAcknowledge, Action::kAnswerRequest},
    {"/api/v1/requests/{id}/decide", requests::Op::kDecide, Action::kAnswerRequest},
    {"/api/v1/requests/{id}/start", requests::Op::kStart, Action::kProgressRequest},
    {"/api/v1/requests/{id}/complete", requests::Op::kComplete, Action::kProgressRequest},
    {"/api/v1/requests/{id}/withdraw", requests::Op::kWithdraw, Action::kProgressRequest},
};

}  // namespace

void Api::AddRequestRoutes() {
  Router& r = router_;

  r.Add("POST", "/api/v1/requests/evaluate", Action::kSubmitRequest,
        [this](Ctx ctx, Respond respond) {
          auto body = Body(ctx);
          if (!body) return respond(Problem(ctx, body.error()));
          const requests::Settings settings = app_.request_settings();
          Query(
              ctx,
              [ctx, in = std::move(*body), settings](Tx& tx) {
                return requests::Evaluate(tx, ctx->principal, in, settings);
              },
              std::move(respond));
        });
  r.Add("POST", "/api/v1/requests", Action::kSubmitRequest, [this](Ctx ctx, Respond respond) {
    auto body = Body(ctx);
    if (!body) return respond(Problem(ctx, body.error()));
    RunCommand(
        ctx,
        [in = std::move(*body), settings = app_.request_settings()](CommandContext& c) {
          return requests::Submit(c, in, settings);
        },
        std::move(respond), 201);
  });
  r.Add("GET", "/api/v1/requests", Action::kReadRequests, [this](Ctx ctx, Respond respond) {
    auto q = requests::ParseListQuery(QueryParamsOf(ctx));
    if (!q) return respond(Problem(ctx, q.error()));
    Query(
        ctx, [ctx, q = std::move(*q)](Tx& tx) { return requests::List(tx, ctx->principal, q); },
        std::move(respond));
  });
  r.Add("GET", "/api/v1/requests/{id}", Action::kReadRequests, [this](Ctx ctx, Respond respond) {
    Query(
        ctx, [ctx](Tx& tx) { return requests::Get(tx, ctx->principal, ctx->params.at("id")); },
        std::move(respond));
  });
  for (const TransitionRoute& t : kTransitions) {
    r.Add("POST", t.path, t.action, [this, op = t.op](Ctx ctx, Respond respond) {
      auto body = OptionalBody(ctx);
      if (!body) return respond(Problem(ctx, body.error()));
      RunCommand(
          ctx,
          [id = ctx->params.at("id"), op, in = std::move(*body),
           settings = app_.request_settings()](CommandContext& c) {
            return requests::Transition(c, id, op, in, settings);
          },
          std::move(respond));
    });
  }
  r.Add("POST", "/api/v1/requests/{id}/comment", Action::kCommentRequest,
        [this](Ctx ctx, Respond respond) {
          auto body = Body(ctx);
          if (!body) return respond(Problem(ctx, body.error()));
          RunCommand(
              ctx,
              [id = ctx->params.at("id"), in = std::move(*body)](CommandContext& c) {
                return requests::Comment(c, id, in);
              },
              std::move(respond));
        });
  r.Add(
      "POST", "/api/v1/requests/{id}/log-call", Action::kLogCall, [this](Ctx ctx, Respond respond) {
        auto body = Body(ctx);
        if (!body) return respond(Problem(ctx, body.error()));
        RunCommand(
            ctx,
            [id = ctx->params.at("id"), in = std::move(*body), settings = app_.request_settings()](
                CommandContext& c) { return requests::LogCall(c, id, in, settings); },
            std::move(respond));
      });

  // --- The duty desk ------------------------------------------------------
  r.Add("GET", "/api/v1/duty/roster", Action::kReadDuty, [this](Ctx ctx, Respond respond) {
    Query(
        ctx,
        [this, ctx](Tx& tx) {
          return duty::Roster(tx, ctx->principal, app_.shift_plan(), app_.clock().Now());
        },
        std::move(respond));
  });
  r.Add("GET", "/api/v1/duty/queue", Action::kReadDuty, [this](Ctx ctx, Respond respond) {
    const std::string unit = ctx->req.Query("unit").value_or("");
    Query(
        ctx,
        [this, ctx, unit](Tx& tx) {
          return duty::Queue(tx, ctx->principal, unit, app_.clock().Now());
        },
        std::move(respond));
  });
  r.Add("GET", "/api/v1/duty/handovers", Action::kReadDuty, [this](Ctx ctx, Respond respond) {
    const std::string unit = ctx->req.Query("unit").value_or("");
    Query(
        ctx, [ctx, unit](Tx& tx) { return duty::Handovers(tx, ctx->principal, unit); },
        std::move(respond));
  });
  r.Add("POST", "/api/v1/duty/handover", Action::kHandOver, [this](Ctx ctx, Respond respond) {
    CreateFromBody(ctx, duty::HandOver, std::move(respond));
  });

  // --- Figures ------------------------------------------------------------
  r.Add("GET", "/api/v1/stats/requests", Action::kReadRequestStats,
        [this](Ctx ctx, Respond respond) {
          const Micros now = app_.clock().Now();
          Micros from = now - kDefaultStatsPeriod;
          Micros to = now;
          for (const char* key : {"from", "to"}) {
            if (auto v = ctx->req.Query(key)) {
              auto t = ParseRfc3339(*v);
              if (!t) {
                return respond(Problem(
                    ctx, Error::Invalid(std::string("/") + key,
                                        std::string(key) + " must be an RFC 3339 date-time")));
              }
              (std::string_view(key) == "from" ? from : to) = *t;
            }
          }
          if (to <= from || to - from > kMaxStatsPeriod) {
            return respond(Problem(
                ctx, Error::Invalid("/to", "the period must be positive and at most 366 days")));
          }
          Query(
              ctx,
              [ctx, from, to, now](Tx& tx) {
                return requests::Figures(tx, ctx->principal, from, to, now);
              },
              std::move(respond));
        });
}

Result<json::object> Api::OptionalBody(const Ctx& ctx) {
  if (ctx->req.body.empty()) return json::object();
  return Body(ctx);
}

}  // namespace liaison
