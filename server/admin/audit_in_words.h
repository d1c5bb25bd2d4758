// The audit log as a clerk reads it: what was done in words ("Urkunde widerrufen" for
// certificate.revoke) and each change as "Feld: vorher → nachher" instead of two JSON documents.
#pragma once

#include <string>
#include <vector>

#include "server/web/i18n.h"

namespace siegel::admin {

// The action in `language`; an action this table does not know, as recorded.
std::string ActionInWords(web::Language language, const std::string& action);

// Every action the registry records, in the order the audit filter offers them.
const std::vector<std::string>& KnownAuditActions();

struct AuditChange {
  std::string field;   // in words where known ("Gültig bis"), else the recorded key path
  std::string before;  // empty: there was nothing
  std::string after;   // empty: nothing is left
};

// What differs between the recorded before and after (JSON objects, either may be empty or
// not JSON): one change per leaf that differs, nested keys joined with '.', lists as text.
std::vector<AuditChange> AuditChanges(web::Language language, const std::string& before_json,
                                      const std::string& after_json);

}  // namespace siegel::admin
