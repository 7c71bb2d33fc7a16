// Sample training: a course catalogue from the coalition's nations, sessions
// held before (with results, so qualifications and a target's progress show)
// and upcoming ones at the training centres, enrolments that pass the gate,
// and force-generation targets. Course titles are real kinds of course; the
// instructors' names are invented.
#include <algorithm>
#include <map>

#include "app/demo.hpp"
#include "domain/identity/identity.hpp"
#include "domain/training/rules.hpp"
#include "domain/training/training.hpp"

namespace liaison {
namespace {

struct SampleCourse {
  const char* code;
  const char* title_en;
  const char* title_ar;
  const char* title_he;
  const char* nation;
  int duration_days;
  int capacity;
  std::vector<const char*> prerequisites;
  const char* qualification;
  int validity_months;  // 0: does not expire
  const char* description;
};

// In dependency order: a course's prerequisites are granted by earlier ones.
const SampleCourse kCourses[] = {
    {"FA-101",
     "Tactical first aid and casualty care",
     "الإسعافات الأولية الميدانية",
     "עזרה ראשונה טקטית",
     "GB",
     5,
     24,
     {},
     "FIRST-AID",
     24,
     "Bleeding control, airway management and casualty evacuation under pressure."},
    {"HR-101",
     "Human rights in law enforcement",
     "حقوق الإنسان في إنفاذ القانون",
     "זכויות אדם באכיפת החוק",
     "NL",
     5,
     30,
     {},
     "HR-LE",
     36,
     "Use of force, arrest and detention, and the treatment of detainees under international "
     "standards."},
    {"CIED-101",
     "Counter-IED awareness",
     "التوعية بالعبوات الناسفة المرتجلة",
     "מודעות למטעני נפץ מאולתרים",
     "GR",
     5,
     24,
     {},
     "CIED-AW",
     24,
     "Recognising, reporting and cordoning suspected explosive devices."},
    {"POP-201",
     "Public-order policing",
     "حفظ النظام العام",
     "שיטור לשמירת הסדר הציבורי",
     "IT",
     15,
     40,
     {"HR-LE", "FIRST-AID"},
     "POP",
     24,
     "Crowd management, graduated response, shield formations and de-escalation."},
    {"POP-301",
     "Public-order platoon commander",
     "قيادة فصيل حفظ النظام العام",
     "מפקד מחלקת סדר ציבורי",
     "PL",
     10,
     20,
     {"POP"},
     "POP-CMD",
     36,
     "Commanding a public-order platoon: planning, communications and accountability."},
    {"CSI-201",
     "Crime-scene investigation",
     "التحقيق في مسرح الجريمة",
     "חקירת זירת פשע",
     "CA",
     20,
     16,
     {"HR-LE"},
     "CSI",
     48,
     "Scene preservation, evidence recovery, chain of custody and forensic documentation."},
    {"VIP-201",
     "VIP protection",
     "حماية الشخصيات المهمة",
     "אבטחת אישים",
     "US",
     25,
     18,
     {"FIRST-AID"},
     "VIP-PROT",
     24,
     "Close protection, advance work, motorcade drills and protective intelligence."},
    {"TTT-301",
     "Instructor development",
     "تأهيل المدربين",
     "הכשרת מדריכים",
     "TR",
     10,
     16,
     {"HR-LE"},
     "INSTR",
     0,
     "Preparing PASF instructors to teach the coalition's curricula."},
};

struct UpcomingSession {
  const char* course;
  int starts_in_days;
  const char* location;
  std::vector<const char*> instructors;
};

const UpcomingSession kUpcoming[] = {
    {"FA-101", 12, "Jericho training centre", {"Sgt. Emma Clarke (GB)", "Dr. Huda Nasser"}},
    {"HR-101", 16, "Jericho training centre", {"Insp. Pieter van Dijk (NL)"}},
    {"POP-201", 24, "Jericho training centre", {"Lt. Marco Bellini (IT)", "Sgt. Luca Ferri (IT)"}},
    {"CIED-101", 30, "Al-Istiqlal University, Jericho", {"WO Nikos Pappas (GR)"}},
    {"CSI-201", 38, "Ramallah, Civil Police forensic laboratory", {"Cpl. Julie Tremblay (CA)"}},
    {"VIP-201", 45, "Jericho training centre", {"Agent Daniel Reyes (US)"}},
    {"POP-201",
     60,
     "Jordan International Police Training Center, Muwaqqar",
     {"Capt. Giulia Romano (IT)", "Lt. Marco Bellini (IT)"}},
    {"POP-301", 90, "Jericho training centre", {"Maj. Tomasz Nowak (PL)"}},
};

// Sessions held before, as history: participants are taken from the
// registry (cleared persons first).
struct PastSession {
  const char* course;
  int ended_days_ago;
  const char* location;
  const char* instructor;
  int participants;
  int failed, absent;  // the last participants' results; the others passed
};

const PastSession kHistory[] = {
    {"FA-101", 150, "Jericho training centre", "Sgt. Emma Clarke (GB)", 24, 1, 0},
    {"HR-101", 120, "Jericho training centre", "Insp. Pieter van Dijk (NL)", 30, 1, 1},
    {"POP-201", 70, "Jericho training centre", "Lt. Marco Bellini (IT)", 40, 3, 1},
};

struct Enrolments {
  const char* course;  // into its first upcoming session
  int wanted;
};

const Enrolments kEnrolments[] = {{"FA-101", 10}, {"HR-101", 12}, {"POP-201", 14}, {"POP-301", 6}};

const SampleCourse& SampleOf(std::string_view code) {
  for (const SampleCourse& c : kCourses) {
    if (code == c.code) return c;
  }
  return kCourses[0];  // unreachable: the tables above name only these courses
}

json::array Strings(const std::vector<const char*>& v) {
  json::array out;
  for (const char* s : v) out.emplace_back(s);
  return out;
}

json::object CourseBody(const SampleCourse& c) {
  return json::object{
      {"code", c.code},
      {"title_en", c.title_en},
      {"title_ar", c.title_ar},
      {"title_he", c.title_he},
      {"nation", c.nation},
      {"duration_days", c.duration_days},
      {"capacity", c.capacity},
      {"prerequisites", Strings(c.prerequisites)},
      {"qualification", c.qualification},
      {"validity_months", c.validity_months > 0 ? json::value(c.validity_months) : json::value()},
      {"description", c.description}};
}

// Active persons of the registry, those with a clearance first (the demo's
// vetting clears some), at most `limit`.
Result<std::vector<std::string>> Candidates(App& app, std::int64_t limit) {
  std::vector<std::string> out;
  LIAISON_TRY(app.store().RunRead([&](Tx& tx) -> Status {
    auto rows = tx.Query(
        "SELECT p.id FROM persons p LEFT JOIN vetting_status v ON v.subject_kind = 'person' AND "
        "v.subject_id = p.id AND v.status = 'cleared' WHERE p.status = 'active' "
        "ORDER BY v.subject_id IS NULL, p.service <> 'NSF', p.id LIMIT ?",
        {limit});
    if (!rows) return std::move(rows).error();
    for (const Row& r : *rows) out.push_back(r.Text(0));
    return OkStatus();
  }));
  return out;
}

}  // namespace

Result<int> SeedSampleTraining(App& app) {
  const training::Settings settings = app.training_settings();
  bool any = false;
  LIAISON_TRY(app.store().RunRead([&](Tx& tx) -> Status {
    auto rows = tx.Query("SELECT 1 FROM courses LIMIT 1");
    if (!rows) return std::move(rows).error();
    any = !rows->empty();
    return OkStatus();
  }));
  if (any) return 0;
  auto trainer = DemoPrincipal(app, "ussc.trainer");
  if (!trainer) return std::move(trainer).error();
  auto run = [&](auto fn) { return app.bus().Execute(*trainer, std::move(fn)); };
  const std::string today = training::DateOf(app.clock().Now());
  int created = 0;

  for (const SampleCourse& c : kCourses) {
    auto r = run([body = CourseBody(c), settings](CommandContext& ctx) {
      return training::DefineCourse(ctx, body, settings);
    });
    if (!r) return std::move(r).error();
    ++created;
  }

  // History: who took part, cleared persons first.
  auto people = Candidates(app, 60);
  if (!people) return std::move(people).error();
  if (!people->empty()) {
    for (const PastSession& h : kHistory) {
      const SampleCourse& course = SampleOf(h.course);
      const int n = std::min<int>(h.participants, static_cast<int>(people->size()));
      json::array results;
      for (int i = 0; i < n; ++i) {
        const bool absent = i >= n - h.absent;
        const bool failed = !absent && i >= n - h.absent - h.failed;
        json::object r{{"person", (*people)[static_cast<size_t>(i)]},
                       {"result", absent   ? "absent"
                                  : failed ? "failed"
                                           : "passed"},
                       {"attendance", absent ? 0 : course.duration_days - (failed ? 2 : 0)}};
        if (!absent) r["score"] = failed ? 48 : 70 + (i * 7) % 28;
        results.push_back(std::move(r));
      }
      const std::string ends = training::AddDays(today, -h.ended_days_ago);
      json::object body{{"course", h.course},
                        {"starts_on", training::AddDays(ends, -(course.duration_days - 1))},
                        {"ends_on", ends},
                        {"location", h.location},
                        {"instructors", json::array{h.instructor}},
                        {"results", std::move(results)}};
      auto r = run([body = std::move(body), settings](CommandContext& ctx) {
        return training::RecordCompletedSession(ctx, body, settings);
      });
      if (!r) return std::move(r).error();
      created += 1 + static_cast<int>(r->reply.at("enrolments").as_array().size());
    }
  }

  // Upcoming sessions; the first of each course takes the sample enrolments.
  std::map<std::string, std::string> first_session;
  for (const UpcomingSession& u : kUpcoming) {
    json::object body{{"course", u.course},
                      {"starts_on", training::AddDays(today, u.starts_in_days)},
                      {"location", u.location},
                      {"instructors", Strings(u.instructors)}};
    auto r = run([body = std::move(body), settings](CommandContext& ctx) {
      return training::ScheduleSession(ctx, body, settings);
    });
    if (!r) return std::move(r).error();
    first_session.emplace(u.course, std::string(r->reply.at("id").as_string()));
    ++created;
  }

  // Enrolments: the gate decides; a refused candidate is skipped.
  for (const Enrolments& e : kEnrolments) {
    const std::string& session = first_session.at(e.course);
    int enrolled = 0;
    for (const std::string& person : *people) {
      if (enrolled >= e.wanted) break;
      auto r = run([in = json::object{{"session", session}, {"person", person}},
                    settings](CommandContext& ctx) { return training::Enrol(ctx, in, settings); });
      if (r) {
        ++enrolled;
        continue;
      }
      if (r.error().code != ErrorCode::kFailedPrecondition &&
          r.error().code != ErrorCode::kConflict) {
        return std::move(r).error();
      }
    }
    created += enrolled;
  }

  // Force generation: public-order police for a deployment, and close
  // protection for the Presidential Guard.
  const json::object targets[] = {
      {{"title", "Public-order police for the Gaza deployment, phase 1"},
       {"qualification", "POP"},
       {"required", 600},
       {"deployment", "Gaza stabilisation force, phase 1"},
       {"due_on", training::AddDays(today, 270)},
       {"service", "NSF"}},
      {{"title", "Close-protection teams for the Presidential Guard"},
       {"qualification", "VIP-PROT"},
       {"required", 120},
       {"due_on", training::AddDays(today, 365)},
       {"service", "PG"}},
  };
  for (const json::object& t : targets) {
    json::object body = t;
    // Without the reference data a service code cannot be checked: leave
    // the target open to every service rather than fail.
    if (settings.reference == nullptr) body.erase("service");
    auto r = run([body = std::move(body), settings](CommandContext& ctx) {
      return training::SetTarget(ctx, body, settings);
    });
    if (!r) return std::move(r).error();
    ++created;
  }
  return created;
}

}  // namespace liaison
