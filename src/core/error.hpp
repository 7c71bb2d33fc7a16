// Error: the one error type below the API.
//
// An Error carries a protocol-free code, a message that is safe to show to the
// client, the field at fault (a JSON Pointer such as "/username", or empty),
// and a detail that is written to the log only and never sent to a client.
// The HTTP layer maps an Error to application/problem+json in exactly one place
// (src/http/problem.cpp).
//
// Expected failures (invalid input, not found, denied, conflict) are returned
// as values in Result<T>; exceptions are reserved for the truly exceptional.
#pragma once

#include <string>
#include <string_view>

namespace liaison {

enum class ErrorCode {
  kInvalidArgument,     // the request is malformed or a field is invalid
  kUnauthenticated,     // no valid credentials
  kPermissionDenied,    // authenticated, but the policy denies the action
  kNotFound,            // no such record, or not visible to the caller
  kConflict,            // the record exists or changed underneath
  kFailedPrecondition,  // the record's state forbids the action
  kResourceExhausted,   // throttled or locked out; retry later
  kPayloadTooLarge,     // the body or a field exceeds a limit
  kUnavailable,         // shutting down or overloaded
  kCorruption,          // stored data failed an integrity check
  kInternal,            // a bug or an unexpected I/O failure
};

std::string_view ErrorCodeName(ErrorCode code);

struct Error {
  ErrorCode code = ErrorCode::kInternal;
  std::string message;           // client-safe
  std::string field;             // JSON Pointer of the field at fault; may be empty
  std::string detail;            // log-only
  long retry_after_seconds = 0;  // for kResourceExhausted; 0 when not applicable
  // Client-safe members added to the problem document besides the standard
  // ones: a serialized JSON object, e.g. {"reasons":["session_full"]}; may be
  // empty. Standard members are never overridden.
  std::string extra;

  static Error Invalid(std::string field, std::string message) {
    return {ErrorCode::kInvalidArgument, std::move(message), std::move(field), {}, 0, {}};
  }
  static Error NotFound(std::string message) {
    return {ErrorCode::kNotFound, std::move(message), {}, {}, 0, {}};
  }
  static Error Denied(std::string message) {
    return {ErrorCode::kPermissionDenied, std::move(message), {}, {}, 0, {}};
  }
  static Error Unauthenticated(std::string message) {
    return {ErrorCode::kUnauthenticated, std::move(message), {}, {}, 0, {}};
  }
  static Error Conflict(std::string message, std::string field = {}) {
    return {ErrorCode::kConflict, std::move(message), std::move(field), {}, 0, {}};
  }
  static Error Precondition(std::string message) {
    return {ErrorCode::kFailedPrecondition, std::move(message), {}, {}, 0, {}};
  }
  static Error Exhausted(std::string message, long retry_after_seconds) {
    return {ErrorCode::kResourceExhausted, std::move(message), {}, {}, retry_after_seconds, {}};
  }
  static Error Internal(std::string detail) {
    return {ErrorCode::kInternal, "internal error", {}, std::move(detail), 0, {}};
  }
  static Error Corruption(std::string message) {
    return {ErrorCode::kCorruption, std::move(message), {}, {}, 0, {}};
  }
  static Error Unavailable(std::string message) {
    return {ErrorCode::kUnavailable, std::move(message), {}, {}, 0, {}};
  }
};

}  // namespace liaison
