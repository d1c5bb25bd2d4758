// Offline verification: trust document and status lists are checked first (an input error
// there is exit 2); then every credential gets exactly one verdict.
#include "verify/verify_command.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <iostream>
#include <map>
#include <optional>
#include <sstream>
#include <thread>

#include "registry/credential/jws.h"
#include "registry/credential/sha256.h"
#include "registry/credential/verifier.h"
#include "verify/log_client.h"
#include "verify/online.h"

namespace siegel::verify {
namespace {

constexpr size_t kMaxFileBytes = 1 << 20;

Result<std::string> ReadInput(const std::string& path) {
  if (path == "-") {
    std::ostringstream in;
    in << std::cin.rdbuf();
    std::string text = in.str();
    if (text.size() > kMaxFileBytes)
      return Error::InvalidInput("standard input is larger than 1 MiB; it is not a credential");
    return text;
  }
  // open, fstat, one read into a string of the file's size, close: this runs for every
  // credential of a large batch, and stdio's buffering only added copies and system calls.
  // A pipe (`<(curl ...)`) has no size and is read until its end.
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return Error::InvalidInput("cannot read " + path);
  struct stat info {};
  bool regular = ::fstat(fd, &info) == 0 && S_ISREG(info.st_mode);
  if (regular && static_cast<uint64_t>(info.st_size) > kMaxFileBytes) {
    ::close(fd);
    return Error::InvalidInput(path + " is larger than 1 MiB; it is not a credential");
  }
  std::string text(regular ? static_cast<size_t>(info.st_size) : 16384, '\0');
  size_t done = 0;
  bool failed = false;
  while (done <= kMaxFileBytes) {
    if (done == text.size()) {
      if (regular) break;
      text.resize(text.size() * 2);
    }
    ssize_t n = ::read(fd, text.data() + done, text.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) failed = true;
    if (n <= 0) break;
    done += static_cast<size_t>(n);
  }
  ::close(fd);
  if (failed) return Error::InvalidInput("cannot read " + path);
  if (done > kMaxFileBytes)
    return Error::InvalidInput(path + " is larger than 1 MiB; it is not a credential");
  text.resize(done);
  return text;
}

std::string Verdict(const VerificationReport& report) {
  std::string line = StateLabel(report.state);
  if (report.state == CredentialState::kInvalid || report.state == CredentialState::kUnknown) {
    line += ": " + report.reason;
  }
  return line;
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
  explicit OnlineTrust(DocumentFetcher& fetcher) : fetcher_(fetcher) {}
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
    if (!text.ok()) return Error::Io("cannot fetch the issuer document: " + text.message());
    auto json = ParseStrictJson(*text);
    if (!json.ok()) return Error::InvalidInput(*url + " is not JSON: " + json.message());
    auto trust = TrustedIssuer::FromDocument(*json);
    if (!trust.ok()) return Error::InvalidInput(*url + ": " + trust.message());
    if (trust->did() != did)
      return Error::InvalidInput(*url + " describes " + trust->did() + ", not " + did);
    return trust;
  }

  DocumentFetcher& fetcher_;
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

// The registry address and certificate id in a credential id such as
// https://labels.example.org/certificates/CEBW-2026-0001.
std::pair<std::string, std::string> SplitCredentialId(const std::string& credential_id) {
  size_t at = credential_id.rfind("/certificates/");
  if (at == std::string::npos) return {};
  return {credential_id.substr(0, at), credential_id.substr(at + 14)};
}

Result<TrustedIssuer> LoadPinnedTrust(const std::string& file) {
  auto text = ReadInput(file);
  if (!text.ok()) return text.error();
  auto json = ParseStrictJson(*text);
  if (!json.ok()) return json.error();
  return TrustedIssuer::FromDocument(*json);
}

}  // namespace

int RunVerify(const VerifyOptions& options, std::ostream& out, std::ostream& err) {
  if (options.files.empty()) {
    err << "siegel-verify: name at least one credential file (JSON or JWS)" << std::endl;
    return kUsageError;
  }
  if (options.trust_file.empty() && !options.online) {
    err << "siegel-verify: --trust is required: the issuer's DID document (did.json) or JWKS, "
           "downloaded from the registry you trust (or use --online to fetch it)"
        << std::endl;
    return kUsageError;
  }
  std::optional<note::Verifier> log_key;
  if (!options.log_key.empty()) {
    auto key = LoadLogKey(options.log_key);
    if (!key.ok()) {
      err << "siegel-verify: --log-key: " << key.message() << std::endl;
      return kUsageError;
    }
    log_key = std::move(key).value();
  }
  std::optional<TrustedIssuer> pinned;
  if (!options.trust_file.empty()) {
    auto trust = LoadPinnedTrust(options.trust_file);
    if (!trust.ok()) {
      err << "siegel-verify: --trust " << options.trust_file << ": " << trust.message()
          << std::endl;
      return kUsageError;
    }
    pinned = std::move(trust).value();
  }
  UnixSeconds at = NowUnixSeconds();
  if (!options.at.empty()) {
    auto parsed = ParseDateOrDateTime(options.at);
    if (!parsed.ok()) {
      err << "siegel-verify: --at: " << parsed.message() << std::endl;
      return kUsageError;
    }
    at = *parsed;
  }
  std::filesystem::path cache_dir = options.cache_dir == "off" ? std::filesystem::path()
                                    : options.cache_dir.empty()
                                        ? DocumentFetcher::DefaultCacheDir()
                                        : std::filesystem::path(options.cache_dir);
  DocumentFetcher fetcher(cache_dir);
  OnlineTrust online_trust(fetcher);
  OnlineStatusLists online_lists;

  bool any_not_valid = false, any_unchecked = false, input_error = false;
  Json results = Json::array();
  std::optional<StatusListSet> file_lists;
  struct Pending {
    std::string file;
    std::string text;
    const TrustedIssuer* trust;
    bool read = true;  // false: the worker reads the file
    Status read_status;
  };
  std::vector<Pending> pending;
  pending.reserve(options.files.size());
  // With a pinned issuer and nothing to fetch, a file is read by the worker that verifies it,
  // just before it does: reading thousands of files first kept them all in memory at once.
  const bool read_in_workers = pinned && !options.online;
  for (const std::string& file : options.files) {
    if (read_in_workers && file_lists) {
      pending.push_back({file, std::string(), &*pinned, false, Status::Ok()});
      continue;
    }
    auto text = ReadInput(file);
    if (!text.ok()) {
      err << "siegel-verify: " << text.message() << std::endl;
      input_error = true;
      continue;
    }
    // The trust anchor: pinned, or the issuer's own did:web document fetched now. Pointers,
    // not copies: this loop runs once per file, for thousands of files.
    const TrustedIssuer* trust = pinned ? &*pinned : nullptr;
    Status trust_status;
    auto pointers =
        options.online ? ReadPointers(*text) : Result<CredentialPointers>(CredentialPointers{});
    if (!pinned && pointers.ok()) {
      const Result<TrustedIssuer>& fetched = online_trust.For(pointers->issuer);
      if (!fetched.ok()) {
        err << "siegel-verify: " << file << ": " << fetched.message() << std::endl;
        input_error = true;
        continue;
      }
      trust = &*fetched;
    } else if (!pinned) {
      trust_status = pointers.error();
    }
    if (!file_lists) {
      // Status list files are verified once, against the first trust anchor.
      file_lists.emplace();
      for (const std::string& list_file : options.status_lists) {
        auto list_text = ReadInput(list_file);
        Status added = trust == nullptr ? trust_status
                       : list_text.ok() ? file_lists->Add(*list_text, *trust)
                                        : Status(list_text.error());
        if (!added.ok()) {
          err << "siegel-verify: --status-list " << list_file << ": " << added.message()
              << std::endl;
          return kUsageError;
        }
      }
    }
    if (options.online && pointers.ok() && trust != nullptr) {
      for (const std::string& url : pointers->status_lists) online_lists.Load(url, fetcher, *trust);
    }
    pending.push_back({file, std::move(text).value(), trust, true, Status::Ok()});
  }

  // Everything is fetched and loaded: the signatures are checked on every core, the verdicts
  // printed in the order of the files.
  const StatusListSet no_files;
  CombinedStatusLists lists(file_lists ? *file_lists : no_files,
                            options.online ? &online_lists : nullptr);
  bool have_lists = options.online || (file_lists && file_lists->size() > 0);
  static const TrustedIssuer kNobody = TrustedIssuer::FromKeys("", {});
  std::vector<VerificationReport> reports(pending.size());
  std::vector<CredentialDigests> digests(log_key ? pending.size() : 0);
  auto verify_range = [&](size_t begin, size_t end) {
    for (size_t i = begin; i < end; ++i) {
      if (!pending[i].read) {
        auto text = ReadInput(pending[i].file);
        if (!text.ok()) {
          pending[i].read_status = text.error();
          continue;
        }
        pending[i].text = std::move(text).value();
      }
      reports[i] = pending[i].trust != nullptr
                       ? VerifyLabelCredential(pending[i].text, *pending[i].trust,
                                               have_lists ? &lists : nullptr, at)
                       : VerifyLabelCredential(pending[i].text, kNobody, nullptr, at);
      if (log_key) digests[i] = DigestsOf(pending[i].text, reports[i]);
      // Only the verdict is printed (and the checks only with --json): freeing the parsed tree
      // and the checks now keeps thousands of them from piling up in memory, and the next
      // file reuses that memory instead of faulting in new pages.
      reports[i].credential = Json();
      if (!options.json) std::vector<VerificationCheck>().swap(reports[i].checks);
      std::string().swap(pending[i].text);  // assigning "" would keep the buffer
    }
  };
  size_t jobs = std::max<size_t>(1, std::min<size_t>(options.jobs, pending.size() / 64 + 1));
  size_t chunk = (pending.size() + jobs - 1) / jobs;
  std::vector<std::thread> workers;
  for (size_t j = 1; j < jobs; ++j) {
    workers.emplace_back(verify_range, std::min(j * chunk, pending.size()),
                         std::min((j + 1) * chunk, pending.size()));
  }
  verify_range(0, std::min(chunk, pending.size()));
  for (auto& w : workers) w.join();

  // --log: each credential with a signature that verified is looked up in the log.
  std::map<std::string, std::unique_ptr<LogClient>> log_clients;
  DocumentFetcher log_fetcher({});  // checkpoints and proofs are always fetched fresh
  for (size_t i = 0; i < pending.size(); ++i) {
    const VerificationReport& report = reports[i];
    const std::string& file = pending[i].file;
    if (!pending[i].read_status.ok()) {
      err << "siegel-verify: " << pending[i].read_status.message() << std::endl;
      input_error = true;
      continue;
    }
    if (report.state == CredentialState::kUnknown) {
      any_unchecked = true;
    } else if (report.state != CredentialState::kValid) {
      any_not_valid = true;
    }
    std::string verdict = Verdict(report);
    Json log_json;
    if (log_key && report.state != CredentialState::kInvalid) {
      auto [base, id] = SplitCredentialId(report.credential_id);
      LogVerdict logged;
      if (base.empty()) {
        logged.detail = "the credential id names no registry certificate";
      } else {
        auto& client = log_clients[base];
        if (!client) client = std::make_unique<LogClient>(*log_key, base, log_fetcher);
        logged = CheckCredentialInLog(*client, id, digests[i].credential_sha256,
                                      digests[i].jws_sha256, StateName(report.state));
      }
      log_json = {{"ok", logged.ok},
                  {"detail", logged.detail},
                  {"entries", logged.entries},
                  {"treeSize", logged.tree_size}};
      if (logged.ok) {
        verdict += "; in the log: " + std::to_string(logged.entries) +
                   (logged.entries == 1 ? " entry" : " entries") + " under a checkpoint of " +
                   std::to_string(logged.tree_size);
      } else {
        verdict = "NOT IN LOG: " + logged.detail;
        any_not_valid = true;
      }
    }
    if (options.json) {
      Json item = report.ToJson();
      item["file"] = file;
      if (!log_json.is_null()) item["log"] = log_json;
      results.push_back(item);
    } else if (options.files.size() == 1) {
      out << verdict << "\n";
    } else {
      out << file << ": " << verdict << "\n";
    }
  }
  if (options.json)
    out << Json{{"results", results}}.dump(2, ' ', false, Json::error_handler_t::replace) << "\n";
  out.flush();
  if (input_error) return kUsageError;
  if (any_not_valid) return kSomeNotValid;
  if (any_unchecked) return kStatusUnchecked;
  return kAllValid;
}

}  // namespace siegel::verify
