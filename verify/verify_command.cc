// Verification of credential files, in steps: the trust anchors and status-list files are
// checked first (an input error there is exit 2); then each credential's signature, before
// anything it names is fetched; then, with --online or --log, what the registry records of
// the authentic ones; then every credential gets exactly one verdict.
#include "verify/verify_command.h"

#include <algorithm>
#include <iostream>
#include <map>
#include <memory>
#include <optional>
#include <sstream>
#include <thread>

#include "base/encoding.h"
#include "credential/jws.h"
#include "credential/sha256.h"
#include "credential/verifier.h"
#include "verify/input_files.h"
#include "verify/issuance.h"
#include "verify/log_client.h"
#include "verify/online.h"

namespace siegel::verify {
namespace {

std::string Verdict(const VerificationReport& report) {
  std::string line = StateLabel(report.state);
  if (report.state == CredentialState::kInvalid || report.state == CredentialState::kUnknown) {
    line += ": " + report.reason;
  }
  if (report.verified && report.status_as_of) {
    line += "; status as of " + FormatDateTimeStamp(*report.status_as_of);
    if (!report.status_source.empty()) line += " from the mirror " + report.status_source;
  }
  return line;
}

// How serious a verdict is for the exit code: the most serious of all files decides.
int ExitCodeOf(const VerificationReport& report) {
  if (report.state == CredentialState::kValid && report.verified) return kAllValid;
  if (report.state == CredentialState::kUnknown) return kStatusUnchecked;
  if (!report.verified) return kNotAuthentic;
  return kSomeNotValid;
}
int Severity(int exit_code) {
  switch (exit_code) {
    case kNotAuthentic:
      return 4;
    case kUsageError:
      return 3;
    case kSomeNotValid:
      return 2;
    case kStatusUnchecked:
      return 1;
    default:
      return 0;
  }
}

// Whether the signature verified under a trusted key (whatever the registry then says).
bool SignatureVerified(const VerificationReport& report) {
  for (const VerificationCheck& check : report.checks) {
    if (check.name == "signature") return check.ok;
  }
  return false;
}

// Status lists given as files first, then those fetched online.
class CombinedStatusLists : public StatusListSource {
 public:
  CombinedStatusLists(const StatusListSet& files, const OnlineStatusLists* online)
      : files_(files), online_(online) {}
  Result<StatusListRef> Find(const std::string& url) const override {
    auto from_file = files_.Find(url);
    if (from_file.ok() || online_ == nullptr) return from_file;
    return online_->Find(url);
  }

 private:
  const StatusListSet& files_;
  const OnlineStatusLists* online_;
};

// The issuer documents fetched with --online, one per DID.
class OnlineTrust {
 public:
  OnlineTrust(DocumentFetcher& fetcher, bool mirrors_asked)
      : fetcher_(fetcher), mirrors_asked_(mirrors_asked) {}
  // The issuer document of `did`, fetched once per run; the pointer lives as long as this.
  const Result<TrustedIssuer>& For(const std::string& did) {
    auto it = issuers_.find(did);
    if (it == issuers_.end()) it = issuers_.emplace(did, Resolve(did)).first;
    return it->second;
  }

 private:
  Result<TrustedIssuer> Resolve(const std::string& did) {
    auto url = DidWebDocumentUrl(did);
    if (!url.ok()) return url.error();
    auto text = fetcher_.Fetch(*url);
    if (!text.ok()) {
      // A mirror holds copies; the keys that say what is genuine come only from the issuer.
      return Error::Io("cannot fetch the issuer document: " + text.message() +
                       (mirrors_asked_ ? " (the issuer's keys are never taken from a mirror: "
                                         "give them with --trust)"
                                       : ""));
    }
    auto json = ParseStrictJson(*text);
    if (!json.ok()) return Error::InvalidInput(*url + " is not JSON: " + json.message());
    auto trust = TrustedIssuer::FromDocument(*json);
    if (!trust.ok()) return Error::InvalidInput(*url + ": " + trust.message());
    if (trust->did() != did)
      return Error::InvalidInput(*url + " describes " + trust->did() + ", not " + did);
    return trust;
  }

  DocumentFetcher& fetcher_;
  bool mirrors_asked_;
  std::map<std::string, Result<TrustedIssuer>> issuers_;
};

// What the log records of a credential: the digest of its JCS form (a JSON file) or of the
// compact JWS text (a JWS file).
struct CredentialDigests {
  std::string credential_sha256, jws_sha256;
};
CredentialDigests DigestsOf(std::string_view text, const VerificationReport& report) {
  while (!text.empty() && (text.back() == '\n' || text.back() == '\r' || text.back() == ' '))
    text.remove_suffix(1);
  if (LooksLikeCompactJws(text)) return {"", HexEncode(Sha256(text))};
  auto digest = CredentialDigest(report.credential);
  return {digest.ok() ? *digest : "", ""};
}

// One run of siegel-verify over its files.
class VerifyRun {
 public:
  VerifyRun(const VerifyOptions& options, std::ostream& out, std::ostream& err)
      : options_(options),
        out_(out),
        err_(err),
        fetcher_(options.cache_dir == "off"  ? std::filesystem::path()
                 : options.cache_dir.empty() ? DocumentFetcher::DefaultCacheDir()
                                             : std::filesystem::path(options.cache_dir)),
        online_trust_(fetcher_, !options.mirrors.empty()),
        issuance_(fetcher_, nullptr) {
    fetcher_.set_mirrors(options.mirrors);
    log_fetcher_.set_mirrors(options.mirrors);
  }

  int Run() {
    if (int usage = ReadOptions(); usage != kAllValid) return usage;
    if (int usage = ReadFilesAndTrust(); usage != kAllValid) return usage;
    if (options_.online || log_key_) AskTheRegistry();
    VerifyAll();
    return Report();
  }

 private:
  struct Pending {
    std::string file;
    std::string text;
    const TrustedIssuer* trust = nullptr;
    bool read = true;  // false: the worker reads the file
    Status read_status;
  };

  int UsageError(const std::string& message) {
    err_ << "siegel-verify: " << message << std::endl;
    return kUsageError;
  }

  int ReadOptions() {
    if (options_.files.empty()) {
      return UsageError("name at least one credential file (JSON or JWS)");
    }
    if (!options_.mirrors.empty() && !options_.online) {
      return UsageError(
          "--mirror is for --online: the mirrors are asked when the registry "
          "does not answer");
    }
    if (options_.trust_file.empty() && !options_.online) {
      return UsageError(
          "--trust is required: the issuer's DID document (did.json) or JWKS, downloaded from "
          "the registry you trust (or use --online to fetch it)");
    }
    if (!options_.log_key.empty()) {
      auto key = LoadLogKey(options_.log_key);
      if (!key.ok()) return UsageError("--log-key: " + key.message());
      log_key_ = std::move(key).value();
      issuance_.set_log_key(&*log_key_);
    }
    if (!options_.trust_file.empty()) {
      auto trust = LoadPinnedTrust(options_.trust_file);
      if (!trust.ok()) return UsageError("--trust " + options_.trust_file + ": " + trust.message());
      pinned_ = std::move(trust).value();
    }
    at_ = NowUnixSeconds();
    if (!options_.at.empty()) {
      auto parsed = ParseDateOrDateTime(options_.at);
      if (!parsed.ok()) return UsageError("--at: " + parsed.message());
      at_ = *parsed;
    }
    return kAllValid;
  }

  // Each file's text (or, offline with a pinned issuer, its name: the worker reads it) and
  // its trust anchor; the status-list files against the first anchor.
  int ReadFilesAndTrust() {
    pending_.reserve(options_.files.size());
    // With a pinned issuer and nothing to fetch, a file is read by the worker that verifies
    // it, just before it does: reading thousands of files first kept them all in memory.
    const bool read_in_workers = pinned_ && !options_.online && !log_key_;
    for (const std::string& file : options_.files) {
      if (read_in_workers && file_lists_) {
        pending_.push_back({file, std::string(), &*pinned_, false, Status::Ok()});
        continue;
      }
      auto text = ReadCredentialInput(file);
      if (!text.ok()) {
        err_ << "siegel-verify: " << text.message() << std::endl;
        input_error_ = true;
        continue;
      }
      // The trust anchor: pinned, or the issuer's own did:web document fetched now.
      const TrustedIssuer* trust = pinned_ ? &*pinned_ : nullptr;
      Status trust_status;
      if (!pinned_) {
        auto pointers = ReadPointers(*text);
        if (pointers.ok()) {
          const Result<TrustedIssuer>& fetched = online_trust_.For(pointers->issuer);
          if (!fetched.ok()) {
            err_ << "siegel-verify: " << file << ": " << fetched.message() << std::endl;
            input_error_ = true;
            continue;
          }
          trust = &*fetched;
        } else {
          trust_status = pointers.error();
        }
      }
      if (!file_lists_) {
        if (int usage = LoadStatusListFiles(trust, trust_status); usage != kAllValid) return usage;
      }
      pending_.push_back({file, std::move(text).value(), trust, true, Status::Ok()});
    }
    return kAllValid;
  }

  // Status list files are verified once, against the first trust anchor.
  int LoadStatusListFiles(const TrustedIssuer* trust, const Status& trust_status) {
    file_lists_.emplace();
    for (const std::string& list_file : options_.status_lists) {
      auto list_text = ReadInput(list_file);
      Status added = trust == nullptr ? trust_status
                     : list_text.ok() ? file_lists_->Add(*list_text, *trust)
                                      : Status(list_text.error());
      if (!added.ok()) return UsageError("--status-list " + list_file + ": " + added.message());
    }
    return kAllValid;
  }

  // For the credentials whose signature verifies, and only for them: their status lists
  // (--online) and what the registry records of their issuance (--online, --log).
  void AskTheRegistry() {
    for (const Pending& item : pending_) {
      if (item.trust == nullptr) continue;
      VerificationInputs authenticity_only;  // nothing fetched yet
      VerificationReport report =
          VerifyLabelCredential(item.text, *item.trust, authenticity_only, at_);
      if (!SignatureVerified(report)) continue;
      std::string id = StringMember(report.credential, "id");
      issuance_.Load(id);
      if (!options_.online) continue;
      auto entries = ReadStatusEntries(report.credential);
      if (!entries.ok()) continue;
      for (const StatusEntry& entry : *entries) {
        online_lists_.Load(entry.list_url, fetcher_, *item.trust);
      }
    }
    asked_registry_ = true;
  }

  // Everything is fetched and loaded: the signatures are checked on every core.
  void VerifyAll() {
    const StatusListSet no_files;
    CombinedStatusLists lists(file_lists_ ? *file_lists_ : no_files,
                              options_.online ? &online_lists_ : nullptr);
    bool have_lists = options_.online || (file_lists_ && file_lists_->size() > 0);
    VerificationInputs inputs;
    inputs.statuses = have_lists ? &lists : nullptr;
    inputs.issuance = asked_registry_ ? &issuance_ : nullptr;
    static const TrustedIssuer kNobody = TrustedIssuer::FromKeys("", {});
    reports_.resize(pending_.size());
    digests_.resize(log_key_ ? pending_.size() : 0);
    auto verify_range = [&](size_t begin, size_t end) {
      for (size_t i = begin; i < end; ++i) {
        Pending& item = pending_[i];
        if (!item.read) {
          auto text = ReadCredentialInput(item.file);
          if (!text.ok()) {
            item.read_status = text.error();
            continue;
          }
          item.text = std::move(text).value();
        }
        reports_[i] = item.trust != nullptr
                          ? VerifyLabelCredential(item.text, *item.trust, inputs, at_)
                          : VerifyLabelCredential(item.text, kNobody, VerificationInputs{}, at_);
        if (log_key_) digests_[i] = DigestsOf(item.text, reports_[i]);
        // Only the verdict is printed (and the checks only with --json): freeing the parsed
        // tree and the checks now keeps thousands of them from piling up in memory.
        reports_[i].credential = Json();
        if (!options_.json) std::vector<VerificationCheck>().swap(reports_[i].checks);
        std::string().swap(item.text);  // assigning "" would keep the buffer
      }
    };
    size_t jobs = std::max<size_t>(1, std::min<size_t>(options_.jobs, pending_.size() / 64 + 1));
    size_t chunk = (pending_.size() + jobs - 1) / jobs;
    std::vector<std::thread> workers;
    for (size_t j = 1; j < jobs; ++j) {
      workers.emplace_back(verify_range, std::min(j * chunk, pending_.size()),
                           std::min((j + 1) * chunk, pending_.size()));
    }
    verify_range(0, std::min(chunk, pending_.size()));
    for (auto& w : workers) w.join();
  }

  // --log for one credential: its certificate's entries must be in the log and agree.
  Json CheckLog(size_t i, std::string& verdict, int& exit_code) {
    const VerificationReport& report = reports_[i];
    auto [base, id] = SplitCredentialId(report.credential_id);
    LogVerdict logged;
    if (base.empty()) {
      logged.detail = "the credential id names no registry certificate";
    } else {
      auto& client = log_clients_[base];
      if (!client) client = std::make_unique<LogClient>(*log_key_, base, log_fetcher_);
      logged = CheckCredentialInLog(*client, log_fetcher_, base, id, digests_[i].credential_sha256,
                                    digests_[i].jws_sha256, StateName(report.state));
    }
    if (logged.ok) {
      verdict += "; in the log: " + std::to_string(logged.entries) +
                 (logged.entries == 1 ? " entry" : " entries") + " under a checkpoint of " +
                 std::to_string(logged.tree_size);
    } else {
      verdict = "NOT IN LOG: " + logged.detail;
      exit_code = kNotAuthentic;
    }
    return Json{{"ok", logged.ok},
                {"detail", logged.detail},
                {"entries", logged.entries},
                {"treeSize", logged.tree_size}};
  }

  int Report() {
    int exit_code = input_error_ ? kUsageError : kAllValid;
    Json results = Json::array();
    for (size_t i = 0; i < pending_.size(); ++i) {
      const VerificationReport& report = reports_[i];
      const std::string& file = pending_[i].file;
      if (!pending_[i].read_status.ok()) {
        err_ << "siegel-verify: " << pending_[i].read_status.message() << std::endl;
        if (Severity(kUsageError) > Severity(exit_code)) exit_code = kUsageError;
        continue;
      }
      int file_code = ExitCodeOf(report);
      std::string verdict = Verdict(report);
      Json log_json;
      if (log_key_ && report.verified) log_json = CheckLog(i, verdict, file_code);
      if (Severity(file_code) > Severity(exit_code)) exit_code = file_code;
      if (options_.json) {
        Json item = report.ToJson();
        item["file"] = file;
        if (!log_json.is_null()) item["log"] = log_json;
        results.push_back(item);
      } else if (options_.files.size() == 1) {
        out_ << verdict << "\n";
      } else {
        out_ << file << ": " << verdict << "\n";
      }
    }
    if (options_.json) {
      out_ << Json{{"results", results}}.dump(2, ' ', false, Json::error_handler_t::replace)
           << "\n";
    }
    out_.flush();
    return exit_code;
  }

  const VerifyOptions& options_;
  std::ostream& out_;
  std::ostream& err_;
  DocumentFetcher fetcher_;
  OnlineTrust online_trust_;
  OnlineStatusLists online_lists_;
  OnlineIssuance issuance_;
  bool asked_registry_ = false;
  std::optional<note::Verifier> log_key_;
  std::optional<TrustedIssuer> pinned_;
  UnixSeconds at_ = 0;
  std::optional<StatusListSet> file_lists_;
  std::vector<Pending> pending_;
  std::vector<VerificationReport> reports_;
  std::vector<CredentialDigests> digests_;
  bool input_error_ = false;
  DocumentFetcher log_fetcher_{{}};  // checkpoints and proofs are always fetched fresh
  std::map<std::string, std::unique_ptr<LogClient>> log_clients_;
};

}  // namespace

int RunVerify(const VerifyOptions& options, std::ostream& out, std::ostream& err) {
  return VerifyRun(options, out, err).Run();
}

}  // namespace siegel::verify
