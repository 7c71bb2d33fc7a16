// The deconfliction rule table as data: data/deconfliction_rules.json says
// which kinds of activity are checked against which, and whether a party's
// own activities are. See docs/deconfliction.md.
#pragma once

#include <string>
#include <string_view>

#include "core/result.hpp"
#include "deconflict/engine.hpp"

namespace liaison::deconfliction {

// The engine's rule table and its same-party switch.
struct Rules {
  deconflict::RuleTable table;
  bool same_party = false;
};

// Parses the file's text. Every kind named must be an activity kind or "*";
// every pair needs its "why". `not_checked` lists the pairs deliberately left
// out, so the file shows the whole matrix; none of them may also be a pair.
Result<Rules> ParseRules(std::string_view text);
Result<Rules> LoadRules(const std::string& path);

}  // namespace liaison::deconfliction
