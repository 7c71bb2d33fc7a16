// Result<T>: a value or an Error. Thread-compatible (like any value type).
//
//   Result<User> r = LoadUser(id);
//   if (!r) return r.error();
//   Use(*r);
#pragma once

#include <cassert>
#include <type_traits>
#include <utility>
#include <variant>

#include "core/error.hpp"

namespace liaison {

template <class T>
class [[nodiscard]] Result {
 public:
  Result(T value) : v_(std::in_place_index<0>, std::move(value)) {}  // NOLINT: implicit by design
  Result(Error error) : v_(std::in_place_index<1>, std::move(error)) {}  // NOLINT

  bool ok() const { return v_.index() == 0; }
  explicit operator bool() const { return ok(); }

  // REQUIRES: ok()
  T& value() & {
    assert(ok());
    return std::get<0>(v_);
  }
  const T& value() const& {
    assert(ok());
    return std::get<0>(v_);
  }
  T&& value() && {
    assert(ok());
    return std::get<0>(std::move(v_));
  }
  T& operator*() & { return value(); }
  const T& operator*() const& { return value(); }
  T&& operator*() && { return std::move(*this).value(); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }

  // REQUIRES: !ok()
  const Error& error() const& {
    assert(!ok());
    return std::get<1>(v_);
  }
  Error&& error() && {
    assert(!ok());
    return std::get<1>(std::move(v_));
  }

 private:
  std::variant<T, Error> v_;
};

template <>
class [[nodiscard]] Result<void> {
 public:
  Result() = default;
  Result(Error error) : error_(std::move(error)), ok_(false) {}  // NOLINT

  bool ok() const { return ok_; }
  explicit operator bool() const { return ok_; }
  const Error& error() const& {
    assert(!ok_);
    return error_;
  }
  Error&& error() && {
    assert(!ok_);
    return std::move(error_);
  }

 private:
  Error error_;
  bool ok_ = true;
};

using Status = Result<void>;

inline Status OkStatus() { return {}; }

}  // namespace liaison

// Propagates an error from an expression returning Result<...> or Status.
// The temporary's name is unique per expansion so uses may nest (a lambda
// using LIAISON_TRY inside the argument of another).
#define LIAISON_TRY_CONCAT_INNER(a, b) a##b
#define LIAISON_TRY_CONCAT(a, b) LIAISON_TRY_CONCAT_INNER(a, b)
#define LIAISON_TRY_IMPL(var, expr)          \
  do {                                       \
    auto var = (expr);                       \
    if (!var) return std::move(var).error(); \
  } while (0)
#define LIAISON_TRY(expr) LIAISON_TRY_IMPL(LIAISON_TRY_CONCAT(liaison_try_r_, __COUNTER__), expr)
