// Routes for the personnel analytics: headcount, rank pyramid, vacancies,
// retirement forecast and payroll, all under /api/v1/analytics/personnel.
// Route level: kReadPersonnelAnalytics on the caller's party; the queries
// check it again against the registry's scope (docs/personnel.md).
#include "domain/personnel/analytics.hpp"
#include "http/api.hpp"

namespace liaison {

void Api::AddPersonnelAnalyticsRoutes() {
  Router& r = router_;
  constexpr Action kAction = Action::kReadPersonnelAnalytics;

  r.Add("GET", "/api/v1/analytics/personnel/headcount", kAction, [this](Ctx ctx, Respond respond) {
    const personnel::Settings s = app_.personnel_settings();
    auto f = personnel::ParseAnalyticsFilter(QueryParamsOf(ctx), s);
    if (!f) return respond(Problem(ctx, f.error()));
    Query(
        ctx,
        [ctx, f = std::move(*f), s](Tx& tx) {
          return personnel::Headcount(tx, ctx->principal, f, s);
        },
        std::move(respond));
  });
  r.Add("GET", "/api/v1/analytics/personnel/rank-pyramid", kAction,
        [this](Ctx ctx, Respond respond) {
          const personnel::Settings s = app_.personnel_settings();
          auto q = personnel::ParsePyramidQuery(QueryParamsOf(ctx), s);
          if (!q) return respond(Problem(ctx, q.error()));
          Query(
              ctx,
              [ctx, q = std::move(*q), s](Tx& tx) {
                return personnel::RankPyramid(tx, ctx->principal, q, s);
              },
              std::move(respond));
        });
  r.Add("GET", "/api/v1/analytics/personnel/vacancies", kAction, [this](Ctx ctx, Respond respond) {
    const personnel::Settings s = app_.personnel_settings();
    auto q = personnel::ParseVacancyQuery(QueryParamsOf(ctx), s);
    if (!q) return respond(Problem(ctx, q.error()));
    Query(
        ctx,
        [ctx, q = std::move(*q), s](Tx& tx) {
          return personnel::Vacancies(tx, ctx->principal, q, s);
        },
        std::move(respond));
  });
  r.Add("GET", "/api/v1/analytics/personnel/retirements", kAction,
        [this](Ctx ctx, Respond respond) {
          const personnel::Settings s = app_.personnel_settings();
          auto q = personnel::ParseRetirementQuery(QueryParamsOf(ctx), s);
          if (!q) return respond(Problem(ctx, q.error()));
          Query(
              ctx,
              [ctx, q = std::move(*q), s, now = app_.clock().Now()](Tx& tx) {
                return personnel::Retirements(tx, ctx->principal, q, now, s);
              },
              std::move(respond));
        });
  r.Add("GET", "/api/v1/analytics/personnel/payroll", kAction, [this](Ctx ctx, Respond respond) {
    const personnel::Settings s = app_.personnel_settings();
    auto f = personnel::ParseAnalyticsFilter(QueryParamsOf(ctx), s);
    if (!f) return respond(Problem(ctx, f.error()));
    Query(
        ctx,
        [ctx, f = std::move(*f), s](Tx& tx) {
          return personnel::Payroll(tx, ctx->principal, f, s);
        },
        std::move(respond));
  });
}

}  // namespace liaison
