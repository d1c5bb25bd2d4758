// siegel-verify mirror URL: whether a static copy of a registry (`siegel publish`, served by
// any web server or object store at the registry's own paths) is complete and faithful.
//
// The log decides what must be there: the mirror's checkpoint, opened with the pinned log
// key, names a tree; every tile of it must be there and agree with the entries (the root is
// recomputed from them); the entries name every certificate, whose credential (JSON and JWS)
// must be there, verify under the pinned issuer keys and be the one the log recorded; the
// status lists must verify, be recent, and say for each certificate what its log events say.
// With --state the checkpoint must extend the one seen before (a mirror never goes back);
// with --registry the mirror must hold the registry's whole log.
#pragma once

#include <iosfwd>
#include <string>

namespace siegel::verify {

// Exit codes: the most serious finding decides.
constexpr int kMirrorFaithful = 0;
constexpr int kMirrorIncomplete = 1;  // something missing or stale: sync it again
constexpr int kMirrorUsage = 2;
constexpr int kMirrorUnreachable = 3;  // the mirror's checkpoint could not be read at all
constexpr int kMirrorTampered = 4;     // a file that is not what the registry signed or logged

struct MirrorCheckOptions {
  std::string url;         // the mirror, e.g. https://mirror.example.org
  std::string trust_file;  // the issuer's DID document or JWKS
  std::string log_key;     // the log's verifier key, or a file holding it
  std::string registry;    // optional: the registry itself, to tell how far behind it is
  std::string state_dir;   // optional: remembers the checkpoint seen, to detect rollbacks
  int64_t max_status_age = 2 * 3600;  // seconds a status list may be older than now
};

int RunMirrorCheck(const MirrorCheckOptions& options, std::ostream& out, std::ostream& err);

}  // namespace siegel::verify
