// GET /verify/{id}: the page initiatives link to, from the registry's own record. POST
// /verify: a pasted or uploaded credential, run through the whole checklist.
#include <cctype>
#include <optional>

#include "credential/upload_kind.h"
#include "credential/verifier.h"
#include "pdf/attached_credential.h"
#include "registry/certificate_status.h"
#include "server/http/log_json.h"
#include "server/http/problem.h"
#include "server/http/registry_sources.h"
#include "server/web/page.h"

namespace siegel::web {
namespace {

// The certificate's log entries with their inclusion proofs, for the page's log section:
// from the document the verify API serves, built once per registry generation.
Status AddLogEntries(http::ServerContext& context, int64_t generation, const PublicRegistry& reader,
                     const std::string& id, Language language, mstch::map& data) {
  auto document = http::CertificateLogDocument(context, generation, reader, id);
  if (!document.ok()) return document.error();
  auto log = ParseStrictJson((*document)->body);
  if (!log.ok()) return Error::Internal("the cached log document is not JSON");
  if (log->is_null() || (*log)["entries"].empty()) return Status::Ok();
  mstch::array entries;
  for (const Json& entry : (*log)["entries"]) {
    Json record = Json::parse(entry["leaf"].get<std::string>(), nullptr, false);
    mstch::array proof;
    for (const Json& hash : entry["proof"]) proof.push_back(hash.get<std::string>());
    std::string event = record.is_object() ? record.value("event", "") : "";
    std::string time = record.is_object() ? record.value("time", "") : "";
    entries.push_back(mstch::map{{"index", std::to_string(entry["index"].get<uint64_t>())},
                                 {"event", Text(language, "event_" + event)},
                                 {"time", FormatDateTime(language, time)},
                                 {"leaf_hash", entry["leafHash"].get<std::string>()},
                                 {"proof", proof}});
  }
  data.emplace("log_entries", entries);
  data.emplace("log_size", std::to_string((*log)["treeSize"].get<uint64_t>()));
  data.emplace("log_checkpoint", (*log)["checkpoint"].get<std::string>());
  return Status::Ok();
}

void VerifyPage(http::ServerContext& context, const httplib::Request& req, httplib::Response& res) {
  int64_t generation = 0;
  const PublicRegistry* reader = context.Begin(res, &generation);
  if (reader == nullptr) return;
  Language language = ChooseLanguage(req);
  const RegistrySettings& settings = reader->settings();
  std::string title = Text(language, "verify_heading");
  auto entry = context.cache().CertificateEntry(generation, req.matches[1], *reader);
  if (!entry.ok()) {
    if (entry.error().code != ErrorCode::kNotFound) return http::SendError(res, entry.error());
    return SendPage(res, language, settings, title, "verify", mstch::map{{"found", false}}, 404);
  }
  const Certificate& c = (*entry)->certificate;
  UnixSeconds now = reader->Now();
  // "Was it valid on …?": the same point-in-time answer as GET .../status?at= gives.
  std::string at_text = req.has_param("at") ? req.get_param_value("at") : std::string();
  std::optional<UnixSeconds> at;
  if (!at_text.empty()) {
    auto parsed = ParseDateOrDateTime(at_text);
    if (!parsed.ok()) {
      return SendPage(
          res, language, settings, title + " " + c.id, "verify",
          mstch::map{{"found", false}, {"no_lookup", true}, {"at_error", true}, {"id", c.id}}, 400);
    }
    at = *parsed;
  }
  CertificateStatus status_now = StatusAt(c, (*entry)->history, now);
  CertificateStatus status_then = at ? StatusAt(c, (*entry)->history, *at) : status_now;
  std::string status = StatusName(status_then);
  StatusWords words = WordsFor(language, status);
  auto programme = reader->certificates().GetProgramme(c.programme_code);
  auto initiative = reader->certificates().GetInitiative(c.initiative_slug);
  mstch::map data{
      {"found", true},
      {"status", words.css},
      {"symbol", words.symbol},
      {"status_label", words.label},
      {"status_meaning", words.meaning},
      {"id", c.id},
      {"slug", c.initiative_slug},
      {"holder", (*entry)->initiative_name},
      {"legal_entity", initiative.ok() ? initiative->legal_entity : std::string()},
      {"programme", programme.ok() ? ProgrammeName(*programme, language) : c.programme_code},
      {"level", c.level},
      {"valid_from", FormatDate(language, c.valid_from)},
      {"valid_until", FormatDate(language, c.valid_until)},
      {"issuer", settings.issuer_name},
      {"checked_at", FormatDateTime(language, FormatDateTimeStamp(now))},
      {"superseded_by", c.superseded_by},
      // Revoked because a corrected certificate replaced it, not renewed.
      {"replaced", c.revocation_reason.rfind("superseded: ", 0) == 0},
      {"at_value", at ? FormatDateTimeStamp(*at).substr(0, 10) : std::string()}};
  if (at) data.emplace("at_moment", FormatDateTime(language, FormatDateTimeStamp(*at)));
  // The reason belongs to the present suspension or revocation; a past one may have ended.
  if (status_then == status_now && (status == "revoked" || status == "suspended")) {
    bool revoked = status == "revoked";
    data.emplace("reason",
                 ReasonInWords(language, revoked ? c.revocation_reason : c.suspension_reason));
    data.emplace("reason_at", FormatDate(language, revoked ? c.revoked_at : c.suspended_at));
  }
  if (Status s = AddLogEntries(context, generation, *reader, c.id, language, data); !s.ok())
    return http::SendError(res, s.error());
  SendPage(res, language, settings, title + " " + c.id, "verify", std::move(data));
}

// Why a credential failed, in the page's language, from the first check that failed (the
// technical reason stays beside it, folded).
std::string FailureInWords(Language language, const std::string& check) {
  if (check == "size" || check == "parse" || check == "header" || check == "payload")
    return Text(language, "failed_damaged");
  if (check == "issuer" || check == "key") return Text(language, "failed_key");
  if (check == "proof" || check == "proof_purpose" || check == "signature")
    return Text(language, "failed_signature");
  if (check == "issued") return Text(language, "failed_issued");
  if (check == "key_compromise") return Text(language, "failed_compromise");
  if (check == "revocation" || check == "suspension") return Text(language, "failed_status");
  return Text(language, "failed_form");  // context, shape, status entries, profile, JWT claims
}

void VerifyUpload(http::ServerContext& context, const httplib::Request& req,
                  httplib::Response& res) {
  int64_t generation = 0;
  const PublicRegistry* reader = context.Begin(res, &generation);
  if (reader == nullptr) return;
  Language language = ChooseLanguage(req);
  if (!http::WithinVerifyRate(context, req, res, 1)) return;
  std::string text;
  if (req.has_file("file")) text = req.get_file_value("file").content;
  if (text.find_first_not_of(" \t\r\n") == std::string::npos && req.has_file("credential")) {
    text = req.get_file_value("credential").content;
  }
  if (text.find_first_not_of(" \t\r\n") == std::string::npos && req.has_param("credential")) {
    text = req.get_param_value("credential");
  }
  // Only a credential can be genuine or not: a photo, a PDF without one or an empty form is
  // told so, with the ways that do work (never "not genuine").
  UploadKind kind = ClassifyUpload(text);
  // A printed certificate from this registry carries its credential: that is what is checked.
  bool from_pdf = false;
  if (kind == UploadKind::kPdf) {
    if (auto attached = pdf::AttachedCredential(text); attached.ok()) {
      text = std::move(attached).value();
      kind = ClassifyUpload(text);
      from_pdf = true;
    }
  }
  if (!IsCredentialUpload(kind)) {
    const char* meaning = kind == UploadKind::kEmpty   ? "upload_empty"
                          : kind == UploadKind::kPdf   ? "upload_pdf"
                          : kind == UploadKind::kImage ? "upload_image"
                                                       : "upload_other";
    mstch::map data{{"status", std::string("unknown")},
                    {"symbol", std::string("ℹ")},
                    {"status_label", Text(language, "not_certificate_file")},
                    {"status_meaning", Text(language, meaning)},
                    {"checks", mstch::array()},
                    {"lookup", true}};
    SendPage(res, language, reader->settings(), Text(language, "verify_result_heading"),
             "verify_result", std::move(data), 422);
    return;
  }
  auto state = context.cache().Verifier(generation, *reader);
  if (!state.ok()) return http::SendError(res, state.error());
  http::RegistryStatusLists lists(**state, *reader);
  http::RegistryIssuance issuance(context.cache(), generation, *reader);
  VerificationReport report = VerifyLabelCredential(
      text, (*state)->trust,
      VerificationInputs{&lists, &issuance, true, &context.cache().verified_proofs()},
      reader->Now());
  StatusWords words = WordsFor(language, StateName(report.state));
  mstch::array checks;
  std::string first_failed;
  for (const VerificationCheck& check : report.checks) {
    if (!check.ok && first_failed.empty()) first_failed = check.name;
    checks.push_back(mstch::map{{"name", Text(language, "check_" + check.name)},
                                {"ok", check.ok},
                                {"detail", check.detail},
                                {"t_ok", Text(language, "ok")},
                                {"t_failed", Text(language, "failed")}});
  }
  std::string prefix = reader->settings().base_url + "/certificates/";
  std::string certificate_id = report.verified && report.credential_id.rfind(prefix, 0) == 0
                                   ? report.credential_id.substr(prefix.size())
                                   : std::string();
  mstch::map data{
      {"status", words.css},
      {"symbol", words.symbol},
      {"status_label", words.label},
      {"status_meaning", words.meaning},
      {"reason", report.reason},
      {"status_as_of", report.status_as_of
                           ? FormatDateTime(language, FormatDateTimeStamp(*report.status_as_of))
                           : std::string()},
      {"checks", checks},
      {"has_checks", true},
      {"certificate_id", certificate_id},
      {"from_pdf", from_pdf}};
  if (!report.reason.empty()) data.emplace("reason_words", FailureInWords(language, first_failed));
  // Whose label, which, and for when, in words: only once it is authentic.
  if (report.verified && report.credential.is_object()) {
    const Json& subject = report.credential.value("credentialSubject", Json::object());
    const Json& achievement =
        subject.is_object() ? subject.value("achievement", Json::object()) : Json::object();
    data.emplace("holder", subject.is_object() ? subject.value("name", "") : std::string());
    data.emplace("label", achievement.is_object() ? achievement.value("name", "") : std::string());
    data.emplace("period", FormatDate(language, report.valid_from) + " – " +
                               FormatDate(language, report.valid_until));
    data.emplace("authentic", true);
  }
  SendPage(res, language, reader->settings(), Text(language, "verify_result_heading"),
           "verify_result", std::move(data));
}

}  // namespace

void AddVerifyPages(http::RouteTable& routes, http::ServerContext& context) {
  routes.Get(R"(/verify/([A-Za-z0-9-]{1,64}))", "page_verify", http::Work::kQuick,
             [&context](const httplib::Request& req, httplib::Response& res) {
               VerifyPage(context, req, res);
             });
  routes.Get("/verify", "page_verify_form", http::Work::kQuick,
             [&context](const httplib::Request& req, httplib::Response& res) {
               int64_t generation = 0;
               const PublicRegistry* reader = context.Begin(res, &generation);
               if (reader == nullptr) return;
               Language language = ChooseLanguage(req);
               // The number typed into the lookup field: its verification page.
               if (req.has_param("id")) {
                 std::string id = req.get_param_value("id");
                 id.erase(0, id.find_first_not_of(" \t"));
                 id.erase(id.find_last_not_of(" \t") + 1);
                 for (char& c : id)
                   c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
                 bool well_formed = !id.empty() && id.size() <= 64 &&
                                    id.find_first_not_of("ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-") ==
                                        std::string::npos;
                 if (well_formed) {
                   res.status = 303;
                   res.set_header("Location", "/verify/" + id + "?lang=" + LanguageCode(language));
                   res.set_header("Cache-Control", "no-store");
                   return;
                 }
                 SendPage(res, language, reader->settings(), Text(language, "check_file"), "verify",
                          mstch::map{{"found", false}}, 400);
                 return;
               }
               SendPage(res, language, reader->settings(), Text(language, "check_file"), "verify",
                        mstch::map{{"found", false}, {"no_lookup", true}});
             });
  routes.Post("/verify", "page_verify_upload", http::Work::kCompute, http::kUploadBody,
              [&context](const httplib::Request& req, httplib::Response& res) {
                VerifyUpload(context, req, res);
              });
}

}  // namespace siegel::web
