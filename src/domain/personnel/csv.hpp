// CSV as the personnel import and export use it: RFC 4180 records (fields
// separated by commas, records by CRLF, LF or a lone CR; a field in double
// quotes may hold commas, line breaks and doubled quotes), with the UTF-8 byte
// order mark that spreadsheet programs write. See docs/personnel.md.
//
// The reader is strict where the RFC is: a quote inside an unquoted field, or
// anything but a separator after a closing quote, is malformed; the reader
// reports it and resumes at the next line. It does not check the encoding.
// Pure code; a reader is used by one thread at a time.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace liaison::personnel {

inline constexpr std::string_view kUtf8Bom = "\xEF\xBB\xBF";

class CsvReader {
 public:
  // `text` must outlive the reader. A leading byte order mark is skipped.
  explicit CsvReader(std::string_view text);

  enum class Outcome { kRecord, kEnd, kMalformed };

  // Reads the next record into `fields` (replacing what it held). A record
  // holding one empty field is an empty line. On kMalformed, error() says
  // what is wrong and the reader has moved past the malformed line.
  Outcome Next(std::vector<std::string>& fields);

  // The physical line (1-based) on which the record last read starts.
  std::int64_t record_line() const { return record_line_; }
  const std::string& error() const { return error_; }

 private:
  bool AtLineEnd() const;
  void SkipLineEnd();  // REQUIRES: AtLineEnd()
  void SkipRestOfLine();
  Outcome Malformed(std::string message);

  std::string_view text_;
  size_t pos_ = 0;
  std::int64_t line_ = 1;
  std::int64_t record_line_ = 0;
  std::string error_;
};

// Appends `value` as one field, in quotes when it holds a comma, a quote or a
// line break (quotes doubled).
void AppendCsvField(std::string& out, std::string_view value);
// Appends the fields, comma-separated, and CRLF.
void AppendCsvRecord(std::string& out, std::span<const std::string_view> fields);

// Spreadsheet formula neutralisation (OWASP "CSV injection"): a value that
// begins with '=', '+', '-', '@', a tab or a carriage return is exported with
// a leading apostrophe so a spreadsheet shows it as text, and the import
// removes exactly that apostrophe again, so an export re-imports unchanged.
std::string NeutraliseFormula(std::string_view value);
std::string_view RestoreFormula(std::string_view value);

}  // namespace liaison::personnel
