// Training (docs/training.md): the course catalogue, sessions, enrolment with
// its gating rules, attendance, results and qualifications, and
// force-generation targets counting only the qualified and cleared.
//
// Courses, sessions, enrolments and targets are owned by the coordinator
// party that keeps them and shared with the registry party.
#pragma once

#include <string>
#include <string_view>

#include "core/event.hpp"
#include "domain/command.hpp"
#include "domain/list_query.hpp"

namespace liaison::training {

struct Settings {
  std::string registry_party = "pasf";
};

// --- Projection ----------------------------------------------------------

bool Handles(std::string_view event_type);
Status Apply(WriteTx& tx, const Event& e, const json::object& body);

}  // namespace liaison::training
