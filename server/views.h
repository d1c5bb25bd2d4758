// JSON views of registry records, shared by the CLI and the HTTP API: one spelling of each field.
#pragma once

#include "base/json_strict.h"
#include "registry/model.h"
#include "registry/registry.h"

namespace siegel::views {

Json InitiativeJson(const Initiative& initiative);
// The certificate record with its status at `at` and its history (no credential bodies).
Json CertificateJson(const Certificate& certificate, CertificateStatus status,
                     const std::vector<StatusEvent>& history);

Json ProgrammeJson(const Programme& programme);
// A search hit: the record without history, with links to the credential and status.
Json CertificateSummaryJson(const CertificateSummary& summary, const RegistrySettings& settings);

}  // namespace siegel::views
