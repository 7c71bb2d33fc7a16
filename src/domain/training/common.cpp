#include "domain/training/common.hpp"

#include <algorithm>

#include "domain/columns.hpp"
#include "domain/identity/identity.hpp"
#include "domain/training/rules.hpp"
#include "store/event_log.hpp"

namespace liaison::training {

std::string Pointer(std::string_view key) { return "/" + std::string(key); }

Status CheckCode(std::string_view value, const std::string& pointer, std::string_view what) {
  const bool shaped = value.size() >= 2 && value.size() <= kMaxCodeChars && value.front() != '-' &&
                      std::all_of(value.begin(), value.end(), [](char c) {
                        return (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-';
                      });
  if (!shaped) {
    return Error::Invalid(pointer, std::string(what) +
                                       " must be 2 to 32 characters of A-Z, 0-9 and '-', e.g. "
                                       "POP-101");
  }
  return OkStatus();
}

json::value OrNull(const std::optional<std::string>& v) {
  return v ? json::value(*v) : json::value(nullptr);
}

std::optional<std::string> OptionalText(const Row& r, size_t i) {
  if (r.IsNull(i)) return std::nullopt;
  return r.Text(i);
}

Status Authorize(const Principal& p, Action action, const liaison::Scope& scope) {
  const Decision d = Can(p, action, scope);
  if (!d) return Error::Denied(d.reason);
  return OkStatus();
}

Result<liaison::Scope> RegistryScope(Tx& tx, const Settings& s) {
  auto coordinators = identity::CoordinatorParties(tx);
  if (!coordinators) return std::move(coordinators).error();
  return liaison::Scope{s.registry_party, std::move(*coordinators)};
}

Status AuthorizeProgramme(Tx& tx, const Principal& p, Action action, const Settings& s) {
  auto scope = RegistryScope(tx, s);
  if (!scope) return std::move(scope).error();
  return Authorize(p, action, *scope);
}

liaison::Scope PersonScope(const personnel::PersonRef& person) {
  return liaison::Scope{person.party, SplitShares(person.shared_with)};
}

Result<json::array> QualificationsJson(Tx& tx, const std::string& person,
                                       const std::string& today) {
  auto rows = tx.Query(
      "SELECT q.qualification, q.obtained_on, q.expires_on, q.enrolment, s.course "
      "FROM qualifications q LEFT JOIN enrolments e ON e.id = q.enrolment "
      "LEFT JOIN training_sessions s ON s.id = e.session WHERE q.person = ? "
      "ORDER BY q.qualification",
      {person});
  if (!rows) return std::move(rows).error();
  json::array out;
  for (const Row& r : *rows) {
    const std::optional<std::string> expires = OptionalText(r, 2);
    out.push_back(json::object{{"qualification", r.Text(0)},
                               {"obtained_on", r.Text(1)},
                               {"expires_on", OrNull(expires)},
                               {"expired", !ValidOn(expires, today)},
                               {"enrolment", TextOrNull(r, 3)},
                               {"course", TextOrNull(r, 4)}});
  }
  return out;
}

}  // namespace liaison::training
