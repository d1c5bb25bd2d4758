// The words of reminders and status notices: one message per recipient, in the recipient's
// language (an account's own; German for an initiative's contact), from the catalogue's
// "m_..." strings, with the certificate's verification link.
#pragma once

#include <vector>

#include "registry/mail_queue.h"
#include "registry/model.h"

namespace siegel::mail {

std::vector<OutgoingMail> WordMail(const MailOccasion& occasion, const RegistrySettings& settings);

}  // namespace siegel::mail
