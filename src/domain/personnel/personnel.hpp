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

#include "authz/policy.hpp"
#include "core/event.hpp"
#include "domain/command.hpp"
#include "domain/list_query.hpp"
#include "domain/personnel/import.hpp"
#include "domain/personnel/reference.hpp"
#include "domain/personnel/validation.hpp"
#include "domain/requests/geography.hpp"

namespace liaison::personnel {

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

// At most this many persons in one personnel.registered event; a bulk
// registration emits several in one command.
inline constexpr size_t kPersonsPerEvent = 1000;

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

// The registry's scope: the registry party, shared with the coordinator
// parties. A caller whose party may not read it gets kPermissionDenied from
// the policy with this scope.
Result<liaison::Scope> RegistryScope(Tx& tx, const Settings& s);

// --- Commands ------------------------------------------------------------

// {"id","parent"?,"service","name_en","name_ar","name_he"?,"district"?}: a new
// unit of the registry party. Replies with the unit.
Result<json::value> DefineUnit(CommandContext& ctx, const json::object& in, const Settings& s);

// {"posts":[{"post","title_en","title_ar","band","authorised"}]}: replaces the
// unit's establishment. Replies with the unit and its posts.
Result<json::value> SetEstablishment(CommandContext& ctx, std::string_view unit,
                                     const json::object& in, const Settings& s);

// One person: the import's columns as JSON strings (status defaults to
// active). Replies with the person. A field at fault is kInvalidArgument
// naming it, with {"reason": <code>} in Error::extra; a service number
// already registered is kConflict.
Result<json::value> Register(CommandContext& ctx, const json::object& in, const Settings& s);

// Persons made by the caller (the demo's synthetic force), checked like an
// import and registered as one; `synthetic` marks them generated. Replies
// {"import","registered"}.
Result<json::value> RegisterMany(CommandContext& ctx, std::vector<PersonFields> persons,
                                 bool synthetic, const Settings& s);

// {"kind","effective","rank"?,"unit"?,"post"?,"note"?}: a career event of
// the person (kinds promotion, transfer, suspension, reinstatement,
// retirement, separation, death); the server derives band, service, district
// and status. A transition the person's career does not allow is kConflict.
// Replies {"event","person"}.
Result<json::value> RecordCareerEvent(CommandContext& ctx, std::string_view person,
                                      const json::object& in, const Settings& s);

// Registers every row of a CSV file (its dry run was clean): all or nothing.
// `digest` is the file's SHA-256 (hex), kept with the import. When a row has
// an issue nothing is written and the error is kInvalidArgument with the
// report (ImportReportJson) in Error::extra. Replies {"import","registered"}.
Result<json::value> CommitImport(CommandContext& ctx, std::string_view csv,
                                 const std::string& digest, const Settings& s);

// --- Queries -------------------------------------------------------------

// {"services","ranks","bands","statuses","career_event_kinds","currency",
//  "districts"}.
Result<json::value> ReferenceJson(const Settings& s);

// The import's dry run at `now`: nothing is written.
Result<ImportCheck> DryRun(Tx& tx, const Principal& p, std::string_view csv, Micros now,
                           const Settings& s);
// {"rows","valid_rows","error_count","errors":[{"row","line","column","code",
//  "message"}],"truncated"}.
json::object ImportReportJson(const ImportCheck& check);

struct PersonQuery {
  std::string q;  // a service number prefix, or part of either name
  std::vector<std::string> services, units, ranks, bands, statuses, districts;
  std::int64_t limit = 50;
  std::optional<std::int64_t> cursor;  // number of the last person seen
};
Result<PersonQuery> ParsePersonQuery(const QueryParam& get);

// {"items":[person...],"next"}, newest registration first.
Result<json::value> Search(Tx& tx, const Principal& p, const PersonQuery& q, const Settings& s);

// Every person matching `q` (its page ignored) as CSV: a byte order mark, the
// header `id` + kPersonColumns, one row per person by id, CRLF line ends.
Result<std::string> Export(Tx& tx, const Principal& p, const PersonQuery& q, const Settings& s);

// The person with their unit's names, their rank's titles and their vetting
// standing and their unit's. kNotFound when `p` may not see them.
Result<json::value> GetPerson(Tx& tx, const Principal& p, std::string_view id, Micros now,
                              const Settings& s);

// {"items":[{"seq","idx","kind","effective","author","at","changes","note"}],
//  "next":null}, in the order they fold.
Result<json::value> CareerEventsOf(Tx& tx, const Principal& p, std::string_view id,
                                   const Settings& s);

struct UnitQuery {
  std::vector<std::string> services, districts;
  std::int64_t limit = 50;
  std::optional<std::int64_t> cursor;
};
Result<UnitQuery> ParseUnitQuery(const QueryParam& get);

// {"items":[unit with "posts", "authorised" and "strength" per band],"next"},
// newest first.
Result<json::value> Establishment(Tx& tx, const Principal& p, const UnitQuery& q,
                                  const Settings& s);

}  // namespace liaison::personnel
