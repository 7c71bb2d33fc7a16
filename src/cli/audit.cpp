// audit verify | head | check-proof
#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <fstream>
#include <iostream>
#include <sstream>

#include "app/app.hpp"
#include "audit/leaf.hpp"
#include "audit/merkle.hpp"
#include "audit/tree_head.hpp"
#include "audit/verify.hpp"
#include "cli/commands.hpp"
#include "core/time.hpp"
#include "domain/json.hpp"
#include "store/event_log.hpp"

namespace liaison::cli {
namespace {

namespace json = boost::json;

Result<std::vector<audit::TreeHead>> LoadHeads(Store& store) {
  std::vector<audit::TreeHead> heads;
  LIAISON_TRY(store.RunRead([&](Tx& tx) -> Status {
    auto rows = tx.Query(
        "SELECT tree_size, root, at, signature, key_id FROM tree_heads ORDER BY tree_size", {});
    if (!rows) return std::move(rows).error();
    for (const Row& r : *rows) {
      heads.push_back({static_cast<std::uint64_t>(r.Int(0)), HashFromBytes(r.Blob(1)), r.Int(2),
                       r.Blob(3), r.Text(4)});
    }
    return OkStatus();
  }));
  return heads;
}

json::object HeadJson(const audit::TreeHead& h, const Bytes& public_key) {
  return {{"tree_size", h.tree_size},
          {"root_hash", HexEncode(h.root)},
          {"timestamp", FormatRfc3339(h.timestamp)},
          {"signature", Base64UrlEncode(h.signature)},
          {"key_id", h.key_id},
          {"public_key", HexEncode(public_key)}};
}

Result<json::object> ReadJsonFile(const std::string& path, std::string_view what) {
  std::ifstream in(path);
  if (!in) return Error::Invalid(std::string("/") + std::string(what), "cannot read " + path);
  std::ostringstream ss;
  ss << in.rdbuf();
  boost::system::error_code ec;
  json::value v = json::parse(ss.str(), ec);
  if (ec || !v.is_object())
    return Error::Invalid(std::string("/") + std::string(what), path + " is not a JSON object");
  return std::move(v.as_object());
}

Result<audit::TreeHead> ParseHead(const json::object& o, Bytes* public_key) {
  try {
    audit::TreeHead h;
    h.tree_size = static_cast<std::uint64_t>(o.at("tree_size").to_number<std::int64_t>());
    auto root = HexDecodeHash(std::string(o.at("root_hash").as_string()));
    auto ts = ParseRfc3339(std::string(o.at("timestamp").as_string()));
    auto sig = Base64UrlDecode(std::string(o.at("signature").as_string()));
    if (!root || !ts || !sig) return Error::Invalid("/head", "malformed tree head");
    h.root = *root;
    h.timestamp = *ts;
    h.signature = *sig;
    if (o.contains("key_id")) h.key_id = std::string(o.at("key_id").as_string());
    if (public_key && o.contains("public_key")) {
      auto pk = HexDecode(std::string(o.at("public_key").as_string()));
      if (!pk) return Error::Invalid("/head", "malformed public_key");
      *public_key = *pk;
    }
    return h;
  } catch (const std::exception&) {
    return Error::Invalid("/head",
                          "the tree head lacks tree_size, root_hash, timestamp or signature");
  }
}

Result<std::vector<Hash256>> ParsePath(const json::object& o, std::string_view key) {
  std::vector<Hash256> out;
  const json::value* v = o.if_contains(key);
  if (v == nullptr || !v->is_array())
    return Error::Invalid("/" + std::string(key), "missing " + std::string(key));
  for (const auto& e : v->as_array()) {
    if (!e.is_string()) return Error::Invalid("/" + std::string(key), "malformed hash");
    auto h = HexDecodeHash(std::string(e.as_string()));
    if (!h) return Error::Invalid("/" + std::string(key), "malformed hash");
    out.push_back(*h);
  }
  return out;
}

// The visibility index (event_shares) must say exactly what each event's
// hashed shared_with says: an added row would leak an event to a party.
Status CheckShares(Store& store) {
  return store.RunRead([](Tx& tx) -> Status {
    auto rows = tx.Query(
        "SELECT e.seq, e.shared_with, (SELECT group_concat(party, ',') FROM "
        "(SELECT party FROM event_shares s WHERE s.seq = e.seq ORDER BY party)) "
        "FROM events e ORDER BY e.seq",
        {});
    if (!rows) return std::move(rows).error();
    for (const Row& r : *rows) {
      if (r.Text(1) != r.Text(2)) {
        return Error::Corruption("event seq " + std::to_string(r.Int(0)) +
                                 ": its visibility index (event_shares) does not match the "
                                 "hashed shared_with (altered)");
      }
    }
    auto orphans =
        tx.Query("SELECT min(seq) FROM event_shares WHERE seq NOT IN (SELECT seq FROM events)", {});
    if (!orphans) return std::move(orphans).error();
    if (!orphans->empty() && !orphans->front().IsNull(0)) {
      return Error::Corruption("event_shares names seq " + std::to_string(orphans->front().Int(0)) +
                               ", which is not in the log (altered)");
    }
    return OkStatus();
  });
}

int Verify(const std::string& dir, const std::string& pinned_key) {
  const DataDir d{dir};
  auto store = OpenSqliteStore({.path = d.db(), .read_connections = 1, .read_only = true});
  if (!store) return Fail(store.error());
  Bytes public_key;
  if (!pinned_key.empty()) {
    // An auditor who keeps the public key apart from the server trusts
    // nothing in the data directory.
    auto k = HexDecode(pinned_key);
    if (!k || k->size() != audit::kEd25519PublicKeySize) {
      return Fail(Error::Invalid("/public-key", "--public-key must be 64 hex digits"));
    }
    public_key = *k;
  } else {
    auto signer = audit::LoadKeyFile(d.key());
    if (!signer) return Fail(signer.error());
    public_key = (*signer)->PublicKey();
  }
  audit::LogVerifier verifier;
  Status s =
      ScanEvents(**store, 1, -1, [&](const audit::StoredEvent& e) { return verifier.Add(e); });
  if (!s) return Fail(s.error());
  auto heads = LoadHeads(**store);
  if (!heads) return Fail(heads.error());
  if (Status f = verifier.Finish(*heads, public_key); !f) return Fail(f.error());
  if (Status sh = CheckShares(**store); !sh) return Fail(sh.error());
  const std::uint64_t signed_size = heads->empty() ? 0 : heads->back().tree_size;
  std::cout << "verified " << verifier.size() << " events and " << heads->size()
            << " signed tree heads (latest covers " << signed_size << " events"
            << (verifier.size() > signed_size ? "; the newest events are chained but not yet signed"
                                              : "")
            << ")" << std::endl;
  return 0;
}

int Head(const std::string& dir) {
  const DataDir d{dir};
  auto store = OpenSqliteStore({.path = d.db(), .read_connections = 1, .read_only = true});
  if (!store) return Fail(store.error());
  auto signer = audit::LoadKeyFile(d.key());
  if (!signer) return Fail(signer.error());
  auto heads = LoadHeads(**store);
  if (!heads) return Fail(heads.error());
  if (heads->empty()) return Fail(Error::NotFound("no signed tree head yet"));
  std::cout << json::serialize(HeadJson(heads->back(), (*signer)->PublicKey())) << std::endl;
  return 0;
}

struct ProofArgs {
  std::string head, inclusion, consistency, old_head, public_key, event;
};

// An event as /api/v1/audit/events returns it, back to the hashed form.
Result<Event> ParseEvent(const json::object& o) {
  try {
    Event e;
    e.seq = o.at("seq").to_number<std::int64_t>();
    auto at = ParseRfc3339(std::string(o.at("at").as_string()));
    if (!at) return Error::Invalid("/event", "malformed at");
    e.at = *at;
    e.actor = std::string(o.at("actor").as_string());
    e.party = std::string(o.at("party").as_string());
    e.type = std::string(o.at("type").as_string());
    e.subject = std::string(o.at("subject").as_string());
    for (const auto& p : o.at("shared_with").as_array()) e.shared_with.emplace_back(p.as_string());
    e.body = CanonicalJson(o.at("body"));
    return e;
  } catch (const std::exception&) {
    return Error::Invalid("/event",
                          "the event lacks seq, at, actor, party, type, subject, "
                          "shared_with or body");
  }
}

int CheckProof(const ProofArgs& a) {
  auto head_json = ReadJsonFile(a.head, "head");
  if (!head_json) return Fail(head_json.error());
  Bytes public_key;
  auto head = ParseHead(*head_json, &public_key);
  if (!head) return Fail(head.error());
  if (!a.public_key.empty()) {
    auto pinned = HexDecode(a.public_key);
    if (!pinned) return Fail(Error::Invalid("/public-key", "--public-key must be hex"));
    if (!public_key.empty() && *pinned != public_key) {
      return Fail(
          Error::Invalid("/public-key", "the tree head names a different key than the pinned one"));
    }
    public_key = *pinned;
  }
  if (!audit::VerifyTreeHead(*head, public_key)) {
    std::cerr << "liaison: the tree head's signature is not valid" << std::endl;
    return 1;
  }
  if (!a.inclusion.empty()) {
    auto p = ReadJsonFile(a.inclusion, "inclusion");
    if (!p) return Fail(p.error());
    auto path = ParsePath(*p, "audit_path");
    if (!path) return Fail(path.error());
    const json::value* idx = p->if_contains("leaf_index");
    const json::value* size = p->if_contains("tree_size");
    const json::value* leaf = p->if_contains("leaf_hash");
    if (!idx || !size || !leaf || !leaf->is_string() || !idx->is_int64() || !size->is_int64()) {
      return Fail(
          Error::Invalid("/inclusion", "the proof lacks leaf_index, tree_size or leaf_hash"));
    }
    auto leaf_hash = HexDecodeHash(std::string(leaf->as_string()));
    if (!leaf_hash) return Fail(Error::Invalid("/inclusion", "malformed leaf_hash"));
    if (!a.event.empty()) {
      // Hash the event as the party saw it, rather than trusting the proof's
      // leaf hash: this proves that THIS event, byte for byte, is in the log.
      auto ej = ReadJsonFile(a.event, "event");
      if (!ej) return Fail(ej.error());
      auto ev = ParseEvent(*ej);
      if (!ev) return Fail(ev.error());
      if (ev->seq != idx->as_int64() + 1) {
        return Fail(Error::Invalid("/event", "the event's seq does not match the proof"));
      }
      if (audit::LeafHash(*ev) != *leaf_hash) {
        std::cerr << "liaison: the event does not hash to the proof's leaf hash" << std::endl;
        return 1;
      }
    }
    if (static_cast<std::uint64_t>(size->as_int64()) != head->tree_size) {
      return Fail(Error::Invalid("/inclusion", "the proof is for another tree size than the head"));
    }
    if (!audit::VerifyInclusion(static_cast<std::uint64_t>(idx->as_int64()), head->tree_size,
                                *leaf_hash, *path, head->root)) {
      std::cerr << "liaison: inclusion proof FAILED: the event is not in this log" << std::endl;
      return 1;
    }
    std::cout << "event at leaf " << idx->as_int64() << " (seq " << idx->as_int64() + 1
              << ") is included in the signed tree of size " << head->tree_size << std::endl;
  }
  if (!a.consistency.empty()) {
    if (a.old_head.empty())
      return Fail(Error::Invalid("/old-head", "--consistency needs --old-head"));
    auto old_json = ReadJsonFile(a.old_head, "old-head");
    if (!old_json) return Fail(old_json.error());
    auto old = ParseHead(*old_json, nullptr);
    if (!old) return Fail(old.error());
    if (!audit::VerifyTreeHead(*old, public_key)) {
      std::cerr << "liaison: the old tree head's signature is not valid" << std::endl;
      return 1;
    }
    auto p = ReadJsonFile(a.consistency, "consistency");
    if (!p) return Fail(p.error());
    auto path = ParsePath(*p, "consistency_path");
    if (!path) return Fail(path.error());
    if (!audit::VerifyConsistency(old->tree_size, head->tree_size, old->root, head->root, *path)) {
      std::cerr << "liaison: consistency proof FAILED: the log was rewritten between the two heads"
                << std::endl;
      return 1;
    }
    std::cout << "the log of size " << head->tree_size << " extends the saved log of size "
              << old->tree_size << " (append-only)" << std::endl;
  }
  if (a.inclusion.empty() && a.consistency.empty()) {
    std::cout << "tree head of size " << head->tree_size << " has a valid signature" << std::endl;
  }
  return 0;
}

}  // namespace

void RegisterAudit(CLI::App& app, int& exit_code) {
  CLI::App* audit = app.add_subcommand("audit", "Verify the tamper-evident log");
  audit->require_subcommand(1);
  {
    auto dir = std::make_shared<std::string>();
    auto key = std::make_shared<std::string>();
    CLI::App* cmd = audit->add_subcommand("verify", "Check every event and every signed tree head");
    cmd->add_option("--data", *dir, "Data directory")->required();
    cmd->add_option("--public-key", *key,
                    "Verify heads with this public key (hex) instead of the data directory's key");
    cmd->callback([dir, key, &exit_code] { exit_code = Verify(*dir, *key); });
  }
  {
    auto dir = std::make_shared<std::string>();
    CLI::App* cmd = audit->add_subcommand("head", "Print the latest signed tree head as JSON");
    cmd->add_option("--data", *dir, "Data directory")->required();
    cmd->callback([dir, &exit_code] { exit_code = Head(*dir); });
  }
  {
    auto a = std::make_shared<ProofArgs>();
    CLI::App* cmd = audit->add_subcommand(
        "check-proof", "Check a proof from the API against a saved tree head, with no server");
    cmd->add_option("--head", a->head, "Saved tree head (JSON from /api/v1/audit/tree-head)")
        ->required();
    cmd->add_option("--inclusion", a->inclusion, "Inclusion proof JSON");
    cmd->add_option("--consistency", a->consistency, "Consistency proof JSON");
    cmd->add_option("--old-head", a->old_head, "The earlier saved tree head, for --consistency");
    cmd->add_option("--public-key", a->public_key, "Pin the server's public key (hex)");
    cmd->add_option(
        "--event", a->event,
        "The event (JSON from /api/v1/audit/events) to hash and check against --inclusion");
    cmd->callback([a, &exit_code] { exit_code = CheckProof(*a); });
  }
}

}  // namespace liaison::cli
