// What the training commands (training.cpp) and queries (views.cpp) share:
// the programme's access checks, a person's qualifications as the API shows
// them, and small helpers for fields and columns. Internal to the training
// module; not part of its interface (training.hpp).
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "authz/policy.hpp"
#include "domain/json.hpp"
#include "domain/personnel/personnel.hpp"
#include "domain/training/training.hpp"
#include "store/store.hpp"

namespace liaison::training {

// Course and qualification codes are at most this long.
inline constexpr size_t kMaxCodeChars = 32;

// "/" + key: the JSON Pointer of a top-level member.
std::string Pointer(std::string_view key);

// Course and qualification codes: 2 to 32 characters of A-Z, 0-9 and '-',
// not starting with '-', e.g. POP-101. `what` names it in the error.
Status CheckCode(std::string_view value, const std::string& pointer, std::string_view what);

json::value OrNull(const std::optional<std::string>& v);
std::optional<std::string> OptionalText(const Row& r, size_t i);

// kPermissionDenied with the policy's reason unless `p` may do `action` to
// a record of `scope`.
Status Authorize(const Principal& p, Action action, const liaison::Scope& scope);

// The registry's scope: the registry party and the coordinator parties, the
// only ones the programme concerns.
Result<liaison::Scope> RegistryScope(Tx& tx, const Settings& s);
// Whether `p` may do `action` in the programme at all (403 otherwise): every
// route checks this before reading or writing a record.
Status AuthorizeProgramme(Tx& tx, const Principal& p, Action action, const Settings& s);

liaison::Scope PersonScope(const personnel::PersonRef& person);

// A person's qualifications, by code: [{"qualification","obtained_on",
// "expires_on","expired","enrolment","course"}], `expired` as of `today`.
Result<json::array> QualificationsJson(Tx& tx, const std::string& person, const std::string& today);

}  // namespace liaison::training
