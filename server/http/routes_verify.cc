// POST /api/v1/verify and /api/v1/verify/batch: the verification checklist against the
// registry's own keys and current status lists. A credential that fails any check is an
// answer (verified: false), not an error; only a body that is no credential at all is a 400.
#include <algorithm>
#include <chrono>
#include <functional>
#include <mutex>
#include <optional>
#include <thread>

#include "credential/jws.h"
#include "registry/certificate_status.h"
#include "server/http/log_json.h"
#include "server/http/problem.h"
#include "server/http/registry_sources.h"
#include "server/http/server_context.h"
#include "server/views.h"

namespace siegel::http {
namespace {

constexpr size_t kMaxBatch = 1000;
constexpr size_t kMaxBatchBytes = 8 << 20;

enum class BodyKind { kJson, kJws, kUnsupported };

BodyKind KindOf(const httplib::Request& req) {
  std::string type = req.get_header_value("Content-Type");
  type = type.substr(0, type.find(';'));
  for (const char* json :
       {"application/vc", "application/json", "application/ld+json", "application/vc+ld+json"}) {
    if (type == json) return BodyKind::kJson;
  }
  if (type == "application/vc+jwt" || type == "application/jwt" || type == "text/plain")
    return BodyKind::kJws;
  if (type.empty()) return LooksLikeCompactJws(req.body) ? BodyKind::kJws : BodyKind::kJson;
  return BodyKind::kUnsupported;
}

// The id of the registry certificate a verified credential names, if it is ours.
std::string OwnCertificateId(const PublicRegistry& reader, const VerificationReport& report) {
  const std::string prefix = reader.settings().base_url + "/certificates/";
  if (!report.verified || report.credential_id.rfind(prefix, 0) != 0) return "";
  return report.credential_id.substr(prefix.size());
}

// The registry's record of the certificate a verified credential names, if it is ours, as
// JSON text ("null" otherwise). It depends only on the status it shows, so each is built once
// per registry generation and status.
std::string RegistryRecordText(const PublicRegistry& reader, int64_t generation,
                               ServerContext& context, const VerificationReport& report,
                               const std::string& id) {
  if (id.empty()) return "null";
  auto entry = context.cache().CertificateEntry(generation, id, reader);
  if (!entry.ok()) return "null";
  const CachedCertificate& cached = **entry;
  CertificateStatus status = StatusAt(cached.certificate, cached.history, report.checked_at);
  std::lock_guard<std::mutex> lock(cached.status_mutex);
  auto [it, added] = cached.record_texts.try_emplace(status);
  if (added) {
    CertificateSummary summary;
    summary.certificate = cached.certificate;
    summary.status = status;
    summary.initiative_name = cached.initiative_name;
    it->second = views::CertificateSummaryJson(summary, reader.settings())
                     .dump(-1, ' ', false, Json::error_handler_t::replace);
  }
  return it->second;
}

// The answer: the report's members with the registry record first ("certificate" sorts
// before all of them).
std::string AnswerText(const VerificationReport& report, const std::string& record_text) {
  std::string report_text = report.ToJsonText();
  std::string answer = "{\"certificate\":" + record_text + ",";
  answer.append(report_text, 1, std::string::npos);
  return answer;
}

Result<UnixSeconds> AtParam(const httplib::Request& req, UnixSeconds now) {
  if (!req.has_param("at")) return now;
  auto at = ParseDateOrDateTime(req.get_param_value("at"));
  if (!at.ok()) return Error::InvalidInput("parameter at: " + at.message());
  return at;
}

void VerifyOne(ServerContext& context, const httplib::Request& req, httplib::Response& res) {
  int64_t generation = 0;
  const PublicRegistry* reader = context.Begin(res, &generation);
  if (reader == nullptr) return;
  BodyKind kind = KindOf(req);
  if (kind == BodyKind::kUnsupported) {
    return SendProblem(
        res, 415,
        "send the credential as application/vc or application/json (JSON with an embedded proof), "
        "or as application/vc+jwt or text/plain (compact JWS)");
  }
  std::string_view body = req.body;
  while (!body.empty() && (body.back() == '\n' || body.back() == '\r' || body.back() == ' '))
    body.remove_suffix(1);
  if (body.empty()) return SendProblem(res, 400, "the body is empty: send a credential");
  if (kind == BodyKind::kJws && !LooksLikeCompactJws(body)) {
    return SendProblem(res, 400,
                       "the body is not a compact JWS (three base64url parts separated by dots)");
  }
  // Parsed once here: a body that is no JSON object is a 400, the rest goes to the checklist.
  std::optional<Json> parsed_credential;
  if (kind == BodyKind::kJson && body.size() <= kMaxCredentialBytes) {
    auto parsed = ParseStrictJson(body);
    if (!parsed.ok())
      return SendProblem(res, 400, "the body is not a JSON credential: " + parsed.message());
    if (!parsed->is_object())
      return SendProblem(res, 400, "the body is JSON but not a credential object");
    parsed_credential = std::move(parsed).value();
  }
  auto at = AtParam(req, reader->Now());
  if (!at.ok()) return SendError(res, at.error());
  auto state = context.cache().Verifier(generation, *reader);
  if (!state.ok()) return SendError(res, state.error());
  RegistryStatusLists lists(**state, *reader);
  RegistryIssuance issuance(context.cache(), generation, *reader);
  VerificationInputs inputs{&lists, &issuance, true, &context.cache().verified_proofs()};
  VerificationReport report =
      parsed_credential
          ? VerifyLabelCredentialJson(*parsed_credential, (*state)->trust, inputs, *at)
          : VerifyLabelCredential(body, (*state)->trust, inputs, *at);
  std::string id = OwnCertificateId(*reader, report);
  std::string text =
      AnswerText(report, RegistryRecordText(*reader, generation, context, report, id));
  if (!id.empty()) {
    // The certificate's log entries and their inclusion proofs are built once per registry
    // generation and spliced in as text, so a verification does not rebuild or reparse them.
    auto log = CertificateLogDocument(context, generation, *reader, id);
    if (!log.ok()) return SendError(res, log.error());
    text.pop_back();  // the closing brace of the answer object
    text += ",\"log\":" + (*log)->body + "}";
  }
  SendUncachedJson(res, std::move(text));
}

// One batch item, given as its JSON text: a credential object or a JWS string.
VerificationReport VerifyItem(std::string_view text, const TrustedIssuer& trust,
                              const VerificationInputs& inputs, UnixSeconds at) {
  auto parsed = ParseStrictJson(text);
  if (parsed.ok() && parsed->is_string()) {
    return VerifyLabelCredential(parsed->get_ref<const std::string&>(), trust, inputs, at);
  }
  if (parsed.ok()) return VerifyLabelCredentialJson(*parsed, trust, inputs, at);
  return VerifyLabelCredential(text, trust, inputs, at);  // reports the parse failure
}

// A batch's items: views into the body, or, for the wrapped form, into `owned`.
struct BatchItems {
  std::vector<std::string> owned;
  std::vector<std::string_view> items;
};

struct BatchProblem {
  int status;
  std::string detail;
};

// Splits a batch body (a JSON array, or {"credentials": [...]}) into its items without
// parsing them; the problem that refuses it otherwise.
std::optional<BatchProblem> SplitBatch(std::string_view body, BatchItems& out) {
  const char* kShape = "send a JSON array of credentials, or {\"credentials\": [...]}";
  if (body.size() > kMaxBatchBytes) return BatchProblem{413, "a batch body holds at most 8 MiB"};
  size_t first = body.find_first_not_of(" \t\r\n");
  if (first != std::string_view::npos && body[first] == '{') {
    StrictJsonLimits limits;
    limits.max_bytes = kMaxBatchBytes;
    auto parsed = ParseStrictJson(body, limits);
    if (!parsed.ok()) return BatchProblem{400, "the body is not JSON: " + parsed.message()};
    if (!parsed->contains("credentials") || !(*parsed)["credentials"].is_array()) {
      return BatchProblem{400, kShape};
    }
    for (const Json& item : (*parsed)["credentials"]) out.owned.push_back(item.dump());
    out.items.assign(out.owned.begin(), out.owned.end());
  } else {
    auto split = SplitJsonArray(body, 100 * kMaxBatch);  // counted exactly below, for the 413
    if (!split.ok()) return BatchProblem{400, std::string(kShape) + ": " + split.message()};
    out.items = std::move(split).value();
  }
  if (out.items.size() > kMaxBatch) {
    return BatchProblem{413, "a batch holds at most " + std::to_string(kMaxBatch) + " credentials"};
  }
  return std::nullopt;
}

// Runs `work(begin, end)` over [0, count) in chunks on up to one thread per core (this one
// included), at least 16 items to a thread.
void InParallel(size_t count, const std::function<void(size_t, size_t)>& work) {
  size_t workers =
      std::min<size_t>(std::max(1u, std::thread::hardware_concurrency()), count / 16 + 1);
  size_t chunk = (count + workers - 1) / workers;
  std::vector<std::thread> threads;
  for (size_t w = 1; w < workers; ++w) {
    threads.emplace_back(work, std::min(w * chunk, count), std::min((w + 1) * chunk, count));
  }
  work(0, std::min(chunk, count));
  for (auto& t : threads) t.join();
}

void VerifyBatch(ServerContext& context, const httplib::Request& req, httplib::Response& res) {
  int64_t generation = 0;
  const PublicRegistry* reader = context.Begin(res, &generation);
  if (reader == nullptr) return;
  // The array is only split here; its items are parsed, verified and serialised in parallel.
  BatchItems batch;
  if (std::optional<BatchProblem> problem = SplitBatch(req.body, batch)) {
    return SendProblem(res, problem->status, problem->detail);
  }
  const std::vector<std::string_view>& items = batch.items;
  auto at = AtParam(req, reader->Now());
  if (!at.ok()) return SendError(res, at.error());
  auto state = context.cache().Verifier(generation, *reader);
  if (!state.ok()) return SendError(res, state.error());

  std::mutex reader_lock;  // the items are verified on several threads, with one reader
  RegistryStatusLists lists(**state, *reader, &reader_lock);
  RegistryIssuance issuance(context.cache(), generation, *reader, &reader_lock);
  VerificationInputs inputs{&lists, &issuance, true, &context.cache().verified_proofs()};
  std::vector<std::string> results(items.size());
  std::vector<char> verified(items.size()), valid(items.size());
  auto verify_range = [&](size_t begin, size_t end) {
    for (size_t i = begin; i < end; ++i) {
      VerificationReport report = VerifyItem(items[i], (*state)->trust, inputs, *at);
      verified[i] = report.verified;
      valid[i] = report.valid();
      // A batch answer stays small: verify one credential alone to see every check.
      results[i] = report.ToJsonText(/*with_checks=*/false);
    }
  };
  InParallel(items.size(), verify_range);

  size_t verified_count = std::count(verified.begin(), verified.end(), 1);
  size_t valid_count = std::count(valid.begin(), valid.end(), 1);
  std::string body = "{\"results\":[";
  for (size_t i = 0; i < results.size(); ++i) {
    if (i > 0) body += ',';
    body += results[i];
  }
  body += "],\"total\":" + std::to_string(items.size()) +
          ",\"verified\":" + std::to_string(verified_count) +
          ",\"valid\":" + std::to_string(valid_count) + ",\"checkedAt\":\"" +
          FormatDateTimeStamp(*at) + "\"}";
  SendUncachedJson(res, std::move(body));
}

}  // namespace

void AddVerifyRoutes(RouteTable& routes, ServerContext& context) {
  routes.Post("/api/v1/verify", "verify", Work::kCompute, kSmallBody,
              [&context](const httplib::Request& req, httplib::Response& res) {
                if (WithinVerifyRate(context, req, res, 1)) VerifyOne(context, req, res);
              });
  routes.Post("/api/v1/verify/batch", "verify_batch", Work::kCompute, kLargestBody,
              [&context](const httplib::Request& req, httplib::Response& res) {
                if (WithinVerifyRate(context, req, res, 10)) VerifyBatch(context, req, res);
              });
}

}  // namespace siegel::http
