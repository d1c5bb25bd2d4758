// Offline verification: trust document and status lists are checked first (an input error
// there is exit 2); then every credential gets exactly one verdict.
#include "verify/verify_command.h"

#include <fstream>
#include <iostream>
#include <map>
#include <optional>
#include <sstream>

#include "registry/credential/verifier.h"
#include "verify/online.h"

namespace siegel::verify {
namespace {

constexpr size_t kMaxFileBytes = 1 << 20;

Result<std::string> ReadInput(const std::string& path) {
  std::ostringstream text;
  if (path == "-") {
    text << std::cin.rdbuf();
  } else {
    std::ifstream in(path, std::ios::binary);
    if (!in) return Error::InvalidInput("cannot read " + path);
    in.seekg(0, std::ios::end);
    if (in.tellg() > static_cast<std::streamoff>(kMaxFileBytes)) {
      return Error::InvalidInput(path + " is larger than 1 MiB; it is not a credential");
    }
    in.seekg(0);
    text << in.rdbuf();
  }
  if (text.str().size() > kMaxFileBytes) return Error::InvalidInput(path + " is larger than 1 MiB");
  return text.str();
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
  CombinedStatusLists(const StatusListSet& files, const OnlineStatusLists* online) : files_(files), online_(online) {}
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
  Result<TrustedIssuer> For(const std::string& did) {
    auto it = issuers_.find(did);
    if (it != issuers_.end()) return it->second;
    Result<TrustedIssuer> resolved = Resolve(did);
    issuers_.emplace(did, resolved);
    return resolved;
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
    if (trust->did() != did) return Error::InvalidInput(*url + " describes " + trust->did() + ", not " + did);
    return trust;
  }

  DocumentFetcher& fetcher_;
  std::map<std::string, Result<TrustedIssuer>> issuers_;
};

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
  std::optional<TrustedIssuer> pinned;
  if (!options.trust_file.empty()) {
    auto trust = LoadPinnedTrust(options.trust_file);
    if (!trust.ok()) {
      err << "siegel-verify: --trust " << options.trust_file << ": " << trust.message() << std::endl;
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
                                    : options.cache_dir.empty() ? DocumentFetcher::DefaultCacheDir()
                                                                : std::filesystem::path(options.cache_dir);
  DocumentFetcher fetcher(cache_dir);
  OnlineTrust online_trust(fetcher);
  OnlineStatusLists online_lists;

  bool any_not_valid = false, any_unchecked = false, input_error = false;
  Json results = Json::array();
  std::optional<StatusListSet> file_lists;
  for (const std::string& file : options.files) {
    auto text = ReadInput(file);
    if (!text.ok()) {
      err << "siegel-verify: " << text.message() << std::endl;
      input_error = true;
      continue;
    }
    // The trust anchor: pinned, or the issuer's own did:web document fetched now.
    Result<TrustedIssuer> trust = pinned ? Result<TrustedIssuer>(*pinned) : Error::Internal("no trust");
    auto pointers = options.online ? ReadPointers(*text) : Result<CredentialPointers>(CredentialPointers{});
    if (!pinned) {
      trust = pointers.ok() ? online_trust.For(pointers->issuer) : Result<TrustedIssuer>(pointers.error());
      if (!trust.ok() && pointers.ok()) {
        err << "siegel-verify: " << file << ": " << trust.message() << std::endl;
        input_error = true;
        continue;
      }
    }
    if (!file_lists) {
      // Status list files are verified once, against the first trust anchor.
      file_lists.emplace();
      for (const std::string& list_file : options.status_lists) {
        auto list_text = ReadInput(list_file);
        Status added = !trust.ok() ? trust.status() : list_text.ok() ? file_lists->Add(*list_text, *trust)
                                                                     : Status(list_text.error());
        if (!added.ok()) {
          err << "siegel-verify: --status-list " << list_file << ": " << added.message() << std::endl;
          return kUsageError;
        }
      }
    }
    if (options.online && pointers.ok() && trust.ok()) {
      for (const std::string& url : pointers->status_lists) online_lists.Load(url, fetcher, *trust);
    }
    CombinedStatusLists lists(*file_lists, options.online ? &online_lists : nullptr);
    bool have_lists = options.online || file_lists->size() > 0;
    VerificationReport report =
        trust.ok() ? VerifyLabelCredential(*text, *trust, have_lists ? &lists : nullptr, at)
                   : VerifyLabelCredential(*text, TrustedIssuer::FromKeys("", {}), nullptr, at);
    if (report.state == CredentialState::kUnknown) {
      any_unchecked = true;
    } else if (report.state != CredentialState::kValid) {
      any_not_valid = true;
    }
    if (options.json) {
      Json item = report.ToJson();
      item["file"] = file;
      results.push_back(item);
    } else if (options.files.size() == 1) {
      out << Verdict(report) << "\n";
    } else {
      out << file << ": " << Verdict(report) << "\n";
    }
  }
  if (options.json) out << Json{{"results", results}}.dump(2, ' ', false, Json::error_handler_t::replace) << "\n";
  out.flush();
  if (input_error) return kUsageError;
  if (any_not_valid) return kSomeNotValid;
  if (any_unchecked) return kStatusUnchecked;
  return kAllValid;
}

}  // namespace siegel::verify
