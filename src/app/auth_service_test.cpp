#include "app/auth_service.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <future>

#include "app/app.hpp"
#include "auth/token.hpp"
#include "auth/totp.hpp"
#include "domain/identity/identity.hpp"

namespace liaison {
namespace {

constexpr Micros kStart = 1'790'000'000'000'000;
constexpr char kPassword[] = "correct horse battery";

class AuthServiceTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() /
           ("liaison_auth_test_" + std::to_string(::getpid()) + "_" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    std::filesystem::remove_all(dir_);
    ASSERT_TRUE(InitDataDir(DataDir{dir_.string()}, true).ok());
    std::string text = DefaultConfigText(true);
    text.replace(text.find("password_hash = \"interactive\""), 29, "password_hash = \"minimal\"");
    std::ofstream(DataDir{dir_.string()}.config()) << text;
    auto app = App::Open(DataDir{dir_.string()}, clock_);
    ASSERT_TRUE(app.ok()) << app.error().message;
    app_ = std::move(*app);
    Seed();
  }
  void TearDown() override {
    app_.reset();
    std::filesystem::remove_all(dir_);
  }

  void Seed() {
    auto run = [&](CommandFn fn) {
      ASSERT_TRUE(app_->bus().Execute(SystemPrincipal("t"), fn).ok());
    };
    run([](CommandContext& c) {
      return identity::CreateParty(c, json::object{{"id", "pasf"}, {"name_en", "PASF"}});
    });
    run([](CommandContext& c) {
      return identity::CreateUnit(
          c, json::object{{"id", "pasf"}, {"kind", "party"}, {"name_en", "PASF"}});
    });
    const std::string hash = HashPassword(kPassword, MinimalParamsForTest()).value();
    run([hash](CommandContext& c) {
      return identity::CreateUser(
          c,
          json::object{
              {"username", "pasf.jenin"}, {"unit", "pasf"}, {"roles", json::array{"liaison"}}},
          hash);
    });
  }

  Result<LoginResult> Login(std::string password, std::optional<std::string> totp = {},
                            std::string address = "10.0.0.1") {
    std::promise<Result<LoginResult>> p;
    app_->auth().Login(
        LoginRequest{"pasf.jenin", std::move(password), std::move(totp), address, "", ""},
        [&p](Result<LoginResult> r) { p.set_value(std::move(r)); });
    return p.get_future().get();
  }

  std::filesystem::path dir_;
  ManualClock clock_{kStart};
  std::unique_ptr<App> app_;
};

TEST_F(AuthServiceTest, LoginOpensASessionThatAuthenticates) {
  auto r = Login(kPassword);
  ASSERT_TRUE(r.ok()) << r.error().message;
  EXPECT_EQ(r->me.at("party").as_string(), "pasf");
  auto p = app_->auth().AuthenticateSession(r->token);
  ASSERT_TRUE(p.ok());
  EXPECT_EQ(p->username, "pasf.jenin");
  EXPECT_FALSE(p->session_id.empty());
  // The token itself is never stored: only its hash.
  bool stored_plain = false;
  ASSERT_TRUE(app_->store().RunRead([&](Tx& tx) -> Status {
    auto rows = tx.Query("SELECT count(*) FROM sessions WHERE token_hash = ?", {r->token});
    if (!rows) return std::move(rows).error();
    stored_plain = rows->front().Int(0) > 0;
    return OkStatus();
  }));
  EXPECT_FALSE(stored_plain);
}

TEST_F(AuthServiceTest, WrongPasswordIsUnauthenticatedAndTenFailuresLock) {
  for (int i = 0; i < 9; ++i) {
    auto r = Login("wrong password!");
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().code, ErrorCode::kUnauthenticated);
  }
  auto tenth = Login("wrong password!");
  ASSERT_FALSE(tenth.ok());
  auto locked = Login(kPassword);
  ASSERT_FALSE(locked.ok());
  EXPECT_EQ(locked.error().code, ErrorCode::kResourceExhausted);
  EXPECT_GT(locked.error().retry_after_seconds, 0);
  clock_.Advance(2 * 60 * kMicrosPerSecond);
  EXPECT_TRUE(Login(kPassword, {}, "10.0.0.2").ok());
}

TEST_F(AuthServiceTest, IdleAndAbsoluteExpiry) {
  auto r = Login(kPassword);
  ASSERT_TRUE(r.ok());
  clock_.Advance(29 * 60 * kMicrosPerSecond);
  ASSERT_TRUE(app_->auth().AuthenticateSession(r->token).ok());  // activity renews idle time
  clock_.Advance(29 * 60 * kMicrosPerSecond);
  ASSERT_TRUE(app_->auth().AuthenticateSession(r->token).ok());
  clock_.Advance(31 * 60 * kMicrosPerSecond);
  EXPECT_FALSE(app_->auth().AuthenticateSession(r->token).ok());

  auto again = Login(kPassword);
  ASSERT_TRUE(again.ok());
  for (int i = 0; i < 12 * 3; ++i) {  // active every 20 minutes for 12 hours
    clock_.Advance(20 * 60 * kMicrosPerSecond);
    ASSERT_TRUE(app_->auth().AuthenticateSession(again->token).ok()) << i;
  }
  clock_.Advance(20 * 60 * kMicrosPerSecond);  // past the 12-hour absolute limit
  EXPECT_FALSE(app_->auth().AuthenticateSession(again->token).ok());
}

TEST_F(AuthServiceTest, DisablingEndsSessionsAtOnce) {
  auto r = Login(kPassword);
  ASSERT_TRUE(r.ok());
  ASSERT_TRUE(app_->auth().AuthenticateSession(r->token).ok());
  ASSERT_TRUE(app_->bus()
                  .Execute(SystemPrincipal("t"),
                           [](CommandContext& c) {
                             return identity::SetUserDisabled(c, "pasf.jenin", true);
                           })
                  .ok());
  EXPECT_FALSE(app_->auth().AuthenticateSession(r->token).ok());
  EXPECT_FALSE(Login(kPassword).ok());
}

TEST_F(AuthServiceTest, TotpCodeIsAcceptedOnceOnly) {
  const Bytes secret = NewTotpSecret();
  ASSERT_TRUE(app_->bus()
                  .Execute(SystemPrincipal("t"),
                           [secret](CommandContext& c) {
                             return identity::EnableTotp(c, "pasf.jenin", secret);
                           })
                  .ok());
  auto missing = Login(kPassword);
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.error().detail, "totp_required");
  const std::string code = TotpCode(secret, TotpStep(clock_.Now()));
  ASSERT_TRUE(Login(kPassword, code).ok());
  auto replay = Login(kPassword, code);
  ASSERT_FALSE(replay.ok());
  EXPECT_EQ(replay.error().code, ErrorCode::kUnauthenticated);
}

TEST_F(AuthServiceTest, LogoutEndsTheSession) {
  auto r = Login(kPassword);
  ASSERT_TRUE(r.ok());
  std::promise<Status> done;
  app_->auth().Logout(r->token, [&done](Status s) { done.set_value(std::move(s)); });
  ASSERT_TRUE(done.get_future().get().ok());
  EXPECT_FALSE(app_->auth().AuthenticateSession(r->token).ok());
}

TEST(ThrottleKeyTest, Ipv6CountsPerSlash64Ipv4PerAddress) {
  EXPECT_EQ(ThrottleKey("10.1.2.3"), "10.1.2.3");
  EXPECT_EQ(ThrottleKey("2001:db8:1:2:aaaa:bbbb:cccc:dddd"), "2001:db8:1:2::/64");
  EXPECT_EQ(ThrottleKey("2001:db8:1:2::1"), ThrottleKey("2001:db8:1:2:ffff::9"));
  EXPECT_NE(ThrottleKey("2001:db8:1:2::1"), ThrottleKey("2001:db8:1:3::1"));
  EXPECT_EQ(ThrottleKey("unknown"), "unknown");
}

}  // namespace
}  // namespace liaison
