#include "domain/messaging/channels.hpp"

#include <algorithm>
#include <map>

#include "domain/identity/identity.hpp"

namespace liaison::messaging {
namespace {

constexpr std::string_view kIncidentPrefix = "incident:";
constexpr std::string_view kDeskPrefix = "desk:";
constexpr std::string_view kDirectPrefix = "dm:";
constexpr std::string_view kCoordinatorId = "coordinator";
// The unit kinds that make a district's desk (docs/messaging.md).
constexpr std::string_view kDeskUnitKinds = "('liaison', 'duty_desk')";
// Crisis rooms listed at most: the most recently updated incidents first.
constexpr std::int64_t kMaxCrisisRooms = 500;

bool IsOfficer(const RoleSet& roles) {
  return roles.Has(Role::kLiaison) || roles.Has(Role::kDuty) || roles.Has(Role::kCommander);
}

// The owner and shared-with parties of a standing channel: `members`, owned
// by the first coordinator party (the coordinator hosts the standing
// channels), else by the first member.
void SetStandingScope(Channel& c, std::vector<std::string> members,
                      const std::vector<std::string>& coordinators) {
  std::sort(members.begin(), members.end());
  members.erase(std::unique(members.begin(), members.end()), members.end());
  c.owner = coordinators.empty() ? members.front() : coordinators.front();
  for (auto& m : members) {
    if (m != c.owner) c.shared_with.push_back(std::move(m));
  }
}

// The desk parties that exist, and the coordinator parties.
Result<std::vector<std::string>> DeskMembers(Tx& tx, const Settings& s,
                                             const std::vector<std::string>& coordinators) {
  std::vector<std::string> members = coordinators;
  for (const auto& party : s.desk_parties) {
    auto rows = tx.Query("SELECT 1 FROM parties WHERE id = ?", {party});
    if (!rows) return std::move(rows).error();
    if (!rows->empty()) members.push_back(party);
  }
  return members;
}

struct DeskUnit {
  std::string party;
  std::string name;
};

// The desk channel of a district from its desk units (any party's).
Channel DeskChannel(const std::string& district, const std::vector<DeskUnit>& units,
                    const std::vector<std::string>& members,
                    const std::vector<std::string>& coordinators) {
  Channel c;
  c.id = std::string(kDeskPrefix) + district;
  c.kind = ChannelKind::kDesk;
  c.district = district;
  for (const DeskUnit& u : units) {
    if (std::find(members.begin(), members.end(), u.party) == members.end()) continue;
    c.title += (c.title.empty() ? "" : " · ") + u.name;
  }
  if (c.title.empty()) c.title = "District desk " + district;
  SetStandingScope(c, members, coordinators);
  return c;
}

Result<std::map<std::string, std::vector<DeskUnit>>> DeskUnits(Tx& tx,
                                                               std::string_view district = {}) {
  std::string sql = "SELECT district, party, name_en FROM units WHERE kind IN " +
                    std::string(kDeskUnitKinds) + " AND district IS NOT NULL AND district <> ''";
  std::vector<SqlValue> params;
  if (!district.empty()) {
    sql += " AND district = ?";
    params.emplace_back(std::string(district));
  }
  auto rows = tx.Query(sql + " ORDER BY district, party, id", params);
  if (!rows) return std::move(rows).error();
  std::map<std::string, std::vector<DeskUnit>> out;
  for (const Row& r : *rows) out[r.Text(0)].push_back({r.Text(1), r.Text(2)});
  return out;
}

Result<std::optional<Channel>> CoordinatorChannel(Tx& tx,
                                                  const std::vector<std::string>& coordinators) {
  if (coordinators.empty()) return std::optional<Channel>();
  Channel c;
  c.id = std::string(kCoordinatorId);
  c.kind = ChannelKind::kCoordinator;
  auto rows = tx.Query("SELECT name_en FROM parties WHERE id = ?", {coordinators.front()});
  if (!rows) return std::move(rows).error();
  c.title = rows->empty() ? coordinators.front() : rows->front().Text(0);
  SetStandingScope(c, coordinators, coordinators);
  return std::optional<Channel>(std::move(c));
}

constexpr std::string_view kIncidentColumns = "id, title, party, shared_with, district";

Channel IncidentChannel(const Row& r) {
  Channel c;
  c.id = std::string(kIncidentPrefix) + r.Text(0);
  c.kind = ChannelKind::kIncident;
  c.incident = r.Text(0);
  c.title = r.Text(1);
  c.owner = r.Text(2);
  c.shared_with = SplitParam(r.Text(3));
  c.district = r.Text(4);
  return c;
}

struct DirectIds {
  std::string a, b;
};

std::optional<DirectIds> ParseDirect(std::string_view id) {
  if (!id.starts_with(kDirectPrefix)) return std::nullopt;
  std::string_view rest = id.substr(kDirectPrefix.size());
  const size_t colon = rest.find(':');
  if (colon == std::string_view::npos) return std::nullopt;
  DirectIds d{std::string(rest.substr(0, colon)), std::string(rest.substr(colon + 1))};
  if (d.a.empty() || d.b.empty() || d.b.find(':') != std::string::npos) return std::nullopt;
  return d;
}

Error NoSuchChannel() { return Error::NotFound("no such channel"); }

// A direct conversation as one of its auditors reads it (the record; see
// CanSeeEvent): the auditors of either user's party. Its scope is the first
// user's party, shared with the second's.
Result<Channel> AuditedDirect(Tx& tx, std::string_view id, const DirectIds& ids) {
  if (ids.a >= ids.b) return NoSuchChannel();
  auto a = identity::FindUser(tx, ids.a);
  if (!a) return std::move(a).error();
  auto b = identity::FindUser(tx, ids.b);
  if (!b) return std::move(b).error();
  if (!a->has_value() || !b->has_value()) return NoSuchChannel();
  Channel c;
  c.id = std::string(id);
  c.kind = ChannelKind::kDirect;
  c.participants = {ids.a, ids.b};
  c.title = ((*a)->display_name.empty() ? ids.a : (*a)->display_name) + " · " +
            ((*b)->display_name.empty() ? ids.b : (*b)->display_name);
  c.owner = (*a)->party;
  if ((*b)->party != c.owner) c.shared_with.push_back((*b)->party);
  return c;
}

Result<Channel> FindDirect(Tx& tx, const Principal& p, std::string_view id, Purpose purpose) {
  const auto ids = ParseDirect(id);
  if (!ids) return NoSuchChannel();
  const bool post = purpose == Purpose::kPost;
  if (ids->a != p.username && ids->b != p.username) {
    if (post || !p.roles.Has(Role::kAuditor)) return NoSuchChannel();
    return AuditedDirect(tx, id, *ids);
  }
  if (ids->a == ids->b) {
    if (!post) return NoSuchChannel();
    return Error::Invalid("/channel_id", "a message to oneself is refused");
  }
  if (ids->a > ids->b) {
    if (!post) return NoSuchChannel();
    return Error::Invalid("/channel_id",
                          "a direct conversation's id holds the two usernames "
                          "sorted: dm:<first>:<second>");
  }
  const std::string& other = ids->a == p.username ? ids->b : ids->a;
  auto user = identity::FindUser(tx, other);
  if (!user) return std::move(user).error();
  if (!user->has_value()) {
    if (!post) return NoSuchChannel();
    return Error::Invalid("/channel_id", "no such user: " + other);
  }
  if (post && ((*user)->disabled || !IsOfficer((*user)->roles))) {
    return Error::Invalid("/channel_id", other + " cannot receive messages");
  }
  Channel c;
  c.id = std::string(id);
  c.kind = ChannelKind::kDirect;
  c.participants = {ids->a, ids->b};
  c.title = (*user)->display_name.empty() ? other : (*user)->display_name;
  c.owner = p.party;
  if ((*user)->party != p.party) c.shared_with.push_back((*user)->party);
  return c;
}

}  // namespace

std::string_view ChannelKindName(ChannelKind k) {
  switch (k) {
    case ChannelKind::kIncident:
      return "incident";
    case ChannelKind::kDesk:
      return "desk";
    case ChannelKind::kCoordinator:
      return "coordinator";
    case ChannelKind::kDirect:
      return "direct";
  }
  return "";
}

std::vector<std::string> Channel::parties() const {
  std::vector<std::string> out = shared_with;
  out.push_back(owner);
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

Result<Channel> FindChannel(Tx& tx, const Principal& p, std::string_view id, const Settings& s,
                            Purpose purpose) {
  std::optional<Channel> found;
  if (id.starts_with(kDirectPrefix)) {
    auto c = FindDirect(tx, p, id, purpose);
    if (!c) return c;
    found = std::move(*c);
  } else if (id.starts_with(kIncidentPrefix)) {
    auto rows = tx.Query("SELECT " + std::string(kIncidentColumns) + " FROM incidents WHERE id = ?",
                         {std::string(id.substr(kIncidentPrefix.size()))});
    if (!rows) return std::move(rows).error();
    if (!rows->empty()) found = IncidentChannel(rows->front());
  } else {
    auto coordinators = identity::CoordinatorParties(tx);
    if (!coordinators) return std::move(coordinators).error();
    if (id == kCoordinatorId) {
      auto c = CoordinatorChannel(tx, *coordinators);
      if (!c) return std::move(c).error();
      found = std::move(*c);
    } else if (id.starts_with(kDeskPrefix) && id.size() > kDeskPrefix.size()) {
      const std::string district(id.substr(kDeskPrefix.size()));
      auto units = DeskUnits(tx, district);
      if (!units) return std::move(units).error();
      auto members = DeskMembers(tx, s, *coordinators);
      if (!members) return std::move(members).error();
      if (!units->empty() && !members->empty()) {
        found = DeskChannel(district, units->begin()->second, *members, *coordinators);
      }
    }
  }
  if (!found || !Can(p, Action::kReadChannels, found->scope())) return NoSuchChannel();
  return std::move(*found);
}

Result<std::vector<Channel>> MemberChannels(Tx& tx, const Principal& p, Micros recent_since,
                                            const Settings& s) {
  std::vector<Channel> out;
  auto keep = [&](Channel c) {
    if (Can(p, Action::kReadChannels, c.scope())) out.push_back(std::move(c));
  };
  auto coordinators = identity::CoordinatorParties(tx);
  if (!coordinators) return std::move(coordinators).error();
  auto coordinator = CoordinatorChannel(tx, *coordinators);
  if (!coordinator) return std::move(coordinator).error();
  if (coordinator->has_value()) keep(std::move(**coordinator));

  auto members = DeskMembers(tx, s, *coordinators);
  if (!members) return std::move(members).error();
  auto desks = DeskUnits(tx);
  if (!desks) return std::move(desks).error();
  if (!members->empty()) {
    for (const auto& [district, units] : *desks) {
      keep(DeskChannel(district, units, *members, *coordinators));
    }
  }

  std::vector<std::string> vis;
  const std::string incidents_sql =
      "SELECT " + std::string(kIncidentColumns) + " FROM incidents i WHERE " +
      RecordVisibilitySql(p, "i.party", "i.shared_with", vis) +
      " AND (i.state <> 'closed' OR EXISTS (SELECT 1 FROM messages m WHERE m.channel_id = "
      "'incident:' || i.id AND m.sent_at >= ?)) ORDER BY i.updated_seq DESC LIMIT ?";
  std::vector<SqlValue> params(vis.begin(), vis.end());
  params.emplace_back(recent_since);
  params.emplace_back(kMaxCrisisRooms);
  auto incidents = tx.Query(incidents_sql, params);
  if (!incidents) return std::move(incidents).error();
  for (const Row& r : *incidents) keep(IncidentChannel(r));

  auto direct =
      tx.Query("SELECT id FROM direct_channels WHERE user_a = ? OR user_b = ? ORDER BY id",
               {p.username, p.username});
  if (!direct) return std::move(direct).error();
  for (const Row& r : *direct) {
    auto c = FindDirect(tx, p, r.Text(0), Purpose::kRead);
    if (!c) {
      if (c.error().code == ErrorCode::kNotFound) continue;
      return std::move(c).error();
    }
    keep(std::move(*c));
  }
  return out;
}

}  // namespace liaison::messaging
