// The e-mails' half of the catalogue (keys "m_..."): reminders and status notices, German and
// English. Text (i18n.h) reads it with the other two halves.
#pragma once

#include <map>
#include <string>
#include <utility>

namespace siegel::web {

// key -> (German, English)
const std::map<std::string, std::pair<const char*, const char*>>& MailTable();

}  // namespace siegel::web
