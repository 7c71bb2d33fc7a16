#include "http/problem.hpp"

#include <boost/json/object.hpp>
#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

#include "app/log.hpp"

namespace liaison {
namespace {

std::string_view Title(int status) {
  switch (status) {
    case 400:
      return "Bad Request";
    case 401:
      return "Unauthorized";
    case 403:
      return "Forbidden";
    case 404:
      return "Not Found";
    case 405:
      return "Method Not Allowed";
    case 409:
      return "Conflict";
    case 413:
      return "Payload Too Large";
    case 422:
      return "Unprocessable Content";
    case 426:
      return "Upgrade Required";
    case 429:
      return "Too Many Requests";
    case 431:
      return "Request Header Fields Too Large";
    case 503:
      return "Service Unavailable";
    default:
      return "Internal Server Error";
  }
}

}  // namespace

int HttpStatus(ErrorCode code) {
  switch (code) {
    case ErrorCode::kInvalidArgument:
      return 400;
    case ErrorCode::kUnauthenticated:
      return 401;
    case ErrorCode::kPermissionDenied:
      return 403;
    case ErrorCode::kNotFound:
      return 404;
    case ErrorCode::kConflict:
      return 409;
    case ErrorCode::kFailedPrecondition:
      return 409;
    case ErrorCode::kResourceExhausted:
      return 429;
    case ErrorCode::kPayloadTooLarge:
      return 413;
    case ErrorCode::kUnavailable:
      return 503;
    case ErrorCode::kCorruption:
      return 500;
    case ErrorCode::kInternal:
      return 500;
  }
  return 500;
}

HttpResponse ProblemResponse(const Error& error, std::string_view request_id, int status) {
  if (status == 0) status = HttpStatus(error.code);
  if (status >= 500) {
    // The detail is for operators only: it goes to the log, never the client.
    Log(LogLevel::kError, "request failed",
        {{"request_id", request_id},
         {"code", ErrorCodeName(error.code)},
         {"detail", std::string_view(error.detail.empty() ? error.message : error.detail)}});
  }
  // A few unauthenticated errors carry a finer code the console acts on.
  std::string code(ErrorCodeName(error.code));
  if (error.code == ErrorCode::kUnauthenticated &&
      (error.detail == "totp_required" || error.detail == "totp_invalid")) {
    code = error.detail;
  }
  boost::json::object o{
      {"type", "https://liaison.invalid/problems/" + code},
      {"title", Title(status)},
      {"status", status},
      {"detail", error.code == ErrorCode::kInternal ? "internal error" : error.message},
      {"code", code},
      {"request_id", request_id}};
  if (!error.field.empty()) o["field"] = error.field;
  if (!error.extra.empty() && error.code != ErrorCode::kInternal) {
    boost::system::error_code ec;
    const boost::json::value extra = boost::json::parse(error.extra, ec);
    if (!ec && extra.is_object()) {
      for (const auto& [key, value] : extra.as_object()) {
        if (!o.contains(key)) o[key] = value;
      }
    }
  }
  HttpResponse r = HttpResponse::Json(status, boost::json::serialize(o));
  r.content_type = "application/problem+json";
  if (error.code == ErrorCode::kResourceExhausted && error.retry_after_seconds > 0) {
    r.headers.emplace_back("Retry-After", std::to_string(error.retry_after_seconds));
  }
  return r;
}

}  // namespace liaison
