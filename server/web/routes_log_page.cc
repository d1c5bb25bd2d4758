// GET /log: the transparency log explained for someone who has never heard of one, with the
// current checkpoint, the log's key and the latest entries.
#include <algorithm>

#include "server/http/log_json.h"
#include "server/http/problem.h"
#include "server/web/page.h"
#include "transparency/signed_note.h"

namespace siegel::web {
namespace {

constexpr uint64_t kLatestEntries = 20;

}  // namespace

void AddLogPage(http::RouteTable& routes, http::ServerContext& context) {
  routes.Get("/log", "page_log", http::Work::kCompute,
             [&context](const httplib::Request& req, httplib::Response& res) {
               int64_t generation = 0;
               const PublicRegistry* reader = context.Begin(res, &generation);
               if (reader == nullptr) return;
               Language language = ChooseLanguage(req);
               mstch::map data{{"en", language == Language::kEnglish}};
               // The checkpoint and key as /log/checkpoint and /log/key serve them: signed once per
               // registry generation, not per page view.
               auto checkpoint = http::CheckpointDocument(context, generation, *reader);
               if (!checkpoint.ok() && checkpoint.error().code != ErrorCode::kNotFound)
                 return http::SendError(res, checkpoint.error());
               if (checkpoint.ok()) {
                 const std::string& signed_note = (*checkpoint)->body;
                 auto head =
                     note::Checkpoint::Parse(signed_note.substr(0, signed_note.find("\n\n") + 1));
                 if (!head.ok()) return http::SendError(res, head.error());
                 auto vkey = http::LogKeyDocument(context, generation, *reader);
                 if (!vkey.ok()) return http::SendError(res, vkey.error());
                 uint64_t start = head->size - std::min(head->size, kLatestEntries);
                 auto entries = reader->log().Entries(start, head->size);
                 if (!entries.ok()) return http::SendError(res, entries.error());
                 mstch::array rows;
                 for (auto it = entries->rbegin(); it != entries->rend(); ++it) {
                   Json record = Json::parse(it->leaf, nullptr, false);
                   if (!record.is_object()) record = Json::object();
                   rows.push_back(
                       mstch::map{{"index", std::to_string(it->index)},
                                  {"event", Text(language, "event_" + record.value("event", ""))},
                                  {"certificate", it->certificate_id},
                                  {"key", record.value("issuerKey", "")},
                                  {"time", FormatDateTime(language, record.value("time", ""))}});
                 }
                 data.emplace("has_head", true);
                 data.emplace("size", std::to_string(head->size));
                 data.emplace("checkpoint", signed_note);
                 std::string vkey_line = (*vkey)->body;
                 vkey_line.pop_back();  // the document's final newline
                 data.emplace("vkey", vkey_line);
                 data.emplace("entries", rows);
               }
               SendPage(res, language, reader->settings(), Text(language, "log_page_heading"),
                        "log", std::move(data));
             });
}

}  // namespace siegel::web
