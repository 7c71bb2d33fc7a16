// Routes and handlers of the personnel registry: reference data, persons,
// their career events, the CSV import and export, and the establishment.
// See docs/personnel.md.
#include <boost/json/serialize.hpp>

#include "audit/sha256.hpp"
#include "core/bytes.hpp"
#include "domain/personnel/dates.hpp"
#include "domain/personnel/personnel.hpp"
#include "http/api.hpp"
#include "http/problem.hpp"

namespace liaison {
namespace {

// The content types a CSV upload arrives with (browsers label .csv files
// differently by platform).
constexpr std::string_view kCsvTypes[] = {"text/csv", "text/plain", "application/csv",
                                          "application/vnd.ms-excel"};

Status CheckCsvBody(const HttpRequest& req) {
  const std::string_view ct = req.Header("content-type");
  const std::string_view type = ct.substr(0, ct.find(';'));
  for (std::string_view t : kCsvTypes) {
    if (type == t) return OkStatus();
  }
  return Error::Invalid("", "the body must be a CSV file (Content-Type: text/csv)");
}

std::string DigestOf(std::string_view body) { return HexEncode(audit::Sha256(body)); }

std::string Lower(std::string s) {
  for (char& c : s) c = (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
  return s;
}

}  // namespace

void Api::AddPersonnelRoutes() {
  Router& r = router_;

  // Literal paths first: the router takes the first pattern that matches.
  r.Add("GET", "/api/v1/personnel/reference", Action::kReadPersonnel,
        [this](Ctx ctx, Respond respond) {
          Query(
              ctx,
              [ctx, s = app_.personnel_settings()](Tx& tx) -> Result<json::value> {
                auto scope = personnel::RegistryScope(tx, s);
                if (!scope) return std::move(scope).error();
                if (Decision d = Can(ctx->principal, Action::kReadPersonnel, *scope); !d) {
                  return Error::Denied(d.reason);
                }
                return personnel::ReferenceJson(s);
              },
              std::move(respond));
        });

  r.Add("POST", "/api/v1/personnel/import/dry-run", Action::kManagePersonnel,
        [this](Ctx ctx, Respond respond) {
          if (Status s = CheckCsvBody(ctx->req); !s) return respond(Problem(ctx, s.error()));
          const personnel::Settings s = app_.personnel_settings();
          const Micros now = app_.clock().Now();
          auto report = Read([&](Tx& tx) -> Result<json::value> {
            auto check = personnel::DryRun(tx, ctx->principal, ctx->req.body, now, s);
            if (!check) return std::move(check).error();
            json::object out = personnel::ImportReportJson(*check);
            out["digest"] = DigestOf(ctx->req.body);
            return json::value(std::move(out));
          });
          if (!report) return respond(Problem(ctx, report.error()));
          respond(HttpResponse::Json(200, json::serialize(*report)));
        });

  r.Add("POST", "/api/v1/personnel/import/commit", Action::kManagePersonnel,
        [this](Ctx ctx, Respond respond) {
          if (Status s = CheckCsvBody(ctx->req); !s) return respond(Problem(ctx, s.error()));
          const std::string given = Lower(ctx->req.Query("digest").value_or(""));
          if (given.empty()) {
            return respond(Problem(
                ctx, Error::Invalid("/digest", "digest (the dry run's digest) is required")));
          }
          std::string digest = DigestOf(ctx->req.body);
          if (given != digest) {
            return respond(Problem(
                ctx, Error::Conflict("the file is not the one whose digest is given; run the dry "
                                     "run on this file first",
                                     "/digest")));
          }
          app_.bus().Submit(
              ctx->principal,
              [csv = std::move(ctx->req.body), digest = std::move(digest),
               s = app_.personnel_settings()](CommandContext& c) {
                return personnel::CommitImport(c, csv, digest, s);
              },
              [ctx, respond = std::move(respond)](Result<CommandResult> done) {
                if (!done) {
                  // A row at fault: the same report as the dry run's, nothing written.
                  const Error& e = done.error();
                  const bool rows_at_fault =
                      e.code == ErrorCode::kInvalidArgument && !e.extra.empty();
                  return respond(ProblemResponse(e, ctx->req.request_id, rows_at_fault ? 422 : 0));
                }
                json::value reply = std::move(done->reply);
                if (reply.is_object() && !done->seqs.empty()) {
                  reply.as_object()["seq"] = done->seqs.front();
                }
                respond(HttpResponse::Json(201, json::serialize(reply)));
              });
        });

  r.Add(
      "GET", "/api/v1/personnel/export", Action::kReadPersonnel, [this](Ctx ctx, Respond respond) {
        auto q = personnel::ParsePersonQuery(QueryParamsOf(ctx));
        if (!q) return respond(Problem(ctx, q.error()));
        std::string csv;
        auto read = Read([&](Tx& tx) -> Result<json::value> {
          auto out = personnel::Export(tx, ctx->principal, *q, app_.personnel_settings());
          if (!out) return std::move(out).error();
          csv = std::move(*out);
          return json::value(nullptr);
        });
        if (!read) return respond(Problem(ctx, read.error()));
        // Reading the registry is an access: the file leaves once that is in the log.
        const std::string party = ctx->principal.party;
        json::object body{{"what", "personnel.export"},
                          {"subject", "personnel"},
                          {"request_id", ctx->req.request_id}};
        const std::string filename = "personnel-" + personnel::DateOf(app_.clock().Now()) + ".csv";
        app_.bus().Submit(
            ctx->principal,
            [party, body = std::move(body)](CommandContext& c) -> Result<json::value> {
              c.Emit({"access.read", "personnel", party, {}, body});
              return json::value(nullptr);
            },
            [ctx, respond = std::move(respond), csv = std::move(csv),
             filename](Result<CommandResult> done) mutable {
              if (!done) return respond(ProblemResponse(done.error(), ctx->req.request_id));
              HttpResponse resp;
              resp.status = 200;
              resp.content_type = "text/csv; charset=utf-8";
              resp.headers.emplace_back("Content-Disposition",
                                        "attachment; filename=\"" + filename + "\"");
              resp.body = std::move(csv);
              respond(std::move(resp));
            });
      });

  r.Add("GET", "/api/v1/personnel", Action::kReadPersonnel, [this](Ctx ctx, Respond respond) {
    auto q = personnel::ParsePersonQuery(QueryParamsOf(ctx));
    if (!q) return respond(Problem(ctx, q.error()));
    LoggedQuery(
        ctx, "personnel.search", "personnel",
        [ctx, q = std::move(*q), s = app_.personnel_settings()](Tx& tx) {
          return personnel::Search(tx, ctx->principal, q, s);
        },
        std::move(respond));
  });

  r.Add("POST", "/api/v1/personnel", Action::kManagePersonnel, [this](Ctx ctx, Respond respond) {
    auto body = Body(ctx);
    if (!body) return respond(Problem(ctx, body.error()));
    RunCommand(
        ctx,
        [in = std::move(*body), s = app_.personnel_settings()](CommandContext& c) {
          return personnel::Register(c, in, s);
        },
        std::move(respond), 201);
  });

  r.Add("GET", "/api/v1/personnel/{id}", Action::kReadPersonnel, [this](Ctx ctx, Respond respond) {
    const std::string id = ctx->params.at("id");
    LoggedQuery(
        ctx, "personnel.person", "person/" + id,
        [this, ctx, id, s = app_.personnel_settings()](Tx& tx) {
          return personnel::GetPerson(tx, ctx->principal, id, app_.clock().Now(), s);
        },
        std::move(respond));
  });

  r.Add("GET", "/api/v1/personnel/{id}/events", Action::kReadPersonnel,
        [this](Ctx ctx, Respond respond) {
          const std::string id = ctx->params.at("id");
          LoggedQuery(
              ctx, "personnel.career", "person/" + id,
              [ctx, id, s = app_.personnel_settings()](Tx& tx) {
                return personnel::CareerEventsOf(tx, ctx->principal, id, s);
              },
              std::move(respond));
        });

  r.Add("POST", "/api/v1/personnel/{id}/events", Action::kManagePersonnel,
        [this](Ctx ctx, Respond respond) {
          auto body = Body(ctx);
          if (!body) return respond(Problem(ctx, body.error()));
          RunCommand(
              ctx,
              [id = ctx->params.at("id"), in = std::move(*body), s = app_.personnel_settings()](
                  CommandContext& c) { return personnel::RecordCareerEvent(c, id, in, s); },
              std::move(respond), 201);
        });

  // --- Establishment ------------------------------------------------------
  r.Add("GET", "/api/v1/establishment", Action::kReadPersonnel, [this](Ctx ctx, Respond respond) {
    auto q = personnel::ParseUnitQuery(QueryParamsOf(ctx));
    if (!q) return respond(Problem(ctx, q.error()));
    Query(
        ctx,
        [ctx, q = std::move(*q), s = app_.personnel_settings()](Tx& tx) {
          return personnel::Establishment(tx, ctx->principal, q, s);
        },
        std::move(respond));
  });
  r.Add("POST", "/api/v1/establishment/units", Action::kManagePersonnel,
        [this](Ctx ctx, Respond respond) {
          auto body = Body(ctx);
          if (!body) return respond(Problem(ctx, body.error()));
          RunCommand(
              ctx,
              [in = std::move(*body), s = app_.personnel_settings()](CommandContext& c) {
                return personnel::DefineUnit(c, in, s);
              },
              std::move(respond), 201);
        });
  r.Add("PUT", "/api/v1/establishment/units/{id}", Action::kManagePersonnel,
        [this](Ctx ctx, Respond respond) {
          auto body = Body(ctx);
          if (!body) return respond(Problem(ctx, body.error()));
          RunCommand(
              ctx,
              [id = ctx->params.at("id"), in = std::move(*body), s = app_.personnel_settings()](
                  CommandContext& c) { return personnel::SetEstablishment(c, id, in, s); },
              std::move(respond));
        });
}

}  // namespace liaison
