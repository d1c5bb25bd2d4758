#include "verify/mirror_check.h"

#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <sstream>

#include "base/encoding.h"
#include "base/json_strict.h"
#include "credential/credential_shape.h"
#include "credential/sha256.h"
#include "credential/verifier.h"
#include "transparency/log_event.h"
#include "transparency/merkle.h"
#include "transparency/signed_note.h"
#include "transparency/tiles.h"
#include "verify/log_client.h"
#include "verify/online.h"

namespace siegel::verify {
namespace {

namespace fs = std::filesystem;

// What the log says of one certificate.
struct LoggedCertificate {
  std::string credential_sha256, jws_sha256;
  bool revoked = false, suspended = false;
};

// The path of `url` below its origin ("https://host:8443/status/x" -> "/status/x").
std::string PathOf(const std::string& url) {
  size_t scheme = url.find("://");
  size_t slash = url.find('/', scheme == std::string::npos ? 0 : scheme + 3);
  return slash == std::string::npos ? "/" : url.substr(slash);
}

std::string Trimmed(std::string url) {
  while (!url.empty() && url.back() == '/') url.pop_back();
  return url;
}

class MirrorCheck {
 public:
  MirrorCheck(const MirrorCheckOptions& options, std::ostream& out, std::ostream& err)
      : options_(options), mirror_(Trimmed(options.url)), out_(out), err_(err), fetcher_({}) {}

  int Run() {
    if (int usage = ReadOptions(); usage != kMirrorFaithful) return usage;
    auto checkpoint = CheckLog();
    if (!checkpoint) return kMirrorUnreachable;
    CheckIssuerDocument();
    CheckCertificates();
    CheckStatusLists();
    CompareWithRegistry(*checkpoint);
    RememberCheckpoint(*checkpoint);
    if (worst_ == kMirrorFaithful) {
      out_ << "mirror " << mirror_ << " is complete and faithful: " << logged_.size()
           << " certificate(s), " << lists_checked_ << " status list(s), the log up to "
           << checkpoint->size << " entries" << std::endl;
    }
    return worst_;
  }

 private:
  int Usage(const std::string& message) {
    err_ << "siegel-verify mirror: " << message << std::endl;
    return kMirrorUsage;
  }

  void Finding(int severity, const std::string& what, const std::string& path,
               const std::string& why) {
    out_ << what << ": " << mirror_ << path << ": " << why << "\n";
    if (severity > worst_) worst_ = severity;
  }

  int ReadOptions() {
    if (options_.url.empty()) return Usage("name the mirror's URL");
    if (options_.trust_file.empty()) {
      return Usage("--trust is required: the issuer's DID document or JWKS, from the registry");
    }
    if (options_.log_key.empty()) return Usage("--log-key is required: the log's verifier key");
    std::ifstream in(options_.trust_file, std::ios::binary);
    std::stringstream text;
    text << in.rdbuf();
    auto json = ParseStrictJson(text.str());
    if (!in || !json.ok()) return Usage("--trust " + options_.trust_file + " is not a JSON file");
    auto trust = TrustedIssuer::FromDocument(*json);
    if (!trust.ok()) return Usage("--trust " + options_.trust_file + ": " + trust.message());
    trust_ = std::move(trust).value();
    trust_document_ = std::move(json).value();
    auto key = LoadLogKey(options_.log_key);
    if (!key.ok()) return Usage("--log-key: " + key.message());
    log_key_ = std::move(key).value();
    return kMirrorFaithful;
  }

  // A file of the mirror; a finding (missing) when it is not there.
  std::optional<std::string> Get(const std::string& path, const char* accept = nullptr) {
    auto document = accept ? FetchWithAccept(path, accept) : fetcher_.Fetch(mirror_ + path);
    if (document.ok()) return std::move(document).value();
    Finding(kMirrorIncomplete, "MISSING", path, document.message());
    return std::nullopt;
  }
  Result<std::string> FetchWithAccept(const std::string& path, const char* accept) {
    return fetcher_.FetchAs(mirror_ + path, accept);
  }

  // The checkpoint, every tile and entry bundle; the entries replayed into logged_.
  std::optional<note::Checkpoint> CheckLog() {
    auto text = fetcher_.Fetch(mirror_ + "/log/checkpoint");
    if (!text.ok()) {
      err_ << "siegel-verify mirror: cannot read the mirror's checkpoint: " << text.message()
           << std::endl;
      return std::nullopt;
    }
    auto checkpoint = note::OpenCheckpoint(*text, *log_key_);
    if (!checkpoint.ok()) {
      Finding(kMirrorTampered, "TAMPERED", "/log/checkpoint",
              "not a checkpoint the log key signed: " + checkpoint.message());
      return std::nullopt;
    }
    merkle::MemoryTree tree;
    bool complete = true;
    for (uint64_t start = 0; start < checkpoint->size; start += tiles::kTileWidth) {
      const uint64_t index = start / tiles::kTileWidth;
      const int width =
          static_cast<int>(std::min<uint64_t>(tiles::kTileWidth, checkpoint->size - start));
      const std::string path = "/log/" + tiles::EntriesPath(index, width);
      auto bundle = Get(path);
      if (!bundle) {
        complete = false;
        break;
      }
      auto entries = tiles::ReadEntryBundle(*bundle);
      if (!entries.ok() || entries->size() != static_cast<size_t>(width)) {
        Finding(kMirrorTampered, "TAMPERED", path,
                "not an entry bundle of " + std::to_string(width) + " entries");
        complete = false;
        break;
      }
      for (const std::string& leaf : *entries) {
        tree.Append(merkle::LeafHash(leaf));
        auto event = OpenLogEvent(leaf, *log_key_);
        if (!event.ok()) {
          Finding(kMirrorTampered, "TAMPERED", path, "an entry the log key did not sign");
          continue;
        }
        Replay(*event);
      }
    }
    if (!complete) return checkpoint.value();
    auto root = tree.Root();
    if (!root.ok() || *root != checkpoint->root) {
      Finding(kMirrorTampered, "TAMPERED", "/log/tile/entries/",
              "the entries do not hash to the checkpoint's root");
    }
    for (const tiles::Tile& tile : tiles::TilesOf(checkpoint->size)) {
      const std::string path = "/log/" + tiles::TilePath(tile);
      auto bytes = Get(path);
      if (!bytes) continue;
      auto expected = tiles::TileContent(tile, tree.Nodes());
      if (!expected.ok() || *bytes != std::string(reinterpret_cast<const char*>(expected->data()),
                                                  expected->size())) {
        Finding(kMirrorTampered, "TAMPERED", path, "the tile disagrees with the log's entries");
      }
    }
    CheckAgainstLastSeen(*checkpoint, tree);
    return checkpoint.value();
  }

  void Replay(const LogEvent& event) {
    if (event.certificate.empty()) return;
    LoggedCertificate& logged = logged_[event.certificate];
    if (event.event == "issued") {
      logged.credential_sha256 = event.credential_sha256;
      logged.jws_sha256 = event.jws_sha256;
    } else if (event.event == "revoked") {
      logged.revoked = true;
    } else if (event.event == "suspended") {
      logged.suspended = true;
    } else if (event.event == "reinstated") {
      logged.suspended = false;
    }
  }

  // With --state: the checkpoint seen last time must be a prefix of this one.
  void CheckAgainstLastSeen(const note::Checkpoint& checkpoint, const merkle::MemoryTree& tree) {
    if (options_.state_dir.empty()) return;
    std::ifstream in(fs::path(options_.state_dir) / "mirror-checkpoint", std::ios::binary);
    if (!in) return;
    std::stringstream text;
    text << in.rdbuf();
    auto seen = note::OpenCheckpoint(text.str(), *log_key_);
    if (!seen.ok()) return;
    if (seen->size > checkpoint.size) {
      Finding(kMirrorIncomplete, "STALE", "/log/checkpoint",
              "the mirror's log has " + std::to_string(checkpoint.size) + " entries, fewer than " +
                  std::to_string(seen->size) + " seen on an earlier check: it went back");
      return;
    }
    auto old_root = merkle::RootOf(seen->size, tree.Nodes());
    if (!old_root.ok() || *old_root != seen->root) {
      Finding(kMirrorTampered, "TAMPERED", "/log/checkpoint",
              "the log is not an extension of the one seen on an earlier check (a fork)");
    }
  }

  void RememberCheckpoint(const note::Checkpoint& checkpoint) {
    if (options_.state_dir.empty() || worst_ == kMirrorTampered) return;
    std::error_code error;
    fs::create_directories(options_.state_dir, error);
    auto text = fetcher_.Fetch(mirror_ + "/log/checkpoint");
    if (!text.ok()) return;
    // Only a larger tree replaces the one remembered.
    std::ifstream in(fs::path(options_.state_dir) / "mirror-checkpoint", std::ios::binary);
    std::stringstream old;
    old << in.rdbuf();
    auto seen = note::OpenCheckpoint(old.str(), *log_key_);
    if (seen.ok() && seen->size > checkpoint.size) return;
    std::ofstream(fs::path(options_.state_dir) / "mirror-checkpoint", std::ios::binary) << *text;
  }

  // The mirror's issuer document must be the trusted one (DID document or JWKS, as given).
  void CheckIssuerDocument() {
    const bool jwks = trust_document_.contains("keys");
    const std::string path = jwks ? "/.well-known/jwks.json" : "/.well-known/did.json";
    auto text = Get(path);
    if (!text) return;
    auto json = ParseStrictJson(*text);
    if (!json.ok() || *json != trust_document_) {
      Finding(kMirrorTampered, "TAMPERED", path, "differs from the trusted issuer's document");
    }
  }

  // Every logged certificate: its credential (JSON and JWS) as logged and signed.
  void CheckCertificates() {
    for (const auto& [id, logged] : logged_) {
      const std::string path = "/api/v1/certificates/" + id;
      auto json = Get(path);
      if (json) {
        VerificationReport report = VerifyLabelCredential(*json, *trust_, {}, NowUnixSeconds());
        auto digest = report.credential.is_object() ? CredentialDigest(report.credential)
                                                    : Result<std::string>(Error::InvalidInput(""));
        if (!SignatureVerified(report)) {
          Finding(kMirrorTampered, "TAMPERED", path,
                  "the credential does not verify under the issuer's keys: " + report.reason);
        } else if (!digest.ok() || *digest != logged.credential_sha256) {
          Finding(kMirrorTampered, "TAMPERED", path, "not the credential the log recorded");
        } else {
          NoteStatusLists(report.credential, id);
        }
      }
      auto jws = Get(path, "application/vc+jwt");
      if (jws && HexEncode(Sha256(TrimmedText(*jws))) != logged.jws_sha256) {
        Finding(kMirrorTampered, "TAMPERED", path + " (JWS)", "not the JWS the log recorded");
      }
    }
  }

  static std::string_view TrimmedText(std::string_view text) {
    while (!text.empty() && (text.back() == '\n' || text.back() == '\r')) text.remove_suffix(1);
    return text;
  }

  static bool SignatureVerified(const VerificationReport& report) {
    for (const VerificationCheck& check : report.checks) {
      if (check.name == "signature") return check.ok;
    }
    return false;
  }

  void NoteStatusLists(const Json& credential, const std::string& id) {
    auto entries = ReadStatusEntries(credential);
    if (!entries.ok()) return;
    for (const StatusEntry& entry : *entries) {
      status_uses_[entry.list_url].push_back({id, entry});
    }
  }

  // Each list: signed, recent, and agreeing with the log for every certificate it covers.
  void CheckStatusLists() {
    const UnixSeconds now = NowUnixSeconds();
    for (const auto& [url, uses] : status_uses_) {
      const std::string path = PathOf(url);
      auto text = Get(path);
      if (!text) continue;
      ++lists_checked_;
      auto json = ParseStrictJson(*text);
      auto verified = json.ok() ? VerifyStatusListCredential(*json, *trust_)
                                : Result<std::pair<std::string, VerifiedStatusList>>(json.error());
      if (!verified.ok() || verified->first != url) {
        Finding(kMirrorTampered, "TAMPERED", path,
                verified.ok() ? "the list names itself " + verified->first
                              : "the status list does not verify: " + verified.message());
        continue;
      }
      const VerifiedStatusList& list = verified->second;
      if (now - list.valid_from > options_.max_status_age) {
        Finding(kMirrorIncomplete, "STALE", path,
                "signed " + FormatDateTimeStamp(list.valid_from) + ", more than " +
                    std::to_string(options_.max_status_age) +
                    " s ago (the registry signs its lists anew every hour)");
      }
      for (const auto& [id, entry] : uses) {
        const LoggedCertificate& logged = logged_[id];
        // A revoked certificate is marked on the suspension list too (it can never be
        // reinstated).
        const bool revocation = entry.purpose == "revocation";
        const bool expected = revocation ? logged.revoked : logged.suspended || logged.revoked;
        const std::string state = revocation ? "revoked" : "suspended";
        if (entry.index < list.bits.size() && list.bits.Get(entry.index) != expected) {
          Finding(kMirrorIncomplete, "STALE", path,
                  id + " is " + (expected ? "" : "not ") + state + " by the log, but the list " +
                      "says " + (expected ? "not" : "so") + " (an old copy of the list)");
        }
      }
    }
  }

  // With --registry: the mirror holds the registry's whole log.
  void CompareWithRegistry(const note::Checkpoint& checkpoint) {
    if (options_.registry.empty()) return;
    auto text = fetcher_.Fetch(Trimmed(options_.registry) + "/log/checkpoint");
    if (!text.ok()) {
      out_ << "note: the registry could not be asked how far the mirror is behind: "
           << text.message() << "\n";
      return;
    }
    auto current = note::OpenCheckpoint(*text, *log_key_);
    if (current.ok() && current->size > checkpoint.size) {
      Finding(kMirrorIncomplete, "STALE", "/log/checkpoint",
              "the mirror's log has " + std::to_string(checkpoint.size) +
                  " entries, the registry's " + std::to_string(current->size) + ": sync it again");
    }
  }

  struct StatusUse {
    std::string id;
    StatusEntry entry;
  };

  const MirrorCheckOptions& options_;
  const std::string mirror_;
  std::ostream& out_;
  std::ostream& err_;
  DocumentFetcher fetcher_;
  std::optional<TrustedIssuer> trust_;
  Json trust_document_;
  std::optional<note::Verifier> log_key_;
  std::map<std::string, LoggedCertificate> logged_;
  std::map<std::string, std::vector<StatusUse>> status_uses_;
  int lists_checked_ = 0;
  int worst_ = kMirrorFaithful;
};

}  // namespace

int RunMirrorCheck(const MirrorCheckOptions& options, std::ostream& out, std::ostream& err) {
  return MirrorCheck(options, out, err).Run();
}

}  // namespace siegel::verify
