// The rules a person's record must meet, shared by the registration of one
// person (POST /api/v1/personnel) and every row of a CSV import. Each broken
// rule is reported with its field and a stable code (docs/personnel.md):
//   required, too_long, invalid_value, invalid_encoding, invalid_date,
//   not_arabic, unknown_service, unknown_rank, unknown_unit,
//   unit_service_mismatch, invalid_status, duplicate_in_registry.
// Pure code: the registry is asked through RegistryView. Thread-compatible.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "domain/personnel/reference.hpp"

namespace liaison::personnel {

// A person's fields as given, all text; empty means not given.
struct PersonFields {
  std::string service_number, name_ar, name_en, sex, birth_date, joined_on, service, unit, post,
      rank, status, education, notes;
};

// The fields in the import's and export's column order.
inline constexpr std::string_view kPersonColumns[] = {
    "service_number", "name_ar", "name_en", "sex",    "birth_date", "joined_on", "service",
    "unit",           "post",    "rank",    "status", "education",  "notes"};
// The fields every person has.
inline constexpr std::string_view kRequiredColumns[] = {
    "service_number", "name_ar", "name_en", "birth_date", "joined_on", "service", "unit", "rank"};

// The field named `column` (one of kPersonColumns); null for another name.
std::string* FieldOf(PersonFields& f, std::string_view column);
const std::string* FieldOf(const PersonFields& f, std::string_view column);

// Limits, in characters (code points).
inline constexpr size_t kMaxServiceNumberChars = 32;
inline constexpr size_t kMaxNameChars = 200;
inline constexpr size_t kMaxEducationChars = 200;
inline constexpr size_t kMaxPostChars = 64;
inline constexpr size_t kMaxNotesChars = 4000;
// Nobody joins before this age.
inline constexpr int kMinAgeAtJoining = 16;

struct FieldError {
  std::string column;  // the field at fault
  std::string code;    // stable, see above
  std::string message;
};

// What the rules ask of the registry.
struct UnitInfo {
  std::string service;
  std::string district;  // empty when the unit is in no governorate
};
class RegistryView {
 public:
  virtual ~RegistryView() = default;
  // The unit, or null when there is none with that id.
  virtual const UnitInfo* FindUnit(std::string_view id) = 0;
  // Whether a registered person already has this service number.
  virtual bool ServiceNumberTaken(std::string_view service_number) = 0;
};

// Trims the spaces and tabs around the code-like fields (everything but the
// names, education and notes, which are kept exactly as given).
void TrimCodes(PersonFields& f);

// Checks `f` (after TrimCodes) against the rules; appends one error per field
// at fault, in column order. `today` is YYYY-MM-DD. An empty status is
// "active".
void CheckPerson(const PersonFields& f, const Reference& reference, RegistryView& registry,
                 std::string_view today, std::vector<FieldError>& errors);

// Text checks, exposed for units and establishment posts.
// Whether `s` is valid UTF-8 without control characters (other than tab and
// line breaks when `multiline`).
bool IsCleanText(std::string_view s, bool multiline);
size_t CharCount(std::string_view s);  // code points of valid UTF-8
// At least one Arabic letter and no Latin letter (a person's Arabic name).
bool LooksArabic(std::string_view s);
// At least one Arabic letter (a unit's or a post's Arabic name may hold a
// Latin code such as "NSF").
bool HasArabicLetter(std::string_view s);

}  // namespace liaison::personnel
