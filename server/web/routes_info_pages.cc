// GET /about (the label programme and its criteria), /imprint (imprint and privacy), and the
// stylesheets under /static/.
#include "server/http/problem.h"
#include "server/web/assets.h"
#include "server/web/page.h"

namespace siegel::web {

void AddInfoPages(http::RouteTable& routes, http::ServerContext& context) {
  routes.Get("/about", "page_about", http::Work::kQuick,
             [&context](const httplib::Request& req, httplib::Response& res) {
               int64_t generation = 0;
               const PublicRegistry* reader = context.Begin(res, &generation);
               if (reader == nullptr) return;
               Language language = ChooseLanguage(req);
               auto programmes = reader->certificates().ListProgrammes();
               if (!programmes.ok()) return http::SendError(res, programmes.error());
               mstch::array paragraphs;
               for (const Programme& p : *programmes) {
                 paragraphs.push_back(ProgrammeName(p, language) + ": " + p.description);
                 paragraphs.push_back(p.criteria_text);
                 paragraphs.push_back(language == Language::kEnglish
                                          ? "Validity: " + std::to_string(p.validity_months) +
                                                " months; then re-certification."
                                          : "Gültigkeit: " + std::to_string(p.validity_months) +
                                                " Monate, danach Re-Zertifizierung.");
               }
               SendPage(
                   res, language, reader->settings(), Text(language, "about"), "text_page",
                   mstch::map{{"heading", Text(language, "about")}, {"paragraphs", paragraphs}});
             });
  routes.Get(
      "/imprint", "page_imprint", http::Work::kQuick,
      [&context](const httplib::Request& req, httplib::Response& res) {
        int64_t generation = 0;
        const PublicRegistry* reader = context.Begin(res, &generation);
        if (reader == nullptr) return;
        Language language = ChooseLanguage(req);
        bool en = language == Language::kEnglish;
        mstch::array paragraphs{
            (en ? "Published by " : "Herausgeber: ") + reader->settings().issuer_name + " (" +
                reader->settings().issuer_url + ")",
            std::string(en ? "This registry publishes organisations and their labels. It sets no "
                             "cookies, loads nothing "
                             "from other sites and keeps no record of who checks which label: its "
                             "access log has no "
                             "addresses and no search terms."
                           : "Dieses Register veröffentlicht Organisationen und ihre Siegel. Es "
                             "setzt keine Cookies, lädt "
                             "nichts von anderen Websites und hält nicht fest, wer welches Siegel "
                             "prüft: Sein "
                             "Zugriffsprotokoll enthält keine Adressen und keine Suchbegriffe.")};
        SendPage(res, language, reader->settings(), Text(language, "imprint"), "text_page",
                 mstch::map{{"heading", Text(language, "imprint")}, {"paragraphs", paragraphs}});
      });
  for (const char* name : {"siegel.css", "print.css"}) {
    routes.Get(std::string("/static/") + name, "static", http::Work::kQuick,
               [name](const httplib::Request&, httplib::Response& res) {
                 res.set_header("Cache-Control", "public, max-age=3600");
                 res.set_content(EmbeddedAssets().at(name), "text/css; charset=utf-8");
               });
  }
}

}  // namespace siegel::web
