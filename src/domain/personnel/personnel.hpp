// The personnel registry: reference data (services, ranks in bands with pay
// scales), the registry party's unit tree and establishment, persons and
// their career events. See docs/personnel.md.
//
// The registry is owned by one party (`[personnel] party`, pasf by default)
// and shared with the coordinator parties; every record and event carries
// that scope. A person's row is derived from their career events. Reading a
// person's record is an access event (the API logs it).
//
// Commands run on the writer thread (domain/command.hpp); queries take a read
// transaction and are safe from any thread.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/event.hpp"
#include "domain/command.hpp"
#include "domain/list_query.hpp"
#include "domain/requests/geography.hpp"

namespace liaison::personnel {

// The rank bands, in pyramid order from the top.
inline constexpr std::string_view kBands[] = {"officer", "nco", "enlisted"};

// The statuses; "on strength" (counted by the analytics and the payroll) is
// active and suspended.
inline constexpr std::string_view kStatuses[] = {"active", "suspended", "retired", "separated",
                                                 "deceased"};

struct Service {
  std::string code;  // e.g. NSF
  std::string name_en, name_ar, name_he;
};

struct Rank {
  std::string code;  // e.g. CPT
  std::string band;  // officer | nco | enlisted
  int grade = 0;     // 1 = the lowest rank; orders promotions
  std::string title_en, title_ar, title_he;
  std::int64_t monthly_pay = 0;  // the pay scale's base, in the reference's currency
};

// data/personnel/reference.json (see data/README.md).
struct Reference {
  std::vector<Service> services;
  std::vector<Rank> ranks;  // by grade, ascending
  std::string currency;     // ISO 4217, e.g. ILS
  const Service* FindService(std::string_view code) const;
  const Rank* FindRank(std::string_view code) const;
};

Result<std::shared_ptr<const Reference>> LoadReference(const std::string& data_dir);

// The retirement rules of the forecast: a person retires in the year they
// reach `age` or complete `service_years`, whichever comes first.
struct RetirementRules {
  int age = 60;
  int service_years = 35;
};

// The target rank pyramid, officer : nco : enlisted.
struct BandRatio {
  double officer = 1, nco = 3, enlisted = 6;
};

struct Settings {
  std::string registry_party = "pasf";
  RetirementRules retirement;
  BandRatio target_ratio;
  const Reference* reference = nullptr;            // null: not loaded (no registrations)
  const requests::Geography* geography = nullptr;  // null: no district names
};

// --- Projection ----------------------------------------------------------

bool Handles(std::string_view event_type);
Status Apply(WriteTx& tx, const Event& e, const json::object& body);

// --- Lookups for vetting and training --------------------------------------

struct PersonRef {
  std::string id, party, shared_with, service_number, name_en, name_ar;
  std::string service, unit, rank, band, status;
  std::string district;  // may be empty
};
struct UnitRef {
  std::string id, party, shared_with, parent, service, name_en, name_ar;
  std::string district;  // may be empty
};

Result<std::optional<PersonRef>> FindPerson(Tx& tx, std::string_view id);
Result<std::optional<UnitRef>> FindUnit(Tx& tx, std::string_view id);
// The unit and its ancestors, nearest first (for "their unit is barred").
Result<std::vector<std::string>> UnitAncestry(Tx& tx, std::string_view unit);

}  // namespace liaison::personnel
