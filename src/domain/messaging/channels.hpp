// Channels: what a channel id stands for, its scope, and who is a member.
// Internal to domain/messaging. See docs/messaging.md, "Channels".
//
//   incident:<id>       the incident's scope (its reporter, the parties it names)
//   desk:<P-code>       a district with a desk unit: the desk parties and the coordinator
//   coordinator         the coordinator parties
//   dm:<user>:<user>    two users, names sorted; the scope of each event is
//                       the acting user's party, shared with the other's
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "authz/policy.hpp"
#include "domain/messaging/messaging.hpp"

namespace liaison::messaging {

enum class ChannelKind { kIncident, kDesk, kCoordinator, kDirect };
std::string_view ChannelKindName(ChannelKind k);

struct Channel {
  std::string id;
  ChannelKind kind = ChannelKind::kDesk;
  std::string title;
  std::string incident;                   // kIncident
  std::string district;                   // kDesk, or the incident's
  std::vector<std::string> participants;  // kDirect: the two usernames, sorted
  // The scope of the channel's events. For a direct conversation: the
  // reader's party, shared with the other participant's (the reader's view).
  std::string owner;
  std::vector<std::string> shared_with;

  Scope scope() const { return {owner, shared_with}; }
  // The owner and the shared-with parties, sorted and unique.
  std::vector<std::string> parties() const;
};

enum class Purpose { kRead, kPost };

// The channel `id` as `p` may use it: kNotFound when the id names no channel
// or `p` is not a member (Can kReadChannels on its scope). For kPost, a
// direct conversation also needs its other user active with a messaging
// role, and errors about the id name /channel_id.
Result<Channel> FindChannel(Tx& tx, const Principal& p, std::string_view id, const Settings& s,
                            Purpose purpose = Purpose::kRead);

// Every channel `p` is a member of: the district desks, the coordinator
// channel, the crisis rooms of visible incidents that are not closed or had
// messages since `recent_since`, and `p`'s direct conversations.
Result<std::vector<Channel>> MemberChannels(Tx& tx, const Principal& p, Micros recent_since,
                                            const Settings& s);

}  // namespace liaison::messaging
