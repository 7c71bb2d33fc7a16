#include "domain/personnel/import.hpp"

#include <algorithm>
#include <unordered_map>

#include "domain/personnel/csv.hpp"

namespace liaison::personnel {
namespace {

constexpr std::string_view kIgnoredColumn = "id";

class Report {
 public:
  Report(ImportCheck& out, size_t max_errors) : out_(out), max_errors_(max_errors) {}

  void Add(std::int64_t row, std::int64_t line, std::string column, std::string code,
           std::string message) {
    ++out_.error_count;
    if (out_.errors.size() < max_errors_) {
      out_.errors.push_back({row, line, std::move(column), std::move(code), std::move(message)});
    } else {
      out_.truncated = true;
    }
  }

 private:
  ImportCheck& out_;
  size_t max_errors_;
};

bool IsBlank(const std::vector<std::string>& fields) {
  return std::all_of(fields.begin(), fields.end(), [](const std::string& f) { return f.empty(); });
}

std::string HeaderName(std::string_view raw) {
  while (!raw.empty() && (raw.front() == ' ' || raw.front() == '\t')) raw.remove_prefix(1);
  while (!raw.empty() && (raw.back() == ' ' || raw.back() == '\t')) raw.remove_suffix(1);
  std::string out(raw);
  for (char& c : out) c = (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
  return out;
}

// The column of each field of a row: an index into kPersonColumns, or -1 for
// one that is ignored.
struct Header {
  std::vector<int> columns;
  bool usable = false;  // every required column present, none twice
};

Header ReadHeader(const std::vector<std::string>& fields, std::int64_t line, Report& report) {
  Header h;
  std::vector<bool> seen(std::size(kPersonColumns), false);
  bool id_seen = false;
  h.usable = true;
  for (const std::string& raw : fields) {
    const std::string name = HeaderName(raw);
    const auto* it = std::find(std::begin(kPersonColumns), std::end(kPersonColumns), name);
    const bool is_id = name == kIgnoredColumn;
    if (it == std::end(kPersonColumns) && !is_id) {
      report.Add(0, line, name, "unknown_column",
                 "unknown column '" + name + "'; the columns are " +
                     "service_number, name_ar, name_en, sex, birth_date, joined_on, service, " +
                     "unit, post, rank, status, education and notes (and id, ignored)");
      h.columns.push_back(-1);
      continue;
    }
    const int index = is_id ? -1 : static_cast<int>(it - std::begin(kPersonColumns));
    const bool twice = is_id ? id_seen : seen[static_cast<size_t>(index)];
    if (twice) {
      report.Add(0, line, name, "duplicate_column", "the column " + name + " is named twice");
      h.usable = false;
    }
    if (is_id) {
      id_seen = true;
    } else {
      seen[static_cast<size_t>(index)] = true;
    }
    h.columns.push_back(index);
  }
  for (std::string_view required : kRequiredColumns) {
    const auto* it = std::find(std::begin(kPersonColumns), std::end(kPersonColumns), required);
    if (!seen[static_cast<size_t>(it - std::begin(kPersonColumns))]) {
      report.Add(0, line, std::string(required), "missing_column",
                 "the file has no column " + std::string(required));
      h.usable = false;
    }
  }
  return h;
}

}  // namespace

ImportCheck CheckImport(std::string_view csv, const Reference& reference, RegistryView& registry,
                        const ImportOptions& options) {
  ImportCheck out;
  Report report(out, options.max_errors);
  CsvReader reader(csv);
  std::vector<std::string> fields;

  // The header: the first line that is not blank.
  Header header;
  for (;;) {
    const CsvReader::Outcome o = reader.Next(fields);
    if (o == CsvReader::Outcome::kEnd) {
      report.Add(0, 1, "", "malformed_csv", "the file is empty: its first line names the columns");
      return out;
    }
    if (o == CsvReader::Outcome::kMalformed) {
      report.Add(0, reader.record_line(), "", "malformed_csv", reader.error());
      return out;
    }
    if (!IsBlank(fields)) break;
  }
  header = ReadHeader(fields, reader.record_line(), report);

  std::unordered_map<std::string, std::int64_t> first_row;  // by service number
  std::vector<FieldError> errors;
  for (;;) {
    const CsvReader::Outcome o = reader.Next(fields);
    if (o == CsvReader::Outcome::kEnd) break;
    const std::int64_t line = reader.record_line();
    if (o == CsvReader::Outcome::kMalformed) {
      ++out.rows;
      report.Add(out.rows, line, "", "malformed_csv", reader.error());
      out.persons.emplace_back();
      continue;
    }
    if (IsBlank(fields)) continue;
    const std::int64_t row = ++out.rows;
    PersonFields& person = out.persons.emplace_back();
    if (!header.usable) continue;  // the header's issues make the rows unreadable
    if (fields.size() != header.columns.size()) {
      report.Add(row, line, "", "malformed_csv",
                 "the row has " + std::to_string(fields.size()) + " fields; the header has " +
                     std::to_string(header.columns.size()));
      continue;
    }
    for (size_t i = 0; i < fields.size(); ++i) {
      if (header.columns[i] < 0) continue;
      std::string* field = FieldOf(person, kPersonColumns[static_cast<size_t>(header.columns[i])]);
      const std::string_view value = RestoreFormula(fields[i]);
      if (value.size() == fields[i].size()) {
        *field = std::move(fields[i]);
      } else {
        *field = std::string(value);
      }
    }
    TrimCodes(person);
    errors.clear();
    CheckPerson(person, reference, registry, options.today, errors);
    if (!person.service_number.empty()) {
      auto [it, inserted] = first_row.try_emplace(person.service_number, row);
      if (!inserted) {
        errors.push_back({"service_number", "duplicate_in_file",
                          "the service number " + person.service_number + " is also on row " +
                              std::to_string(it->second)});
      }
    }
    for (FieldError& e : errors) {
      report.Add(row, line, std::move(e.column), std::move(e.code), std::move(e.message));
    }
    if (errors.empty()) ++out.valid_rows;
  }
  return out;
}

}  // namespace liaison::personnel
