// siegel-verify's logic, apart from argument parsing so it can be tested in-process too.
#pragma once

#include <iosfwd>
#include <string>
#include <vector>

namespace siegel::verify {

// Exit codes; with several files the most serious decides: 4, then 2, then 1, then 3.
constexpr int kAllValid = 0;
constexpr int kSomeNotValid = 1;     // authentic, but revoked, suspended, expired, not yet valid
constexpr int kUsageError = 2;       // bad arguments or unreadable input
constexpr int kStatusUnchecked = 3;  // authenticity or status could not be decided
constexpr int kNotAuthentic = 4;     // forged, tampered, unknown key, not issued by the registry

struct VerifyOptions {
  std::vector<std::string> files;         // "-" reads standard input
  std::string trust_file;                 // DID document or JWKS; required unless online
  std::vector<std::string> status_lists;  // BitstringStatusListCredential files
  std::string at;                         // date or date-time; empty means now
  bool json = false;
  bool online = false;    // fetch the DID document (unless --trust) and the status lists
  std::string cache_dir;  // for --online; empty: the default; "off": no cache
  size_t jobs = 1;        // threads checking signatures
  std::string log_key;    // the pinned log verifier key (or a file with it): check the log too
  std::vector<std::string> mirrors;  // with online: copies asked when the registry does not answer
};

// Verifies every file; prints one line per file (or a JSON report) to `out`, problems with
// the inputs themselves to `err`. Returns the exit code.
int RunVerify(const VerifyOptions& options, std::ostream& out, std::ostream& err);

}  // namespace siegel::verify
