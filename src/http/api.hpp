// Api: the JSON API under /api/v1, plus /healthz, /metrics and the OpenAPI
// document. It owns the route table and runs every request through the same
// steps: match route -> authenticate (cookie or bearer) -> CSRF check ->
// policy check of the route's Action -> handler. Handlers decode, run a
// command on the CommandBus or a query on a read connection, and encode.
//
// Thread-safety: Handle() is thread-safe; `respond` may run on any thread.
#pragma once

#include <memory>
#include <string>

#include "app/app.hpp"
#include "domain/list_query.hpp"
#include "http/map_layers.hpp"
#include "http/metrics.hpp"
#include "http/router.hpp"
#include "http/stream_hub.hpp"

namespace liaison {

inline constexpr std::string_view kSessionCookie = "liaison_session";
inline constexpr std::string_view kCsrfHeader = "x-liaison-request";

class Api {
 public:
  Api(App& app, Metrics& metrics, StreamHub& hub, MapLayers maps);

  void Handle(HttpRequest req, Respond respond);

  // Authenticates a request by its bearer token or session cookie.
  Result<Principal> Authenticate(const HttpRequest& req, bool* via_cookie = nullptr);
  // The coarse, route-level decision made before any handler runs.
  static Decision Authorize(const Route& route, const Principal& p);
  // Cookie-authenticated writes must prove they come from our own pages.
  static Status CheckCsrf(const HttpRequest& req);
  // False when the request carries an Origin other than this server's own
  // (scheme and Host); true when it carries none.
  static bool SameOriginOrNone(const HttpRequest& req);

  // Events after `after` that `p` may see, oldest first, at most `limit`, as
  // stream frames: what a reconnecting stream client missed.
  Result<std::vector<std::string>> ReplayFrames(const Principal& p, std::int64_t after,
                                                std::int64_t limit);

  const Router& router() const { return router_; }
  App& app() { return app_; }

 private:
  void AddRoutes();
  void AddRequestRoutes();             // api_requests.cpp
  void AddDeconflictionRoutes();       // api_deconfliction.cpp
  void AddIncidentRoutes();            // api_incidents.cpp
  void AddMessagingRoutes();           // api_messaging.cpp
  void AddReturnRoutes();              // api_returns.cpp
  void AddPersonnelRoutes();           // api_personnel.cpp
  void AddPersonnelAnalyticsRoutes();  // api_personnel_analytics.cpp
  void AddVettingRoutes();             // api_vetting.cpp (and the allegations register)
  void AddTrainingRoutes();            // api_training.cpp

  // Handler helpers.
  void RunCommand(const Ctx& ctx, CommandFn fn, Respond respond, int ok_status = 200);
  // Decodes the JSON body and runs `create` with it; 201 on success.
  void CreateFromBody(const Ctx& ctx,
                      Result<json::value> (*create)(CommandContext&, const json::object&),
                      Respond respond);
  // Runs fn on a read connection.
  Result<json::value> Read(const std::function<Result<json::value>(Tx&)>& fn);
  void Query(const Ctx& ctx, std::function<Result<json::value>(Tx&)> fn, Respond respond);
  // A query on sensitive records: runs it, records the read as an access
  // event, and responds only once that event is committed.
  void LoggedQuery(const Ctx& ctx, std::string what, std::string subject,
                   std::function<Result<json::value>(Tx&)> fn, Respond respond);
  HttpResponse Problem(const Ctx& ctx, const Error& e) const;
  static Result<json::object> Body(const Ctx& ctx);
  // Body, or an empty object when the request has no body.
  static Result<json::object> OptionalBody(const Ctx& ctx);

  // Handlers, grouped by capability.
  void Login(Ctx ctx, Respond respond);
  void Logout(Ctx ctx, Respond respond);
  void Me(Ctx ctx, Respond respond);
  void ChangeOwnPassword(Ctx ctx, Respond respond);
  void CreateUser(Ctx ctx, Respond respond);
  void ResetPassword(Ctx ctx, Respond respond);
  void CreateToken(Ctx ctx, Respond respond);
  void AuditEvents(Ctx ctx, Respond respond);
  void TreeHead(Ctx ctx, Respond respond);
  void InclusionProof(Ctx ctx, Respond respond);
  void ConsistencyProof(Ctx ctx, Respond respond);
  void Metrics(Ctx ctx, Respond respond);

  App& app_;
  class Metrics& metrics_;
  StreamHub& hub_;
  const MapLayers maps_;
  Router router_;
};

// The request's query string as the domain's list parsers read it.
QueryParam QueryParamsOf(const Ctx& ctx);

// The OpenAPI 3.1 document served at /api/openapi.json (src/http/openapi.json).
std::string_view OpenApiDocument();

}  // namespace liaison
