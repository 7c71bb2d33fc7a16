// The route x role x party matrix, and the OpenAPI document's coverage.
#include "http/api.hpp"

#include <gtest/gtest.h>

#include <boost/json/parse.hpp>
#include <filesystem>
#include <set>

namespace liaison {
namespace {

const char* kParties[] = {"isf", "pasf", "ussc"};

// Who may call each route, written independently of the route table.
enum class Rule {
  kPublic,
  kAnyone,
  kAdmin,
  kCoordinatorAdmin,
  kAdminOrAuditor,
  kCoordinationOfficer,  // liaison, duty, commander
  kRequestReader,        // coordination officers, analysts, auditors
  kFiguresReader,        // coordination officers, analysts
  kDuty,
  kCoordinatorDesk,         // the coordinator's duty or command staff
  kCoordinatorDeskOrAdmin,  // ... or its administrators
  kChannelReader,           // coordination officers, auditors
  kProgrammeReader,         // hr of any party; the coordinator's vetting officers and trainers
  kHr,
  kPersonnelAnalyst,    // hr, analysts, commanders
  kVettingRequester,    // hr of any party; the coordinator's trainers and vetting officers
  kCoordinatorVetting,  // the coordinator's vetting officers
  kTrainingReader,      // hr, trainers, vetting officers
  kCoordinatorTrainer,  // the coordinator's trainers
  kEnroller,            // hr of any party; the coordinator's trainers
  kAllegationReader,    // the coordinator's vetting officers and auditors
};

const std::map<std::string, Rule>& Expected() {
  static const std::map<std::string, Rule> kTable = {
      {"GET /healthz", Rule::kPublic},
      {"GET /metrics", Rule::kPublic},
      {"GET /api/openapi.json", Rule::kPublic},
      {"POST /api/v1/session", Rule::kPublic},
      {"DELETE /api/v1/session", Rule::kAnyone},
      {"GET /api/v1/me", Rule::kAnyone},
      {"POST /api/v1/me/password", Rule::kAnyone},
      {"GET /api/v1/stream", Rule::kAnyone},
      {"GET /api/v1/parties", Rule::kAnyone},
      {"POST /api/v1/parties", Rule::kCoordinatorAdmin},
      {"GET /api/v1/nations", Rule::kAnyone},
      {"GET /api/v1/units", Rule::kAnyone},
      {"POST /api/v1/units", Rule::kAdmin},
      {"GET /api/v1/users", Rule::kAdmin},
      {"POST /api/v1/users", Rule::kAdmin},
      {"GET /api/v1/users/{username}", Rule::kAdmin},
      {"PATCH /api/v1/users/{username}", Rule::kAdmin},
      {"POST /api/v1/users/{username}/disable", Rule::kAdmin},
      {"POST /api/v1/users/{username}/enable", Rule::kAdmin},
      {"POST /api/v1/users/{username}/password", Rule::kAdmin},
      {"GET /api/v1/tokens", Rule::kAdmin},
      {"POST /api/v1/tokens", Rule::kAdmin},
      {"DELETE /api/v1/tokens/{id}", Rule::kAdmin},
      {"GET /api/v1/audit/tree-head", Rule::kAnyone},
      {"GET /api/v1/audit/proof/inclusion", Rule::kAnyone},
      {"GET /api/v1/audit/proof/consistency", Rule::kAnyone},
      {"GET /api/v1/audit/events", Rule::kAdminOrAuditor},
      {"GET /api/v1/map/layers", Rule::kAnyone},
      {"GET /api/v1/map/layers/{id}", Rule::kAnyone},
      {"POST /api/v1/requests/evaluate", Rule::kCoordinationOfficer},
      {"POST /api/v1/requests", Rule::kCoordinationOfficer},
      {"GET /api/v1/requests", Rule::kRequestReader},
      {"GET /api/v1/requests/{id}", Rule::kRequestReader},
      {"POST /api/v1/requests/{id}/acknowledge", Rule::kCoordinationOfficer},
      {"POST /api/v1/requests/{id}/decide", Rule::kCoordinationOfficer},
      {"POST /api/v1/requests/{id}/start", Rule::kCoordinationOfficer},
      {"POST /api/v1/requests/{id}/complete", Rule::kCoordinationOfficer},
      {"POST /api/v1/requests/{id}/withdraw", Rule::kCoordinationOfficer},
      {"POST /api/v1/requests/{id}/comment", Rule::kCoordinationOfficer},
      {"POST /api/v1/requests/{id}/log-call", Rule::kDuty},
      {"GET /api/v1/duty/roster", Rule::kCoordinationOfficer},
      {"GET /api/v1/duty/queue", Rule::kCoordinationOfficer},
      {"GET /api/v1/duty/handovers", Rule::kCoordinationOfficer},
      {"POST /api/v1/duty/handover", Rule::kDuty},
      {"GET /api/v1/stats/requests", Rule::kFiguresReader},
      {"POST /api/v1/activities", Rule::kCoordinationOfficer},
      {"GET /api/v1/activities", Rule::kRequestReader},
      {"GET /api/v1/activities/{id}", Rule::kRequestReader},
      {"PATCH /api/v1/activities/{id}", Rule::kCoordinationOfficer},
      {"POST /api/v1/activities/{id}/cancel", Rule::kCoordinationOfficer},
      {"GET /api/v1/conflicts", Rule::kRequestReader},
      {"GET /api/v1/conflicts/{id}", Rule::kRequestReader},
      {"POST /api/v1/conflicts/{id}/acknowledge", Rule::kCoordinationOfficer},
      {"POST /api/v1/conflicts/{id}/resolve", Rule::kCoordinatorDesk},
      {"POST /api/v1/deconfliction/check", Rule::kCoordinationOfficer},
      {"GET /api/v1/protected-sites", Rule::kAnyone},
      {"POST /api/v1/protected-sites", Rule::kCoordinatorDeskOrAdmin},
      {"POST /api/v1/incidents", Rule::kCoordinationOfficer},
      {"GET /api/v1/incidents", Rule::kRequestReader},
      {"GET /api/v1/incidents/heat", Rule::kRequestReader},
      {"GET /api/v1/incidents/{id}", Rule::kRequestReader},
      {"POST /api/v1/incidents/{id}/updates", Rule::kCoordinationOfficer},
      {"POST /api/v1/incidents/{id}/acknowledge", Rule::kCoordinationOfficer},
      {"POST /api/v1/incidents/{id}/close", Rule::kCoordinationOfficer},
      {"GET /api/v1/channels", Rule::kChannelReader},
      {"GET /api/v1/channels/{id}", Rule::kChannelReader},
      {"GET /api/v1/channels/{id}/messages", Rule::kChannelReader},
      {"POST /api/v1/channels/{id}/messages", Rule::kCoordinationOfficer},
      {"POST /api/v1/channels/{id}/read", Rule::kChannelReader},
      {"PATCH /api/v1/messages/{id}", Rule::kCoordinationOfficer},
      {"POST /api/v1/messages/{id}/ack", Rule::kCoordinationOfficer},
      {"GET /api/v1/search/messages", Rule::kChannelReader},
      {"GET /api/v1/phrasebook", Rule::kAnyone},
      {"POST /api/v1/returns", Rule::kCoordinationOfficer},
      {"GET /api/v1/returns", Rule::kRequestReader},
      {"GET /api/v1/returns/{id}", Rule::kRequestReader},
      {"POST /api/v1/returns/{id}/advance", Rule::kCoordinationOfficer},
      {"POST /api/v1/returns/{id}/name", Rule::kCoordinationOfficer},
      {"GET /api/v1/stats/returns", Rule::kFiguresReader},
      {"GET /api/v1/handover-points", Rule::kAnyone},
      {"GET /api/v1/personnel/reference", Rule::kProgrammeReader},
      {"GET /api/v1/personnel", Rule::kProgrammeReader},
      {"POST /api/v1/personnel", Rule::kHr},
      {"POST /api/v1/personnel/import/dry-run", Rule::kHr},
      {"POST /api/v1/personnel/import/commit", Rule::kHr},
      {"GET /api/v1/personnel/export", Rule::kProgrammeReader},
      {"GET /api/v1/personnel/{id}", Rule::kProgrammeReader},
      {"GET /api/v1/personnel/{id}/events", Rule::kProgrammeReader},
      {"POST /api/v1/personnel/{id}/events", Rule::kHr},
      {"GET /api/v1/establishment", Rule::kProgrammeReader},
      {"POST /api/v1/establishment/units", Rule::kHr},
      {"PUT /api/v1/establishment/units/{id}", Rule::kHr},
      {"GET /api/v1/analytics/personnel/headcount", Rule::kPersonnelAnalyst},
      {"GET /api/v1/analytics/personnel/rank-pyramid", Rule::kPersonnelAnalyst},
      {"GET /api/v1/analytics/personnel/vacancies", Rule::kPersonnelAnalyst},
      {"GET /api/v1/analytics/personnel/retirements", Rule::kPersonnelAnalyst},
      {"GET /api/v1/analytics/personnel/payroll", Rule::kPersonnelAnalyst},
      {"GET /api/v1/vetting", Rule::kProgrammeReader},
      {"POST /api/v1/vetting", Rule::kVettingRequester},
      {"GET /api/v1/vetting/expiring", Rule::kProgrammeReader},
      {"GET /api/v1/vetting/subjects/{kind}/{id}", Rule::kProgrammeReader},
      {"GET /api/v1/vetting/{id}", Rule::kProgrammeReader},
      {"POST /api/v1/vetting/{id}/decision", Rule::kCoordinatorVetting},
      {"POST /api/v1/vetting/{id}/withdraw", Rule::kVettingRequester},
      {"GET /api/v1/allegations", Rule::kAllegationReader},
      {"POST /api/v1/allegations", Rule::kCoordinatorVetting},
      {"GET /api/v1/allegations/{id}", Rule::kAllegationReader},
      {"POST /api/v1/allegations/{id}/status", Rule::kCoordinatorVetting},
      {"GET /api/v1/courses", Rule::kTrainingReader},
      {"POST /api/v1/courses", Rule::kCoordinatorTrainer},
      {"GET /api/v1/courses/{code}", Rule::kTrainingReader},
      {"PUT /api/v1/courses/{code}", Rule::kCoordinatorTrainer},
      {"GET /api/v1/sessions", Rule::kTrainingReader},
      {"POST /api/v1/sessions", Rule::kCoordinatorTrainer},
      {"GET /api/v1/sessions/{id}", Rule::kTrainingReader},
      {"POST /api/v1/sessions/{id}/cancel", Rule::kCoordinatorTrainer},
      {"POST /api/v1/enrolments", Rule::kEnroller},
      {"POST /api/v1/enrolments/check", Rule::kEnroller},
      {"GET /api/v1/enrolments", Rule::kTrainingReader},
      {"POST /api/v1/enrolments/{id}/result", Rule::kCoordinatorTrainer},
      {"POST /api/v1/enrolments/{id}/withdraw", Rule::kEnroller},
      {"GET /api/v1/targets", Rule::kTrainingReader},
      {"POST /api/v1/targets", Rule::kCoordinatorTrainer},
      {"GET /api/v1/targets/{id}", Rule::kTrainingReader},
  };
  return kTable;
}

bool ExpectedAllowed(Rule rule, std::string_view party, Role role) {
  switch (rule) {
    case Rule::kPublic:
    case Rule::kAnyone:
      return true;
    case Rule::kAdmin:
      return role == Role::kAdmin;
    case Rule::kCoordinatorAdmin:
      return role == Role::kAdmin && party == "ussc";
    case Rule::kAdminOrAuditor:
      return role == Role::kAdmin || role == Role::kAuditor;
    case Rule::kCoordinationOfficer:
      return role == Role::kLiaison || role == Role::kDuty || role == Role::kCommander;
    case Rule::kRequestReader:
      return role == Role::kLiaison || role == Role::kDuty || role == Role::kCommander ||
             role == Role::kAnalyst || role == Role::kAuditor;
    case Rule::kFiguresReader:
      return role == Role::kLiaison || role == Role::kDuty || role == Role::kCommander ||
             role == Role::kAnalyst;
    case Rule::kDuty:
      return role == Role::kDuty;
    case Rule::kCoordinatorDesk:
      return party == "ussc" && (role == Role::kDuty || role == Role::kCommander);
    case Rule::kCoordinatorDeskOrAdmin:
      return party == "ussc" &&
             (role == Role::kDuty || role == Role::kCommander || role == Role::kAdmin);
    case Rule::kChannelReader:
      return role == Role::kLiaison || role == Role::kDuty || role == Role::kCommander ||
             role == Role::kAuditor;
    case Rule::kProgrammeReader:
      return role == Role::kHr ||
             (party == "ussc" && (role == Role::kVetting || role == Role::kTrainer));
    case Rule::kHr:
      return role == Role::kHr;
    case Rule::kPersonnelAnalyst:
      return role == Role::kHr || role == Role::kAnalyst || role == Role::kCommander;
    case Rule::kVettingRequester:
      return role == Role::kHr ||
             (party == "ussc" && (role == Role::kTrainer || role == Role::kVetting));
    case Rule::kCoordinatorVetting:
      return party == "ussc" && role == Role::kVetting;
    case Rule::kTrainingReader:
      return role == Role::kHr || role == Role::kTrainer || role == Role::kVetting;
    case Rule::kCoordinatorTrainer:
      return party == "ussc" && role == Role::kTrainer;
    case Rule::kEnroller:
      return role == Role::kHr || (party == "ussc" && role == Role::kTrainer);
    case Rule::kAllegationReader:
      return party == "ussc" && (role == Role::kVetting || role == Role::kAuditor);
  }
  return false;
}

class ApiTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = new std::filesystem::path(std::filesystem::temp_directory_path() /
                                     ("liaison_api_test_" + std::to_string(::getpid())));
    std::filesystem::remove_all(*dir_);
    ASSERT_TRUE(InitDataDir(DataDir{dir_->string()}, true).ok());
    auto app = App::Open(DataDir{dir_->string()}, clock_);
    ASSERT_TRUE(app.ok()) << app.error().message;
    app_ = app->release();
    api_ = new Api(*app_, metrics_, *hub_, MapLayers{});
  }
  static void TearDownTestSuite() {
    delete api_;
    delete app_;
    std::filesystem::remove_all(*dir_);
    delete dir_;
  }

  static inline std::filesystem::path* dir_ = nullptr;
  static inline SystemClock clock_;
  static inline Metrics metrics_;
  static inline StreamHub* hub_ = new StreamHub([](const Principal&) { return true; });
  static inline App* app_ = nullptr;
  static inline Api* api_ = nullptr;
};

TEST_F(ApiTest, EveryRouteAgainstEveryRoleAndParty) {
  std::set<std::string> seen;
  for (const Route& route : api_->router().routes()) {
    const std::string key = route.method + " " + route.pattern;
    seen.insert(key);
    auto it = Expected().find(key);
    ASSERT_NE(it, Expected().end()) << "route missing from the expected table: " << key;
    EXPECT_EQ(route.action.has_value(), it->second != Rule::kPublic) << key;
    for (const char* party : kParties) {
      for (Role role : kAllRoles) {
        Principal p;
        p.username = std::string(party) + ".x";
        p.party = party;
        p.unit = party;
        p.roles = RoleSet{role};
        p.is_coordinator = std::string_view(party) == "ussc";
        const bool allowed = Api::Authorize(route, p).allowed;
        EXPECT_EQ(allowed, ExpectedAllowed(it->second, party, role))
            << key << " for " << party << "/" << RoleName(role)
            << (allowed ? ": unexpected allow" : ": unexpected deny");
      }
    }
  }
  for (const auto& [key, rule] : Expected()) {
    EXPECT_TRUE(seen.count(key)) << "expected route is not routed: " << key;
  }
}

TEST_F(ApiTest, OpenApiDocumentCoversExactlyTheRoutes) {
  boost::system::error_code ec;
  auto doc = boost::json::parse(OpenApiDocument(), ec);
  ASSERT_FALSE(ec) << "openapi.json does not parse";
  ASSERT_TRUE(doc.is_object());
  EXPECT_EQ(doc.at("openapi").as_string(), "3.1.0");
  const auto& paths = doc.at("paths").as_object();
  std::set<std::string> routed;
  for (const Route& route : api_->router().routes()) {
    std::string method = route.method;
    for (char& c : method) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    routed.insert(method + " " + route.pattern);
    const auto* item = paths.if_contains(route.pattern);
    ASSERT_NE(item, nullptr) << "path not documented: " << route.pattern;
    EXPECT_TRUE(item->as_object().contains(method))
        << "method not documented: " << route.method << " " << route.pattern;
  }
  for (const auto& [path, item] : paths) {
    for (const auto& [method, op] : item.as_object()) {
      if (method == "parameters") continue;
      EXPECT_TRUE(routed.count(std::string(method) + " " + std::string(path)))
          << "documented but not routed: " << method << " " << path;
    }
  }
}

TEST_F(ApiTest, CsrfNeedsHeaderOrMatchingOrigin) {
  HttpRequest r;
  r.method = "POST";
  r.headers["host"] = "127.0.0.1:8080";
  EXPECT_FALSE(Api::CheckCsrf(r).ok());
  r.headers["x-liaison-request"] = "1";
  EXPECT_TRUE(Api::CheckCsrf(r).ok());
  r.headers["origin"] = "http://evil.example";
  EXPECT_FALSE(Api::CheckCsrf(r).ok());
  r.headers["origin"] = "http://127.0.0.1:8080";
  EXPECT_TRUE(Api::CheckCsrf(r).ok());
  r.method = "GET";
  r.headers.clear();
  EXPECT_TRUE(Api::CheckCsrf(r).ok());
}

}  // namespace
}  // namespace liaison
