#include "domain/vetting/vetting.hpp"

#include <boost/json/serialize.hpp>
#include <charconv>

#include "authz/policy.hpp"
#include "core/time.hpp"
#include "domain/columns.hpp"
#include "domain/footprint.hpp"
#include "domain/identity/identity.hpp"
#include "domain/vetting/allegations.hpp"
#include "domain/vetting/subjects.hpp"
#include "store/event_log.hpp"

namespace liaison::vetting {
namespace {

constexpr Micros kMicrosPerDay = Micros{86'400} * kMicrosPerSecond;
constexpr size_t kMaxTextChars = 4000;
constexpr StringRule kTextRule{1, kMaxTextChars * 4};  // bytes enough for any script
constexpr StringRule kRefRule{1, 128};
constexpr StringRule kIdRule{1, 64};
constexpr std::string_view kStates[] = {"pending", "decided", "withdrawn", "all"};
// A subject's view shows this much of its past at most.
constexpr std::int64_t kMaxHistory = 500;
constexpr std::int64_t kMaxSubjectRequests = 200;
constexpr int kMaxExpiringDays = 365;

// --- Input ---------------------------------------------------------------

Result<std::optional<std::string>> ReadText(const json::object& in, std::string_view key,
                                            bool required) {
  auto text = OptionalString(in, key, kTextRule);
  if (!text) return std::move(text).error();
  const std::string ptr = "/" + std::string(key);
  if (!text->has_value() && required) return Error::Invalid(ptr, std::string(key) + " is required");
  if (text->has_value() && Utf8Length(**text) > kMaxTextChars) {
    return Error::Invalid(ptr, std::string(key) + " is too long (4,000 characters at most)");
  }
  return text;
}

struct SubjectInput {
  std::string kind, id;
};

Result<SubjectInput> ReadSubjectRef(const json::object& in) {
  const json::value* v = in.if_contains("subject");
  if (v == nullptr || v->is_null()) {
    return Error::Invalid("/subject",
                          "subject ({\"kind\": \"person\"|\"unit\", \"id\"}) is required");
  }
  if (!v->is_object()) return Error::Invalid("/subject", "subject must be an object");
  const json::object& o = v->as_object();
  auto fail = [](Error e) { return Nested(std::move(e), "/subject"); };
  if (auto s = OnlyKnownFields(o, {"kind", "id"}); !s.ok()) return fail(s.error());
  auto kind = RequireString(o, "kind", {1, 16});
  if (!kind) return fail(kind.error());
  if (!OneOf(*kind, kSubjectKinds)) {
    return Error::Invalid("/subject/kind", "kind must be person or unit");
  }
  auto id = RequireString(o, "id", kIdRule);
  if (!id) return fail(id.error());
  return SubjectInput{std::move(*kind), std::move(*id)};
}

json::value OrNull(const std::optional<std::string>& v) {
  return v ? json::value(*v) : json::value(nullptr);
}
json::value TimeOrNull(const std::optional<Micros>& t) {
  return t ? json::value(FormatRfc3339(*t)) : json::value(nullptr);
}

std::string EventSubject(std::string_view kind, std::string_view id) {
  return (kind == "unit" ? "org_unit/" : "person/") + std::string(id);
}

// The subject member of an event body.
SubjectInput SubjectOf(const json::object& b) {
  const json::value* v = b.if_contains("subject");
  if (v == nullptr || !v->is_object()) return {};
  return SubjectInput{JsonString(v->as_object(), "kind"), JsonString(v->as_object(), "id")};
}

SqlValue TimeColumn(const json::object& b, std::string_view key) {
  const json::value* v = b.if_contains(key);
  if (v == nullptr || !v->is_string()) return SqlValue{};
  const auto t = ParseRfc3339(std::string_view(v->get_string()));
  return t ? SqlValue{*t} : SqlValue{};
}

json::object StandingJson(const Standing& s) {
  json::object o{{"status", s.status},
                 {"valid_from", TimeOrNull(s.valid_from)},
                 {"valid_until", TimeOrNull(s.valid_until)}};
  if (!s.unit.empty()) o["unit"] = s.unit;
  return o;
}

// --- Projection ----------------------------------------------------------

Status InsertHistory(WriteTx& tx, const Event& e, const SubjectInput& subject,
                     std::string_view kind, SqlValue status, SqlValue valid_until,
                     SqlValue request) {
  return tx.Exec(
      "INSERT INTO vetting_history (seq, subject_kind, subject_id, kind, status, valid_until, "
      "request, allegation, actor, at) VALUES (?, ?, ?, ?, ?, ?, ?, NULL, ?, ?)",
      {e.seq, subject.kind, subject.id, std::string(kind), std::move(status),
       std::move(valid_until), std::move(request), e.actor, e.at});
}

// The subject's status row, replaced by a decision or a suspension.
Status SetStatus(WriteTx& tx, const Event& e, const SubjectInput& subject,
                 const std::string& status, SqlValue valid_from, SqlValue valid_until,
                 SqlValue request) {
  return tx.Exec(
      "INSERT INTO vetting_status (subject_kind, subject_id, party, shared_with, status, "
      "valid_from, valid_until, request, allegation, status_seq, expired_seq) "
      "VALUES (?, ?, ?, ?, ?, ?, ?, ?, NULL, ?, NULL) "
      "ON CONFLICT (subject_kind, subject_id) DO UPDATE SET party = excluded.party, "
      "shared_with = excluded.shared_with, status = excluded.status, "
      "valid_from = excluded.valid_from, valid_until = excluded.valid_until, "
      "request = excluded.request, allegation = NULL, status_seq = excluded.status_seq, "
      "expired_seq = NULL",
      {subject.kind, subject.id, e.party, JoinShares(e.shared_with), status, std::move(valid_from),
       std::move(valid_until), std::move(request), e.seq});
}

std::int64_t IntOf(const json::object& b, std::string_view key) {
  const json::value* v = b.if_contains(key);
  return v && v->is_number() ? v->to_number<std::int64_t>() : 0;
}

Status ApplyRequested(WriteTx& tx, const Event& e, const json::object& b) {
  const SubjectInput subject = SubjectOf(b);
  const std::string id = JsonString(b, "id");
  LIAISON_TRY(tx.Exec(
      "INSERT INTO vetting_requests (id, year, number, party, shared_with, subject_kind, "
      "subject_id, purpose, purpose_ref, justification, state, due_at, submitted_by, "
      "submitted_party, submitted_at, created_seq, updated_seq) "
      "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'pending', ?, ?, ?, ?, ?, ?)",
      {id, IntOf(b, "year"), IntOf(b, "number"), e.party, JoinShares(e.shared_with), subject.kind,
       subject.id, JsonString(b, "purpose"), OptionalTextColumn(b, "purpose_ref"),
       OptionalTextColumn(b, "justification"), TimeColumn(b, "due_at"), e.actor,
       JsonString(b, "submitted_party"), e.at, e.seq, e.seq}));
  return InsertHistory(tx, e, subject, "requested", SqlValue{}, SqlValue{}, id);
}

Status ApplyDecided(WriteTx& tx, const Event& e, const json::object& b) {
  const SubjectInput subject = SubjectOf(b);
  const std::string request = JsonString(b, "request");
  const std::string status = JsonString(b, "status");
  LIAISON_TRY(
      tx.Exec("UPDATE vetting_requests SET state = 'decided', decision = ?, decided_at = ?, "
              "decided_by = ?, valid_from = ?, valid_until = ?, decision_seq = ?, updated_seq = ? "
              "WHERE id = ?",
              {status, e.at, e.actor, TimeColumn(b, "valid_from"), TimeColumn(b, "valid_until"),
               e.seq, e.seq, request}));
  LIAISON_TRY(SetStatus(tx, e, subject, status, TimeColumn(b, "valid_from"),
                        TimeColumn(b, "valid_until"), request));
  return InsertHistory(tx, e, subject, "decided", status, TimeColumn(b, "valid_until"), request);
}

Status ApplyExpired(WriteTx& tx, const Event& e, const json::object& b) {
  const SubjectInput subject = SubjectOf(b);
  LIAISON_TRY(
      tx.Exec("UPDATE vetting_status SET status = 'expired', expired_seq = ? "
              "WHERE subject_kind = ? AND subject_id = ? AND status = 'cleared'",
              {e.seq, subject.kind, subject.id}));
  return InsertHistory(tx, e, subject, "expired", std::string("expired"),
                       TimeColumn(b, "valid_until"), OptionalTextColumn(b, "request"));
}

// --- Views ---------------------------------------------------------------

enum Col {
  kColId,
  kColParty,
  kColSharedWith,
  kColSubjectKind,
  kColSubjectId,
  kColPurpose,
  kColPurposeRef,
  kColJustification,
  kColState,
  kColDueAt,
  kColSubmittedBy,
  kColSubmittedParty,
  kColSubmittedAt,
  kColDecision,
  kColDecidedAt,
  kColDecidedBy,
  kColValidFrom,
  kColValidUntil,
  kColCreatedSeq,
  kColUpdatedSeq,
  kColLabel,
  kColLabelAr,
  kColServiceNumber,
};

constexpr std::string_view kRequestSelect =
    "SELECT r.id, r.party, r.shared_with, r.subject_kind, r.subject_id, r.purpose, "
    "r.purpose_ref, r.justification, r.state, r.due_at, r.submitted_by, r.submitted_party, "
    "r.submitted_at, r.decision, r.decided_at, r.decided_by, r.valid_from, r.valid_until, "
    "r.created_seq, r.updated_seq, COALESCE(pe.name_en, u.name_en), "
    "COALESCE(pe.name_ar, u.name_ar), pe.service_number "
    "FROM vetting_requests r "
    "LEFT JOIN persons pe ON r.subject_kind = 'person' AND pe.id = r.subject_id "
    "LEFT JOIN org_units u ON r.subject_kind = 'unit' AND u.id = r.subject_id";

json::object SubjectLabelJson(const Row& r, size_t kind, size_t id, size_t label, size_t label_ar,
                              size_t service_number) {
  json::object o{{"kind", r.Text(kind)},
                 {"id", r.Text(id)},
                 {"label", liaison::TextOrNull(r, label)},
                 {"label_ar", liaison::TextOrNull(r, label_ar)}};
  if (r.Text(kind) == "person") o["service_number"] = liaison::TextOrNull(r, service_number);
  return o;
}

// A request as every reader of it may see it: no reason, no sources.
json::object RequestJson(const Row& r, Micros now) {
  json::object o;
  o["id"] = r.Text(kColId);
  o["subject"] = SubjectLabelJson(r, kColSubjectKind, kColSubjectId, kColLabel, kColLabelAr,
                                  kColServiceNumber);
  o["subject_label"] = liaison::TextOrNull(r, kColLabel);
  o["purpose"] = r.Text(kColPurpose);
  o["purpose_ref"] = liaison::TextOrNull(r, kColPurposeRef);
  o["justification"] = liaison::TextOrNull(r, kColJustification);
  o["state"] = r.Text(kColState);
  o["due_at"] = FormatRfc3339(r.Int(kColDueAt));
  o["overdue"] = r.Text(kColState) == "pending" && r.Int(kColDueAt) <= now;
  o["submitted_by"] = r.Text(kColSubmittedBy);
  o["submitted_party"] = r.Text(kColSubmittedParty);
  o["submitted_at"] = FormatRfc3339(r.Int(kColSubmittedAt));
  if (r.IsNull(kColDecision)) {
    o["decision"] = nullptr;
  } else {
    o["decision"] = json::object{{"status", r.Text(kColDecision)},
                                 {"valid_from", liaison::TimeOrNull(r, kColValidFrom)},
                                 {"valid_until", liaison::TimeOrNull(r, kColValidUntil)},
                                 {"decided_at", liaison::TimeOrNull(r, kColDecidedAt)},
                                 {"decided_by", liaison::TextOrNull(r, kColDecidedBy)}};
  }
  o["party"] = r.Text(kColParty);
  o["shared_with"] = StringArray(SplitShares(r.Text(kColSharedWith)));
  o["seq"] = r.Int(kColCreatedSeq);
  o["updated_seq"] = r.Int(kColUpdatedSeq);
  return o;
}

// --- Keyset pages --------------------------------------------------------

// A page ordered by an integer key, then the record's seq to break ties; the
// cursor "key.seq" is the last item's, opaque to clients.
struct Keyset {
  std::string key_sql, seq_sql;  // the SQL expressions
  size_t key_index = 0, seq_index = 0;
  bool ascending = true;
};

struct Cursor {
  std::int64_t key = 0, seq = 0;
};

std::optional<std::int64_t> ParseInt64(std::string_view s) {
  std::int64_t v = 0;
  const auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (ec != std::errc() || end != s.data() + s.size()) return std::nullopt;
  return v;
}

Result<std::optional<Cursor>> ParseCursor(std::string_view text) {
  if (text.empty()) return std::optional<Cursor>();
  const size_t dot = text.find('.');
  const auto key = ParseInt64(text.substr(0, dot));
  const auto seq = dot == std::string_view::npos ? std::nullopt : ParseInt64(text.substr(dot + 1));
  if (!key || !seq) {
    return Error::Invalid("/cursor", "cursor must be the next value of a previous page");
  }
  return std::optional<Cursor>(Cursor{*key, *seq});
}

Result<json::value> KeysetPage(Tx& tx, std::string sql, std::vector<SqlValue> params,
                               const Keyset& k, std::int64_t limit, std::string_view cursor_text,
                               const std::function<Result<json::value>(const Row&)>& item) {
  auto cursor = ParseCursor(cursor_text);
  if (!cursor) return std::move(cursor).error();
  const char* after = k.ascending ? ">" : "<";
  if (cursor->has_value()) {
    sql += " AND (" + k.key_sql + " " + after + " ? OR (" + k.key_sql + " = ? AND " + k.seq_sql +
           " " + after + " ?))";
    params.emplace_back((*cursor)->key);
    params.emplace_back((*cursor)->key);
    params.emplace_back((*cursor)->seq);
  }
  const char* dir = k.ascending ? " ASC" : " DESC";
  sql += " ORDER BY " + k.key_sql + dir + ", " + k.seq_sql + dir + " LIMIT ?";
  params.emplace_back(limit + 1);
  auto rows = tx.Query(sql, params);
  if (!rows) return std::move(rows).error();
  json::array items;
  std::string last;
  for (size_t i = 0; i < rows->size() && static_cast<std::int64_t>(i) < limit; ++i) {
    const Row& r = (*rows)[i];
    auto v = item(r);
    if (!v) return v;
    items.push_back(std::move(*v));
    last = std::to_string(r.Int(k.key_index)) + "." + std::to_string(r.Int(k.seq_index));
  }
  json::value next =
      static_cast<std::int64_t>(rows->size()) > limit ? json::value(last) : json::value(nullptr);
  return json::value(json::object{{"items", std::move(items)}, {"next", std::move(next)}});
}

// --- The stored request, as the commands need it ---------------------------

struct StoredRequest {
  std::string id, party, subject_kind, subject_id, state;
  std::vector<std::string> shared_with;
  std::int64_t created_seq = 0;
  std::string submitted_party;
  liaison::Scope scope() const { return {party, shared_with}; }
};

Result<std::optional<StoredRequest>> LoadRequest(Tx& tx, std::string_view id) {
  auto rows = tx.Query(
      "SELECT id, party, shared_with, subject_kind, subject_id, state, created_seq, "
      "submitted_party FROM vetting_requests WHERE id = ?",
      {std::string(id)});
  if (!rows) return std::move(rows).error();
  if (rows->empty()) return std::optional<StoredRequest>();
  const Row& r = rows->front();
  return std::optional<StoredRequest>(StoredRequest{r.Text(0), r.Text(1), r.Text(3), r.Text(4),
                                                    r.Text(5), SplitShares(r.Text(2)), r.Int(6),
                                                    r.Text(7)});
}

Status Authorize(const Principal& p, Action action, const liaison::Scope& scope) {
  const Decision d = Can(p, action, scope);
  if (!d) return Error::Denied(d.reason);
  return OkStatus();
}

// A clearance needs the subject's units unbarred: a person's unit and its
// ancestors; a unit's ancestors (its own status is what is being decided).
Status CheckNotBarred(Tx& tx, const Subject& subject) {
  if (subject.unit.empty()) return OkStatus();
  auto chain = LoadChain(tx, subject.unit);
  if (!chain) return std::move(chain).error();
  const auto bar = FirstBar(*chain);
  if (!bar) return OkStatus();
  const ChainLink& link = (*chain)[*bar];
  const std::string whose = subject.kind == "person"
                                ? (*bar == 0 ? "the person's unit " : "the person's command ")
                                : "the unit's command ";
  Error e = Error::Conflict(whose + link.unit + " is " + link.stored->status +
                                "; nothing under a barred unit is cleared until the unit is",
                            "/status");
  e.extra = json::serialize(json::object{
      {"barred_by", json::object{{"unit", link.unit}, {"status", link.stored->status}}}});
  return e;
}

// A suspension that came after the request (from a substantiated allegation)
// is lifted only by a decision on a request made since: the review.
Status CheckNotSuspendedSince(Tx& tx, const StoredRequest& req) {
  auto rows = tx.Query(
      "SELECT status_seq FROM vetting_status WHERE subject_kind = ? AND subject_id = ? "
      "AND status = 'suspended' AND request IS NULL",
      {req.subject_kind, req.subject_id});
  if (!rows) return std::move(rows).error();
  if (!rows->empty() && rows->front().Int(0) > req.created_seq) {
    return Error::Conflict(
        "the subject was suspended after this request was made; clear it on a new request "
        "(purpose review) that weighs the suspension",
        "/status");
  }
  return OkStatus();
}

void ReplyWithRequest(CommandContext& ctx, std::string id, const Settings& s) {
  ctx.finish = [actor = ctx.actor, id = std::move(id), now = ctx.now, s](
                   Tx& tx, json::value) -> Result<json::value> {
    return GetRequest(tx, actor, id, now, s);
  };
}

}  // namespace

// --- Projection ----------------------------------------------------------

bool Handles(std::string_view event_type) {
  return event_type.starts_with("vetting.") || allegations::Handles(event_type);
}

Status Apply(WriteTx& tx, const Event& e, const json::object& b) {
  const std::string& t = e.type;
  if (t == "vetting.requested") return ApplyRequested(tx, e, b);
  if (t == "vetting.decided") return ApplyDecided(tx, e, b);
  if (t == "vetting.reasons_recorded") {
    const SubjectInput subject = SubjectOf(b);
    return tx.Exec(
        "INSERT INTO vetting_reasons (seq, request, subject_kind, subject_id, reason, sources, "
        "party, actor, at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        {e.seq, OptionalTextColumn(b, "request"), subject.kind, subject.id, JsonString(b, "reason"),
         OptionalTextColumn(b, "sources"), e.party, e.actor, e.at});
  }
  if (t == "vetting.suspended") {
    const SubjectInput subject = SubjectOf(b);
    LIAISON_TRY(SetStatus(tx, e, subject, "suspended", SqlValue{}, SqlValue{}, SqlValue{}));
    return InsertHistory(tx, e, subject, "suspended", std::string("suspended"), SqlValue{},
                         SqlValue{});
  }
  if (t == "vetting.expired") return ApplyExpired(tx, e, b);
  if (t == "vetting.withdrawn") {
    const std::string request = JsonString(b, "request");
    LIAISON_TRY(
        tx.Exec("UPDATE vetting_requests SET state = 'withdrawn', updated_seq = ? "
                "WHERE id = ? AND state = 'pending'",
                {e.seq, request}));
    return InsertHistory(tx, e, SubjectOf(b), "withdrawn", SqlValue{}, SqlValue{}, request);
  }
  if (allegations::Handles(t)) return allegations::Apply(tx, e, b);
  return OkStatus();
}

// --- What training asks --------------------------------------------------

Result<Standing> StandingOf(Tx& tx, std::string_view kind, std::string_view id, Micros now) {
  if (kind == "unit") {
    auto chain = LoadChain(tx, id);
    if (!chain) return std::move(chain).error();
    return UnitStanding(*chain, now);
  }
  auto stored = LoadStored(tx, kind, id);
  if (!stored) return std::move(stored).error();
  return StandingAt(*stored, now);
}

// --- Commands ------------------------------------------------------------

Result<json::value> Request(CommandContext& ctx, const json::object& in, const Settings& s) {
  LIAISON_TRY(OnlyKnownFields(in, {"subject", "purpose", "purpose_ref", "justification"}));
  Tx& tx = ctx.tx;
  const Principal& p = ctx.actor;
  LIAISON_TRY(AuthorizeRegistry(tx, p, Action::kRequestVetting, s.registry_party));
  auto ref = ReadSubjectRef(in);
  if (!ref) return std::move(ref).error();
  auto found = FindSubject(tx, ref->kind, ref->id);
  if (!found) return std::move(found).error();
  if (!found->has_value() || !CanSee(p, (*found)->scope())) {
    return Error::Invalid("/subject/id", "no such " + ref->kind + " in the registry");
  }
  const Subject& subject = **found;
  LIAISON_TRY(Authorize(p, Action::kRequestVetting, subject.scope()));
  if (subject.kind == "person" && subject.person_status != "active" &&
      subject.person_status != "suspended") {
    return Error::Conflict(
        "the person is " + subject.person_status + "; only persons on strength are vetted",
        "/subject/id");
  }
  auto purpose = RequireString(in, "purpose", {1, 16});
  if (!purpose) return std::move(purpose).error();
  if (!OneOf(*purpose, kPurposes)) {
    return Error::Invalid("/purpose", "purpose must be course, equipment, assistance or review");
  }
  auto purpose_ref = OptionalString(in, "purpose_ref", kRefRule);
  if (!purpose_ref) return std::move(purpose_ref).error();
  auto justification = ReadText(in, "justification", false);
  if (!justification) return std::move(justification).error();

  auto pending = tx.Query(
      "SELECT id FROM vetting_requests WHERE subject_kind = ? AND subject_id = ? AND purpose = ? "
      "AND purpose_ref IS ? AND state = 'pending'",
      {subject.kind, subject.id, *purpose,
       purpose_ref->has_value() ? SqlValue{**purpose_ref} : SqlValue{}});
  if (!pending) return std::move(pending).error();
  if (!pending->empty()) {
    Error e = Error::Conflict(
        "a request for this subject and purpose is already pending: " + pending->front().Text(0),
        "/subject");
    e.extra = json::serialize(json::object{{"pending", pending->front().Text(0)}});
    return e;
  }

  auto numbered = NextRecordNumber(tx, "vetting_requests", "VET", ctx.now);
  if (!numbered) return std::move(numbered).error();
  const std::string& id = numbered->id;
  const Micros due_at = ctx.now + s.decision_days * kMicrosPerDay;
  ctx.Emit({"vetting.requested", "vetting/" + id, subject.party, subject.shared_with,
            json::object{{"id", id},
                         {"year", numbered->year},
                         {"number", numbered->number},
                         {"subject", SubjectRef(subject.kind, subject.id)},
                         {"purpose", *purpose},
                         {"purpose_ref", OrNull(*purpose_ref)},
                         {"justification", OrNull(*justification)},
                         {"due_at", FormatRfc3339(due_at)},
                         {"submitted_party", p.party}}});
  ReplyWithRequest(ctx, id, s);
  return json::value(json::object{{"id", id}});
}

Result<json::value> Withdraw(CommandContext& ctx, std::string_view id, const json::object& in,
                             const Settings& s) {
  Tx& tx = ctx.tx;
  const Principal& p = ctx.actor;
  LIAISON_TRY(AuthorizeRegistry(tx, p, Action::kReadVetting, s.registry_party));
  auto loaded = LoadRequest(tx, id);
  if (!loaded) return std::move(loaded).error();
  if (!loaded->has_value() || !CanSee(p, (*loaded)->scope())) {
    return Error::NotFound("no such vetting request");
  }
  const StoredRequest& req = **loaded;
  LIAISON_TRY(Authorize(p, Action::kRequestVetting, req.scope()));
  // The party that asked withdraws its own request; the coordinator any.
  if (p.party != req.submitted_party && !p.is_coordinator) {
    return Error::Denied("only the party that requested the vetting withdraws it");
  }
  LIAISON_TRY(OnlyKnownFields(in, {"reason"}));
  auto reason = ReadText(in, "reason", false);
  if (!reason) return std::move(reason).error();
  if (req.state != "pending") {
    return Error::Conflict("the request is " + req.state + "; only a pending request is withdrawn");
  }
  ctx.Emit({"vetting.withdrawn", "vetting/" + req.id, req.party, req.shared_with,
            json::object{{"request", req.id},
                         {"subject", SubjectRef(req.subject_kind, req.subject_id)},
                         {"reason", OrNull(*reason)}}});
  ReplyWithRequest(ctx, req.id, s);
  return json::value(json::object{{"id", req.id}});
}

Result<json::value> Decide(CommandContext& ctx, std::string_view id, const json::object& in,
                           const Settings& s) {
  Tx& tx = ctx.tx;
  const Principal& p = ctx.actor;
  LIAISON_TRY(AuthorizeRegistry(tx, p, Action::kReadVetting, s.registry_party));
  auto loaded = LoadRequest(tx, id);
  if (!loaded) return std::move(loaded).error();
  if (!loaded->has_value() || !CanSee(p, (*loaded)->scope())) {
    return Error::NotFound("no such vetting request");
  }
  const StoredRequest& req = **loaded;
  LIAISON_TRY(Authorize(p, Action::kDecideVetting, req.scope()));
  LIAISON_TRY(OnlyKnownFields(in, {"status", "reason", "sources", "valid_months", "valid_from"}));
  if (req.state != "pending") {
    return Error::Conflict("the request is " + req.state + "; a decision is final");
  }
  auto status = RequireString(in, "status", {1, 16});
  if (!status) return std::move(status).error();
  if (!OneOf(*status, kDecisions)) {
    return Error::Invalid("/status", "status must be cleared, denied or suspended");
  }
  auto reason = ReadText(in, "reason", true);
  if (!reason) return std::move(reason).error();
  auto sources = ReadText(in, "sources", false);
  if (!sources) return std::move(sources).error();
  auto months = OptionalInt(in, "valid_months", 1, kMaxValidityMonths);
  if (!months) return std::move(months).error();
  auto from = OptionalTime(in, "valid_from");
  if (!from) return std::move(from).error();
  const bool cleared = *status == "cleared";
  if (!cleared && months->has_value()) {
    return Error::Invalid("/valid_months", "a validity belongs to a clearance only");
  }
  if (!cleared && from->has_value()) {
    return Error::Invalid("/valid_from", "a validity belongs to a clearance only");
  }

  auto found = FindSubject(tx, req.subject_kind, req.subject_id);
  if (!found) return std::move(found).error();
  if (!found->has_value()) return Error::Internal("vetting subject missing: " + req.subject_id);
  const Subject& subject = **found;

  json::value valid_from = nullptr, valid_until = nullptr;
  if (cleared) {
    const Micros start = from->value_or(ctx.now);
    if (start > ctx.now) {
      return Error::Invalid("/valid_from",
                            "valid_from is when the decision was taken: now or in the past");
    }
    const Micros end = AddMonths(start, static_cast<int>(months->value_or(s.validity_months)));
    if (end <= ctx.now) {
      return Error::Invalid("/valid_from", "a clearance from then would already have ended");
    }
    LIAISON_TRY(CheckNotBarred(tx, subject));
    LIAISON_TRY(CheckNotSuspendedSince(tx, req));
    valid_from = FormatRfc3339(start);
    valid_until = FormatRfc3339(end);
  }

  ctx.Emit({"vetting.decided", "vetting/" + req.id, req.party, req.shared_with,
            json::object{{"request", req.id},
                         {"subject", SubjectRef(req.subject_kind, req.subject_id)},
                         {"status", *status},
                         {"valid_from", valid_from},
                         {"valid_until", valid_until}}});
  // The reason and sources: the coordinator's alone.
  std::string coordinator = p.party;
  if (!p.is_coordinator) {
    auto coordinators = identity::CoordinatorParties(tx);
    if (!coordinators) return std::move(coordinators).error();
    if (coordinators->empty()) return Error::Precondition("no coordinator party is registered");
    coordinator = coordinators->front();
  }
  ctx.Emit({"vetting.reasons_recorded",
            "vetting/" + req.id,
            coordinator,
            {},
            json::object{{"request", req.id},
                         {"subject", SubjectRef(req.subject_kind, req.subject_id)},
                         {"reason", **reason},
                         {"sources", OrNull(*sources)}}});
  ReplyWithRequest(ctx, req.id, s);
  return json::value(json::object{{"id", req.id}, {"status", *status}});
}

// --- Scheduler -----------------------------------------------------------

Result<std::int64_t> CountExpired(Tx& tx, Micros now) {
  auto rows = tx.Query(
      "SELECT COUNT(*) FROM vetting_status WHERE status = 'cleared' AND valid_until <= ?", {now});
  if (!rows) return std::move(rows).error();
  return rows->front().Int(0);
}

Result<json::value> RaiseExpiry(CommandContext& ctx, std::int64_t limit, const Settings&) {
  auto rows = ctx.tx.Query(
      "SELECT subject_kind, subject_id, party, shared_with, valid_until, request "
      "FROM vetting_status WHERE status = 'cleared' AND valid_until <= ? "
      "ORDER BY valid_until, subject_kind, subject_id LIMIT ?",
      {ctx.now, limit});
  if (!rows) return std::move(rows).error();
  std::int64_t raised = 0;
  for (const Row& r : *rows) {
    ctx.Emit({"vetting.expired", EventSubject(r.Text(0), r.Text(1)), r.Text(2),
              SplitShares(r.Text(3)),
              json::object{{"subject", SubjectRef(r.Text(0), r.Text(1))},
                           {"valid_until", FormatRfc3339(r.Int(4))},
                           {"request", liaison::TextOrNull(r, 5)}}});
    ++raised;
  }
  return json::value(json::object{{"expired", raised}});
}

// --- Queries -------------------------------------------------------------

Result<QueueQuery> ParseQueueQuery(const QueryParam& get) {
  QueueQuery q;
  if (auto v = get("state")) {
    if (!OneOf(*v, kStates))
      return Error::Invalid("/state", "state must be pending, decided, withdrawn or all");
    q.state = *v;
  }
  if (auto v = get("subject_kind")) {
    if (!OneOf(*v, kSubjectKinds)) {
      return Error::Invalid("/subject_kind", "subject_kind must be person or unit");
    }
    q.subject_kind = *v;
  }
  q.subject_id = get("subject_id").value_or("");
  if (q.subject_id.size() > kIdRule.max_bytes) {
    return Error::Invalid("/subject_id", "subject_id is too long");
  }
  if (auto v = get("purpose")) {
    if (!OneOf(*v, kPurposes)) {
      return Error::Invalid("/purpose", "purpose must be course, equipment, assistance or review");
    }
    q.purpose = *v;
  }
  if (auto v = get("overdue")) {
    if (*v != "true" && *v != "false") {
      return Error::Invalid("/overdue", "overdue must be true or false");
    }
    q.overdue = *v == "true";
  }
  // The cursor here is a keyset position, not an integer: read it apart.
  std::optional<std::int64_t> unused;
  LIAISON_TRY(ParsePageParams(
      [&get](std::string_view name) -> std::optional<std::string> {
        if (name == "cursor") return std::nullopt;
        return get(name);
      },
      &q.limit, &unused));
  q.cursor = get("cursor").value_or("");
  if (q.cursor.size() > 64) return Error::Invalid("/cursor", "cursor is too long");
  return q;
}

Result<json::value> Queue(Tx& tx, const Principal& p, const QueueQuery& q, Micros now,
                          const Settings& s) {
  LIAISON_TRY(AuthorizeRegistry(tx, p, Action::kReadVetting, s.registry_party));
  std::vector<std::string> vis;
  std::string sql = std::string(kRequestSelect) + " WHERE " +
                    RecordVisibilitySql(p, "r.party", "r.shared_with", vis);
  std::vector<SqlValue> params(vis.begin(), vis.end());
  if (q.state != "all") {
    sql += " AND r.state = ?";
    params.emplace_back(q.state);
  }
  if (!q.subject_kind.empty()) {
    sql += " AND r.subject_kind = ?";
    params.emplace_back(q.subject_kind);
  }
  if (!q.subject_id.empty()) {
    sql += " AND r.subject_id = ?";
    params.emplace_back(q.subject_id);
  }
  if (!q.purpose.empty()) {
    sql += " AND r.purpose = ?";
    params.emplace_back(q.purpose);
  }
  if (q.overdue) {
    sql += *q.overdue ? " AND r.state = 'pending' AND r.due_at <= ?"
                      : " AND NOT (r.state = 'pending' AND r.due_at <= ?)";
    params.emplace_back(now);
  }
  // Pending: the next deadline first. Otherwise the newest first.
  const Keyset k =
      q.state == "pending"
          ? Keyset{"r.due_at", "r.created_seq", kColDueAt, kColCreatedSeq, true}
          : Keyset{"r.created_seq", "r.created_seq", kColCreatedSeq, kColCreatedSeq, false};
  return KeysetPage(
      tx, std::move(sql), std::move(params), k, q.limit, q.cursor,
      [now](const Row& r) -> Result<json::value> { return json::value(RequestJson(r, now)); });
}

Result<json::value> Expiring(Tx& tx, const Principal& p, const QueryParam& get, Micros now,
                             const Settings& s) {
  LIAISON_TRY(AuthorizeRegistry(tx, p, Action::kReadVetting, s.registry_party));
  std::int64_t days = s.expiring_days;
  if (auto v = get("days")) {
    const auto n = ParseInt64(*v);
    if (!n || *n < 1 || *n > kMaxExpiringDays) {
      return Error::Invalid("/days", "days must be an integer from 1 to 365");
    }
    days = *n;
  }
  std::string kind = get("subject_kind").value_or("");
  if (!kind.empty() && !OneOf(kind, kSubjectKinds)) {
    return Error::Invalid("/subject_kind", "subject_kind must be person or unit");
  }
  std::int64_t limit = 50;
  std::optional<std::int64_t> unused;
  LIAISON_TRY(ParsePageParams(
      [&get](std::string_view name) -> std::optional<std::string> {
        if (name == "cursor") return std::nullopt;
        return get(name);
      },
      &limit, &unused));
  const std::string cursor = get("cursor").value_or("");
  if (cursor.size() > 64) return Error::Invalid("/cursor", "cursor is too long");

  std::vector<std::string> vis;
  std::string sql =
      "SELECT v.subject_kind, v.subject_id, v.valid_from, v.valid_until, v.request, "
      "v.status_seq, COALESCE(pe.name_en, u.name_en), COALESCE(pe.name_ar, u.name_ar), "
      "pe.service_number FROM vetting_status v "
      "LEFT JOIN persons pe ON v.subject_kind = 'person' AND pe.id = v.subject_id "
      "LEFT JOIN org_units u ON v.subject_kind = 'unit' AND u.id = v.subject_id "
      "WHERE v.status = 'cleared' AND v.valid_until > ? AND v.valid_until <= ? AND " +
      RecordVisibilitySql(p, "v.party", "v.shared_with", vis);
  std::vector<SqlValue> params{now, now + days * kMicrosPerDay};
  params.insert(params.end(), vis.begin(), vis.end());
  if (!kind.empty()) {
    sql += " AND v.subject_kind = ?";
    params.emplace_back(kind);
  }
  auto page = KeysetPage(
      tx, std::move(sql), std::move(params), Keyset{"v.valid_until", "v.status_seq", 3, 5, true},
      limit, cursor, [now](const Row& r) -> Result<json::value> {
        const Micros until = r.Int(3);
        return json::value(json::object{{"subject", SubjectLabelJson(r, 0, 1, 6, 7, 8)},
                                        {"subject_label", liaison::TextOrNull(r, 6)},
                                        {"status", "cleared"},
                                        {"valid_from", liaison::TimeOrNull(r, 2)},
                                        {"valid_until", FormatRfc3339(until)},
                                        {"days_left", (until - now) / kMicrosPerDay},
                                        {"request", liaison::TextOrNull(r, 4)}});
      });
  if (!page) return page;
  page->as_object()["days"] = days;
  return page;
}

Result<json::value> GetRequest(Tx& tx, const Principal& p, std::string_view id, Micros now,
                               const Settings& s) {
  LIAISON_TRY(AuthorizeRegistry(tx, p, Action::kReadVetting, s.registry_party));
  std::vector<std::string> vis;
  const std::string sql = std::string(kRequestSelect) + " WHERE r.id = ? AND " +
                          RecordVisibilitySql(p, "r.party", "r.shared_with", vis);
  std::vector<SqlValue> params{std::string(id)};
  params.insert(params.end(), vis.begin(), vis.end());
  auto rows = tx.Query(sql, params);
  if (!rows) return std::move(rows).error();
  if (rows->empty()) return Error::NotFound("no such vetting request");
  const Row& row = rows->front();
  json::object out = RequestJson(row, now);
  auto standing = StandingOf(tx, row.Text(kColSubjectKind), row.Text(kColSubjectId), now);
  if (!standing) return std::move(standing).error();
  out["standing"] = StandingJson(*standing);
  if (SeesConfidential(p) && out["decision"].is_object()) {
    auto reasons = tx.Query(
        "SELECT reason, sources FROM vetting_reasons WHERE request = ? AND (party = ? OR ?) "
        "ORDER BY seq DESC LIMIT 1",
        {std::string(id), p.party, std::int64_t{p.is_system}});
    if (!reasons) return std::move(reasons).error();
    if (!reasons->empty()) {
      json::object& d = out["decision"].as_object();
      d["reason"] = reasons->front().Text(0);
      d["sources"] = liaison::TextOrNull(reasons->front(), 1);
    }
  }
  return json::value(std::move(out));
}

Result<json::value> GetSubject(Tx& tx, const Principal& p, std::string_view kind,
                               std::string_view id, Micros now, const Settings& s) {
  LIAISON_TRY(AuthorizeRegistry(tx, p, Action::kReadVetting, s.registry_party));
  if (!OneOf(kind, kSubjectKinds)) return Error::Invalid("/kind", "kind must be person or unit");
  auto found = FindSubject(tx, kind, id);
  if (!found) return std::move(found).error();
  if (!found->has_value() || !CanSee(p, (*found)->scope())) {
    return Error::NotFound("no such " + std::string(kind) + " in the registry");
  }
  const Subject& subject = **found;
  const bool confidential = SeesConfidential(p);
  json::object out;
  out["subject"] = subject.Json();
  auto standing = StandingOf(tx, kind, id, now);
  if (!standing) return std::move(standing).error();
  out["standing"] = StandingJson(*standing);
  if (subject.kind == "person") {
    auto unit = StandingOf(tx, "unit", subject.unit, now);
    if (!unit) return std::move(unit).error();
    out["unit_standing"] = StandingJson(*unit);
  }

  // The newest kMaxHistory entries, shown oldest first.
  auto history = tx.Query(
      "SELECT h.seq, h.kind, h.status, h.valid_until, h.request, h.allegation, h.actor, h.at, "
      "vr.reason, vr.sources FROM vetting_history h "
      "LEFT JOIN vetting_reasons vr ON h.kind = 'decided' AND vr.request = h.request "
      "AND (vr.party = ? OR ?) "
      "WHERE h.subject_kind = ? AND h.subject_id = ? ORDER BY h.seq DESC LIMIT ?",
      {p.party, std::int64_t{p.is_system}, subject.kind, subject.id, kMaxHistory});
  if (!history) return std::move(history).error();
  json::array entries;
  for (auto it = history->rbegin(); it != history->rend(); ++it) {
    const Row& r = *it;
    json::object h{{"seq", r.Int(0)},
                   {"kind", r.Text(1)},
                   {"status", liaison::TextOrNull(r, 2)},
                   {"valid_until", liaison::TimeOrNull(r, 3)},
                   {"request", liaison::TextOrNull(r, 4)},
                   {"actor", r.Text(6)},
                   {"at", FormatRfc3339(r.Int(7))}};
    if (confidential) {
      if (r.Text(1) == "suspended") h["allegation"] = liaison::TextOrNull(r, 5);
      if (r.Text(1) == "decided") {
        h["reason"] = liaison::TextOrNull(r, 8);
        h["sources"] = liaison::TextOrNull(r, 9);
      }
    }
    entries.push_back(std::move(h));
  }
  out["history"] = std::move(entries);

  std::vector<std::string> vis;
  const std::string sql = std::string(kRequestSelect) +
                          " WHERE r.subject_kind = ? AND r.subject_id = ? AND " +
                          RecordVisibilitySql(p, "r.party", "r.shared_with", vis) +
                          " ORDER BY r.created_seq DESC LIMIT ?";
  std::vector<SqlValue> params{subject.kind, subject.id};
  params.insert(params.end(), vis.begin(), vis.end());
  params.emplace_back(kMaxSubjectRequests);
  auto requests = tx.Query(sql, params);
  if (!requests) return std::move(requests).error();
  json::array items;
  for (const Row& r : *requests) items.push_back(RequestJson(r, now));
  out["requests"] = std::move(items);

  if (confidential) {
    auto list = allegations::AboutSubject(tx, p, subject.kind, subject.id);
    if (!list) return std::move(list).error();
    out["allegations"] = std::move(*list);
  }
  return json::value(std::move(out));
}

}  // namespace liaison::vetting
