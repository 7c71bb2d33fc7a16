#include "audit/leaf.hpp"

#include <algorithm>
#include <cstdint>
#include <limits>
#include <stdexcept>
#include <string>
#include <vector>

#include "audit/merkle.hpp"
#include "audit/sha256.hpp"

namespace liaison::audit {
namespace {

constexpr char kSharedWithSeparator = ',';

void AppendField(Bytes& out, std::string_view field) {
  if (field.size() > std::numeric_limits<std::uint32_t>::max()) {
    // Truncating the length would make two events encode alike.
    throw std::length_error("event field longer than 4 GiB cannot be encoded as a leaf");
  }
  AppendU32Be(out, static_cast<std::uint32_t>(field.size()));
  AppendBytes(out, field);
}

std::string JoinSorted(std::vector<std::string> parties) {
  std::sort(parties.begin(), parties.end());
  std::string joined;
  for (size_t i = 0; i < parties.size(); ++i) {
    if (i > 0) joined.push_back(kSharedWithSeparator);
    joined += parties[i];
  }
  return joined;
}

}  // namespace

Bytes LeafInput(const Event& event) {
  const std::string shared_with = JoinSorted(event.shared_with);
  Bytes out;
  out.reserve(kLeafVersionTag.size() + 2 * sizeof(std::uint64_t) + 6 * sizeof(std::uint32_t) +
              event.actor.size() + event.party.size() + event.type.size() + event.subject.size() +
              shared_with.size() + event.body.size());
  AppendBytes(out, kLeafVersionTag);
  AppendU64Be(out, static_cast<std::uint64_t>(event.seq));
  AppendU64Be(out, static_cast<std::uint64_t>(event.at));
  AppendField(out, event.actor);
  AppendField(out, event.party);
  AppendField(out, event.type);
  AppendField(out, event.subject);
  AppendField(out, shared_with);
  AppendField(out, event.body);
  return out;
}

Hash256 LeafHash(const Event& event) { return HashLeaf(LeafInput(event)); }

Hash256 ChainHash(const Hash256& prev, const Hash256& leaf) {
  Sha256Hasher h;
  return h.Update(prev).Update(leaf).Finish();
}

}  // namespace liaison::audit
