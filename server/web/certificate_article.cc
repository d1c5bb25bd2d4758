#include "server/web/certificate_article.h"

#include "base/timestamp.h"
#include "server/web/page.h"
#include "server/web/qr_svg.h"

namespace siegel::web {

mstch::map CertificateArticleData(Language language, const RegistrySettings& settings,
                                  const CertificateArticleInput& input) {
  const Certificate& c = input.certificate;
  StatusWords words = WordsFor(language, StatusName(input.status));
  std::string verify_url = settings.base_url + "/verify/" + c.id;
  mstch::map data{
      {"id", c.id},
      {"programme", input.programme_name},
      {"holder", input.holder},
      {"legal_entity", input.legal_entity},
      {"valid_from", FormatDate(language, c.valid_from)},
      {"valid_until", FormatDate(language, c.valid_until)},
      {"level", c.level},
      {"assessor", c.assessor},
      {"assessed_on", c.assessed_on.empty() ? std::string() : FormatDate(language, c.assessed_on)},
      {"issuer", settings.issuer_name},
      {"symbol", words.symbol},
      // On paper "today" goes stale: the status says on which day it was printed.
      {"today", FormatDate(language, FormatDateTimeStamp(input.now))},
      {"status_label", words.label},
      {"verify_url", verify_url},
      {"qr_svg", QrCodeSvg(verify_url, Text(language, "qr_caption") + " " + verify_url)}};
  if (input.status == CertificateStatus::kRevoked ||
      input.status == CertificateStatus::kSuspended) {
    data.emplace("not_in_force",
                 Text(language, input.status == CertificateStatus::kRevoked ? "pdf_revoked"
                                                                            : "pdf_suspended") +
                     " – " + Text(language, "pdf_not_in_force"));
  }
  return data;
}

std::string RenderCertificateArticle(Language language, const RegistrySettings& settings,
                                     const CertificateArticleInput& input) {
  mstch::map data = CertificateArticleData(language, settings, input);
  for (auto& [key, value] : BaseData(language, settings)) data.emplace(key, value);
  return mstch::render(Template("certificate_article"), data);
}

}  // namespace siegel::web
