#include "http/static_files.hpp"

#include <filesystem>
#include <fstream>
#include <sstream>

namespace liaison {
namespace {

constexpr std::uintmax_t kMaxStaticBytes = 32 * 1024 * 1024;

bool SafePath(std::string_view p) {
  if (p.empty() || p.front() != '/' || p.find('\0') != std::string_view::npos) return false;
  size_t start = 1;
  while (start <= p.size()) {
    size_t end = p.find('/', start);
    if (end == std::string_view::npos) end = p.size();
    const std::string_view seg = p.substr(start, end - start);
    if (seg == ".." || seg == "." || seg.find('\\') != std::string_view::npos) return false;
    start = end + 1;
  }
  return true;
}

std::optional<std::string> ReadFile(const std::filesystem::path& p) {
  std::error_code ec;
  if (!std::filesystem::is_regular_file(p, ec)) return std::nullopt;
  if (std::filesystem::file_size(p, ec) > kMaxStaticBytes) return std::nullopt;
  std::ifstream in(p, std::ios::binary);
  if (!in) return std::nullopt;
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

}  // namespace

std::string_view StaticFiles::MimeType(std::string_view path) {
  struct Entry {
    std::string_view ext, type;
  };
  static constexpr Entry kTypes[] = {
      {".html", "text/html; charset=utf-8"},
      {".js", "text/javascript; charset=utf-8"},
      {".mjs", "text/javascript; charset=utf-8"},
      {".css", "text/css; charset=utf-8"},
      {".json", "application/json"},
      {".map", "application/json"},
      {".geojson", "application/geo+json"},
      {".svg", "image/svg+xml"},
      {".png", "image/png"},
      {".jpg", "image/jpeg"},
      {".ico", "image/x-icon"},
      {".woff2", "font/woff2"},
      {".woff", "font/woff"},
      {".ttf", "font/ttf"},
      {".txt", "text/plain; charset=utf-8"},
      {".webmanifest", "application/manifest+json"},
  };
  for (const Entry& e : kTypes) {
    if (path.ends_with(e.ext)) return e.type;
  }
  return "application/octet-stream";
}

std::optional<HttpResponse> StaticFiles::Serve(const HttpRequest& req) const {
  if (req.method != "GET" && req.method != "HEAD") return std::nullopt;
  HttpResponse resp;
  if (!SafePath(req.path)) {
    resp.status = 404;
    resp.content_type = "text/plain; charset=utf-8";
    resp.body = "not found\n";
    return resp;
  }
  std::string rel = req.path == "/" ? "/index.html" : req.path;
  std::filesystem::path file = std::filesystem::path(root_) / rel.substr(1);
  auto body = ReadFile(file);
  const std::string_view name = rel.substr(rel.rfind('/') + 1);
  if (!body && name.find('.') == std::string_view::npos) {
    rel = "/index.html";  // a client-side route
    body = ReadFile(std::filesystem::path(root_) / "index.html");
  }
  if (!body) {
    resp.status = 404;
    resp.content_type = "text/plain; charset=utf-8";
    resp.body = "not found\n";
    return resp;
  }
  resp.content_type = std::string(MimeType(rel));
  // Vite fingerprints everything under /assets/; index.html must revalidate.
  resp.headers.emplace_back("Cache-Control", rel.starts_with("/assets/")
                                                 ? "public, max-age=31536000, immutable"
                                                 : "no-cache");
  resp.body = std::move(*body);
  return resp;
}

}  // namespace liaison
