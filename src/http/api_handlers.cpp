// The route table and its handlers.
#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <charconv>

#include "app/demo.hpp"
#include "auth/password.hpp"
#include "auth/token.hpp"
#include "core/time.hpp"
#include "domain/identity/identity.hpp"
#include "domain/incidents/incidents.hpp"
#include "domain/requests/requests.hpp"
#include "http/api.hpp"
#include "http/problem.hpp"
#include "store/event_log.hpp"

namespace liaison {
namespace {

constexpr std::int64_t kDefaultEventPage = 100;
constexpr std::int64_t kMaxEventPage = 1000;

std::string SessionCookie(const std::string& token, bool tls, long max_age) {
  std::string c = std::string(kSessionCookie) + "=" + token +
                  "; Path=/; HttpOnly; SameSite=Strict; Max-Age=" + std::to_string(max_age);
  if (tls) c += "; Secure";
  return c;
}

json::array HexList(const std::vector<Hash256>& v) {
  json::array out;
  for (const auto& h : v) out.emplace_back(HexEncode(h));
  return out;
}

Result<std::int64_t> QueryInt(const HttpRequest& req, std::string_view name, std::int64_t def,
                              std::int64_t min, std::int64_t max) {
  auto v = req.Query(name);
  if (!v) return def;
  std::int64_t out = 0;
  const char* b = v->data();
  auto [p, ec] = std::from_chars(b, b + v->size(), out);
  if (ec != std::errc() || p != b + v->size() || out < min || out > max) {
    return Error::Invalid("/" + std::string(name), std::string(name) + " must be an integer from " +
                                                       std::to_string(min) + " to " +
                                                       std::to_string(max));
  }
  return out;
}

// A list query's result as the API's list shape: {"items": [...]}.
template <class List>
std::function<Result<json::value>(Tx&)> Items(List list) {
  return [list = std::move(list)](Tx& tx) -> Result<json::value> {
    auto items = list(tx);
    if (!items) return std::move(items).error();
    return json::value(json::object{{"items", std::move(*items)}});
  };
}

}  // namespace

void Api::AddRoutes() {
  auto bind = [this](void (Api::*fn)(Ctx, Respond)) {
    return [this, fn](Ctx c, Respond r) { (this->*fn)(std::move(c), std::move(r)); };
  };
  Router& r = router_;

  // --- Open ---------------------------------------------------------------
  r.Add("GET", "/healthz", std::nullopt, [this](Ctx, Respond respond) {
    respond(HttpResponse::Json(
        200, json::serialize(json::object{{"status", "ok"}, {"seq", app_.bus().last_seq()}})));
  });
  r.Add("GET", "/metrics", std::nullopt, bind(&Api::Metrics));
  r.Add("GET", "/api/openapi.json", std::nullopt, [](Ctx, Respond respond) {
    respond(HttpResponse::Json(200, std::string(OpenApiDocument())));
  });

  // --- Session and self ---------------------------------------------------
  r.Add("POST", "/api/v1/session", std::nullopt, bind(&Api::Login));
  r.Add("DELETE", "/api/v1/session", Action::kReadSelf, bind(&Api::Logout));
  r.Add("GET", "/api/v1/me", Action::kReadSelf, bind(&Api::Me));
  r.Add("POST", "/api/v1/me/password", Action::kReadSelf, bind(&Api::ChangeOwnPassword));
  r.Add("GET", "/api/v1/stream", Action::kSubscribeStream, [this](Ctx ctx, Respond respond) {
    // Reached only without an Upgrade header; the server upgrades before routing.
    HttpResponse resp =
        ProblemResponse(Error::Invalid("", "this endpoint is a WebSocket; send Upgrade: websocket"),
                        ctx->req.request_id, 426);
    resp.headers.emplace_back("Upgrade", "websocket");
    respond(std::move(resp));
  });

  // --- Directory ----------------------------------------------------------
  r.Add("GET", "/api/v1/parties", Action::kReadDirectory, [this](Ctx ctx, Respond respond) {
    Query(ctx, Items([](Tx& tx) { return identity::ListParties(tx); }), std::move(respond));
  });
  r.Add("POST", "/api/v1/parties", Action::kCreateParty, [this](Ctx ctx, Respond respond) {
    CreateFromBody(ctx, identity::CreateParty, std::move(respond));
  });
  r.Add("GET", "/api/v1/nations", Action::kReadDirectory, [this](Ctx ctx, Respond respond) {
    Query(ctx, Items([](Tx& tx) { return identity::ListNations(tx); }), std::move(respond));
  });
  r.Add("GET", "/api/v1/units", Action::kReadDirectory, [this](Ctx ctx, Respond respond) {
    const std::string party = ctx->req.Query("party").value_or("");
    Query(ctx, Items([party](Tx& tx) { return identity::ListUnits(tx, party); }),
          std::move(respond));
  });
  r.Add("POST", "/api/v1/units", Action::kCreateUnit, [this](Ctx ctx, Respond respond) {
    CreateFromBody(ctx, identity::CreateUnit, std::move(respond));
  });

  // --- Accounts -----------------------------------------------------------
  r.Add("GET", "/api/v1/users", Action::kReadUsers, [this](Ctx ctx, Respond respond) {
    LoggedQuery(
        ctx, "users.list", "party/" + ctx->principal.party,
        Items([party = ctx->principal.party](Tx& tx) { return identity::ListUsers(tx, party); }),
        std::move(respond));
  });
  r.Add("POST", "/api/v1/users", Action::kManageUsers, bind(&Api::CreateUser));
  r.Add("GET", "/api/v1/users/{username}", Action::kReadUsers, [this](Ctx ctx, Respond respond) {
    const std::string username = ctx->params.at("username");
    LoggedQuery(
        ctx, "users.read", "user/" + username,
        [ctx, username](Tx& tx) -> Result<json::value> {
          auto u = identity::FindUser(tx, username);
          if (!u) return std::move(u).error();
          // Another party's account does not exist, as far as this caller knows.
          if (!u->has_value() || !Can(ctx->principal, Action::kReadUsers, Scope{(*u)->party, {}})) {
            return Error::NotFound("no such user");
          }
          return json::value(identity::UserJson(**u));
        },
        std::move(respond));
  });
  r.Add("PATCH", "/api/v1/users/{username}", Action::kManageUsers,
        [this](Ctx ctx, Respond respond) {
          auto body = Body(ctx);
          if (!body) return respond(Problem(ctx, body.error()));
          RunCommand(
              ctx,
              [u = ctx->params.at("username"), in = std::move(*body)](CommandContext& c) {
                return identity::UpdateUser(c, u, in);
              },
              std::move(respond));
        });
  for (const bool disable : {true, false}) {
    r.Add("POST", disable ? "/api/v1/users/{username}/disable" : "/api/v1/users/{username}/enable",
          Action::kManageUsers, [this, disable](Ctx ctx, Respond respond) {
            RunCommand(
                ctx,
                [u = ctx->params.at("username"), disable](CommandContext& c) {
                  return identity::SetUserDisabled(c, u, disable);
                },
                std::move(respond));
          });
  }
  r.Add("POST", "/api/v1/users/{username}/password", Action::kManageUsers,
        bind(&Api::ResetPassword));

  // --- API tokens ---------------------------------------------------------
  r.Add("GET", "/api/v1/tokens", Action::kManageTokens, [this](Ctx ctx, Respond respond) {
    Query(ctx,
          Items([party = ctx->principal.party](Tx& tx) { return identity::ListTokens(tx, party); }),
          std::move(respond));
  });
  r.Add("POST", "/api/v1/tokens", Action::kManageTokens, bind(&Api::CreateToken));
  r.Add("DELETE", "/api/v1/tokens/{id}", Action::kManageTokens, [this](Ctx ctx, Respond respond) {
    RunCommand(
        ctx,
        [id = ctx->params.at("id")](CommandContext& c) { return identity::RevokeToken(c, id); },
        std::move(respond));
  });

  // --- Audit --------------------------------------------------------------
  r.Add("GET", "/api/v1/audit/tree-head", Action::kReadAuditHead, bind(&Api::TreeHead));
  r.Add("GET", "/api/v1/audit/proof/inclusion", Action::kReadAuditHead, bind(&Api::InclusionProof));
  r.Add("GET", "/api/v1/audit/proof/consistency", Action::kReadAuditHead,
        bind(&Api::ConsistencyProof));
  r.Add("GET", "/api/v1/audit/events", Action::kReadAuditEvents, bind(&Api::AuditEvents));

  AddRequestRoutes();
  AddDeconflictionRoutes();
  AddIncidentRoutes();
  AddMessagingRoutes();
  AddReturnRoutes();
  AddPersonnelRoutes();
  AddPersonnelAnalyticsRoutes();
  AddVettingRoutes();
  AddTrainingRoutes();

  // --- Map ----------------------------------------------------------------
  r.Add("GET", "/api/v1/map/layers", Action::kReadMap, [this](Ctx, Respond respond) {
    json::array layers;
    for (const MapLayer& l : maps_.layers()) {
      layers.push_back(json::object{{"id", l.id},
                                    {"title", l.title},
                                    {"kind", l.kind},
                                    {"default_visible", l.default_visible},
                                    {"url", "/api/v1/map/layers/" + l.id}});
    }
    respond(HttpResponse::Json(
        200, json::serialize(json::object{{"attribution", MapLayers::kAttribution},
                                          {"layers", std::move(layers)}})));
  });
  r.Add("GET", "/api/v1/map/layers/{id}", Action::kReadMap, [this](Ctx ctx, Respond respond) {
    const MapLayer* l = maps_.Find(ctx->params.at("id"));
    if (l == nullptr) return respond(Problem(ctx, Error::NotFound("no such map layer")));
    HttpResponse resp;
    resp.headers.emplace_back("ETag", l->etag);
    resp.headers.emplace_back("Cache-Control", "private, max-age=3600");
    if (ctx->req.Header("if-none-match") == l->etag) {
      resp.status = 304;
      resp.content_type.clear();
    } else {
      resp.content_type = "application/geo+json";
      resp.body = l->body;
    }
    respond(std::move(resp));
  });
}

void Api::CreateFromBody(const Ctx& ctx,
                         Result<json::value> (*create)(CommandContext&, const json::object&),
                         Respond respond) {
  auto body = Body(ctx);
  if (!body) return respond(Problem(ctx, body.error()));
  RunCommand(
      ctx, [create, in = std::move(*body)](CommandContext& c) { return create(c, in); },
      std::move(respond), 201);
}

void Api::Metrics(Ctx, Respond respond) {
  Metrics::Gauges g;
  g.events = app_.bus().last_seq();
  g.sessions = static_cast<std::int64_t>(app_.auth().active_sessions());
  g.writer_queue = static_cast<std::int64_t>(app_.bus().QueueDepth());
  g.writer_batches = static_cast<std::int64_t>(app_.bus().batches_committed());
  if (auto head = app_.audit().LatestHead())
    g.tree_size_signed = static_cast<std::int64_t>(head->tree_size);
  (void)app_.store().RunRead([&](Tx& tx) -> Status {
    auto counts = requests::CountOpen(tx, app_.clock().Now());
    if (!counts) return std::move(counts).error();
    g.requests_open = counts->open;
    g.requests_overdue = counts->overdue;
    auto unresolved = deconfliction::CountUnresolved(tx);
    if (!unresolved) return std::move(unresolved).error();
    g.conflicts_unresolved = *unresolved;
    auto active = incidents::CountActive(tx);
    if (!active) return std::move(active).error();
    g.incidents_active = *active;
    auto late = incidents::CountOverdueAcks(tx, app_.clock().Now());
    if (!late) return std::move(late).error();
    g.incident_acks_overdue = *late;
    return OkStatus();
  });
  if (const deconfliction::Index* index = app_.deconfliction_settings().index) {
    g.deconfliction_footprints = static_cast<std::int64_t>(index->size());
  }
  HttpResponse resp = HttpResponse::Json(200, metrics_.Render(g));
  resp.content_type = "text/plain; version=0.0.4";
  respond(std::move(resp));
}

void Api::Login(Ctx ctx, Respond respond) {
  auto body = Body(ctx);
  if (!body) return respond(Problem(ctx, body.error()));
  if (Status s = OnlyKnownFields(*body, {"username", "password", "totp"}); !s) {
    return respond(Problem(ctx, s.error()));
  }
  auto username = RequireString(*body, "username", {1, 64});
  if (!username) return respond(Problem(ctx, username.error()));
  auto password = RequireString(*body, "password", {1, kMaxPasswordBytes});
  if (!password) return respond(Problem(ctx, password.error()));
  auto totp = OptionalString(*body, "totp", {0, 16});
  if (!totp) return respond(Problem(ctx, totp.error()));
  LoginRequest login{*username,
                     *password,
                     *totp,
                     ctx->req.remote_address,
                     ctx->req.Cookie(kSessionCookie).value_or(""),
                     ""};
  const long max_age = app_.config().session_absolute_hours * 3600L;
  app_.auth().Login(std::move(login), [ctx, respond, max_age](Result<LoginResult> r) {
    if (!r) return respond(ProblemResponse(r.error(), ctx->req.request_id));
    HttpResponse resp = HttpResponse::Json(200, json::serialize(r->me));
    resp.headers.emplace_back("Set-Cookie", SessionCookie(r->token, ctx->req.tls, max_age));
    resp.headers.emplace_back("Cache-Control", "no-store");
    respond(std::move(resp));
  });
}

void Api::Logout(Ctx ctx, Respond respond) {
  auto cookie = ctx->req.Cookie(kSessionCookie);
  auto finish = [ctx, respond]() {
    HttpResponse resp = HttpResponse::NoContent();
    resp.headers.emplace_back("Set-Cookie", SessionCookie("", ctx->req.tls, 0));
    respond(std::move(resp));
  };
  if (!cookie || !ctx->via_cookie) return finish();
  app_.auth().Logout(*cookie, [finish](Status) { finish(); });
}

void Api::Me(Ctx ctx, Respond respond) {
  Query(
      ctx,
      [ctx](Tx& tx) -> Result<json::value> {
        auto me = identity::MeJson(tx, ctx->principal);
        if (!me) return std::move(me).error();
        return json::value(std::move(*me));
      },
      std::move(respond));
}

void Api::ChangeOwnPassword(Ctx ctx, Respond respond) {
  auto body = Body(ctx);
  if (!body) return respond(Problem(ctx, body.error()));
  if (Status s = OnlyKnownFields(*body, {"current_password", "new_password"}); !s) {
    return respond(Problem(ctx, s.error()));
  }
  auto current = RequireString(*body, "current_password", {1, kMaxPasswordBytes});
  if (!current) return respond(Problem(ctx, current.error()));
  auto next = RequireString(*body, "new_password", {1, kMaxPasswordBytes});
  if (!next) return respond(Problem(ctx, next.error()));
  if (Status s = CheckPasswordStrength(*next, ctx->principal.username); !s) {
    Error e = s.error();
    e.field = "/new_password";
    return respond(Problem(ctx, e));
  }
  std::string encoded;
  LoginFailureState failures;
  Status s = app_.store().RunRead([&](Tx& tx) -> Status {
    auto c = identity::FindCredentials(tx, ctx->principal.username);
    if (!c) return std::move(c).error();
    if (c->has_value()) {
      encoded = (*c)->password_hash;
      failures = (*c)->failures;
    }
    return OkStatus();
  });
  if (!s) return respond(Problem(ctx, s.error()));
  // Guessing the current password from a stolen session meets the same
  // lockout as guessing it at the login.
  const Micros now = app_.clock().Now();
  if (IsLocked(failures, now)) {
    return respond(Problem(
        ctx, Error::Exhausted("the account is locked after repeated failures; try again later",
                              RetryAfterSeconds(failures, now))));
  }
  const PasswordHashParams params = app_.auth().hash_params();
  auto job = [this, ctx, respond, encoded, current = *current, next = *next, params]() {
    if (!VerifyPassword(encoded, current)) {
      app_.auth().RecordPasswordFailure(
          ctx->principal.username, ctx->req.remote_address, "bad_current_password", [ctx, respond] {
            respond(ProblemResponse(
                Error::Invalid("/current_password", "the current password is wrong"),
                ctx->req.request_id));
          });
      return;
    }
    auto hash = HashPassword(next, params);
    if (!hash) return respond(Problem(ctx, hash.error()));
    RunCommand(
        ctx,
        [u = ctx->principal.username, h = *hash](CommandContext& c) {
          return identity::SetPassword(c, u, h);
        },
        respond);
  };
  if (!app_.hashers().TryPost(std::move(job))) {
    respond(Problem(ctx, Error::Unavailable("the server is busy; try again")));
  }
}

void Api::CreateUser(Ctx ctx, Respond respond) {
  auto body = Body(ctx);
  if (!body) return respond(Problem(ctx, body.error()));
  auto username = RequireString(*body, "username", {3, 64});
  if (!username) return respond(Problem(ctx, username.error()));
  auto password = RequireString(*body, "password", {1, kMaxPasswordBytes});
  if (!password) return respond(Problem(ctx, password.error()));
  if (Status s = CheckPasswordStrength(*password, *username); !s) {
    return respond(Problem(ctx, s.error()));
  }
  const PasswordHashParams params = app_.auth().hash_params();
  auto job = [this, ctx, respond, in = std::move(*body), password = *password, params]() {
    auto hash = HashPassword(password, params);
    if (!hash) return respond(Problem(ctx, hash.error()));
    RunCommand(
        ctx, [in, h = *hash](CommandContext& c) { return identity::CreateUser(c, in, h); }, respond,
        201);
  };
  if (!app_.hashers().TryPost(std::move(job))) {
    respond(Problem(ctx, Error::Unavailable("the server is busy; try again")));
  }
}

void Api::ResetPassword(Ctx ctx, Respond respond) {
  auto body = Body(ctx);
  if (!body) return respond(Problem(ctx, body.error()));
  if (Status s = OnlyKnownFields(*body, {"password"}); !s) return respond(Problem(ctx, s.error()));
  auto password = RequireString(*body, "password", {1, kMaxPasswordBytes});
  if (!password) return respond(Problem(ctx, password.error()));
  const std::string username = ctx->params.at("username");
  if (Status s = CheckPasswordStrength(*password, username); !s) {
    return respond(Problem(ctx, s.error()));
  }
  const PasswordHashParams params = app_.auth().hash_params();
  auto job = [this, ctx, respond, username, password = *password, params]() {
    auto hash = HashPassword(password, params);
    if (!hash) return respond(Problem(ctx, hash.error()));
    RunCommand(
        ctx,
        [username, h = *hash](CommandContext& c) { return identity::SetPassword(c, username, h); },
        respond);
  };
  if (!app_.hashers().TryPost(std::move(job))) {
    respond(Problem(ctx, Error::Unavailable("the server is busy; try again")));
  }
}

void Api::CreateToken(Ctx ctx, Respond respond) {
  auto body = Body(ctx);
  if (!body) return respond(Problem(ctx, body.error()));
  const std::string token = NewToken();
  const std::string id = NewId("tok_");
  RunCommand(
      ctx,
      [in = std::move(*body), id, h = HashToken(token)](CommandContext& c) -> Result<json::value> {
        return identity::CreateToken(c, in, id, h);
      },
      [respond, token](HttpResponse resp) {
        // The secret is shown once, in this response only.
        if (resp.status == 201) {
          boost::system::error_code ec;
          json::value v = json::parse(resp.body, ec);
          if (!ec && v.is_object()) {
            v.as_object()["token"] = token;
            resp.body = json::serialize(v);
          }
          resp.headers.emplace_back("Cache-Control", "no-store");
        }
        respond(std::move(resp));
      },
      201);
}

void Api::TreeHead(Ctx ctx, Respond respond) {
  auto head = app_.audit().LatestHead();
  if (!head) {
    auto signed_now = app_.audit().SignNow();
    if (!signed_now) return respond(Problem(ctx, signed_now.error()));
    head = *signed_now;
  }
  json::object o{{"tree_size", head->tree_size},
                 {"root_hash", HexEncode(head->root)},
                 {"timestamp", FormatRfc3339(head->timestamp)},
                 {"signature", Base64UrlEncode(head->signature)},
                 {"key_id", head->key_id},
                 {"public_key", HexEncode(app_.audit().signer().PublicKey())}};
  respond(HttpResponse::Json(200, json::serialize(o)));
}

void Api::InclusionProof(Ctx ctx, Respond respond) {
  auto seq = QueryInt(ctx->req, "seq", -1, 1, INT64_MAX);
  if (!seq) return respond(Problem(ctx, seq.error()));
  if (*seq < 0) return respond(Problem(ctx, Error::Invalid("/seq", "seq is required")));
  auto size = QueryInt(ctx->req, "tree_size", -1, 1, INT64_MAX);
  if (!size) return respond(Problem(ctx, size.error()));
  std::uint64_t tree_size = *size > 0 ? static_cast<std::uint64_t>(*size) : 0;
  if (tree_size == 0) {
    // Against the latest signed head. A receipt is asked for right after its
    // event, often before the periodic head covers it: then sign a head now,
    // so the proof is available at once (at most one head per new event).
    auto head = app_.audit().LatestHead();
    if ((!head || head->tree_size < static_cast<std::uint64_t>(*seq)) &&
        *seq <= app_.bus().last_seq()) {
      auto signed_now = app_.audit().SignNow();
      if (!signed_now) return respond(Problem(ctx, signed_now.error()));
      head = *signed_now;
    }
    if (!head) return respond(Problem(ctx, Error::NotFound("no such event")));
    tree_size = head->tree_size;
  }
  // A party may prove only events it can see: inclusion of an event another
  // party owns would reveal that it exists.
  Status visible = app_.store().RunRead([&](Tx& tx) -> Status {
    auto rows =
        tx.Query("SELECT " + std::string(kEventColumns) + " FROM events WHERE seq = ?", {*seq});
    if (!rows) return std::move(rows).error();
    // The same rule as the audit log and the stream: security events only for
    // the party's administrators and auditors.
    if (rows->empty() || !CanSeeEvent(ctx->principal, EventFromRow(rows->front()).event)) {
      return Error::NotFound("no such event");
    }
    return OkStatus();
  });
  if (!visible) return respond(Problem(ctx, visible.error()));
  auto proof = app_.audit().InclusionProof(*seq, tree_size);
  if (!proof) return respond(Problem(ctx, proof.error()));
  json::array path = HexList(proof->path);
  respond(HttpResponse::Json(
      200, json::serialize(json::object{{"seq", *seq},
                                        {"leaf_index", proof->leaf_index},
                                        {"tree_size", proof->tree_size},
                                        {"leaf_hash", HexEncode(proof->leaf_hash)},
                                        {"audit_path", std::move(path)}})));
}

void Api::ConsistencyProof(Ctx ctx, Respond respond) {
  auto first = QueryInt(ctx->req, "first", -1, 1, INT64_MAX);
  if (!first) return respond(Problem(ctx, first.error()));
  auto second = QueryInt(ctx->req, "second", -1, 1, INT64_MAX);
  if (!second) return respond(Problem(ctx, second.error()));
  if (*first < 0) return respond(Problem(ctx, Error::Invalid("/first", "first is required")));
  if (*second < 0) return respond(Problem(ctx, Error::Invalid("/second", "second is required")));
  auto proof = app_.audit().ConsistencyProof(static_cast<std::uint64_t>(*first),
                                             static_cast<std::uint64_t>(*second));
  if (!proof) return respond(Problem(ctx, proof.error()));
  json::array path = HexList(*proof);
  respond(HttpResponse::Json(
      200, json::serialize(json::object{
               {"first", *first}, {"second", *second}, {"consistency_path", std::move(path)}})));
}

Result<std::vector<std::string>> Api::ReplayFrames(const Principal& p, std::int64_t after,
                                                   std::int64_t limit) {
  std::vector<std::string> frames;
  LIAISON_TRY(app_.store().RunRead([&](Tx& tx) -> Status {
    std::vector<std::string> vis;
    const std::string sql = "SELECT " + std::string(kEventColumns) +
                            " FROM events e WHERE e.seq > ? AND " +
                            EventVisibilitySql(p, "e", vis) + " ORDER BY e.seq LIMIT ?";
    std::vector<SqlValue> params{after};
    for (auto& v : vis) params.emplace_back(std::move(v));
    params.emplace_back(limit);
    auto rows = tx.Query(sql, params);
    if (!rows) return std::move(rows).error();
    for (const Row& row : *rows) {
      const audit::StoredEvent e = EventFromRow(row);
      if (CanSeeEvent(p, e.event)) frames.push_back(StreamHub::EventFrame(e.event));
    }
    return OkStatus();
  }));
  return frames;
}

void Api::AuditEvents(Ctx ctx, Respond respond) {
  auto after = QueryInt(ctx->req, "after", 0, 0, INT64_MAX);
  if (!after) return respond(Problem(ctx, after.error()));
  auto limit = QueryInt(ctx->req, "limit", kDefaultEventPage, 1, kMaxEventPage);
  if (!limit) return respond(Problem(ctx, limit.error()));
  const std::string type = ctx->req.Query("type").value_or("");
  LoggedQuery(
      ctx, "audit.events", "party/" + ctx->principal.party,
      [ctx, after = *after, limit = *limit, type](Tx& tx) -> Result<json::value> {
        std::vector<std::string> vis;
        std::string sql = "SELECT " + std::string(kEventColumns) +
                          " FROM events e WHERE e.seq > ? AND " +
                          EventVisibilitySql(ctx->principal, "e", vis);
        std::vector<SqlValue> params{after};
        for (auto& v : vis) params.emplace_back(std::move(v));
        if (!type.empty()) {
          sql += " AND (e.type = ? OR e.type LIKE ?)";
          params.emplace_back(type);
          params.emplace_back(type + ".%");
        }
        sql += " ORDER BY e.seq LIMIT ?";
        params.emplace_back(limit + 1);
        auto rows = tx.Query(sql, params);
        if (!rows) return std::move(rows).error();
        json::array items;
        std::int64_t last = after;
        for (size_t i = 0; i < rows->size() && static_cast<std::int64_t>(i) < limit; ++i) {
          const audit::StoredEvent e = EventFromRow((*rows)[i]);
          json::value frame = json::parse(StreamHub::EventFrame(e.event));
          json::object item = frame.as_object()["event"].as_object();
          item["leaf_hash"] = HexEncode(e.leaf_hash);
          items.push_back(std::move(item));
          last = e.event.seq;
        }
        json::object out{{"items", std::move(items)}};
        out["next_cursor"] = static_cast<std::int64_t>(rows->size()) > limit
                                 ? json::value(std::to_string(last))
                                 : json::value(nullptr);
        return json::value(std::move(out));
      },
      std::move(respond));
}

}  // namespace liaison
