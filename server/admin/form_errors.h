// A refused form, explained to the clerk: which input it concerns and one full sentence in the
// page's language, from the error the registry answered (its field and kind of problem; see
// Error::About). Errors the registry does not describe that way keep their own message.
#pragma once

#include <string>

#include "base/result.h"
#include "server/web/i18n.h"

namespace siegel::admin {

struct FormProblem {
  std::string input;     // the form input's name ("assessedOn"), or empty for the whole form
  std::string sentence;  // ends with a full stop
};

FormProblem ExplainForStaff(web::Language language, const Error& error);

}  // namespace siegel::admin
