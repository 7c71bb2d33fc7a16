// StaticFiles: serves the built console (web/dist) with correct MIME types
// and cache headers. Unknown paths without a file extension fall back to
// index.html so the console's client-side routes survive a reload.
// Thread-safe (read-only after construction).
#pragma once

#include <optional>
#include <string>

#include "http/message.hpp"

namespace liaison {

class StaticFiles {
 public:
  explicit StaticFiles(std::string root) : root_(std::move(root)) {}
  // nullopt when the request is not for a static file (wrong method).
  std::optional<HttpResponse> Serve(const HttpRequest& req) const;
  static std::string_view MimeType(std::string_view path);
  const std::string& root() const { return root_; }

 private:
  std::string root_;
};

}  // namespace liaison
