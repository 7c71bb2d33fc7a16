// The CSV import's check (docs/personnel.md): reads a file of persons, one per
// row under a header row naming the columns (kPersonColumns in any order, an
// `id` column ignored), and reports every problem by row and column with a
// stable code. Besides the codes of validation.hpp:
//   malformed_csv      the file breaks RFC 4180, or a row has the wrong
//                      number of fields (column empty)
//   unknown_column, missing_column, duplicate_column   the header (row 0)
//   duplicate_in_file  the service number is on an earlier row too
// Pure code: the registry is asked through RegistryView. Thread-compatible.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "domain/personnel/validation.hpp"

namespace liaison::personnel {

struct ImportIssue {
  std::int64_t row = 0;   // 1 = the first data row; 0 = the header
  std::int64_t line = 0;  // the physical line the row starts on, 1-based
  std::string column;     // empty when the issue is the whole row's
  std::string code;
  std::string message;
};

struct ImportOptions {
  std::string today;         // YYYY-MM-DD: no date may be later
  size_t max_errors = 1000;  // issues listed; the rest are only counted
};

struct ImportCheck {
  std::int64_t rows = 0;        // data rows, blank lines not counted
  std::int64_t valid_rows = 0;  // rows without an issue
  std::int64_t error_count = 0;
  std::vector<ImportIssue> errors;  // the first max_errors, in file order
  bool truncated = false;           // more issues than listed
  // Every row's fields, in file order; a complete registration only when
  // error_count is 0.
  std::vector<PersonFields> persons;
};

// Checks the whole file. Values are read as written but for a leading
// apostrophe that neutralised a formula (RestoreFormula) and the spaces
// around code-like fields (TrimCodes).
ImportCheck CheckImport(std::string_view csv, const Reference& reference, RegistryView& registry,
                        const ImportOptions& options);

}  // namespace liaison::personnel
