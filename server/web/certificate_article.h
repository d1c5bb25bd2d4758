// The certificate as its page shows it (the <article> of templates/certificate_article), from a
// certificate record: for the public page and for the approver's preview of what a proposal
// will sign.
#pragma once

#include <mstch/mstch.hpp>
#include <string>

#include "registry/certificate_status.h"
#include "registry/model.h"
#include "server/web/i18n.h"

namespace siegel::web {

struct CertificateArticleInput {
  const Certificate& certificate;
  std::string holder;
  std::string legal_entity;
  std::string programme_name;
  CertificateStatus status;
  UnixSeconds now;  // the day the status is stated for
};

mstch::map CertificateArticleData(Language language, const RegistrySettings& settings,
                                  const CertificateArticleInput& input);

// The article alone, rendered (with the page's strings), to be placed in another page.
std::string RenderCertificateArticle(Language language, const RegistrySettings& settings,
                                     const CertificateArticleInput& input);

}  // namespace siegel::web
