// GET /certificates/{id}: the certificate's page (printable, A4) with its QR code and the
// snippets an initiative copies to embed its badge; GET /certificates/{id}.pdf: the printed
// certificate (the Urkunde) as a PDF carrying its signed credential.
#include "registry/certificate_status.h"
#include "server/http/problem.h"
#include "server/pdf/certificate_pdf_content.h"
#include "server/web/certificate_article.h"
#include "server/web/page.h"
#include "server/web/qr_svg.h"

namespace siegel::web {

void AddCertificatePage(http::RouteTable& routes, http::ServerContext& context) {
  routes.Get(R"(/certificates/([A-Za-z0-9-]{1,64}))", "page_certificate", http::Work::kQuick,
             [&context](const httplib::Request& req, httplib::Response& res) {
               int64_t generation = 0;
               const PublicRegistry* reader = context.Begin(res, &generation);
               if (reader == nullptr) return;
               Language language = ChooseLanguage(req);
               const RegistrySettings& settings = reader->settings();
               auto entry = context.cache().CertificateEntry(generation, req.matches[1], *reader);
               if (!entry.ok()) {
                 if (entry.error().code != ErrorCode::kNotFound)
                   return http::SendError(res, entry.error());
                 return SendPage(res, language, settings, Text(language, "not_found"), "verify",
                                 mstch::map{{"found", false}}, 404);
               }
               const Certificate& c = (*entry)->certificate;
               auto programme = reader->certificates().GetProgramme(c.programme_code);
               auto initiative = reader->certificates().GetInitiative(c.initiative_slug);
               std::string programme_name =
                   programme.ok() ? ProgrammeName(*programme, language) : c.programme_code;
               mstch::map data = CertificateArticleData(
                   language, settings,
                   {c, (*entry)->initiative_name,
                    initiative.ok() ? initiative->legal_entity : std::string(), programme_name,
                    StatusAt(c, (*entry)->history, reader->Now()), reader->Now()});
               std::string verify_url = settings.base_url + "/verify/" + c.id;
               std::string badge_url = settings.base_url + "/badge/" + c.id + ".svg";
               std::string alt = programme_name + ": " + (*entry)->initiative_name;
               data.emplace("badge_alt", alt);
               // Shown as text inside <pre>: the template escapes them like any other value.
               data.emplace("embed_html", "<a href=\"" + verify_url + "\"><img src=\"" + badge_url +
                                              "\" alt=\"" + HtmlEscape(alt) + "\"></a>");
               data.emplace("embed_markdown",
                            "[![" + alt + "](" + badge_url + ")](" + verify_url + ")");
               SendPage(res, language, settings, programme_name + " – " + c.id, "certificate",
                        std::move(data), 200, {"certificate_article"});
             });

  // Drawing takes tens of milliseconds: on the compute workers, once per registry generation
  // and language (a revocation or a new design makes a new generation).
  routes.Get(R"(/certificates/([A-Za-z0-9-]{1,64})\.pdf)", "certificate_pdf", http::Work::kCompute,
             [&context](const httplib::Request& req, httplib::Response& res) {
               int64_t generation = 0;
               const PublicRegistry* reader = context.Begin(res, &generation);
               if (reader == nullptr) return;
               Language language = ChooseLanguage(req);
               auto entry = context.cache().CertificateEntry(generation, req.matches[1], *reader);
               if (!entry.ok()) return http::SendError(res, entry.error());
               const http::CachedCertificate& cached = **entry;
               std::shared_ptr<const http::CachedDocument> doc;
               {
                 std::lock_guard<std::mutex> lock(cached.pdf_mutex);
                 auto& slot = cached.pdf[language == Language::kGerman ? 0 : 1];
                 if (!slot) {
                   auto pdf = pdf::CertificatePdfFor(*reader, cached.certificate.id, language);
                   if (!pdf.ok()) return http::SendError(res, pdf.error());
                   slot = http::MakeDocument(std::move(pdf).value(), "application/pdf");
                 }
                 doc = slot;
               }
               // Opened in the browser's PDF viewer, saved under a name that says what it is.
               res.set_header("Content-Disposition", "inline; filename=\"" + cached.certificate.id +
                                                         "-" + LanguageCode(language) + ".pdf\"");
               res.set_header("Vary", "Accept-Language");
               http::SendDocument(req, res, *doc, "no-cache");
             });
}

}  // namespace siegel::web
