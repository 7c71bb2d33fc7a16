#include "app/audit_service.hpp"

#include "app/log.hpp"
#include "store/event_log.hpp"

namespace liaison {
namespace {

Bytes ToBytes(const Hash256& h) { return Bytes(h.begin(), h.end()); }

}  // namespace

AuditService::AuditService(Store& store, std::unique_ptr<audit::Signer> signer, const Clock& clock,
                           Options options)
    : store_(store), signer_(std::move(signer)), clock_(clock), options_(options) {}

Status AuditService::Load() {
  std::vector<Hash256> leaves;
  LIAISON_TRY(store_.RunRead([&](Tx& tx) -> Status {
    auto rows = tx.Query("SELECT count(*) FROM events", {});
    if (!rows) return std::move(rows).error();
    leaves.reserve(static_cast<size_t>(rows->front().Int(0)));
    return OkStatus();
  }));
  LIAISON_TRY(ScanEvents(store_, 1, -1, [&](const audit::StoredEvent& e) -> Status {
    if (e.event.seq != static_cast<std::int64_t>(leaves.size()) + 1) {
      return Error::Corruption("the event log has a gap at seq " +
                               std::to_string(leaves.size() + 1) + "; run `liaison audit verify`");
    }
    leaves.push_back(e.leaf_hash);
    return OkStatus();
  }));
  std::optional<audit::TreeHead> latest;
  LIAISON_TRY(store_.RunRead([&](Tx& tx) -> Status {
    auto rows = tx.Query(
        "SELECT tree_size, root, at, signature, key_id FROM tree_heads ORDER BY tree_size DESC "
        "LIMIT 1",
        {});
    if (!rows) return std::move(rows).error();
    if (!rows->empty()) {
      const Row& r = rows->front();
      latest = audit::TreeHead{static_cast<std::uint64_t>(r.Int(0)), HashFromBytes(r.Blob(1)),
                               r.Int(2), r.Blob(3), r.Text(4)};
    }
    return OkStatus();
  }));
  audit::CompactRange range;
  for (const auto& h : leaves) range.Append(h);
  std::unique_lock lock(mu_);
  leaves_ = std::move(leaves);
  range_ = std::move(range);
  latest_ = std::move(latest);
  return OkStatus();
}

void AuditService::OnEvent(const audit::StoredEvent& e) {
  bool due = false;
  {
    std::unique_lock lock(mu_);
    leaves_.push_back(e.leaf_hash);
    range_.Append(e.leaf_hash);
    const std::uint64_t signed_size = latest_ ? latest_->tree_size : 0;
    due = leaves_.size() - signed_size >= options_.every_events;
  }
  if (due) LogIfFailed(SignCurrent());
}

void AuditService::LogIfFailed(const Result<std::optional<audit::TreeHead>>& r) {
  if (!r) {
    const Error& e = r.error();
    Log(LogLevel::kError, "signing a tree head failed",
        {{"detail", std::string_view(e.detail.empty() ? e.message : e.detail)}});
  }
}

std::optional<audit::TreeHead> AuditService::Tick() {
  {
    std::shared_lock lock(mu_);
    const std::uint64_t signed_size = latest_ ? latest_->tree_size : 0;
    if (leaves_.size() == signed_size) return std::nullopt;
    if (latest_ && clock_.Now() - latest_->timestamp < options_.every) return std::nullopt;
  }
  auto r = SignCurrent();
  LogIfFailed(r);
  if (!r || !r->has_value()) return std::nullopt;
  return **r;
}

Result<audit::TreeHead> AuditService::SignNow() {
  auto r = SignCurrent();
  if (!r) return std::move(r).error();
  if (r->has_value()) return **r;
  std::shared_lock lock(mu_);
  if (latest_) return *latest_;
  return Error::NotFound("the log is empty; there is no tree head yet");
}

Result<std::optional<audit::TreeHead>> AuditService::SignCurrent() {
  std::lock_guard sign_lock(sign_mu_);
  std::uint64_t size;
  Hash256 root;
  {
    std::shared_lock lock(mu_);
    size = range_.size();
    root = range_.Root();
    if (size == 0 || (latest_ && latest_->tree_size >= size)) {
      return std::optional<audit::TreeHead>();
    }
  }
  audit::TreeHead head = audit::SignTreeHead(*signer_, size, root, clock_.Now());
  LIAISON_TRY(store_.RunWrite([&](WriteTx& tx) {
    return tx.Exec(
        "INSERT INTO tree_heads (tree_size, root, at, signature, key_id) VALUES (?, ?, ?, ?, ?)",
        {static_cast<std::int64_t>(head.tree_size), ToBytes(head.root), head.timestamp,
         head.signature, head.key_id});
  }));
  std::unique_lock lock(mu_);
  latest_ = head;
  return std::optional<audit::TreeHead>(head);
}

std::optional<audit::TreeHead> AuditService::LatestHead() const {
  std::shared_lock lock(mu_);
  return latest_;
}

std::uint64_t AuditService::size() const {
  std::shared_lock lock(mu_);
  return leaves_.size();
}

Result<AuditService::Inclusion> AuditService::InclusionProof(std::int64_t seq,
                                                             std::uint64_t tree_size) const {
  std::shared_lock lock(mu_);
  if (tree_size == 0 || tree_size > leaves_.size()) {
    return Error::Invalid("/tree_size", "tree_size must be between 1 and the log size (" +
                                            std::to_string(leaves_.size()) + ")");
  }
  if (seq < 1 || static_cast<std::uint64_t>(seq) > tree_size) {
    return Error::Invalid("/seq", "seq must be between 1 and tree_size");
  }
  const std::uint64_t index = static_cast<std::uint64_t>(seq) - 1;
  auto path = audit::InclusionProof(leaves_, index, tree_size);
  if (!path) return std::move(path).error();
  return Inclusion{index, tree_size, leaves_[index], std::move(*path)};
}

Result<std::vector<Hash256>> AuditService::ConsistencyProof(std::uint64_t first,
                                                            std::uint64_t second) const {
  std::shared_lock lock(mu_);
  if (second == 0 || second > leaves_.size()) {
    return Error::Invalid("/second", "second must be between 1 and the log size (" +
                                         std::to_string(leaves_.size()) + ")");
  }
  if (first == 0 || first > second) {
    return Error::Invalid("/first", "first must be between 1 and second");
  }
  return audit::ConsistencyProof(leaves_, first, second);
}

Result<Hash256> AuditService::RootAt(std::uint64_t tree_size) const {
  std::shared_lock lock(mu_);
  if (tree_size > leaves_.size()) return Error::Invalid("/tree_size", "beyond the log");
  return audit::RootFromLeaves(std::span<const Hash256>(leaves_.data(), tree_size));
}

}  // namespace liaison
