#include "domain/vetting/allegations.hpp"

#include <boost/json/serialize.hpp>

#include "authz/policy.hpp"
#include "core/time.hpp"
#include "domain/columns.hpp"
#include "domain/footprint.hpp"
#include "domain/personnel/dates.hpp"
#include "domain/vetting/subjects.hpp"
#include "store/event_log.hpp"

namespace liaison::allegations {
namespace {

using vetting::AllegationStatus;
using vetting::AllegationStatusName;

constexpr size_t kMaxTextChars = 4000;
constexpr size_t kMaxShortChars = 300;
constexpr StringRule kTextRule{1, kMaxTextChars * 4};
constexpr StringRule kShortRule{1, kMaxShortChars * 4};
constexpr StringRule kIdRule{1, 64};
constexpr std::int64_t kMaxAboutSubject = 100;

Result<std::optional<std::string>> ReadText(const json::object& in, std::string_view key,
                                            bool required, size_t max_chars = kMaxTextChars) {
  auto text = OptionalString(in, key, max_chars == kMaxTextChars ? kTextRule : kShortRule);
  if (!text) return std::move(text).error();
  const std::string ptr = "/" + std::string(key);
  if (!text->has_value() && required) return Error::Invalid(ptr, std::string(key) + " is required");
  if (text->has_value() && Utf8Length(**text) > max_chars) {
    return Error::Invalid(ptr, std::string(key) + " is too long (" + std::to_string(max_chars) +
                                   " characters at most)");
  }
  return text;
}

struct SubjectInput {
  std::string kind, party, label;
  std::optional<std::string> id;
};

Result<bool> PartyExists(Tx& tx, const std::string& id) {
  auto rows = tx.Query("SELECT 1 FROM parties WHERE id = ?", {id});
  if (!rows) return std::move(rows).error();
  return !rows->empty();
}

Result<SubjectInput> ReadSubject(Tx& tx, const json::object& in, const vetting::Settings& s) {
  const json::value* v = in.if_contains("subject");
  if (v == nullptr || v->is_null()) {
    return Error::Invalid("/subject",
                          "subject ({\"kind\", \"party\", \"label\", \"id\"?}) is required");
  }
  if (!v->is_object()) return Error::Invalid("/subject", "subject must be an object");
  const json::object& o = v->as_object();
  auto fail = [](Error e) { return Nested(std::move(e), "/subject"); };
  if (auto st = OnlyKnownFields(o, {"kind", "id", "party", "label"}); !st.ok()) {
    return fail(st.error());
  }
  SubjectInput out;
  auto kind = RequireString(o, "kind", {1, 16});
  if (!kind) return fail(kind.error());
  if (!OneOf(*kind, vetting::kSubjectKinds)) {
    return Error::Invalid("/subject/kind", "kind must be person or unit");
  }
  out.kind = *kind;
  auto party = RequireString(o, "party", {1, 32});
  if (!party) return fail(party.error());
  auto exists = PartyExists(tx, *party);
  if (!exists) return std::move(exists).error();
  if (!*exists) return Error::Invalid("/subject/party", "no such party");
  out.party = *party;
  auto id = OptionalString(o, "id", kIdRule);
  if (!id) return fail(id.error());
  auto label = ReadText(o, "label", false, kMaxShortChars);
  if (!label) return fail(label.error());
  if (id->has_value()) {
    if (out.party != s.registry_party) {
      return Error::Invalid("/subject/id",
                            "only the personnel registry's persons and units (party " +
                                s.registry_party + ") have ids here; name this subject by label");
    }
    auto found = vetting::FindSubject(tx, out.kind, **id);
    if (!found) return std::move(found).error();
    if (!found->has_value()) {
      return Error::Invalid("/subject/id", "no such " + out.kind + " in the registry");
    }
    out.id = **id;
    out.label = label->value_or((*found)->label);
  } else {
    if (!label->has_value()) {
      return Error::Invalid("/subject/label",
                            "label (how the source names the subject) is required");
    }
    out.label = **label;
  }
  return out;
}

// --- The stored allegation ---------------------------------------------------

struct Stored {
  std::string id, party, subject_kind, subject_id;  // subject_id empty: not in the registry
  AllegationStatus status = AllegationStatus::kReceived;
};

Result<std::optional<Stored>> Load(Tx& tx, std::string_view id) {
  auto rows =
      tx.Query("SELECT id, party, subject_kind, subject_id, status FROM allegations WHERE id = ?",
               {std::string(id)});
  if (!rows) return std::move(rows).error();
  if (rows->empty()) return std::optional<Stored>();
  const Row& r = rows->front();
  return std::optional<Stored>(
      Stored{r.Text(0), r.Text(1), r.Text(2), r.Text(3),
             vetting::ParseAllegationStatus(r.Text(4)).value_or(AllegationStatus::kReceived)});
}

json::array StatusNames(const std::vector<AllegationStatus>& statuses) {
  json::array out;
  for (AllegationStatus s : statuses) out.emplace_back(AllegationStatusName(s));
  return out;
}

std::string JoinNames(const std::vector<AllegationStatus>& statuses) {
  std::string out;
  for (size_t i = 0; i < statuses.size(); ++i) {
    out += i == 0 ? "" : (i + 1 == statuses.size() ? " or " : ", ");
    out += AllegationStatusName(statuses[i]);
  }
  return out;
}

// --- Views ---------------------------------------------------------------

enum Col {
  kColId,
  kColParty,
  kColSubjectKind,
  kColSubjectId,
  kColSubjectParty,
  kColSubjectLabel,
  kColSource,
  kColReceivedOn,
  kColCategory,
  kColSummary,
  kColStatus,
  kColStatusSeq,
  kColCreatedBy,
  kColCreatedSeq,
  kColUpdatedAt,
  kColUpdatedSeq,
  kColRegisteredAt,
};

constexpr std::string_view kSelect =
    "SELECT a.id, a.party, a.subject_kind, a.subject_id, a.subject_party, a.subject_label, "
    "a.source, a.received_on, a.category, a.summary, a.status, a.status_seq, a.created_by, "
    "a.created_seq, a.updated_at, a.updated_seq, "
    "(SELECT h.at FROM allegation_history h WHERE h.allegation = a.id ORDER BY h.seq LIMIT 1) "
    "FROM allegations a";

json::object RowJson(const Row& r) {
  const auto status = vetting::ParseAllegationStatus(r.Text(kColStatus));
  return json::object{
      {"id", r.Text(kColId)},
      {"subject", json::object{{"kind", r.Text(kColSubjectKind)},
                               {"id", TextOrNull(r, kColSubjectId)},
                               {"party", r.Text(kColSubjectParty)},
                               {"label", r.Text(kColSubjectLabel)}}},
      {"source", r.Text(kColSource)},
      {"received_on", r.Text(kColReceivedOn)},
      {"category", r.Text(kColCategory)},
      {"summary", r.Text(kColSummary)},
      {"status", r.Text(kColStatus)},
      {"next", status ? StatusNames(vetting::NextAllegationStatuses(*status)) : json::array()},
      {"party", r.Text(kColParty)},
      {"created_by", r.Text(kColCreatedBy)},
      {"registered_at", TimeOrNull(r, kColRegisteredAt)},
      {"updated_at", FormatRfc3339(r.Int(kColUpdatedAt))},
      {"status_seq", r.Int(kColStatusSeq)},
      {"updated_seq", r.Int(kColUpdatedSeq)},
      {"seq", r.Int(kColCreatedSeq)}};
}

void ReplyWithAllegation(CommandContext& ctx, std::string id) {
  ctx.finish = [actor = ctx.actor, id = std::move(id), now = ctx.now](
                   Tx& tx, json::value) -> Result<json::value> { return Get(tx, actor, id, now); };
}

Status Authorize(const Principal& p, Action action, const liaison::Scope& scope) {
  const Decision d = Can(p, action, scope);
  if (!d) return Error::Denied(d.reason);
  return OkStatus();
}

std::string Placeholders(size_t n) {
  std::string out;
  for (size_t i = 0; i < n; ++i) out += i ? ", ?" : "?";
  return out;
}

}  // namespace

// --- Projection ----------------------------------------------------------

bool Handles(std::string_view event_type) { return event_type.starts_with("allegation."); }

Status Apply(WriteTx& tx, const Event& e, const json::object& b) {
  const std::string id = JsonString(b, "id");
  if (e.type == "allegation.registered") {
    const json::value* sv = b.if_contains("subject");
    const json::object subject = sv && sv->is_object() ? sv->as_object() : json::object();
    const json::value* number = b.if_contains("number");
    const json::value* year = b.if_contains("year");
    LIAISON_TRY(tx.Exec(
        "INSERT INTO allegations (id, year, number, party, shared_with, subject_kind, subject_id, "
        "subject_party, subject_label, source, received_on, category, summary, status, "
        "status_seq, created_by, created_seq, updated_at, updated_seq) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'received', ?, ?, ?, ?, ?)",
        {id, year && year->is_number() ? year->to_number<std::int64_t>() : 0,
         number && number->is_number() ? number->to_number<std::int64_t>() : 0, e.party,
         JoinShares(e.shared_with), JsonString(subject, "kind"), OptionalTextColumn(subject, "id"),
         JsonString(subject, "party"), JsonString(subject, "label"), JsonString(b, "source"),
         JsonString(b, "received_on"), JsonString(b, "category"), JsonString(b, "summary"), e.seq,
         e.actor, e.seq, e.at, e.seq}));
    return tx.Exec(
        "INSERT INTO allegation_history (seq, allegation, status, note, actor, at) "
        "VALUES (?, ?, 'received', NULL, ?, ?)",
        {e.seq, id, e.actor, e.at});
  }
  if (e.type == "allegation.status_changed") {
    const std::string status = JsonString(b, "status");
    LIAISON_TRY(tx.Exec(
        "UPDATE allegations SET status = ?, status_seq = ?, updated_at = ?, updated_seq = ? "
        "WHERE id = ?",
        {status, e.seq, e.at, e.seq, id}));
    LIAISON_TRY(
        tx.Exec("INSERT INTO allegation_history (seq, allegation, status, note, actor, at) "
                "VALUES (?, ?, ?, ?, ?, ?)",
                {e.seq, id, status, OptionalTextColumn(b, "note"), e.actor, e.at}));
    // The suspension this substantiation caused (vetting.suspended, emitted
    // just before in the same command) learns its cause, on the coordinator's
    // side of the projection only.
    const json::value* suspends = b.if_contains("suspends");
    if (suspends != nullptr && suspends->is_object()) {
      const std::string kind = JsonString(suspends->as_object(), "kind");
      const std::string subject = JsonString(suspends->as_object(), "id");
      LIAISON_TRY(tx.Exec(
          "UPDATE vetting_status SET allegation = ? WHERE subject_kind = ? AND subject_id = ? "
          "AND status = 'suspended' AND request IS NULL",
          {id, kind, subject}));
      return tx.Exec(
          "UPDATE vetting_history SET allegation = ? WHERE seq = (SELECT MAX(seq) FROM "
          "vetting_history WHERE subject_kind = ? AND subject_id = ? AND kind = 'suspended')",
          {id, kind, subject});
    }
    return OkStatus();
  }
  return OkStatus();
}

// --- Commands ------------------------------------------------------------

Result<json::value> Register(CommandContext& ctx, const json::object& in,
                             const vetting::Settings& s) {
  Tx& tx = ctx.tx;
  const Principal& p = ctx.actor;
  LIAISON_TRY(Authorize(p, Action::kManageAllegations, liaison::Scope{p.party, {}}));
  LIAISON_TRY(OnlyKnownFields(in, {"subject", "source", "received_on", "category", "summary"}));
  auto subject = ReadSubject(tx, in, s);
  if (!subject) return std::move(subject).error();
  auto source = ReadText(in, "source", true, kMaxShortChars);
  if (!source) return std::move(source).error();
  auto received = RequireString(in, "received_on", {10, 10});
  if (!received) return std::move(received).error();
  if (!personnel::ParseDate(*received)) {
    return Error::Invalid("/received_on", "received_on must be a date, YYYY-MM-DD");
  }
  if (*received > personnel::DateOf(ctx.now)) {
    return Error::Invalid("/received_on", "received_on cannot be in the future");
  }
  auto category = RequireString(in, "category", {1, 32});
  if (!category) return std::move(category).error();
  if (!OneOf(*category, vetting::kAllegationCategories)) {
    return Error::Invalid("/category",
                          "category must be extrajudicial_killing, torture, "
                          "enforced_disappearance, rape_under_color_of_law, "
                          "cruel_inhuman_treatment, arbitrary_detention, excessive_force or other");
  }
  auto summary = ReadText(in, "summary", true);
  if (!summary) return std::move(summary).error();

  auto numbered = NextRecordNumber(tx, "allegations", "ALG", ctx.now);
  if (!numbered) return std::move(numbered).error();
  const std::string& id = numbered->id;
  json::object subject_json{{"kind", subject->kind},
                            {"id", subject->id ? json::value(*subject->id) : json::value()},
                            {"party", subject->party},
                            {"label", subject->label}};
  ctx.Emit({"allegation.registered",
            "allegation/" + id,
            p.party,
            {},
            json::object{{"id", id},
                         {"year", numbered->year},
                         {"number", numbered->number},
                         {"subject", std::move(subject_json)},
                         {"source", **source},
                         {"received_on", *received},
                         {"category", *category},
                         {"summary", **summary},
                         {"status", AllegationStatusName(AllegationStatus::kReceived)}}});
  ReplyWithAllegation(ctx, id);
  return json::value(json::object{{"id", id}});
}

Result<json::value> ChangeStatus(CommandContext& ctx, std::string_view id, const json::object& in,
                                 const vetting::Settings&) {
  Tx& tx = ctx.tx;
  const Principal& p = ctx.actor;
  auto loaded = Load(tx, id);
  if (!loaded) return std::move(loaded).error();
  if (!loaded->has_value() || (!p.is_system && (*loaded)->party != p.party)) {
    return Error::NotFound("no such allegation");
  }
  const Stored& a = **loaded;
  LIAISON_TRY(Authorize(p, Action::kManageAllegations, liaison::Scope{a.party, {}}));
  LIAISON_TRY(OnlyKnownFields(in, {"status", "note"}));
  auto name = RequireString(in, "status", {1, 32});
  if (!name) return std::move(name).error();
  const auto to = vetting::ParseAllegationStatus(*name);
  if (!to) {
    return Error::Invalid("/status",
                          "status must be received, under_review, referred, substantiated, "
                          "not_substantiated or remediated");
  }
  const std::vector<AllegationStatus> next = vetting::NextAllegationStatuses(a.status);
  if (!vetting::CanMoveAllegation(a.status, *to)) {
    Error e = Error::Conflict(
        next.empty()
            ? "the allegation is " + std::string(AllegationStatusName(a.status)) + "; that is final"
            : "an allegation that is " + std::string(AllegationStatusName(a.status)) +
                  " moves to " + JoinNames(next) + " only",
        "/status");
    e.extra = json::serialize(json::object{{"next", StatusNames(next)}});
    return e;
  }
  auto note = ReadText(in, "note", false);
  if (!note) return std::move(note).error();

  json::object body{{"id", a.id},
                    {"status", AllegationStatusName(*to)},
                    {"from", AllegationStatusName(a.status)},
                    {"note", note->has_value() ? json::value(**note) : json::value()}};
  if (*to == AllegationStatus::kSubstantiated && !a.subject_id.empty()) {
    auto subject = vetting::FindSubject(tx, a.subject_kind, a.subject_id);
    if (!subject) return std::move(subject).error();
    if (subject->has_value()) {
      const vetting::Subject& sub = **subject;
      // The subject's party learns that the standing is suspended, never why.
      ctx.Emit({"vetting.suspended", (sub.kind == "unit" ? "org_unit/" : "person/") + sub.id,
                sub.party, sub.shared_with,
                json::object{{"subject", vetting::SubjectRef(sub.kind, sub.id)},
                             {"status", "suspended"}}});
      body["suspends"] = vetting::SubjectRef(sub.kind, sub.id);
    }
  }
  ctx.Emit({"allegation.status_changed", "allegation/" + a.id, a.party, {}, std::move(body)});
  ReplyWithAllegation(ctx, a.id);
  return json::value(json::object{{"id", a.id}, {"status", AllegationStatusName(*to)}});
}

// --- Queries -------------------------------------------------------------

Result<ListQuery> ParseListQuery(const QueryParam& get) {
  ListQuery q;
  if (auto v = get("status")) {
    q.statuses = SplitParam(*v);
    for (const auto& st : q.statuses) {
      if (!vetting::ParseAllegationStatus(st)) {
        return Error::Invalid("/status", "unknown status " + st);
      }
    }
  }
  if (auto v = get("category")) {
    if (!OneOf(*v, vetting::kAllegationCategories)) {
      return Error::Invalid("/category", "unknown category " + *v);
    }
    q.category = *v;
  }
  if (auto v = get("subject_kind")) {
    if (!OneOf(*v, vetting::kSubjectKinds)) {
      return Error::Invalid("/subject_kind", "subject_kind must be person or unit");
    }
    q.subject_kind = *v;
  }
  q.subject_id = get("subject_id").value_or("");
  q.subject_party = get("subject_party").value_or("");
  if (q.subject_id.size() > 64) return Error::Invalid("/subject_id", "subject_id is too long");
  if (q.subject_party.size() > 32) {
    return Error::Invalid("/subject_party", "subject_party is too long");
  }
  LIAISON_TRY(ParsePageParams(get, &q.limit, &q.cursor));
  return q;
}

Result<json::value> List(Tx& tx, const Principal& p, const ListQuery& q) {
  LIAISON_TRY(Authorize(p, Action::kReadAllegations, liaison::Scope{p.party, {}}));
  std::string sql = std::string(kSelect) + " WHERE a.party = ?";
  std::vector<SqlValue> params{p.party};
  if (!q.statuses.empty()) {
    sql += " AND a.status IN (" + Placeholders(q.statuses.size()) + ")";
    for (const auto& st : q.statuses) params.emplace_back(st);
  }
  const std::pair<const char*, const std::string*> filters[] = {
      {"a.category", &q.category},
      {"a.subject_kind", &q.subject_kind},
      {"a.subject_id", &q.subject_id},
      {"a.subject_party", &q.subject_party}};
  for (const auto& [column, value] : filters) {
    if (value->empty()) continue;
    sql += " AND " + std::string(column) + " = ?";
    params.emplace_back(*value);
  }
  return QueryPage(tx, std::move(sql), std::move(params), "a.created_seq", kColCreatedSeq, q.limit,
                   q.cursor,
                   [](const Row& r) -> Result<json::value> { return json::value(RowJson(r)); });
}

Result<json::value> Get(Tx& tx, const Principal& p, std::string_view id, Micros now) {
  auto rows = tx.Query(std::string(kSelect) + " WHERE a.id = ?", {std::string(id)});
  if (!rows) return std::move(rows).error();
  if (rows->empty() || (!p.is_system && rows->front().Text(kColParty) != p.party)) {
    return Error::NotFound("no such allegation");
  }
  const Row& row = rows->front();
  LIAISON_TRY(Authorize(p, Action::kReadAllegations, liaison::Scope{row.Text(kColParty), {}}));
  json::object out = RowJson(row);
  auto history = tx.Query(
      "SELECT seq, status, note, actor, at FROM allegation_history WHERE allegation = ? "
      "ORDER BY seq",
      {std::string(id)});
  if (!history) return std::move(history).error();
  json::array entries;
  for (const Row& h : *history) {
    entries.push_back(json::object{{"seq", h.Int(0)},
                                   {"status", h.Text(1)},
                                   {"note", TextOrNull(h, 2)},
                                   {"actor", h.Text(3)},
                                   {"at", FormatRfc3339(h.Int(4))}});
  }
  out["history"] = std::move(entries);
  if (!row.IsNull(kColSubjectId)) {
    auto standing =
        vetting::StandingOf(tx, row.Text(kColSubjectKind), row.Text(kColSubjectId), now);
    if (!standing) return std::move(standing).error();
    out["subject"].as_object()["standing"] = json::object{
        {"status", standing->status},
        {"valid_until", standing->valid_until ? json::value(FormatRfc3339(*standing->valid_until))
                                              : json::value()}};
  }
  return json::value(std::move(out));
}

Result<json::array> AboutSubject(Tx& tx, const Principal& p, std::string_view kind,
                                 std::string_view id) {
  auto rows = tx.Query(
      "SELECT id, status, category, received_on FROM allegations "
      "WHERE subject_kind = ? AND subject_id = ? AND (party = ? OR ?) "
      "ORDER BY created_seq DESC LIMIT ?",
      {std::string(kind), std::string(id), p.party, std::int64_t{p.is_system}, kMaxAboutSubject});
  if (!rows) return std::move(rows).error();
  json::array out;
  for (const Row& r : *rows) {
    out.push_back(json::object{{"id", r.Text(0)},
                               {"status", r.Text(1)},
                               {"category", r.Text(2)},
                               {"received_on", r.Text(3)}});
  }
  return out;
}

}  // namespace liaison::allegations
