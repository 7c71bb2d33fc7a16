// Routes and handlers for messaging: channels, messages, acknowledgements,
// read positions, search and the phrasebook. See docs/messaging.md.
#include <boost/json/serialize.hpp>

#include "domain/messaging/messaging.hpp"
#include "http/api.hpp"
#include "http/problem.hpp"

namespace liaison {
namespace {

// The reader's language: ?lang=, else Accept-Language, else English.
Result<messaging::Lang> LangOf(const Ctx& ctx) {
  return messaging::ReaderLang(QueryParamsOf(ctx)("lang"), ctx->req.Header("accept-language"));
}

using MessageCommand = Result<json::value> (*)(CommandContext&, std::string_view,
                                               const json::object&, messaging::Lang,
                                               const messaging::Settings&);

struct CommandRoute {
  const char* method;
  const char* path;
  MessageCommand command;
  bool body_required;
  int ok_status;
};

constexpr CommandRoute kMessageCommands[] = {
    {"POST", "/api/v1/channels/{id}/messages", messaging::Post, true, 201},
    {"PATCH", "/api/v1/messages/{id}", messaging::Edit, true, 200},
    {"POST", "/api/v1/messages/{id}/ack", messaging::Acknowledge, false, 200},
};

// Submits a message command. The reply is the message, whose `seq` is its
// own (the message.posted event's): RunCommand would overwrite it with the
// command's receipt, which for an edit or an acknowledgement is another
// event. The receipt goes in `receipt_seq` instead.
void SubmitMessageCommand(App& app, const Ctx& ctx, CommandFn fn, Respond respond, int ok_status) {
  app.bus().Submit(ctx->principal, std::move(fn),
                   [ctx, respond = std::move(respond), ok_status](Result<CommandResult> r) {
                     if (!r) {
                       respond(ProblemResponse(r.error(), ctx->req.request_id));
                       return;
                     }
                     json::value reply = std::move(r->reply);
                     if (reply.is_object() && !r->seqs.empty()) {
                       reply.as_object()["receipt_seq"] = r->seqs.front();
                     }
                     respond(HttpResponse::Json(ok_status, json::serialize(reply)));
                   });
}

}  // namespace

void Api::AddMessagingRoutes() {
  Router& r = router_;

  r.Add("GET", "/api/v1/phrasebook", Action::kReadDirectory, [this](Ctx ctx, Respond respond) {
    Query(
        ctx,
        [this](Tx&) -> Result<json::value> {
          return messaging::PhrasebookJson(app_.messaging_settings().phrasebook);
        },
        std::move(respond));
  });

  r.Add("GET", "/api/v1/search/messages", Action::kReadChannels, [this](Ctx ctx, Respond respond) {
    auto q = messaging::ParseSearchQuery(QueryParamsOf(ctx));
    if (!q) return respond(Problem(ctx, q.error()));
    auto lang = LangOf(ctx);
    if (!lang) return respond(Problem(ctx, lang.error()));
    Query(
        ctx,
        [this, ctx, q = std::move(*q), lang = *lang](Tx& tx) {
          return messaging::SearchMessages(tx, ctx->principal, q, lang, app_.messaging_settings());
        },
        std::move(respond));
  });

  r.Add("GET", "/api/v1/channels", Action::kReadChannels, [this](Ctx ctx, Respond respond) {
    Query(
        ctx,
        [this, ctx](Tx& tx) {
          return messaging::ListChannels(tx, ctx->principal, app_.clock().Now(),
                                         app_.messaging_settings());
        },
        std::move(respond));
  });
  r.Add("GET", "/api/v1/channels/{id}", Action::kReadChannels, [this](Ctx ctx, Respond respond) {
    Query(
        ctx,
        [this, ctx](Tx& tx) {
          return messaging::GetChannel(tx, ctx->principal, ctx->params.at("id"),
                                       app_.messaging_settings());
        },
        std::move(respond));
  });
  r.Add("GET", "/api/v1/channels/{id}/messages", Action::kReadChannels,
        [this](Ctx ctx, Respond respond) {
          auto q = messaging::ParseMessageQuery(QueryParamsOf(ctx));
          if (!q) return respond(Problem(ctx, q.error()));
          auto lang = LangOf(ctx);
          if (!lang) return respond(Problem(ctx, lang.error()));
          Query(
              ctx,
              [this, ctx, q = *q, lang = *lang](Tx& tx) {
                return messaging::ListMessages(tx, ctx->principal, ctx->params.at("id"), q, lang,
                                               app_.messaging_settings());
              },
              std::move(respond));
        });
  r.Add("POST", "/api/v1/channels/{id}/read", Action::kReadChannels,
        [this](Ctx ctx, Respond respond) {
          auto body = Body(ctx);
          if (!body) return respond(Problem(ctx, body.error()));
          RunCommand(
              ctx,
              [id = ctx->params.at("id"), in = std::move(*body), s = app_.messaging_settings()](
                  CommandContext& c) { return messaging::MarkRead(c, id, in, s); },
              std::move(respond));
        });

  for (const CommandRoute& route : kMessageCommands) {
    r.Add(route.method, route.path, Action::kPostMessage, [this, route](Ctx ctx, Respond respond) {
      auto body = route.body_required ? Body(ctx) : OptionalBody(ctx);
      if (!body) return respond(Problem(ctx, body.error()));
      auto lang = LangOf(ctx);
      if (!lang) return respond(Problem(ctx, lang.error()));
      SubmitMessageCommand(
          app_, ctx,
          [command = route.command, id = ctx->params.at("id"), in = std::move(*body), lang = *lang,
           s = app_.messaging_settings()](CommandContext& c) {
            return command(c, id, in, lang, s);
          },
          std::move(respond), route.ok_status);
    });
  }
}

}  // namespace liaison
