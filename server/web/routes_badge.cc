// GET /badge/{id}.svg: the live status badge of one certificate. GET
// /initiatives/{slug}/badge/{programme}.svg and /initiatives/{slug}/verify: the badge and the
// verification link of whatever certificate stands for the initiative now (CurrentCertificate),
// so the snippet on an initiative's website survives every renewal. The text comes from the
// status, so a badge can never say "valid" for a certificate that is not.
#include "registry/certificate_status.h"
#include "server/http/problem.h"
#include "server/web/page.h"

namespace siegel::web {
namespace {

constexpr char kSlugPattern[] = "([a-z0-9-]{1,63})";

// Verdana 11px is about 6.5 px a character; close enough for a badge.
int TextWidth(const std::string& text) {
  int characters = 0;
  for (unsigned char c : text) characters += (c & 0xc0) != 0x80;  // count UTF-8 code points
  return characters * 13 / 2 + 12;
}

// The badge of `certificate` (null: unknown, 404), in `language`; `with_until` adds the end of
// a valid certificate's period ("gültig bis …"); `seal`: round, as a seal, instead of a pill.
void SendBadge(httplib::Response& res, const PublicRegistry& reader, Language language,
               const Certificate* certificate, const std::vector<StatusEvent>& history,
               bool with_until, bool seal) {
  std::string status = "unknown";
  if (certificate != nullptr) {
    status = StatusName(StatusAt(*certificate, history, reader.Now()));
  }
  StatusWords words = WordsFor(language, status);
  std::string label =
      language == Language::kEnglish ? "Cluster Excellence BW" : "Cluster-Exzellenz BW";
  if (certificate != nullptr) {
    auto programme = reader.certificates().GetProgramme(certificate->programme_code);
    if (programme.ok() && programme->code != "ce-bw") label = ProgrammeName(*programme, language);
  }
  std::string status_text = words.symbol + " " + words.label;
  if (with_until && status == "valid") {
    status_text +=
        " " + Text(language, "badge_until") + " " + FormatDate(language, certificate->valid_until);
  }
  int left = TextWidth(label), right = TextWidth(status_text);
  std::string colour = status == "valid"                            ? "#0f6b2f"
                       : status == "revoked" || status == "invalid" ? "#a4161a"
                                                                    : "#8a4b00";
  mstch::map data{{"label", label},     {"status_text", status_text}, {"width", left + right},
                  {"left_width", left}, {"right_width", right},       {"right_x", left + 6},
                  {"colour", colour}};
  // The seal (?style=seal): the label on two lines around the status and its end date.
  size_t space = label.rfind(' ');
  data.emplace("label_top", space == std::string::npos ? label : label.substr(0, space));
  data.emplace("label_bottom",
               space == std::string::npos ? std::string() : label.substr(space + 1));
  data.emplace("symbol", words.symbol);
  data.emplace("status_label", words.label);
  data.emplace("until_line", with_until && status == "valid"
                                 ? Text(language, "badge_until") + " " +
                                       FormatDate(language, certificate->valid_until)
                                 : std::string());
  res.status = certificate != nullptr ? 200 : 404;
  // Minutes, not hours: a badge must not go stale on a partner's page.
  res.set_header("Cache-Control", "public, max-age=300");
  res.set_header("Content-Language", LanguageCode(language));
  res.set_header("Vary", "Accept-Language");
  res.set_content(mstch::render(Template(seal ? "badge_seal" : "badge"), data), "image/svg+xml");
}

// The certificate that stands for initiative `slug` in `programme` now: NotFound for none.
Result<Certificate> CurrentOf(const PublicRegistry& reader, const std::string& slug,
                              const std::string& programme) {
  auto initiative = reader.certificates().GetInitiative(slug);
  if (!initiative.ok()) return initiative.error();
  auto certificates = reader.certificates().CertificatesOf(slug, programme);
  if (!certificates.ok()) return certificates.error();
  const Certificate* current = CurrentCertificate(*certificates, reader.Now());
  if (current == nullptr) {
    return Error::NotFound("initiative " + slug + " holds no certificate of programme " +
                           programme);
  }
  return *current;
}

}  // namespace

void AddBadge(http::RouteTable& routes, http::ServerContext& context) {
  routes.Get(R"(/badge/([A-Za-z0-9-]{1,64})\.svg)", "badge", http::Work::kQuick,
             [&context](const httplib::Request& req, httplib::Response& res) {
               int64_t generation = 0;
               const PublicRegistry* reader = context.Begin(res, &generation);
               if (reader == nullptr) return;
               auto entry = context.cache().CertificateEntry(generation, req.matches[1], *reader);
               if (!entry.ok() && entry.error().code != ErrorCode::kNotFound) {
                 return http::SendError(res, entry.error());
               }
               SendBadge(res, *reader, ChooseLanguage(req),
                         entry.ok() ? &(*entry)->certificate : nullptr,
                         entry.ok() ? (*entry)->history : std::vector<StatusEvent>(),
                         /*with_until=*/false, req.get_param_value("style") == "seal");
             });

  routes.Get(std::string("/initiatives/") + kSlugPattern + R"(/badge/([a-z0-9-]{1,63})\.svg)",
             "initiative_badge", http::Work::kQuick,
             [&context](const httplib::Request& req, httplib::Response& res) {
               int64_t generation = 0;
               const PublicRegistry* reader = context.Begin(res, &generation);
               if (reader == nullptr) return;
               auto current = CurrentOf(*reader, req.matches[1], req.matches[2]);
               if (!current.ok() && current.error().code != ErrorCode::kNotFound) {
                 return http::SendError(res, current.error());
               }
               std::optional<std::shared_ptr<const http::CachedCertificate>> entry;
               if (current.ok()) {
                 auto cached = context.cache().CertificateEntry(generation, current->id, *reader);
                 if (!cached.ok()) return http::SendError(res, cached.error());
                 entry = *cached;
               }
               SendBadge(res, *reader, ChooseLanguage(req),
                         entry ? &(*entry)->certificate : nullptr,
                         entry ? (*entry)->history : std::vector<StatusEvent>(),
                         /*with_until=*/true, req.get_param_value("style") == "seal");
             });

  // The link an initiative puts on its website: the current certificate's verification page.
  routes.Get(std::string("/initiatives/") + kSlugPattern + "/verify", "initiative_verify",
             http::Work::kQuick, [&context](const httplib::Request& req, httplib::Response& res) {
               int64_t generation = 0;
               const PublicRegistry* reader = context.Begin(res, &generation);
               if (reader == nullptr) return;
               std::string programme =
                   req.has_param("programme") ? req.get_param_value("programme") : "ce-bw";
               auto current = CurrentOf(*reader, req.matches[1], programme);
               if (!current.ok()) return http::SendError(res, current.error());
               res.status = 302;  // found for now: after a renewal it is another certificate
               res.set_header("Location", "/verify/" + current->id +
                                              "?lang=" + LanguageCode(ChooseLanguage(req)));
               res.set_header("Cache-Control", "no-cache");
             });
}

}  // namespace siegel::web
