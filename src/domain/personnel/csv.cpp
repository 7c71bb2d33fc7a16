#include "domain/personnel/csv.hpp"

namespace liaison::personnel {
namespace {

bool IsFormulaStart(char c) {
  return c == '=' || c == '+' || c == '-' || c == '@' || c == '\t' || c == '\r';
}

}  // namespace

CsvReader::CsvReader(std::string_view text) : text_(text) {
  if (text_.starts_with(kUtf8Bom)) pos_ = kUtf8Bom.size();
}

bool CsvReader::AtLineEnd() const {
  return pos_ < text_.size() && (text_[pos_] == '\n' || text_[pos_] == '\r');
}

void CsvReader::SkipLineEnd() {
  if (text_[pos_] == '\r' && pos_ + 1 < text_.size() && text_[pos_ + 1] == '\n') ++pos_;
  ++pos_;
  ++line_;
}

void CsvReader::SkipRestOfLine() {
  while (pos_ < text_.size() && !AtLineEnd()) ++pos_;
  if (pos_ < text_.size()) SkipLineEnd();
}

CsvReader::Outcome CsvReader::Malformed(std::string message) {
  error_ = std::move(message);
  SkipRestOfLine();
  return Outcome::kMalformed;
}

CsvReader::Outcome CsvReader::Next(std::vector<std::string>& fields) {
  fields.clear();
  error_.clear();
  if (pos_ >= text_.size()) return Outcome::kEnd;
  record_line_ = line_;
  for (;;) {
    std::string& field = fields.emplace_back();
    if (pos_ < text_.size() && text_[pos_] == '"') {
      // A quoted field: up to the quote not followed by another one.
      ++pos_;
      for (;;) {
        const size_t quote = text_.find('"', pos_);
        if (quote == std::string_view::npos) {
          const std::int64_t started = record_line_;
          pos_ = text_.size();
          error_ = "a quoted field opened on line " + std::to_string(started) + " is not closed";
          return Outcome::kMalformed;
        }
        const std::string_view part = text_.substr(pos_, quote - pos_);
        for (char c : part) line_ += c == '\n' ? 1 : 0;
        // A lone CR inside quotes is a line break too (as it is outside them).
        for (size_t i = 0; i < part.size(); ++i) {
          if (part[i] == '\r' && (i + 1 == part.size() || part[i + 1] != '\n')) ++line_;
        }
        field.append(part);
        pos_ = quote + 1;
        if (pos_ < text_.size() && text_[pos_] == '"') {
          field.push_back('"');
          ++pos_;
          continue;
        }
        break;
      }
      if (pos_ < text_.size() && text_[pos_] != ',' && !AtLineEnd()) {
        return Malformed("a closing quote must be followed by a comma or the end of the line");
      }
    } else {
      const size_t start = pos_;
      while (pos_ < text_.size()) {
        const char c = text_[pos_];
        if (c == ',' || c == '\n' || c == '\r') break;
        if (c == '"') {
          return Malformed(
              "a quote inside an unquoted field; put the whole field in quotes and double the "
              "quote");
        }
        ++pos_;
      }
      field.assign(text_.substr(start, pos_ - start));
    }
    if (pos_ >= text_.size()) return Outcome::kRecord;
    if (text_[pos_] == ',') {
      ++pos_;
      continue;
    }
    SkipLineEnd();
    return Outcome::kRecord;
  }
}

void AppendCsvField(std::string& out, std::string_view value) {
  if (value.find_first_of(",\"\r\n") == std::string_view::npos) {
    out.append(value);
    return;
  }
  out.push_back('"');
  for (char c : value) {
    if (c == '"') out.push_back('"');
    out.push_back(c);
  }
  out.push_back('"');
}

void AppendCsvRecord(std::string& out, std::span<const std::string_view> fields) {
  for (size_t i = 0; i < fields.size(); ++i) {
    if (i > 0) out.push_back(',');
    AppendCsvField(out, fields[i]);
  }
  out.append("\r\n");
}

std::string NeutraliseFormula(std::string_view value) {
  if (!value.empty() && IsFormulaStart(value.front())) return "'" + std::string(value);
  return std::string(value);
}

std::string_view RestoreFormula(std::string_view value) {
  if (value.size() >= 2 && value.front() == '\'' && IsFormulaStart(value[1])) {
    return value.substr(1);
  }
  return value;
}

}  // namespace liaison::personnel
