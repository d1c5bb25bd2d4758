// The public registry, read: programmes, initiatives, certificates and their status history,
// the one certificate search, and the counts the home page shows. Nothing here writes.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "base/result.h"
#include "base/timestamp.h"
#include "registry/certificate_status.h"
#include "registry/model.h"

namespace siegel {

class RegistryStore;

// The highest page a certificate search accepts.
constexpr int64_t kMaxPage = 1000000;

// One page of a certificate search: summaries without the credential bodies.
struct CertificateQuery {
  std::string status;  // valid | expired | not_yet_valid | suspended | revoked, at `at`
  std::string programme;
  std::string initiative;
  std::string region;
  std::string sector;  // a technology field, matched exactly
  std::string text;    // in the id, the initiative's name or its legal entity
  int64_t page = 1;    // 1-based
  int64_t per_page = 50;
  // The moment the status is judged at (and filtered by), from the status history; 0: now.
  UnixSeconds at = 0;
};

struct CertificateSummary {
  Certificate certificate;  // credential_json and credential_jws left empty
  std::string initiative_name;
  CertificateStatus status = CertificateStatus::kValid;
};

struct CertificatePage {
  std::vector<CertificateSummary> items;
  int64_t total = 0;
};

// A certificate as the open data shows it: the summary and the holder's public details.
struct PublicRecord {
  CertificateSummary summary;
  std::string legal_entity;
  std::string region;
  std::vector<std::string> technology_fields;
};

// A status event with its certificate's holder, for the feed and the log page.
struct EventRow {
  int64_t seq;
  StatusEvent event;
  std::string supersedes;
  std::string initiative_slug;
  std::string initiative_name;
};

class CertificateQueries {
 public:
  explicit CertificateQueries(RegistryStore& store) : store_(store) {}

  Result<std::vector<Programme>> ListProgrammes() const;
  Result<Programme> GetProgramme(const std::string& code) const;
  // Whether the programme's certificates need a second person's approval (four eyes).
  Result<bool> FourEyesRequired(const std::string& programme_code) const;
  Result<std::vector<Initiative>> ListInitiatives() const;
  Result<Initiative> GetInitiative(const std::string& slug) const;
  Result<Certificate> GetCertificate(const std::string& id) const;
  // An initiative's certificates of one programme, earliest validity first, without their
  // signed credentials (empty); none if it has none.
  Result<std::vector<Certificate>> CertificatesOf(const std::string& slug,
                                                  const std::string& programme) const;
  // The one certificate search (the public pages, the API, siegel list): filtered,
  // paginated, ordered by issue time then id (stable across pages).
  Result<CertificatePage> SearchCertificates(const CertificateQuery& query) const;
  // Every certificate with its holder, in issue order, one at a time and all from one
  // snapshot of the registry (one statement): for exports, whose memory must not grow with
  // the registry. Stops at the first error `visit` returns.
  Status ForEachPublicRecord(const std::function<Status(const PublicRecord&)>& visit) const;
  // Certificates valid now whose validity ends within `days` days, soonest first.
  Result<std::vector<CertificateSummary>> ExpiringCertificates(int days) const;
  // How many certificates are in each status now.
  Result<std::map<std::string, int64_t>> CountByStatus() const;
  // How many initiatives hold at least one valid certificate now.
  Result<int64_t> CountInitiativesWithValidLabel() const;
  // The first moment after `after` at which some certificate's status changes by the clock
  // alone (a validity begins or ends), or INT64_MAX if none will: until then, and while the
  // generation stands, every registry-wide answer stays true.
  Result<UnixSeconds> NextStatusChange(UnixSeconds after) const;
  Result<std::vector<StatusEvent>> StatusHistory(const std::string& id) const;
  // The newest status events of all certificates, newest first, with the holder's name.
  Result<std::vector<EventRow>> LatestEvents(int limit) const;
  Result<CertificateStatus> StatusOf(const std::string& id, UnixSeconds at) const;

 private:
  RegistryStore& store_;
};

}  // namespace siegel
