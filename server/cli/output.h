// JSON views of registry records for the CLI (and, later, the HTTP API).
#pragma once

#include "registry/credential/json_strict.h"
#include "registry/model.h"

namespace siegel::cli {

Json InitiativeJson(const Initiative& initiative);
// The certificate record with its status at `at` and its history (no credential bodies).
Json CertificateJson(const Certificate& certificate, CertificateStatus status, const std::vector<StatusEvent>& history);

}  // namespace siegel::cli
