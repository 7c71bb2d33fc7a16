// Deconfliction's disclosure rules pushed into SQL must select exactly what
// the policy allows: the event filter (the audit log, the stream replay) and
// the activity list, for every party, role and kind of event.
#include <gtest/gtest.h>

#include <filesystem>

#include "authz/policy.hpp"
#include "domain/deconfliction/deconfliction.hpp"
#include "store/event_log.hpp"
#include "store/store.hpp"

namespace liaison {
namespace {

class DeconflictionVisibilityTest : public ::testing::Test {
 protected:
  void SetUp() override {
    path_ = std::filesystem::temp_directory_path() /
            ("liaison_deconfliction_visibility_" + std::to_string(::getpid()) + ".db");
    std::filesystem::remove(path_);
    auto store = OpenSqliteStore({.path = path_.string(), .read_connections = 1, .create = true});
    ASSERT_TRUE(store.ok()) << store.error().message;
    store_ = std::move(*store);
  }
  void TearDown() override {
    store_.reset();
    std::filesystem::remove(path_);
  }

  std::vector<std::int64_t> Select(const std::string& sql, const std::vector<std::string>& params) {
    std::vector<std::int64_t> out;
    EXPECT_TRUE(store_
                    ->RunRead([&](Tx& tx) -> Status {
                      std::vector<SqlValue> bound(params.begin(), params.end());
                      auto rows = tx.Query(sql, bound);
                      if (!rows) return std::move(rows).error();
                      for (const Row& r : *rows) out.push_back(r.Int(0));
                      return OkStatus();
                    })
                    .ok());
    return out;
  }

  static std::vector<Principal> Principals() {
    std::vector<Principal> out;
    for (const char* party : {"isf", "pasf", "ussc", "isf2"}) {
      for (Role role : kAllRoles) {
        Principal p;
        p.username = std::string(party) + "." + std::string(RoleName(role));
        p.party = party;
        p.roles = RoleSet{role};
        p.is_coordinator = std::string_view(party) == "ussc";
        out.push_back(p);
      }
    }
    return out;
  }

  std::filesystem::path path_;
  std::unique_ptr<Store> store_;
};

TEST_F(DeconflictionVisibilityTest, EventSqlEqualsCanSeeEvent) {
  std::vector<Event> events;
  for (const char* type :
       {"activity.registered", "activity.cancelled", "conflict.detected", "conflict.assessed",
        "conflict.resolved", "request.submitted", "user.created", "personnel.registered",
        "vetting.decided", "vetting.reasons_recorded", "training.enrolled",
        "allegation.registered"}) {
    for (const Scope& s : std::vector<Scope>{{"isf", {"ussc"}},
                                             {"pasf", {"isf", "ussc"}},
                                             {"ussc", {}},
                                             {"ussc", {"isf", "pasf"}},
                                             {"isf2", {"ussc"}}}) {
      events.push_back(Event{static_cast<std::int64_t>(events.size() + 1), 0, "x", s.owner_party,
                             type, "subject", s.shared_with, "{}"});
    }
  }
  // Messages: a direct conversation is for its two users (and auditors); a
  // name that only starts like a participant's is not a participant.
  for (const char* subject :
       {"channel/dm:isf.liaison:pasf.duty", "channel/dm:isf.liaisonx:pasf.dutyx",
        "channel/dm:isf.duty:isf.liaison", "channel/desk:PS0101", "channel/xdm:isf.duty:a"}) {
    for (const Scope& s : std::vector<Scope>{{"isf", {"pasf"}}, {"pasf", {"isf"}}, {"isf", {}}}) {
      events.push_back(Event{static_cast<std::int64_t>(events.size() + 1), 0, "x", s.owner_party,
                             "message.posted", subject, s.shared_with, "{}"});
    }
  }
  ASSERT_TRUE(store_
                  ->RunWrite([&](WriteTx& tx) -> Status {
                    for (const Event& e : events) {
                      LIAISON_TRY(tx.Exec(
                          "INSERT INTO events (seq, at, actor, party, type, subject, shared_with, "
                          "body, leaf_hash, chain_hash) VALUES (?, 0, 'x', ?, ?, ?, ?, '{}', "
                          "x'00', x'00')",
                          {e.seq, e.party, e.type, e.subject, JoinShares(e.shared_with)}));
                      for (const auto& share : e.shared_with) {
                        LIAISON_TRY(tx.Exec("INSERT INTO event_shares (party, seq) VALUES (?, ?)",
                                            {share, e.seq}));
                      }
                    }
                    return OkStatus();
                  })
                  .ok());
  bool some_desk_only = false;
  bool some_direct_withheld = false, some_direct_shown = false;
  bool some_programme_withheld = false, some_confidential_withheld = false;
  for (const Principal& p : Principals()) {
    std::vector<std::string> params;
    const std::string sql =
        "SELECT e.seq FROM events e WHERE " + EventVisibilitySql(p, "e", params) + " ORDER BY seq";
    std::vector<std::int64_t> expected;
    for (const Event& e : events) {
      if (CanSeeEvent(p, e)) expected.push_back(e.seq);
      some_desk_only |= CanSee(p, Scope{e.party, e.shared_with}) && !CanSeeEvent(p, e) &&
                        e.type.starts_with("activity.");
      const bool in_scope = CanSee(p, Scope{e.party, e.shared_with});
      some_programme_withheld |= in_scope && !CanSeeEvent(p, e) && e.type.starts_with("personnel.");
      some_confidential_withheld |= in_scope && !CanSeeEvent(p, e) &&
                                    e.type == "vetting.reasons_recorded" &&
                                    p.roles.Has(Role::kTrainer);
      if (e.subject.starts_with(kDirectSubjectPrefix) && in_scope) {
        (CanSeeEvent(p, e) ? some_direct_shown : some_direct_withheld) = true;
      }
    }
    EXPECT_EQ(Select(sql, params), expected) << p.username;
  }
  EXPECT_TRUE(some_desk_only) << "the matrix must include activity events withheld by role";
  EXPECT_TRUE(some_direct_withheld && some_direct_shown)
      << "the matrix must include direct messages both shown and withheld within a party";
  EXPECT_TRUE(some_programme_withheld)
      << "the matrix must include personnel events withheld from roles outside the programmes";
  EXPECT_TRUE(some_confidential_withheld)
      << "the matrix must include vetting reasons withheld from the coordinator's trainers";
}

TEST_F(DeconflictionVisibilityTest, ActivitySqlEqualsCanReadActivities) {
  const std::vector<Scope> scopes = {
      {"isf", {"ussc"}}, {"pasf", {"ussc"}}, {"ussc", {}}, {"isf2", {"ussc"}}, {"isf", {}}};
  ASSERT_TRUE(store_
                  ->RunWrite([&](WriteTx& tx) -> Status {
                    LIAISON_TRY(
                        tx.Exec("CREATE TABLE records (id INTEGER PRIMARY KEY, party TEXT, "
                                "shared_with TEXT)"));
                    for (size_t i = 0; i < scopes.size(); ++i) {
                      LIAISON_TRY(tx.Exec("INSERT INTO records VALUES (?, ?, ?)",
                                          {static_cast<std::int64_t>(i), scopes[i].owner_party,
                                           JoinShares(scopes[i].shared_with)}));
                    }
                    return OkStatus();
                  })
                  .ok());
  for (const Principal& p : Principals()) {
    std::vector<std::string> params;
    const std::string sql = "SELECT id FROM records WHERE " +
                            deconfliction::ActivityVisibilitySql(p, params) + " ORDER BY id";
    std::vector<std::int64_t> expected;
    for (size_t i = 0; i < scopes.size(); ++i) {
      if (Can(p, Action::kReadActivities, scopes[i])) {
        expected.push_back(static_cast<std::int64_t>(i));
      }
    }
    EXPECT_EQ(Select(sql, params), expected) << p.username;
  }
}

}  // namespace
}  // namespace liaison
