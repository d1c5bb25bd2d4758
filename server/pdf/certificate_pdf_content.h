// The printed certificate of one certificate, in the reader's language, from what the
// registry says now: who holds which label for which period, what the label certifies, the
// issuer's design (registry/certificate_designs.h), and, when it is no longer in force, a
// banner saying so. Used by GET /certificates/{id}.pdf and `siegel show ID --format pdf`.
#pragma once

#include <string>

#include "base/result.h"
#include "registry/public_registry.h"
#include "server/pdf/certificate_pdf.h"
#include "server/web/i18n.h"

namespace siegel::pdf {

Result<CertificatePdfContent> CertificatePdfContentFor(const PublicRegistry& registry,
                                                       const std::string& id,
                                                       web::Language language);

// The PDF itself.
Result<std::string> CertificatePdfFor(const PublicRegistry& registry, const std::string& id,
                                      web::Language language);

// The attachment's file name: "CEBW-2026-0002.credential.json".
std::string CredentialAttachmentName(const std::string& id);

}  // namespace siegel::pdf
