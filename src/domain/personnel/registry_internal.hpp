// What the registry's projection, commands and queries share (personnel.cpp,
// registry_commands.cpp, registry_queries.cpp): the person and unit columns
// and their JSON, the registry as the validation rules see it, and the
// policy check. Internal to src/domain/personnel/.
#pragma once

#include <string>
#include <string_view>
#include <unordered_map>

#include "domain/personnel/career.hpp"
#include "domain/personnel/personnel.hpp"

namespace liaison::personnel::internal {

// The columns of a person, as the projection keeps them.
inline constexpr std::string_view kPersonSelect =
    "p.id, p.number, p.party, p.shared_with, p.service_number, p.name_ar, p.name_en, p.sex, "
    "p.birth_date, p.joined_on, p.service, p.unit, p.district, p.post, p.rank, p.band, p.status, "
    "p.status_since, p.education, p.notes, p.synthetic, p.import_id, p.created_seq, "
    "p.updated_seq, p.updated_at";
enum PersonCol {
  kPId,
  kPNumber,
  kPParty,
  kPSharedWith,
  kPServiceNumber,
  kPNameAr,
  kPNameEn,
  kPSex,
  kPBirthDate,
  kPJoinedOn,
  kPService,
  kPUnit,
  kPDistrict,
  kPPost,
  kPRank,
  kPBand,
  kPStatus,
  kPStatusSince,
  kPEducation,
  kPNotes,
  kPSynthetic,
  kPImport,
  kPCreatedSeq,
  kPUpdatedSeq,
  kPUpdatedAt,
  kPersonColumnCount
};

json::object PersonJson(const Row& r);

inline constexpr std::string_view kUnitSelect =
    "u.id, u.party, u.shared_with, u.parent, u.service, u.name_en, u.name_ar, u.name_he, "
    "u.district, u.created_seq, u.updated_seq";
enum UnitCol {
  kUId,
  kUParty,
  kUSharedWith,
  kUParent,
  kUService,
  kUNameEn,
  kUNameAr,
  kUNameHe,
  kUDistrict,
  kUCreatedSeq,
  kUUpdatedSeq,
  kUnitColumnCount
};

json::object UnitJson(const Row& r);

// The unit's JSON with its posts and, per band and in total, the posts
// authorised and the persons on strength in it ("authorised", "strength").
Status AddEstablishment(Tx& tx, json::object& unit);

// "PER-0000042".
std::string PersonId(std::int64_t number);

// kPermissionDenied with the policy's reason unless `p` may do `action` on
// records of `scope`.
Status Authorize(const Principal& p, Action action, const liaison::Scope& scope);

// A person's career as the fold reads it: the state the appointment set and
// the later steps in order.
struct Career {
  CareerState start;
  std::vector<CareerStep> steps;
};
Result<Career> LoadCareer(Tx& tx, std::string_view person);

// The registry over a transaction, for the validation rules. Units are
// cached; a failed query is kept in status() and reads as "not found".
class TxRegistry : public RegistryView {
 public:
  explicit TxRegistry(Tx& tx) : tx_(tx) {}
  const UnitInfo* FindUnit(std::string_view id) override;
  bool ServiceNumberTaken(std::string_view service_number) override;
  const Status& status() const { return status_; }

 private:
  Tx& tx_;
  std::unordered_map<std::string, std::optional<UnitInfo>> units_;
  Status status_ = OkStatus();
};

}  // namespace liaison::personnel::internal
