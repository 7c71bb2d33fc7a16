#include "http/api.hpp"

#include <boost/json/serialize.hpp>

#include "http/problem.hpp"

namespace liaison {

Api::Api(App& app, class Metrics& metrics, StreamHub& hub, MapLayers maps)
    : app_(app), metrics_(metrics), hub_(hub), maps_(std::move(maps)) {
  AddRoutes();
}

HttpResponse Api::Problem(const Ctx& ctx, const Error& e) const {
  return ProblemResponse(e, ctx->req.request_id);
}

Result<Principal> Api::Authenticate(const HttpRequest& req, bool* via_cookie) {
  const std::string_view authz = req.Header("authorization");
  if (!authz.empty()) {
    constexpr std::string_view kBearer = "Bearer ";
    if (!authz.starts_with(kBearer)) {
      return Error::Unauthenticated("the Authorization header must be 'Bearer <token>'");
    }
    if (via_cookie) *via_cookie = false;
    return app_.auth().AuthenticateBearer(std::string(authz.substr(kBearer.size())));
  }
  auto cookie = req.Cookie(kSessionCookie);
  if (!cookie) return Error::Unauthenticated("not logged in");
  if (via_cookie) *via_cookie = true;
  return app_.auth().AuthenticateSession(*cookie);
}

Decision Api::Authorize(const Route& route, const Principal& p) {
  if (!route.action) return {true, {}};
  // Route level: the action on the principal's own party. Record-level
  // decisions (another party's user, a unit elsewhere) are made by the
  // commands and queries, through the same policy.
  return Can(p, *route.action, Scope{p.party, {}});
}

bool Api::SameOriginOrNone(const HttpRequest& req) {
  const std::string_view origin = req.Header("origin");
  return origin.empty() ||
         origin == std::string(req.tls ? "https://" : "http://") + std::string(req.Header("host"));
}

Status Api::CheckCsrf(const HttpRequest& req) {
  if (req.method == "GET" || req.method == "HEAD" || req.method == "OPTIONS") return OkStatus();
  if (!req.Header("origin").empty()) {
    if (!SameOriginOrNone(req)) {
      return Error::Denied("cross-origin request refused (Origin does not match Host)");
    }
    return OkStatus();
  }
  if (req.Header(kCsrfHeader).empty()) {
    return Error::Denied("a cookie-authenticated write needs the X-Liaison-Request header");
  }
  return OkStatus();
}

void Api::Handle(HttpRequest req, Respond respond) {
  auto ctx = std::make_shared<RequestContext>();
  ctx->req = std::move(req);
  const Router::Match m = router_.Find(ctx->req.method, ctx->req.path);
  if (m.route == nullptr) {
    if (m.path_known) {
      HttpResponse resp = ProblemResponse(
          Error{ErrorCode::kInvalidArgument, "method not allowed on this path", "", "", 0, {}},
          ctx->req.request_id, 405);
      std::string allow;
      for (const auto& method : m.allowed) allow += (allow.empty() ? "" : ", ") + method;
      resp.headers.emplace_back("Allow", std::move(allow));
      respond(std::move(resp));
    } else {
      respond(Problem(ctx, Error::NotFound("no such endpoint")));
    }
    return;
  }
  ctx->params = m.params;
  if (m.route->action) {
    bool via_cookie = false;
    auto principal = Authenticate(ctx->req, &via_cookie);
    if (!principal) {
      respond(Problem(ctx, principal.error()));
      return;
    }
    ctx->principal = std::move(*principal);
    ctx->via_cookie = via_cookie;
    if (via_cookie) {
      if (Status s = CheckCsrf(ctx->req); !s) {
        respond(Problem(ctx, s.error()));
        return;
      }
    }
    if (Decision d = Authorize(*m.route, ctx->principal); !d) {
      respond(Problem(ctx, Error::Denied(d.reason)));
      return;
    }
  } else if (ctx->req.method != "GET" && ctx->req.method != "HEAD") {
    // Public writes (the login) carry the same CSRF proof: it stops login CSRF.
    if (Status s = CheckCsrf(ctx->req); !s) {
      respond(Problem(ctx, s.error()));
      return;
    }
  }
  const std::string request_id = ctx->req.request_id;
  try {
    // Copies, not moves: the catch below still needs `respond`.
    m.route->handler(ctx, respond);
  } catch (const std::exception& e) {
    // Handlers return errors as values; this is a bug, reported without detail.
    respond(ProblemResponse(Error::Internal(e.what()), request_id));
  }
}

void Api::RunCommand(const Ctx& ctx, CommandFn fn, Respond respond, int ok_status) {
  app_.bus().Submit(ctx->principal, std::move(fn),
                    [ctx, respond = std::move(respond), ok_status](Result<CommandResult> r) {
                      if (!r) {
                        respond(ProblemResponse(r.error(), ctx->req.request_id));
                        return;
                      }
                      json::value reply = std::move(r->reply);
                      if (reply.is_object() && !r->seqs.empty()) {
                        // The receipt: the seq of the command's first event, the record's
                        // own, for an inclusion proof (later ones, e.g. the conflicts a
                        // planned activity reveals, are receipts of other records).
                        reply.as_object()["seq"] = r->seqs.front();
                      }
                      respond(HttpResponse::Json(ok_status, json::serialize(reply)));
                    });
}

Result<json::value> Api::Read(const std::function<Result<json::value>(Tx&)>& fn) {
  json::value out;
  LIAISON_TRY(app_.store().RunRead([&](Tx& tx) -> Status {
    auto r = fn(tx);
    if (!r) return std::move(r).error();
    out = std::move(*r);
    return OkStatus();
  }));
  return out;
}

void Api::Query(const Ctx& ctx, std::function<Result<json::value>(Tx&)> fn, Respond respond) {
  auto out = Read(fn);
  if (!out) {
    respond(Problem(ctx, out.error()));
    return;
  }
  respond(HttpResponse::Json(200, json::serialize(*out)));
}

void Api::LoggedQuery(const Ctx& ctx, std::string what, std::string subject,
                      std::function<Result<json::value>(Tx&)> fn, Respond respond) {
  auto read = Read(fn);
  if (!read) {
    respond(Problem(ctx, read.error()));
    return;
  }
  json::value out = std::move(*read);
  // The answer leaves only once the access is durably in the log.
  const std::string party = ctx->principal.party;
  json::object body{{"what", what}, {"subject", subject}, {"request_id", ctx->req.request_id}};
  app_.bus().Submit(
      ctx->principal,
      [party, subject, body](CommandContext& c) -> Result<json::value> {
        c.Emit({"access.read", subject, party, {}, body});
        return json::value(nullptr);
      },
      [ctx, respond = std::move(respond), out = std::move(out)](Result<CommandResult> r) {
        if (!r) {
          respond(ProblemResponse(r.error(), ctx->req.request_id));
          return;
        }
        respond(HttpResponse::Json(200, json::serialize(out)));
      });
}

Result<json::object> Api::Body(const Ctx& ctx) {
  const std::string_view ct = ctx->req.Header("content-type");
  if (!ct.starts_with("application/json")) {
    return Error::Invalid("", "the body must be JSON (Content-Type: application/json)");
  }
  return ParseObject(ctx->req.body);
}

QueryParam QueryParamsOf(const Ctx& ctx) {
  return [ctx](std::string_view name) -> std::optional<std::string> {
    auto v = ctx->req.Query(name);
    if (!v) return std::nullopt;
    return std::string(*v);
  };
}

}  // namespace liaison
