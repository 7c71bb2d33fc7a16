// HttpRequest and HttpResponse: the server's own plain message types, so that
// handlers, the router and the policy checks never see Beast. The server
// (server.cpp) converts at the edge.
#pragma once

#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace liaison {

struct HttpRequest {
  std::string method;                          // "GET", "POST", ...
  std::string target;                          // as received, with the query
  std::string path;                            // percent-decoded path, no query
  std::map<std::string, std::string> query;    // decoded; the last value wins
  std::map<std::string, std::string> headers;  // keys lower-cased
  std::string body;
  std::string remote_address;
  std::string request_id;
  bool tls = false;

  std::string_view Header(std::string_view name) const;  // name lower-case; "" when absent
  std::optional<std::string> Cookie(std::string_view name) const;
  std::optional<std::string> Query(std::string_view name) const;
};

struct HttpResponse {
  int status = 200;
  std::string content_type = "application/json";
  std::vector<std::pair<std::string, std::string>> headers;
  std::string body;

  static HttpResponse Json(int status, std::string body);
  static HttpResponse NoContent();
};

// Called exactly once with the response, from any thread.
using Respond = std::function<void(HttpResponse)>;

// Splits "a=1&b=%20x" into decoded pairs; nullopt on bad percent-encoding.
std::optional<std::map<std::string, std::string>> ParseQuery(std::string_view q);
std::optional<std::string> PercentDecode(std::string_view s, bool plus_is_space);

}  // namespace liaison
