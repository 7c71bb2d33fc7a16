#include "store/store.hpp"

namespace liaison {

std::int64_t Row::Int(size_t i) const {
  const SqlValue& v = cols_.at(i);
  if (auto p = std::get_if<std::int64_t>(&v)) return *p;
  if (auto p = std::get_if<double>(&v)) return static_cast<std::int64_t>(*p);
  if (auto p = std::get_if<std::string>(&v)) return std::strtoll(p->c_str(), nullptr, 10);
  return 0;
}

double Row::Real(size_t i) const {
  const SqlValue& v = cols_.at(i);
  if (auto p = std::get_if<double>(&v)) return *p;
  if (auto p = std::get_if<std::int64_t>(&v)) return static_cast<double>(*p);
  return 0;
}

std::string Row::Text(size_t i) const {
  const SqlValue& v = cols_.at(i);
  if (auto p = std::get_if<std::string>(&v)) return *p;
  if (auto p = std::get_if<std::int64_t>(&v)) return std::to_string(*p);
  if (auto p = std::get_if<Bytes>(&v)) return std::string(p->begin(), p->end());
  return {};
}

Bytes Row::Blob(size_t i) const {
  const SqlValue& v = cols_.at(i);
  if (auto p = std::get_if<Bytes>(&v)) return *p;
  if (auto p = std::get_if<std::string>(&v)) return Bytes(p->begin(), p->end());
  return {};
}

}  // namespace liaison
