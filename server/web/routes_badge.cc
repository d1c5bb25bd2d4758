// GET /badge/{id}.svg: the live status badge initiatives embed. Its text comes from the
// status, so it can never say "valid" for a certificate that is not.
#include "registry/certificate_status.h"
#include "server/http/problem.h"
#include "server/web/page.h"

namespace siegel::web {
namespace {

// Verdana 11px is about 6.5 px a character; close enough for a badge.
int TextWidth(const std::string& text) {
  int characters = 0;
  for (unsigned char c : text) characters += (c & 0xc0) != 0x80;  // count UTF-8 code points
  return characters * 13 / 2 + 12;
}

}  // namespace

void AddBadge(http::RouteTable& routes, http::ServerContext& context) {
  routes.Get(
      R"(/badge/([A-Za-z0-9-]{1,64})\.svg)", "badge", http::Work::kQuick,
      [&context](const httplib::Request& req, httplib::Response& res) {
        int64_t generation = 0;
        const PublicRegistry* reader = context.Begin(res, &generation);
        if (reader == nullptr) return;
        Language language = ChooseLanguage(req);
        auto entry = context.cache().CertificateEntry(generation, req.matches[1], *reader);
        std::string status = "unknown";
        if (entry.ok()) {
          status = StatusName(StatusAt((*entry)->certificate, (*entry)->history, reader->Now()));
        } else if (entry.error().code != ErrorCode::kNotFound) {
          return http::SendError(res, entry.error());
        }
        StatusWords words = WordsFor(language, status);
        std::string label =
            language == Language::kEnglish ? "Cluster Excellence BW" : "Cluster-Exzellenz BW";
        if (entry.ok()) {
          auto programme =
              reader->certificates().GetProgramme((*entry)->certificate.programme_code);
          if (programme.ok() && programme->code != "ce-bw") {
            label = ProgrammeName(*programme, language);
          }
        }
        std::string status_text = words.symbol + " " + words.label;
        int left = TextWidth(label), right = TextWidth(status_text);
        std::string colour = status == "valid"                            ? "#0f6b2f"
                             : status == "revoked" || status == "invalid" ? "#a4161a"
                                                                          : "#8a4b00";
        mstch::map data{{"label", label},     {"status_text", status_text}, {"width", left + right},
                        {"left_width", left}, {"right_width", right},       {"right_x", left + 6},
                        {"colour", colour}};
        res.status = entry.ok() ? 200 : 404;
        // Minutes, not hours: a badge must not go stale on a partner's page.
        res.set_header("Cache-Control", "public, max-age=300");
        res.set_header("Content-Language", LanguageCode(language));
        res.set_header("Vary", "Accept-Language");
        res.set_content(mstch::render(Template("badge"), data), "image/svg+xml");
      });
}

}  // namespace siegel::web
