// GET /feed.atom (issuances, renewals, suspensions, reinstatements, revocations), and the
// registry as open data: /export.csv and /export.json.
#include <functional>
#include <mutex>

#include "registry/export.h"
#include "server/http/problem.h"
#include "server/web/page.h"

namespace siegel::web {
namespace {

constexpr int kFeedEntries = 100;

void Feed(http::ServerContext& context, const httplib::Request& req, httplib::Response& res) {
  int64_t generation = 0;
  const PublicRegistry* reader = context.Begin(res, &generation);
  if (reader == nullptr) return;
  Language language = ChooseLanguage(req);
  auto events = RecentEvents(*reader, kFeedEntries);
  if (!events.ok()) return http::SendError(res, events.error());
  const RegistrySettings& settings = reader->settings();
  mstch::array entries;
  for (const PublicEvent& e : *events) {
    std::string what = Text(language, "event_" + e.event);
    entries.push_back(mstch::map{
        {"id", settings.base_url + "/certificates/" + e.certificate_id + "#event-" +
                   std::to_string(e.seq)},
        {"title", e.certificate_id + " " + what + ": " + e.initiative_name},
        {"at", e.at},
        {"link", settings.base_url + "/verify/" + e.certificate_id},
        {"content", e.reason.empty() ? what : what + " – " + ReasonInWords(language, e.reason)}});
  }
  mstch::map data{{"lang", LanguageCode(language)},
                  {"feed_id", settings.base_url + "/feed.atom"},
                  {"title", Text(language, "home_heading")},
                  {"updated", !events->empty()            ? events->front().at
                              : !StaticCopyAsOf().empty() ? StaticCopyAsOf()
                                                          : FormatDateTimeStamp(reader->Now())},
                  {"issuer_name", settings.issuer_name},
                  {"entries", entries}};
  res.set_header("Cache-Control", "public, max-age=60");
  res.set_header("Vary", "Accept-Language");
  res.set_content(mstch::render(Template("feed"), data), "application/atom+xml; charset=utf-8");
}

// An export, written once per registry generation (and status change by the clock) into a
// spooled file as it is read, and sent from there to every client that asks: memory stays
// flat at any size, and a second download costs no database work.
void SendExport(http::ServerContext& context, const httplib::Request& req, httplib::Response& res,
                const std::string& name, const std::string& content_type,
                const std::function<Status(const PublicRegistry&, const TextSink&)>& write) {
  int64_t generation = 0;
  const PublicRegistry* reader = context.Begin(res, &generation);
  if (reader == nullptr) return;
  // One export is written at a time: a crowd asking at once after a change waits for one
  // writing instead of each writing its own.
  static std::mutex writing;
  std::lock_guard<std::mutex> lock(writing);
  auto doc = context.cache().RegistryWide(
      generation, *reader, name, [&]() -> Result<std::shared_ptr<const http::CachedDocument>> {
        return http::SpoolDocument([&](const TextSink& sink) { return write(*reader, sink); },
                                   content_type);
      });
  if (!doc.ok()) return http::SendError(res, doc.error());
  http::SendDocument(req, res, **doc, "public, max-age=60");
}

}  // namespace

void AddOpenData(http::RouteTable& routes, http::ServerContext& context) {
  routes.Get(
      "/feed.atom", "feed", http::Work::kCompute,
      [&context](const httplib::Request& req, httplib::Response& res) { Feed(context, req, res); });
  routes.Get("/export.json", "export_json", http::Work::kCompute,
             [&context](const httplib::Request& req, httplib::Response& res) {
               // A static copy's export is as of the change it shows, not of the publishing.
               std::string as_of = StaticCopyAsOf();
               SendExport(context, req, res, "export.json", "application/json",
                          [as_of](const PublicRegistry& registry, const TextSink& sink) {
                            return WriteExportJson(registry, sink, as_of);
                          });
             });
  routes.Get(
      "/export.csv", "export_csv", http::Work::kCompute,
      [&context](const httplib::Request& req, httplib::Response& res) {
        res.set_header("Content-Disposition", "attachment; filename=\"siegel-registry.csv\"");
        SendExport(context, req, res, "export.csv", "text/csv; charset=utf-8", WriteExportCsv);
      });
}

}  // namespace siegel::web
