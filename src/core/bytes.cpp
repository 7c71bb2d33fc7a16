#include "core/bytes.hpp"

#include <algorithm>

namespace liaison {
namespace {

constexpr char kHex[] = "0123456789abcdef";
constexpr char kB64Url[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
constexpr char kB32[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

int HexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

}  // namespace

std::string HexEncode(const std::uint8_t* data, size_t size) {
  std::string out;
  out.reserve(size * 2);
  for (size_t i = 0; i < size; ++i) {
    out.push_back(kHex[data[i] >> 4]);
    out.push_back(kHex[data[i] & 0xf]);
  }
  return out;
}

std::optional<Bytes> HexDecode(std::string_view hex) {
  if (hex.size() % 2 != 0) return std::nullopt;
  Bytes out(hex.size() / 2);
  for (size_t i = 0; i < out.size(); ++i) {
    const int hi = HexValue(hex[2 * i]), lo = HexValue(hex[2 * i + 1]);
    if (hi < 0 || lo < 0) return std::nullopt;
    out[i] = static_cast<std::uint8_t>(hi << 4 | lo);
  }
  return out;
}

std::optional<Hash256> HexDecodeHash(std::string_view hex) {
  auto b = HexDecode(hex);
  if (!b || b->size() != 32) return std::nullopt;
  Hash256 h;
  std::copy(b->begin(), b->end(), h.begin());
  return h;
}

Hash256 HashFromBytes(const Bytes& b) {
  Hash256 h{};
  std::copy_n(b.begin(), std::min(b.size(), h.size()), h.begin());
  return h;
}

std::string Base64UrlEncode(const std::uint8_t* data, size_t size) {
  std::string out;
  out.reserve((size + 2) / 3 * 4);
  size_t i = 0;
  for (; i + 2 < size; i += 3) {
    const std::uint32_t v = data[i] << 16 | data[i + 1] << 8 | data[i + 2];
    out += {kB64Url[v >> 18 & 63], kB64Url[v >> 12 & 63], kB64Url[v >> 6 & 63], kB64Url[v & 63]};
  }
  if (size - i == 1) {
    const std::uint32_t v = data[i] << 16;
    out += {kB64Url[v >> 18 & 63], kB64Url[v >> 12 & 63]};
  } else if (size - i == 2) {
    const std::uint32_t v = data[i] << 16 | data[i + 1] << 8;
    out += {kB64Url[v >> 18 & 63], kB64Url[v >> 12 & 63], kB64Url[v >> 6 & 63]};
  }
  return out;
}

std::optional<Bytes> Base64UrlDecode(std::string_view s) {
  Bytes out;
  std::uint32_t acc = 0;
  int bits = 0;
  for (char c : s) {
    const char* p = std::char_traits<char>::find(kB64Url, 64, c);
    if (p == nullptr) return std::nullopt;
    acc = acc << 6 | static_cast<std::uint32_t>(p - kB64Url);
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out.push_back(static_cast<std::uint8_t>(acc >> bits & 0xff));
    }
  }
  if (bits >= 6) return std::nullopt;  // a dangling sextet cannot come from encoding
  return out;
}

std::string Base32Encode(const std::uint8_t* data, size_t size) {
  std::string out;
  std::uint32_t acc = 0;
  int bits = 0;
  for (size_t i = 0; i < size; ++i) {
    acc = acc << 8 | data[i];
    bits += 8;
    while (bits >= 5) {
      bits -= 5;
      out.push_back(kB32[acc >> bits & 31]);
    }
  }
  if (bits > 0) out.push_back(kB32[acc << (5 - bits) & 31]);
  return out;
}

std::optional<Bytes> Base32Decode(std::string_view s) {
  Bytes out;
  std::uint32_t acc = 0;
  int bits = 0;
  for (char c : s) {
    if (c == '=') break;
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
    const char* p = std::char_traits<char>::find(kB32, 32, c);
    if (p == nullptr) return std::nullopt;
    acc = acc << 5 | static_cast<std::uint32_t>(p - kB32);
    bits += 5;
    if (bits >= 8) {
      bits -= 8;
      out.push_back(static_cast<std::uint8_t>(acc >> bits & 0xff));
    }
  }
  return out;
}

void AppendU32Be(Bytes& out, std::uint32_t v) {
  for (int shift = 24; shift >= 0; shift -= 8) out.push_back(static_cast<std::uint8_t>(v >> shift));
}

void AppendU64Be(Bytes& out, std::uint64_t v) {
  for (int shift = 56; shift >= 0; shift -= 8) out.push_back(static_cast<std::uint8_t>(v >> shift));
}

void AppendBytes(Bytes& out, std::string_view s) { out.insert(out.end(), s.begin(), s.end()); }

}  // namespace liaison
