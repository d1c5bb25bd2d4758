// GET /log: the transparency log explained for someone who has never heard of one, with the
// current checkpoint, the log's key and the latest entries.
#include <algorithm>

#include "server/http/problem.h"
#include "server/web/page.h"

namespace siegel::web {
namespace {

constexpr uint64_t kLatestEntries = 20;

}  // namespace

void AddLogPage(httplib::Server& server, http::ServerContext& context) {
  http::GetRoute(
      server, "/log", "page_log", [&context](const httplib::Request& req, httplib::Response& res) {
        Registry* reader = context.Begin(res, nullptr);
        if (reader == nullptr) return;
        Language language = ChooseLanguage(req);
        mstch::map data{{"en", language == Language::kEnglish}};
        auto head = reader->LogCheckpoint();
        if (!head.ok() && head.error().code != ErrorCode::kNotFound)
          return http::SendError(res, head.error());
        if (head.ok()) {
          auto vkey = reader->LogKey();
          if (!vkey.ok()) return http::SendError(res, vkey.error());
          uint64_t start = head->size - std::min(head->size, kLatestEntries);
          auto entries = reader->LogEntries(start, head->size);
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
          data.emplace("checkpoint", head->signed_note);
          data.emplace("vkey", *vkey);
          data.emplace("entries", rows);
        }
        SendPage(res, language, reader->settings(), Text(language, "log_page_heading"), "log",
                 std::move(data));
      });
}

}  // namespace siegel::web
