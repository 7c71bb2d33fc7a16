// Personnel analytics: the reform's questions over the registry. Headcount
// by service, district and rank band; the rank pyramid against a target
// ratio; vacancies and over-establishment per unit; the retirement forecast;
// the payroll estimate. See docs/personnel.md, "Analytics".
//
// Every figure counts the persons on strength (active and suspended), may be
// narrowed to one service and one district, and is an aggregate: no person's
// record leaves, so reading figures is not an access event. The registry is
// one record set for access: a caller whose party may not see the registry
// (kReadPersonnelAnalytics against the registry's scope) gets kPermissionDenied.
//
// The queries read covering indexes of the persons table one status at a
// time, so that each GROUP BY follows an index and sorts nothing
// (src/store/migrations/0007_personnel.sql). Queries take a read transaction
// and are safe from any thread.
#pragma once

#include <optional>
#include <string>

#include "authz/principal.hpp"
#include "domain/json.hpp"
#include "domain/list_query.hpp"
#include "domain/personnel/figures.hpp"
#include "domain/personnel/personnel.hpp"
#include "store/store.hpp"

namespace liaison::personnel {

// ?service= (a service code of the reference data) and ?district= (a
// governorate P-code): both optional.
struct AnalyticsFilter {
  std::string service;
  std::string district;
};

Result<AnalyticsFilter> ParseAnalyticsFilter(const QueryParam& get, const Settings& s);

// kPermissionDenied unless `p` may read the registry's figures.
Status CheckAnalyticsAccess(Tx& tx, const Principal& p, const Settings& s);

// {"total","active","suspended","by_service":[{service,name_en,name_ar,count}],
//  "by_district":[{district,name_en,name_ar,count}],"by_band":[{band,count}],
//  "by_service_band":[{service,band,count}]}. Every known service and
// district is listed (count 0 included) unless filtered out; persons of
// units without a district count under district null.
Result<json::value> Headcount(Tx& tx, const Principal& p, const AnalyticsFilter& f,
                              const Settings& s);

// ?target=officer:nco:enlisted (default: the settings' target ratio).
struct PyramidQuery {
  AnalyticsFilter filter;
  BandRatio target;
};

Result<PyramidQuery> ParsePyramidQuery(const QueryParam& get, const Settings& s);

// {"target":{officer,nco,enlisted},"target_share":{...},"items":[{service,
//  name_en,name_ar,officer,nco,enlisted,total,share,target_share,deviation,
//  per_officer}],"all":{...}}: one item per service with persons on
// strength. `deviation` is share minus target share, per band; `per_officer`
// the counts relative to the officers (null without officers).
Result<json::value> RankPyramid(Tx& tx, const Principal& p, const PyramidQuery& q,
                                const Settings& s);

// ?only=vacant|over, ?limit= (1..200, default 50), ?cursor= (opaque).
struct VacancyQuery {
  AnalyticsFilter filter;
  std::string only;  // empty: every unit and band with posts or persons
  std::int64_t limit = 50;
  std::optional<std::string> cursor;
};

Result<VacancyQuery> ParseVacancyQuery(const QueryParam& get, const Settings& s);

// {"items":[{unit,name_en,name_ar,service,district,band,authorised,filled,
//  vacant,over}],"totals":{authorised,filled,vacant,over},"next"}: per unit
// and band, the establishment's authorised posts against the persons on
// strength, ordered by unit id and band (officer, nco, enlisted). The
// service and district filters apply to the unit; the totals cover every
// page of the answer.
Result<json::value> Vacancies(Tx& tx, const Principal& p, const VacancyQuery& q, const Settings& s);

// ?age= (30..90) and ?service_years= (5..60), defaults from the settings.
struct RetirementQuery {
  AnalyticsFilter filter;
  RetirementRules rules;
};

Result<RetirementQuery> ParseRetirementQuery(const QueryParam& get, const Settings& s);

// {"rules":{age,service_years},"from_year","to_year","years":[{year,count,
//  by_band:{...},by_reason:{age,service}}],"overdue","overdue_by_band",
//  "later","persons"}: the kForecastYears calendar years from the year of
// `now` (UTC). `overdue`: persons on strength whose retirement year is
// before this year; `later`: after the last year.
Result<json::value> Retirements(Tx& tx, const Principal& p, const RetirementQuery& q, Micros now,
                                const Settings& s);

// {"currency","persons","monthly_total","annual_total","unpriced",
//  "by_service":[{service,name_en,name_ar,persons,monthly,annual}],
//  "by_band":[{band,persons,monthly,annual}],"by_rank":[{rank,band,
//  title_en,title_ar,persons,monthly_pay,monthly,annual}]}: the reference
// pay scale times the persons on strength. `unpriced`: persons whose rank
// has no pay scale (counted in `persons`, not in the totals).
Result<json::value> Payroll(Tx& tx, const Principal& p, const AnalyticsFilter& f,
                            const Settings& s);

}  // namespace liaison::personnel
