// The one mapping from Error to HTTP: application/problem+json (RFC 9457).
//
//   {"type": "https://liaison.invalid/problems/<code>", "title": "...",
//    "status": 400, "detail": "<client-safe message>", "code": "<code>",
//    "field": "/json/pointer" (when known), "request_id": "..."}
//
// The Error's log-only detail never reaches the client.
#pragma once

#include "core/error.hpp"
#include "http/message.hpp"

namespace liaison {

int HttpStatus(ErrorCode code);
// `status` overrides HttpStatus(error.code) for the few answers that only
// exist at the HTTP level (405, 426, 431); 0 keeps the mapping. The body's
// status and title always agree with the response's.
HttpResponse ProblemResponse(const Error& error, std::string_view request_id, int status = 0);

}  // namespace liaison
