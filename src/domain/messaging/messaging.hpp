// Crisis rooms and messaging: channels, messages, FLASH acknowledgements,
// read positions, full-text search, and the phrasebook. See
// docs/messaging.md.
//
// A channel is not a record of its own: its members follow from what it
// belongs to (an incident, a district desk, the coordinator, two users) and
// party visibility. A message is seen by the parties of its channel when it
// was sent (the scope its events carry); a direct conversation only by its
// two users. Every list, search and get applies that in SQL.
//
// Commands run on the writer thread (domain/command.hpp); queries take a read
// transaction and are safe from any thread.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/event.hpp"
#include "domain/command.hpp"
#include "domain/list_query.hpp"
#include "domain/messaging/phrasebook.hpp"

namespace liaison::messaging {

struct Settings {
  const Phrasebook* phrasebook = nullptr;  // null: phrase messages are refused
  std::vector<std::string> desk_parties;   // the parties of each district desk channel
};

// The language a message is rendered in for a reader: the `lang` query
// parameter (when given it must be en, ar or he), else the Accept-Language
// header, else English.
Result<Lang> ReaderLang(const std::optional<std::string>& lang_param,
                        std::string_view accept_language);

// --- Projection ----------------------------------------------------------

bool Handles(std::string_view event_type);
Status Apply(WriteTx& tx, const Event& e, const json::object& body);

// --- Commands ------------------------------------------------------------
// Each replies with the message as `lang` reads it (MarkRead: the position).

// {"text","lang"?} or {"phrase","params"?}, with "priority"?, "reply_to"?.
Result<json::value> Post(CommandContext& ctx, std::string_view channel_id, const json::object& in,
                         Lang lang, const Settings& s);
// {"text"}: the sender edits a free-text message; the old text is kept.
Result<json::value> Edit(CommandContext& ctx, std::string_view message_id, const json::object& in,
                         Lang lang, const Settings& s);
// {}: a member other than the sender acknowledges a FLASH message, once.
Result<json::value> Acknowledge(CommandContext& ctx, std::string_view message_id,
                                const json::object& in, Lang lang, const Settings& s);
// {"seq"}: moves the caller's read position forward (operational state, no
// event) → {"read_seq"}.
Result<json::value> MarkRead(CommandContext& ctx, std::string_view channel_id,
                             const json::object& in, const Settings& s);

// --- Queries -------------------------------------------------------------

struct MessageQuery {
  std::int64_t limit = 50;
  std::optional<std::int64_t> cursor;  // newest first, older than this seq
  std::optional<std::int64_t> after;   // oldest first, newer than this seq
};

struct SearchQuery {
  std::string q;
  std::string channel;  // empty: every channel of the caller
  std::int64_t limit = 50;
  std::optional<std::int64_t> cursor;
};

Result<MessageQuery> ParseMessageQuery(const QueryParam& get);
Result<SearchQuery> ParseSearchQuery(const QueryParam& get);

// {"items":[channel...],"next":null}, most recent activity first.
Result<json::value> ListChannels(Tx& tx, const Principal& p, Micros now, const Settings& s);
// kNotFound when `p` is not a member.
Result<json::value> GetChannel(Tx& tx, const Principal& p, std::string_view id, const Settings& s);
Result<json::value> ListMessages(Tx& tx, const Principal& p, std::string_view channel_id,
                                 const MessageQuery& q, Lang lang, const Settings& s);
// Full-text search over the messages `p` may see; each item has `snippet`.
Result<json::value> SearchMessages(Tx& tx, const Principal& p, const SearchQuery& q, Lang lang,
                                   const Settings& s);
// {"languages":["en","ar","he"],"items":[...]}; no items without a phrasebook.
json::value PhrasebookJson(const Phrasebook* book);

// The FTS5 query for the search words of a user: each word or "quoted
// phrase" a quoted string (a trailing * keeps its prefix meaning), all of
// them required. Operators and column filters are never passed through.
// kInvalidArgument naming /q when nothing searchable remains.
Result<std::string> SearchExpression(std::string_view q);
// Text as the search index holds it: Arabic harakat and tatweel and Hebrew
// points removed, so that a search matches with or without them.
std::string SearchText(std::string_view text);

}  // namespace liaison::messaging
