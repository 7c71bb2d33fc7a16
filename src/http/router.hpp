// Router: the route table. Each route declares whether it needs an
// authenticated principal and which policy Action it performs; the Api checks
// both before the handler runs. The table is data: the OpenAPI test and the
// route x role x party test enumerate it.
#pragma once

#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "authz/policy.hpp"
#include "http/message.hpp"

namespace liaison {

struct RequestContext {
  HttpRequest req;
  std::map<std::string, std::string> params;  // from {name} segments
  Principal principal;                        // empty for public routes
  bool via_cookie = false;
};
using Ctx = std::shared_ptr<const RequestContext>;
using Handler = std::function<void(Ctx, Respond)>;

struct Route {
  std::string method;
  std::string pattern;           // "/api/v1/users/{username}"
  std::optional<Action> action;  // nullopt: public, no authentication
  Handler handler;
  std::vector<std::string> segments;
};

class Router {
 public:
  void Add(std::string method, std::string pattern, std::optional<Action> action, Handler h);

  struct Match {
    const Route* route = nullptr;
    std::map<std::string, std::string> params;
    bool path_known = false;           // some route matched the path with another method
    std::vector<std::string> allowed;  // when path_known: those methods, for Allow
  };
  Match Find(std::string_view method, std::string_view path) const;
  const std::vector<Route>& routes() const { return routes_; }

 private:
  std::vector<Route> routes_;
};

}  // namespace liaison
