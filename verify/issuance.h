// What siegel-verify asks the issuing registry about a credential whose signature verified
// (--online, --log): the registry's record of the certificate's issuance, as its log entries
// say, fetched from the registry the credential's id names (which the verifier's profile check
// has tied to the issuer's own address). With a pinned log key, each entry must also be in the
// log under a checkpoint the key signed.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "credential/verifier.h"
#include "transparency/log_event.h"
#include "transparency/signed_note.h"
#include "verify/online.h"

namespace siegel::verify {

// A certificate's log events as its registry serves them (/api/v1/certificates/{ID}/log);
// with `log_key`, only if every entry is included under a checkpoint that key signed, whose
// size is then put in `tree_size`. NotFound when the registry has no such certificate, Refused
// when what it serves does not verify. `keep_cached`: see DocumentFetcher::FetchDocument.
Result<std::vector<LogEvent>> CertificateLogEvents(
    DocumentFetcher& fetcher, const std::string& base_url, const std::string& certificate_id,
    const note::Verifier* log_key, uint64_t* tree_size = nullptr, bool keep_cached = false);

// The registry address and certificate id in a credential id such as
// https://labels.example.org/certificates/CEBW-2026-0001; empty when it names none.
std::pair<std::string, std::string> SplitCredentialId(const std::string& credential_id);

class OnlineIssuance : public IssuanceSource {
 public:
  OnlineIssuance(DocumentFetcher& fetcher, const note::Verifier* log_key)
      : fetcher_(fetcher), log_key_(log_key) {}
  // With a pinned log key, every entry must be in the log under a checkpoint it signed.
  void set_log_key(const note::Verifier* log_key) { log_key_ = log_key; }
  // Fetches what the registry records of `credential_id` (once). Single-threaded; call before
  // the verifications that Find() serves.
  void Load(const std::string& credential_id);
  Result<IssuanceRecord> Find(const std::string& credential_id) const override;

 private:
  // Fills the content digests from the credential the registry serves, if it is the logged one.
  void AddContentDigests(const std::string& base, const std::string& id, IssuanceRecord& record);

  DocumentFetcher& fetcher_;
  const note::Verifier* log_key_;
  std::map<std::string, Result<IssuanceRecord>> records_;
};

}  // namespace siegel::verify
