// The embedded common-password blocklist. Internal to liaison_auth.
//
// The definition is generated at build time from src/auth/common_passwords.txt by
// embed_common_passwords.cmake. Thread-safe: the text is immutable static data.
#pragma once

#include <string_view>

namespace liaison {

// The verbatim contents of common_passwords.txt: one password per line, '#' comment lines
// and blank lines allowed. Static storage; never freed.
std::string_view CommonPasswordsText();

}  // namespace liaison
