// Byte strings and their text encodings (hex, base64url without padding, base32).
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace liaison {

using Bytes = std::vector<std::uint8_t>;
using Hash256 = std::array<std::uint8_t, 32>;

std::string HexEncode(const std::uint8_t* data, size_t size);
inline std::string HexEncode(const Bytes& b) { return HexEncode(b.data(), b.size()); }
inline std::string HexEncode(const Hash256& h) { return HexEncode(h.data(), h.size()); }
std::optional<Bytes> HexDecode(std::string_view hex);
std::optional<Hash256> HexDecodeHash(std::string_view hex);
// The first 32 bytes of `b` as a hash, zero-padded when shorter (a stored
// hash column read back).
Hash256 HashFromBytes(const Bytes& b);

std::string Base64UrlEncode(const std::uint8_t* data, size_t size);  // RFC 4648 §5, no padding
inline std::string Base64UrlEncode(const Bytes& b) { return Base64UrlEncode(b.data(), b.size()); }
std::optional<Bytes> Base64UrlDecode(std::string_view s);

std::string Base32Encode(const std::uint8_t* data, size_t size);  // RFC 4648 §6, no padding
inline std::string Base32Encode(const Bytes& b) { return Base32Encode(b.data(), b.size()); }
std::optional<Bytes> Base32Decode(std::string_view s);  // case-insensitive, padding optional

// Big-endian appends, used by the canonical encodings in docs/audit-format.md.
void AppendU32Be(Bytes& out, std::uint32_t v);
void AppendU64Be(Bytes& out, std::uint64_t v);
void AppendBytes(Bytes& out, std::string_view s);

}  // namespace liaison
