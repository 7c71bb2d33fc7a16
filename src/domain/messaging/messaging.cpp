#include "domain/messaging/messaging.hpp"

#include <algorithm>
#include <charconv>
#include <cstdint>

#include "authz/policy.hpp"
#include "core/time.hpp"
#include "domain/columns.hpp"
#include "domain/footprint.hpp"
#include "domain/messaging/channels.hpp"
#include "store/event_log.hpp"

namespace liaison::messaging {
namespace {

constexpr size_t kMaxTextChars = 4000;
// UTF-8 needs at most 4 bytes a character.
constexpr StringRule kTextRule{1, 4 * kMaxTextChars};
constexpr size_t kMaxQueryChars = 200;
constexpr std::string_view kPriorities[] = {"routine", "flash"};
constexpr std::string_view kPostFields[] = {"text",   "lang",     "phrase",
                                            "params", "priority", "reply_to"};
// A crisis room of a closed incident stays listed this long after its last message.
constexpr Micros kRecentRoom = Micros{7} * 24 * 3600 * kMicrosPerSecond;
constexpr std::string_view kSubjectPrefix = "channel/";
constexpr std::string_view kDirectPrefix = "dm:";
// snippet(): the matched terms between these, "…" where the text is cut, at
// most this many tokens.
constexpr std::string_view kSnippetSql = "snippet(message_search, -1, '**', '**', '…', 16)";

Status Authorize(const Principal& p, Action action, const Scope& scope) {
  const Decision d = Can(p, action, scope);
  if (!d) return Error::Denied(d.reason);
  return OkStatus();
}

std::int64_t IntOf(const json::object& b, std::string_view key) {
  const json::value* v = b.if_contains(key);
  return v && v->is_number() ? v->to_number<std::int64_t>() : 0;
}

// --- Visibility -----------------------------------------------------------

// The SQL condition over `messages m` equivalent to CanSeeEvent on its
// events: the parties of the message's scope, and for a direct conversation
// only its two users and the auditors (whose party is one of theirs).
std::string MessageVisibilitySql(const Principal& p, std::vector<SqlValue>& params) {
  std::vector<std::string> vis;
  std::string sql = RecordVisibilitySql(p, "m.owner", "m.shared_with", vis);
  params.insert(params.end(), vis.begin(), vis.end());
  if (p.roles.Has(Role::kAuditor)) return sql;
  params.emplace_back(":" + p.username + ":");
  // "dm:a:b" from its third character is ":a:b"; with a ':' appended it holds
  // ":<user>:" exactly when <user> is one of the two.
  sql +=
      " AND (substr(m.channel_id, 1, 3) <> 'dm:' OR instr(substr(m.channel_id, 3) || ':', ?) > 0)";
  return sql;
}

// --- Messages as read -----------------------------------------------------

constexpr std::string_view kMessageColumns =
    "m.id, m.channel_id, m.seq, m.sender, m.sender_party, u.display_name, m.sent_at, m.priority, "
    "m.text, m.lang, m.phrase, m.params, m.rendered_en, m.rendered_ar, m.rendered_he, m.reply_to, "
    "m.edited_at";
constexpr std::string_view kMessageFrom =
    " FROM messages m LEFT JOIN users u ON u.username = m.sender";
constexpr size_t kSeqColumn = 2;
constexpr size_t kRenderedColumn = 12;               // rendered_en; ar and he follow
constexpr size_t kSnippetColumn = 17;                // after kMessageColumns, in a search
static_assert(static_cast<size_t>(Lang::kHe) == 2);  // the order of the rendered_* columns

Result<json::object> MessageJson(Tx& tx, const Principal& p, const Row& r, Lang lang) {
  const std::string id = r.Text(0);
  const bool phrase = !r.IsNull(10);
  const bool flash = r.Text(7) == "flash";
  json::array edits;
  if (!r.IsNull(16)) {
    auto rows = tx.Query(
        "SELECT text, written_at, replaced_at FROM message_edits WHERE message = ? ORDER BY seq",
        {id});
    if (!rows) return std::move(rows).error();
    for (const Row& e : *rows) {
      edits.push_back(json::object{{"text", e.Text(0)},
                                   {"at", FormatRfc3339(e.Int(1))},
                                   {"replaced_at", FormatRfc3339(e.Int(2))}});
    }
  }
  json::array acks;
  bool mine = false;
  if (flash) {
    auto rows = tx.Query(
        "SELECT username, party, at FROM message_acks WHERE message = ? ORDER BY seq", {id});
    if (!rows) return std::move(rows).error();
    for (const Row& a : *rows) {
      mine = mine || a.Text(0) == p.username;
      acks.push_back(json::object{
          {"username", a.Text(0)}, {"party", a.Text(1)}, {"at", FormatRfc3339(a.Int(2))}});
    }
  }
  const std::string name = r.Text(5);
  json::value rendered =
      phrase ? TextOrNull(r, kRenderedColumn + static_cast<size_t>(lang)) : TextOrNull(r, 8);
  json::value rendered_lang = phrase ? json::value(LangCode(lang)) : TextOrNull(r, 9);
  return json::object{{"id", id},
                      {"channel_id", r.Text(1)},
                      {"seq", r.Int(2)},
                      {"sender", r.Text(3)},
                      {"sender_party", r.Text(4)},
                      {"sender_name", name.empty() ? r.Text(3) : name},
                      {"sent_at", FormatRfc3339(r.Int(6))},
                      {"priority", r.Text(7)},
                      {"text", TextOrNull(r, 8)},
                      {"phrase", TextOrNull(r, 10)},
                      {"params", StoredJson(r, 11)},
                      {"lang", TextOrNull(r, 9)},
                      {"rendered", std::move(rendered)},
                      {"rendered_lang", std::move(rendered_lang)},
                      {"reply_to", TextOrNull(r, 15)},
                      {"edited", !r.IsNull(16)},
                      {"edited_at", TimeOrNull(r, 16)},
                      {"edits", std::move(edits)},
                      {"acknowledgements", std::move(acks)},
                      {"acknowledged_by_me", mine}};
}

struct MessageRow {
  std::string id, channel_id, sender, sender_party, priority, owner;
  std::vector<std::string> shared_with;
  std::optional<std::string> text, phrase;
};

// The message `id` if `p` may read it; kNotFound otherwise.
Result<MessageRow> LoadVisibleMessage(Tx& tx, const Principal& p, std::string_view id) {
  std::vector<SqlValue> params{std::string(id)};
  const std::string sql =
      "SELECT m.id, m.channel_id, m.sender, m.sender_party, m.priority, m.owner, m.shared_with, "
      "m.text, m.phrase FROM messages m WHERE m.id = ? AND " +
      MessageVisibilitySql(p, params);
  auto rows = tx.Query(sql, params);
  if (!rows) return std::move(rows).error();
  if (rows->empty()) return Error::NotFound("no such message");
  const Row& r = rows->front();
  return MessageRow{r.Text(0),
                    r.Text(1),
                    r.Text(2),
                    r.Text(3),
                    r.Text(4),
                    r.Text(5),
                    SplitParam(r.Text(6)),
                    r.IsNull(7) ? std::nullopt : std::optional<std::string>(r.Text(7)),
                    r.IsNull(8) ? std::nullopt : std::optional<std::string>(r.Text(8))};
}

Result<json::value> GetMessage(Tx& tx, const Principal& p, std::string_view id, Lang lang) {
  std::vector<SqlValue> params{std::string(id)};
  const std::string sql = "SELECT " + std::string(kMessageColumns) + std::string(kMessageFrom) +
                          " WHERE m.id = ? AND " + MessageVisibilitySql(p, params);
  auto rows = tx.Query(sql, params);
  if (!rows) return std::move(rows).error();
  if (rows->empty()) return Error::NotFound("no such message");
  auto o = MessageJson(tx, p, rows->front(), lang);
  if (!o) return std::move(o).error();
  return json::value(std::move(*o));
}

// Replies with the message as the actor reads it, once the events are applied.
void ReplyWithMessage(CommandContext& ctx, std::string id, Lang lang) {
  ctx.finish = [actor = ctx.actor, id = std::move(id), lang](Tx& tx,
                                                             json::value) -> Result<json::value> {
    return GetMessage(tx, actor, id, lang);
  };
}

// --- Channels as read -----------------------------------------------------

Result<json::object> ChannelJson(Tx& tx, const Principal& p, const Channel& c) {
  std::vector<SqlValue> params{c.id};
  const std::string vis = MessageVisibilitySql(p, params);
  auto last = tx.Query(
      "SELECT MAX(m.seq), MAX(m.sent_at) FROM messages m WHERE m.channel_id = ? AND " + vis,
      params);
  if (!last) return std::move(last).error();
  auto read = tx.Query("SELECT seq FROM channel_reads WHERE username = ? AND channel_id = ?",
                       {p.username, c.id});
  if (!read) return std::move(read).error();
  const std::int64_t read_seq = read->empty() ? 0 : read->front().Int(0);

  std::vector<SqlValue> unread_params{c.id, read_seq, p.username};
  const std::string unread_vis = MessageVisibilitySql(p, unread_params);
  auto unread = tx.Query(
      "SELECT COUNT(*) FROM messages m WHERE m.channel_id = ? AND m.seq > ? AND m.sender <> ? "
      "AND " +
          unread_vis,
      unread_params);
  if (!unread) return std::move(unread).error();

  // A FLASH waits for the caller's party when someone else sent it, from
  // another party or in a channel of one party, and nobody of the caller's
  // party has acknowledged it.
  std::vector<SqlValue> flash_params{c.id, p.username, p.party, p.party};
  const std::string flash_vis = MessageVisibilitySql(p, flash_params);
  auto flash = tx.Query(
      "SELECT COUNT(*) FROM messages m WHERE m.channel_id = ? AND m.priority = 'flash' "
      "AND m.sender <> ? AND (m.sender_party <> ? OR m.shared_with = '') AND NOT EXISTS "
      "(SELECT 1 FROM message_acks a WHERE a.message = m.id AND a.party = ?) AND " +
          flash_vis,
      flash_params);
  if (!flash) return std::move(flash).error();

  const Row& l = last->front();
  return json::object{
      {"id", c.id},
      {"kind", ChannelKindName(c.kind)},
      {"title", c.title},
      {"incident", c.incident.empty() ? json::value() : json::value(c.incident)},
      {"district", c.district.empty() ? json::value() : json::value(c.district)},
      {"parties", StringArray(c.parties())},
      {"participants",
       c.kind == ChannelKind::kDirect ? json::value(StringArray(c.participants)) : json::value()},
      {"last_seq", l.IsNull(0) ? json::value() : json::value(l.Int(0))},
      {"last_at", TimeOrNull(l, 1)},
      {"read_seq", read_seq},
      {"unread", unread->front().Int(0)},
      {"unacknowledged_flash", flash->front().Int(0)}};
}

int KindRank(std::string_view kind) {
  if (kind == "incident") return 0;
  if (kind == "coordinator") return 1;
  if (kind == "desk") return 2;
  return 3;
}

// --- Input ----------------------------------------------------------------

Result<Arguments> ReadArguments(const json::value* v) {
  Arguments args;
  if (v == nullptr || v->is_null()) return args;
  if (!v->is_object()) return Error::Invalid("/params", "params must be an object");
  for (const auto& kv : v->get_object()) {
    Argument a;
    if (kv.value().is_string()) {
      a = std::string(kv.value().get_string());
    } else if (kv.value().is_int64()) {
      a = kv.value().get_int64();
    } else if (kv.value().is_uint64() && kv.value().get_uint64() <= INT64_MAX) {
      a = static_cast<std::int64_t>(kv.value().get_uint64());
    }
    args.emplace(std::string(kv.key()), std::move(a));
  }
  return args;
}

json::object ArgumentsJson(const Arguments& args) {
  json::object o;
  for (const auto& [name, a] : args) {
    if (const auto* n = std::get_if<std::int64_t>(&a)) {
      o[name] = *n;
    } else if (const auto* s = std::get_if<std::string>(&a)) {
      o[name] = *s;
    }
  }
  return o;
}

bool IsBlank(std::string_view s) {
  return std::all_of(s.begin(), s.end(),
                     [](char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; });
}

Result<std::string> ReadText(const json::object& in) {
  auto text = OptionalString(in, "text", kTextRule);
  if (!text) return std::move(text).error();
  if (!text->has_value()) return Error::Invalid("/text", "text is required");
  if (IsBlank(**text)) return Error::Invalid("/text", "text must not be blank");
  if (Utf8Length(**text) > kMaxTextChars) {
    return Error::Invalid("/text", "text is too long (at most 4000 characters)");
  }
  return std::move(**text);
}

// The scope of a message's later events (edits, acknowledgements): the
// audience it was sent to.
EventDraft MessageEvent(const MessageRow& m, std::string type, json::object body) {
  return EventDraft{std::move(type), std::string(kSubjectPrefix) + m.channel_id, m.owner,
                    m.shared_with, std::move(body)};
}

// The message `id` as the actor may act on it in its channel.
Result<MessageRow> LoadMessageToActOn(Tx& tx, const Principal& p, std::string_view id,
                                      const Settings& s) {
  auto m = LoadVisibleMessage(tx, p, id);
  if (!m) return m;
  auto c = FindChannel(tx, p, m->channel_id, s);
  if (!c) return Error::NotFound("no such message");
  LIAISON_TRY(Authorize(p, Action::kPostMessage, c->scope()));
  return m;
}

// --- Search text ----------------------------------------------------------

bool IsDroppedMark(std::uint32_t cp) {
  return (cp >= 0x0610 && cp <= 0x061A) || (cp >= 0x064B && cp <= 0x065F) || cp == 0x0640 ||
         cp == 0x0670 || (cp >= 0x06D6 && cp <= 0x06DC) || (cp >= 0x06DF && cp <= 0x06E8) ||
         (cp >= 0x06EA && cp <= 0x06ED) || (cp >= 0x0591 && cp <= 0x05BD) || cp == 0x05BF ||
         cp == 0x05C1 || cp == 0x05C2 || cp == 0x05C4 || cp == 0x05C5 || cp == 0x05C7;
}

SqlValue SearchColumn(const json::object& b, std::string_view key) {
  const json::value* v = b.if_contains(key);
  if (v == nullptr || !v->is_string()) return SqlValue{};
  return SearchText(v->get_string());
}

}  // namespace

// --- Languages and search -------------------------------------------------

Result<Lang> ReaderLang(const std::optional<std::string>& lang_param,
                        std::string_view accept_language) {
  if (lang_param) {
    auto l = ParseLang(*lang_param);
    if (!l) return Error::Invalid("/lang", "lang must be en, ar or he");
    return *l;
  }
  return PreferredLang(accept_language).value_or(Lang::kEn);
}

std::string SearchText(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  size_t i = 0;
  while (i < text.size()) {
    const auto c = static_cast<unsigned char>(text[i]);
    const size_t len = c < 0x80 ? 1 : (c & 0xe0) == 0xc0 ? 2 : (c & 0xf0) == 0xe0 ? 3 : 4;
    if (len == 2 && i + 1 < text.size()) {
      const std::uint32_t cp = (c & 0x1fu) << 6 | (static_cast<unsigned char>(text[i + 1]) & 0x3fu);
      if (IsDroppedMark(cp)) {
        i += 2;
        continue;
      }
    }
    out.append(text.substr(i, len));
    i += len;
  }
  return out;
}

Result<std::string> SearchExpression(std::string_view q) {
  std::string expr;
  size_t i = 0;
  auto add = [&](std::string_view term, bool prefix) {
    const std::string normal = SearchText(term);
    if (IsBlank(normal)) return;
    std::string quoted = "\"";
    for (char c : normal) quoted += c == '"' ? std::string("\"\"") : std::string(1, c);
    quoted += '"';
    if (prefix) quoted += '*';
    expr += (expr.empty() ? "" : " ") + quoted;
  };
  auto space = [](char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; };
  while (i < q.size()) {
    if (space(q[i])) {
      ++i;
      continue;
    }
    if (q[i] == '"') {
      const size_t close = q.find('"', i + 1);
      const size_t end = close == std::string_view::npos ? q.size() : close;
      const std::string_view phrase = q.substr(i + 1, end - i - 1);
      i = close == std::string_view::npos ? q.size() : close + 1;
      const bool prefix = i < q.size() && q[i] == '*';
      if (prefix) ++i;
      add(phrase, prefix);
      continue;
    }
    size_t end = i;
    while (end < q.size() && !space(q[end]) && q[end] != '"') ++end;
    std::string_view word = q.substr(i, end - i);
    i = end;
    bool prefix = false;
    while (!word.empty() && word.back() == '*') {
      word.remove_suffix(1);
      prefix = true;
    }
    add(word, prefix);
  }
  if (expr.empty()) return Error::Invalid("/q", "q holds no words to search for");
  return expr;
}

// --- Projection ----------------------------------------------------------

bool Handles(std::string_view event_type) { return event_type.starts_with("message."); }

Status Apply(WriteTx& tx, const Event& e, const json::object& b) {
  const std::string id = JsonString(b, "id");
  if (e.type == "message.posted") {
    const std::string channel = JsonString(b, "channel_id");
    const json::object* rendered = nullptr;
    if (const json::value* r = b.if_contains("rendered"); r && r->is_object()) {
      rendered = &r->get_object();
    }
    auto rendered_in = [&](std::string_view lang) {
      return rendered ? OptionalTextColumn(*rendered, lang) : SqlValue{};
    };
    const json::value* params = b.if_contains("params");
    LIAISON_TRY(tx.Exec(
        "INSERT INTO messages (id, year, number, seq, channel_id, owner, shared_with, sender, "
        "sender_party, sent_at, priority, text, lang, phrase, params, rendered_en, rendered_ar, "
        "rendered_he, reply_to) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        {id, IntOf(b, "year"), IntOf(b, "number"), e.seq, channel, e.party,
         JoinShares(e.shared_with), e.actor, JsonString(b, "sender_party"), e.at,
         JsonString(b, "priority"), OptionalTextColumn(b, "text"), OptionalTextColumn(b, "lang"),
         OptionalTextColumn(b, "phrase"),
         params && params->is_object() ? SqlValue{CanonicalJson(*params)} : SqlValue{},
         rendered_in("en"), rendered_in("ar"), rendered_in("he"),
         OptionalTextColumn(b, "reply_to")}));
    auto search_in = [&](std::string_view lang) {
      return rendered ? SearchColumn(*rendered, lang) : SqlValue{};
    };
    LIAISON_TRY(tx.Exec(
        "INSERT INTO message_search (rowid, text, en, ar, he) VALUES (?, ?, ?, ?, ?)",
        {e.seq, SearchColumn(b, "text"), search_in("en"), search_in("ar"), search_in("he")}));
    if (channel.starts_with(kDirectPrefix)) {
      const std::string users = channel.substr(kDirectPrefix.size());
      const size_t colon = users.find(':');
      return tx.Exec(
          "INSERT INTO direct_channels (id, user_a, user_b, created_seq) VALUES (?, ?, ?, ?) "
          "ON CONFLICT (id) DO NOTHING",
          {channel, users.substr(0, colon),
           colon == std::string::npos ? std::string() : users.substr(colon + 1), e.seq});
    }
    return OkStatus();
  }
  if (e.type == "message.edited") {
    const std::string text = JsonString(b, "text");
    LIAISON_TRY(
        tx.Exec("INSERT INTO message_edits (seq, message, text, written_at, replaced_at) "
                "SELECT ?, id, ?, COALESCE(edited_at, sent_at), ? FROM messages WHERE id = ?",
                {e.seq, JsonString(b, "previous"), e.at, id}));
    LIAISON_TRY(
        tx.Exec("UPDATE messages SET text = ?, edited_at = ? WHERE id = ?", {text, e.at, id}));
    return tx.Exec(
        "UPDATE message_search SET text = ? WHERE rowid = (SELECT seq FROM messages WHERE id = ?)",
        {SearchText(text), id});
  }
  if (e.type == "message.acknowledged") {
    return tx.Exec(
        "INSERT INTO message_acks (message, username, party, at, seq) VALUES (?, ?, ?, ?, ?)",
        {id, JsonString(b, "username"), JsonString(b, "party"), e.at, e.seq});
  }
  return OkStatus();
}

// --- Commands ------------------------------------------------------------

Result<json::value> Post(CommandContext& ctx, std::string_view channel_id, const json::object& in,
                         Lang lang, const Settings& s) {
  const Principal& p = ctx.actor;
  Tx& tx = ctx.tx;
  auto channel = FindChannel(tx, p, channel_id, s, Purpose::kPost);
  if (!channel) return std::move(channel).error();
  LIAISON_TRY(Authorize(p, Action::kPostMessage, channel->scope()));
  LIAISON_TRY(OnlyKnownFields(in, kPostFields));

  const bool has_text = in.contains("text") && !in.at("text").is_null();
  const bool has_phrase = in.contains("phrase") && !in.at("phrase").is_null();
  if (has_text && has_phrase) {
    return Error::Invalid("/phrase", "send either text or a phrase, not both");
  }
  if (!has_text && !has_phrase) return Error::Invalid("/text", "text or phrase is required");
  const json::value* params = in.if_contains("params");
  if (has_text && params != nullptr && !params->is_null()) {
    return Error::Invalid("/params", "params go with a phrase");
  }
  auto text_lang = OptionalString(in, "lang", {1, 8});
  if (!text_lang) return std::move(text_lang).error();
  if (text_lang->has_value()) {
    if (!has_text) return Error::Invalid("/lang", "lang gives the language of free text");
    if (!ParseLang(**text_lang)) return Error::Invalid("/lang", "lang must be en, ar or he");
  }
  auto priority = OptionalString(in, "priority", {1, 16});
  if (!priority) return std::move(priority).error();
  if (priority->has_value() && !OneOf(**priority, kPriorities)) {
    return Error::Invalid("/priority", "priority must be routine or flash");
  }
  auto reply_to = OptionalString(in, "reply_to", {1, 32});
  if (!reply_to) return std::move(reply_to).error();
  if (reply_to->has_value()) {
    auto original = LoadVisibleMessage(tx, p, **reply_to);
    if (!original || original->channel_id != channel->id) {
      return Error::Invalid("/reply_to", "reply_to must be a message of this channel");
    }
  }

  auto number = NextRecordNumber(tx, "messages", "MSG", ctx.now);
  if (!number) return std::move(number).error();
  json::object body{{"id", number->id},         {"year", number->year},
                    {"number", number->number}, {"channel_id", channel->id},
                    {"sender_party", p.party},  {"priority", priority->value_or("routine")}};
  if (reply_to->has_value()) body["reply_to"] = **reply_to;
  if (has_text) {
    auto text = ReadText(in);
    if (!text) return std::move(text).error();
    body["text"] = std::move(*text);
    if (text_lang->has_value()) body["lang"] = **text_lang;
  } else {
    auto key = RequireString(in, "phrase", {1, 64});
    if (!key) return std::move(key).error();
    if (s.phrasebook == nullptr) return Error::Invalid("/phrase", "no phrasebook is installed");
    const Phrase* phrase = s.phrasebook->Find(*key);
    if (phrase == nullptr) return Error::Invalid("/phrase", "unknown phrase " + *key);
    auto args = ReadArguments(params);
    if (!args) return std::move(args).error();
    LIAISON_TRY(CheckArguments(*phrase, *args));
    json::object rendered;
    for (Lang l : kAllLangs) rendered[LangCode(l)] = Render(*phrase, l, *args);
    body["phrase"] = phrase->key;
    body["params"] = ArgumentsJson(*args);
    body["rendered"] = std::move(rendered);
  }
  ctx.Emit({"message.posted", std::string(kSubjectPrefix) + channel->id, channel->owner,
            channel->shared_with, std::move(body)});
  ReplyWithMessage(ctx, number->id, lang);
  return json::value(json::object{{"id", number->id}});
}

Result<json::value> Edit(CommandContext& ctx, std::string_view message_id, const json::object& in,
                         Lang lang, const Settings& s) {
  const Principal& p = ctx.actor;
  auto m = LoadMessageToActOn(ctx.tx, p, message_id, s);
  if (!m) return std::move(m).error();
  if (m->sender != p.username) return Error::Denied("only the sender edits a message");
  LIAISON_TRY(OnlyKnownFields(in, {"text"}));
  auto text = ReadText(in);
  if (!text) return std::move(text).error();
  if (m->phrase) return Error::Conflict("a phrase message cannot be edited; send a new message");
  if (*text == m->text.value_or("")) return Error::Invalid("/text", "the text is unchanged");
  ctx.Emit(MessageEvent(
      *m, "message.edited",
      json::object{{"id", m->id}, {"text", std::move(*text)}, {"previous", m->text.value_or("")}}));
  ReplyWithMessage(ctx, m->id, lang);
  return json::value(json::object{{"id", m->id}});
}

Result<json::value> Acknowledge(CommandContext& ctx, std::string_view message_id,
                                const json::object& in, Lang lang, const Settings& s) {
  const Principal& p = ctx.actor;
  auto m = LoadMessageToActOn(ctx.tx, p, message_id, s);
  if (!m) return std::move(m).error();
  LIAISON_TRY(OnlyKnownFields(in, std::initializer_list<std::string_view>{}));
  if (m->priority != "flash") return Error::Conflict("only a FLASH message is acknowledged");
  if (m->sender == p.username) return Error::Conflict("the sender does not acknowledge");
  auto rows = ctx.tx.Query("SELECT 1 FROM message_acks WHERE message = ? AND username = ?",
                           {m->id, p.username});
  if (!rows) return std::move(rows).error();
  if (!rows->empty()) return Error::Conflict("you have acknowledged this message already");
  ctx.Emit(MessageEvent(*m, "message.acknowledged",
                        json::object{{"id", m->id}, {"username", p.username}, {"party", p.party}}));
  ReplyWithMessage(ctx, m->id, lang);
  return json::value(json::object{{"id", m->id}});
}

Result<json::value> MarkRead(CommandContext& ctx, std::string_view channel_id,
                             const json::object& in, const Settings& s) {
  const Principal& p = ctx.actor;
  Tx& tx = ctx.tx;
  auto channel = FindChannel(tx, p, channel_id, s);
  if (!channel) return std::move(channel).error();
  LIAISON_TRY(OnlyKnownFields(in, {"seq"}));
  auto seq = OptionalInt(in, "seq", 0, INT64_MAX);
  if (!seq) return std::move(seq).error();
  if (!seq->has_value()) return Error::Invalid("/seq", "seq is required");
  // Never past the channel's last message: a position beyond it would mark
  // messages read before they exist.
  std::vector<SqlValue> params{channel->id};
  const std::string vis = MessageVisibilitySql(p, params);
  auto last = tx.Query(
      "SELECT COALESCE(MAX(m.seq), 0) FROM messages m WHERE m.channel_id = ? AND " + vis, params);
  if (!last) return std::move(last).error();
  const std::int64_t target = std::min(**seq, last->front().Int(0));
  LIAISON_TRY(tx.Exec(
      "INSERT INTO channel_reads (username, channel_id, seq, at) VALUES (?, ?, ?, ?) "
      "ON CONFLICT (username, channel_id) DO UPDATE SET seq = excluded.seq, at = excluded.at "
      "WHERE excluded.seq > channel_reads.seq",
      {p.username, channel->id, target, ctx.now}));
  auto now = tx.Query("SELECT seq FROM channel_reads WHERE username = ? AND channel_id = ?",
                      {p.username, channel->id});
  if (!now) return std::move(now).error();
  return json::value(json::object{{"read_seq", now->empty() ? 0 : now->front().Int(0)}});
}

// --- Queries -------------------------------------------------------------

Result<MessageQuery> ParseMessageQuery(const QueryParam& get) {
  MessageQuery q;
  LIAISON_TRY(ParsePageParams(get, &q.limit, &q.cursor));
  if (auto v = get("after")) {
    std::int64_t after = -1;
    const auto [ptr, ec] = std::from_chars(v->data(), v->data() + v->size(), after);
    if (ec != std::errc() || ptr != v->data() + v->size() || after < 0) {
      return Error::Invalid("/after", "after must be a seq, a whole number");
    }
    if (q.cursor) return Error::Invalid("/after", "give either after or cursor, not both");
    q.after = after;
  }
  return q;
}

Result<SearchQuery> ParseSearchQuery(const QueryParam& get) {
  SearchQuery q;
  q.q = get("q").value_or("");
  if (!IsCleanUtf8(q.q) || Utf8Length(q.q) < 1 || Utf8Length(q.q) > kMaxQueryChars) {
    return Error::Invalid("/q", "q must be 1 to 200 characters");
  }
  q.channel = get("channel").value_or("");
  LIAISON_TRY(ParsePageParams(get, &q.limit, &q.cursor));
  return q;
}

Result<json::value> ListChannels(Tx& tx, const Principal& p, Micros now, const Settings& s) {
  auto channels = MemberChannels(tx, p, now - kRecentRoom, s);
  if (!channels) return std::move(channels).error();
  std::vector<json::object> items;
  for (const Channel& c : *channels) {
    auto o = ChannelJson(tx, p, c);
    if (!o) return std::move(o).error();
    items.push_back(std::move(*o));
  }
  std::stable_sort(items.begin(), items.end(), [](const json::object& a, const json::object& b) {
    const std::int64_t la = a.at("last_seq").is_null() ? 0 : a.at("last_seq").as_int64();
    const std::int64_t lb = b.at("last_seq").is_null() ? 0 : b.at("last_seq").as_int64();
    if (la != lb) return la > lb;
    const int ka = KindRank(a.at("kind").as_string());
    const int kb = KindRank(b.at("kind").as_string());
    if (ka != kb) return ka < kb;
    return a.at("id").as_string() < b.at("id").as_string();
  });
  json::array out;
  for (auto& o : items) out.push_back(std::move(o));
  return json::value(json::object{{"items", std::move(out)}, {"next", nullptr}});
}

Result<json::value> GetChannel(Tx& tx, const Principal& p, std::string_view id, const Settings& s) {
  auto c = FindChannel(tx, p, id, s);
  if (!c) return std::move(c).error();
  auto o = ChannelJson(tx, p, *c);
  if (!o) return std::move(o).error();
  return json::value(std::move(*o));
}

Result<json::value> ListMessages(Tx& tx, const Principal& p, std::string_view channel_id,
                                 const MessageQuery& q, Lang lang, const Settings& s) {
  auto c = FindChannel(tx, p, channel_id, s);
  if (!c) return std::move(c).error();
  std::vector<SqlValue> params{c->id};
  std::string sql = "SELECT " + std::string(kMessageColumns) + std::string(kMessageFrom) +
                    " WHERE m.channel_id = ? AND ";
  sql += MessageVisibilitySql(p, params);
  auto item = [&](const Row& r) -> Result<json::value> {
    auto o = MessageJson(tx, p, r, lang);
    if (!o) return std::move(o).error();
    return json::value(std::move(*o));
  };
  if (!q.after) {
    return QueryPage(tx, std::move(sql), std::move(params), "m.seq", kSeqColumn, q.limit, q.cursor,
                     item);
  }
  // Catching up: oldest first; `next` is the `after` of the following page.
  sql += " AND m.seq > ? ORDER BY m.seq LIMIT ?";
  params.emplace_back(*q.after);
  params.emplace_back(q.limit + 1);
  auto rows = tx.Query(sql, params);
  if (!rows) return std::move(rows).error();
  json::array items;
  std::int64_t last = 0;
  for (size_t i = 0; i < rows->size() && static_cast<std::int64_t>(i) < q.limit; ++i) {
    auto v = item((*rows)[i]);
    if (!v) return v;
    items.push_back(std::move(*v));
    last = (*rows)[i].Int(kSeqColumn);
  }
  json::value next = static_cast<std::int64_t>(rows->size()) > q.limit
                         ? json::value(std::to_string(last))
                         : json::value(nullptr);
  return json::value(json::object{{"items", std::move(items)}, {"next", std::move(next)}});
}

Result<json::value> SearchMessages(Tx& tx, const Principal& p, const SearchQuery& q, Lang lang,
                                   const Settings& s) {
  LIAISON_TRY(Authorize(p, Action::kReadChannels, Scope{p.party, {}}));
  auto expr = SearchExpression(q.q);
  if (!expr) return std::move(expr).error();
  std::vector<SqlValue> params{*expr};
  std::string sql = "SELECT " + std::string(kMessageColumns) + ", " + std::string(kSnippetSql) +
                    " FROM message_search JOIN messages m ON m.seq = message_search.rowid "
                    "LEFT JOIN users u ON u.username = m.sender WHERE message_search MATCH ? AND ";
  sql += MessageVisibilitySql(p, params);
  if (!q.channel.empty()) {
    auto c = FindChannel(tx, p, q.channel, s);
    if (!c) return std::move(c).error();
    sql += " AND m.channel_id = ?";
    params.emplace_back(c->id);
  }
  return QueryPage(tx, std::move(sql), std::move(params), "m.seq", kSeqColumn, q.limit, q.cursor,
                   [&](const Row& r) -> Result<json::value> {
                     auto o = MessageJson(tx, p, r, lang);
                     if (!o) return std::move(o).error();
                     (*o)["snippet"] = r.Text(kSnippetColumn);
                     return json::value(std::move(*o));
                   });
}

json::value PhrasebookJson(const Phrasebook* book) {
  json::array languages;
  for (Lang l : kAllLangs) languages.emplace_back(LangCode(l));
  json::array items;
  if (book != nullptr) {
    for (const Phrase& ph : book->phrases()) {
      json::array params;
      for (const Param& pa : ph.params) {
        params.push_back(json::object{{"name", pa.name}, {"kind", ParamKindName(pa.kind)}});
      }
      json::object o{{"key", ph.key}, {"category", ph.category}, {"params", std::move(params)}};
      for (Lang l : kAllLangs) o[LangCode(l)] = ph.text(l);
      items.push_back(std::move(o));
    }
  }
  return json::object{{"languages", std::move(languages)}, {"items", std::move(items)}};
}

}  // namespace liaison::messaging
