// GET /: what the label is, how many hold it, search with pagination. GET /initiatives/{slug}:
// an initiative and the timeline of its certificates.
#include <algorithm>

#include "registry/certificate_status.h"
#include "server/http/problem.h"
#include "server/web/page.h"

namespace siegel::web {
namespace {

std::string Param(const httplib::Request& req, const char* name) {
  return req.has_param(name) ? req.get_param_value(name) : std::string();
}

std::string SearchLink(const CertificateQuery& query, Language language, int64_t page) {
  std::string link = "/?lang=" + LanguageCode(language) + "&page=" + std::to_string(page);
  for (const auto& [name, value] : {std::pair<const char*, const std::string&>{"q", query.text},
                                    {"region", query.region},
                                    {"sector", query.sector},
                                    {"status", query.status},
                                    {"programme", query.programme}}) {
    if (!value.empty())
      link += std::string("&") + name + "=" + httplib::detail::encode_query_param(value);
  }
  return link;
}

// The home page for `query`: a registry-wide read, kept per generation by the caller.
Result<std::shared_ptr<const http::CachedDocument>> RenderHome(const PublicRegistry& reader,
                                                               Language language,
                                                               const CertificateQuery& query,
                                                               const std::string& holders) {
  auto page = reader.certificates().SearchCertificates(query);
  if (!page.ok()) return page.error();
  mstch::array results;
  for (const CertificateSummary& s : page->items) {
    StatusWords words = WordsFor(language, StatusName(s.status));
    results.push_back(mstch::map{{"slug", s.certificate.initiative_slug},
                                 {"holder", s.initiative_name},
                                 {"id", s.certificate.id},
                                 {"symbol", words.symbol},
                                 {"status_label", words.label},
                                 {"valid_from", FormatDate(language, s.certificate.valid_from)},
                                 {"valid_until", FormatDate(language, s.certificate.valid_until)},
                                 {"lang", LanguageCode(language)}});
  }
  mstch::array status_options{mstch::map{{"value", std::string()},
                                         {"label", Text(language, "all")},
                                         {"selected", query.status.empty()}}};
  for (const char* status : {"valid", "expired", "not_yet_valid", "suspended", "revoked"}) {
    status_options.push_back(mstch::map{{"value", std::string(status)},
                                        {"label", WordsFor(language, status).label},
                                        {"selected", query.status == status}});
  }
  auto programmes = reader.certificates().ListProgrammes();
  if (!programmes.ok()) return programmes.error();
  mstch::array programme_options{mstch::map{{"value", std::string()},
                                            {"label", Text(language, "all")},
                                            {"selected", query.programme.empty()}}};
  for (const Programme& p : *programmes) {
    programme_options.push_back(mstch::map{{"value", p.code},
                                           {"label", ProgrammeName(p, language)},
                                           {"selected", query.programme == p.code}});
  }
  int64_t pages = (page->total + query.per_page - 1) / query.per_page;
  mstch::map data{
      {"q", query.text},
      {"region", query.region},
      {"sector", query.sector},
      {"status_options", status_options},
      {"programme_options", programme_options},
      {"valid_count", holders},
      {"total", std::to_string(page->total)},
      {"has_results", !results.empty()},
      {"results", results},
      {"prev", query.page > 1 ? SearchLink(query, language, query.page - 1) : std::string()},
      {"next", query.page < pages ? SearchLink(query, language, query.page + 1) : std::string()}};
  return http::MakeDocument(RenderPage(language, reader.settings(), Text(language, "home_heading"),
                                       "home", std::move(data)),
                            "text/html; charset=utf-8");
}

void Home(http::ServerContext& context, const httplib::Request& req, httplib::Response& res) {
  int64_t generation = 0;
  const PublicRegistry* reader = context.Begin(res, &generation);
  if (reader == nullptr) return;
  Language language = ChooseLanguage(req);
  CertificateQuery query;
  query.text = Param(req, "q");
  query.region = Param(req, "region");
  query.sector = Param(req, "sector");
  query.status = Param(req, "status");
  query.programme = Param(req, "programme");
  if (!query.status.empty() && !ParseStatusName(query.status)) query.status.clear();
  query.per_page = 20;
  auto requested_page = http::IntParam(req, "page", 1, 1, kMaxPage);
  if (!requested_page.ok()) return http::SendError(res, requested_page.error());
  query.page = *requested_page;
  std::string key = http::SearchCacheKey("home", query, LanguageCode(language));
  // The same for every query: counted once, not once per page of results.
  auto holders = context.cache().RegistryWide(
      generation, *reader, "valid-holders",
      [&]() -> Result<std::shared_ptr<const http::CachedDocument>> {
        auto count = reader->certificates().CountInitiativesWithValidLabel();
        if (!count.ok()) return count.error();
        return http::MakeDocument(std::to_string(*count), "text/plain");
      });
  if (!holders.ok()) return http::SendError(res, holders.error());
  auto rendered = context.cache().RegistryWide(
      generation, *reader, key, [&]() -> Result<std::shared_ptr<const http::CachedDocument>> {
        return RenderHome(*reader, language, query, (*holders)->body);
      });
  if (!rendered.ok()) return http::SendError(res, rendered.error());
  SendCachedPage(req, res, language, **rendered);
}

void InitiativePage(http::ServerContext& context, const httplib::Request& req,
                    httplib::Response& res) {
  int64_t generation = 0;
  const PublicRegistry* reader = context.Begin(res, &generation);
  if (reader == nullptr) return;
  Language language = ChooseLanguage(req);
  auto initiative = reader->certificates().GetInitiative(req.matches[1]);
  if (!initiative.ok()) {
    if (initiative.error().code != ErrorCode::kNotFound)
      return http::SendError(res, initiative.error());
    return SendPage(
        res, language, reader->settings(), Text(language, "not_found"), "text_page",
        mstch::map{{"heading", Text(language, "not_found")}, {"paragraphs", mstch::array{}}}, 404);
  }
  CertificateQuery query;
  query.initiative = initiative->slug;
  query.per_page = 500;
  auto certificates = reader->certificates().SearchCertificates(query);
  if (!certificates.ok()) return http::SendError(res, certificates.error());
  // One row per certificate, by validity, the newest first; each with its status now and what
  // happened to it (issued or renewed, suspended, reinstated, revoked, expired), oldest first.
  std::vector<CertificateSummary> held_by_validity = certificates->items;
  std::sort(held_by_validity.begin(), held_by_validity.end(),
            [](const CertificateSummary& a, const CertificateSummary& b) {
              return std::tie(a.certificate.valid_from, a.certificate.id) >
                     std::tie(b.certificate.valid_from, b.certificate.id);
            });
  UnixSeconds now = reader->Now();
  mstch::array rows;
  for (const CertificateSummary& s : held_by_validity) {
    const Certificate& c = s.certificate;
    auto history = reader->certificates().StatusHistory(c.id);
    if (!history.ok()) return http::SendError(res, history.error());
    mstch::array events;
    for (const StatusEvent& e : *history) {
      // A renewal or a replacement names the certificate it continues or corrects, in the
      // page's words (the record's reason is the registry's English).
      const bool replacement = e.event == "issued" && e.reason.rfind("replaces ", 0) == 0;
      std::string name = e.event == "issued" && !c.supersedes.empty()
                             ? (replacement ? "replacement" : "renewed")
                             : e.event;
      std::string reason = name == "renewed"       ? Text(language, "renews") + " " + c.supersedes
                           : name == "replacement" ? Text(language, "replaces") + " " + c.supersedes
                                                   : ReasonInWords(language, e.reason);
      events.push_back(mstch::map{{"date", FormatDate(language, e.at)},
                                  {"event", Text(language, "event_" + name)},
                                  {"reason", reason}});
    }
    if (ParseDateTimeStamp(c.valid_until).value() <= now && c.revoked_at.empty()) {
      events.push_back(mstch::map{{"date", FormatDate(language, c.valid_until)},
                                  {"event", Text(language, "event_expired")},
                                  {"reason", std::string()}});
    }
    StatusWords words = WordsFor(language, StatusName(StatusAt(c, *history, now)));
    rows.push_back(mstch::map{{"period", FormatDate(language, c.valid_from) + " – " +
                                             FormatDate(language, c.valid_until)},
                              {"id", c.id},
                              {"symbol", words.symbol},
                              {"status_label", words.label},
                              {"css", words.css},
                              {"events", events},
                              {"lang", LanguageCode(language)}});
  }
  std::string fields;
  for (const std::string& f : initiative->technology_fields)
    fields += (fields.empty() ? "" : ", ") + TechnologyFieldName(f, language);
  mstch::map data{{"name", initiative->name},
                  {"legal_entity", initiative->legal_entity},
                  {"management", initiative->management_organisation},
                  {"region", initiative->region},
                  {"fields", fields},
                  {"website", initiative->website},
                  {"description", initiative->description},
                  {"has_events", !rows.empty()},
                  {"held", rows}};
  // On top of the timeline: what stands for the initiative now in each programme it holds a
  // certificate of (each badge's certificate), and the snippet for its website.
  std::vector<std::string> codes;
  for (const CertificateSummary& s : held_by_validity) {
    const std::string& code = s.certificate.programme_code;
    if (std::find(codes.begin(), codes.end(), code) == codes.end()) codes.push_back(code);
  }
  std::sort(codes.begin(), codes.end());
  const bool several = codes.size() > 1;
  const RegistrySettings& settings = reader->settings();
  const std::string lang = LanguageCode(language);
  mstch::array labels, embeds;
  for (const std::string& code : codes) {
    auto held = reader->certificates().CertificatesOf(initiative->slug, code);
    if (!held.ok()) return http::SendError(res, held.error());
    auto programme = reader->certificates().GetProgramme(code);
    const std::string programme_name =
        several && programme.ok() ? ProgrammeName(*programme, language) : std::string();
    if (const Certificate* current = CurrentCertificate(*held, now)) {
      StatusWords words = WordsFor(language, StatusName(CurrentStatus(*current, now)));
      std::string text = words.symbol + " " + words.label;
      if (CurrentStatus(*current, now) == CertificateStatus::kValid) {
        text +=
            " " + Text(language, "badge_until") + " " + FormatDate(language, current->valid_until);
      }
      labels.push_back(mstch::map{{"programme", programme_name},
                                  {"current_status", text},
                                  {"current_css", words.css},
                                  {"current_id", current->id},
                                  {"lang", lang}});
    }
    // The initiative's current certificate of the programme, across renewals, in the page's
    // language (the badge's own text carries the status and "valid until").
    const std::string programme_query =
        code == DefaultProgramme().code ? "" : "programme=" + code + "&";
    std::string verify_url = settings.base_url + "/initiatives/" + initiative->slug + "/verify?" +
                             programme_query + "lang=" + lang;
    std::string badge_path =
        "/initiatives/" + initiative->slug + "/badge/" + code + ".svg?lang=" + lang;
    std::string alt = Text(language, "badge_alt_prefix") + " " + initiative->name +
                      (programme_name.empty() ? "" : " (" + programme_name + ")");
    // Shown as text inside <pre>: the template escapes it like any other value.
    embeds.push_back(
        mstch::map{{"suffix", several ? "-" + code : std::string()},
                   {"programme", programme_name},
                   {"badge_path", badge_path},
                   {"badge_alt", alt},
                   {"embed_html", "<a href=\"" + verify_url + "\"><img src=\"" + settings.base_url +
                                      badge_path + "\" alt=\"" + HtmlEscape(alt) + "\"></a>"}});
  }
  data.emplace("labels", labels);
  data.emplace("embeds", embeds);
  SendPage(res, language, reader->settings(), initiative->name, "initiative", std::move(data));
}

}  // namespace

void AddRegistryPages(http::RouteTable& routes, http::ServerContext& context) {
  routes.Get(
      "/", "page_home", http::Work::kCompute,
      [&context](const httplib::Request& req, httplib::Response& res) { Home(context, req, res); });
  routes.Get(R"(/initiatives/([a-z0-9-]{1,63}))", "page_initiative", http::Work::kCompute,
             [&context](const httplib::Request& req, httplib::Response& res) {
               InitiativePage(context, req, res);
             });
}

}  // namespace siegel::web
