#include "domain/personnel/career.hpp"

#include <algorithm>

namespace liaison::personnel {
namespace {

bool In(std::string_view v, std::initializer_list<std::string_view> set) {
  return std::find(set.begin(), set.end(), v) != set.end();
}

std::string Describe(const CareerStep& s) { return s.kind + " of " + s.effective; }

}  // namespace

std::optional<std::string_view> StatusAfter(std::string_view kind) {
  if (kind == "suspension") return "suspended";
  if (kind == "reinstatement") return "active";
  if (kind == "retirement") return "retired";
  if (kind == "separation") return "separated";
  if (kind == "death") return "deceased";
  return std::nullopt;
}

void ApplyStep(CareerState& state, const CareerStep& step) {
  const CareerChanges& c = step.changes;
  if (c.rank) state.rank = *c.rank;
  if (c.band) state.band = *c.band;
  if (c.unit) state.unit = *c.unit;
  if (c.service) state.service = *c.service;
  if (c.district) state.district = *c.district;
  if (c.post) state.post = *c.post;
  if (c.status && *c.status != state.status) {
    state.status = *c.status;
    state.status_since = step.effective;
  }
}

CareerState Fold(CareerState start, std::span<const CareerStep> steps) {
  for (const CareerStep& s : steps) ApplyStep(start, s);
  return start;
}

std::optional<std::string> CheckStep(const CareerState& before, const CareerStep& step,
                                     const GradeOf& grade_of) {
  const std::string& k = step.kind;
  const std::string& status = before.status;
  if (k == "training_completed") return std::nullopt;
  if (k == "appointment") return "a person is appointed once, when registered";
  if (k == "promotion") {
    if (status != "active")
      return "only an active person is promoted (the person is " + status + ")";
    if (!step.changes.rank) return "a promotion names the new rank";
    if (*step.changes.rank == before.rank)
      return "the person already holds the rank " + before.rank;
    if (grade_of(*step.changes.rank) <= grade_of(before.rank)) {
      return "a promotion is to a higher rank than " + before.rank;
    }
    return std::nullopt;
  }
  if (k == "transfer") {
    if (!In(status, {"active", "suspended"})) {
      return "only a person on strength is transferred (the person is " + status + ")";
    }
    if (!step.changes.unit) return "a transfer names the new unit";
    if (*step.changes.unit == before.unit &&
        (!step.changes.post || *step.changes.post == before.post)) {
      return "the person is already in " + before.unit;
    }
    return std::nullopt;
  }
  if (k == "suspension") {
    if (status != "active")
      return "only an active person is suspended (the person is " + status + ")";
    return std::nullopt;
  }
  if (k == "reinstatement") {
    if (status != "suspended") {
      return "only a suspended person is reinstated (the person is " + status + ")";
    }
    return std::nullopt;
  }
  if (k == "retirement" || k == "separation") {
    if (!In(status, {"active", "suspended"})) {
      return "only a person on strength retires or is separated (the person is " + status + ")";
    }
    return std::nullopt;
  }
  if (k == "death") {
    if (status == "deceased") return "the person's death is already recorded";
    return std::nullopt;
  }
  return "unknown kind of career event: " + k;
}

std::optional<CareerConflict> CheckInsertion(const CareerState& start,
                                             std::span<const CareerStep> existing,
                                             const CareerStep& added, const GradeOf& grade_of) {
  CareerState state = start;
  size_t i = 0;
  for (; i < existing.size() && existing[i].effective <= added.effective; ++i) {
    ApplyStep(state, existing[i]);
  }
  if (auto why = CheckStep(state, added, grade_of)) return CareerConflict{std::move(*why), false};
  ApplyStep(state, added);
  for (; i < existing.size(); ++i) {
    if (auto why = CheckStep(state, existing[i], grade_of)) {
      return CareerConflict{
          "this " + added.kind + " conflicts with the later " + Describe(existing[i]) + ": " + *why,
          true};
    }
    ApplyStep(state, existing[i]);
  }
  return std::nullopt;
}

}  // namespace liaison::personnel
