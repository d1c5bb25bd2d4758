#include "server/http/registry_sources.h"

#include "registry/open_badge.h"

namespace siegel::http {
namespace {

std::optional<std::lock_guard<std::mutex>> LockIf(std::mutex* mutex) {
  if (mutex == nullptr) return std::nullopt;
  return std::optional<std::lock_guard<std::mutex>>(std::in_place, *mutex);
}

}  // namespace

Result<StatusListRef> RegistryStatusLists::Find(const std::string& url) const {
  return state_.lists.Find(url);
}

Result<bool> RegistryStatusLists::BitAt(const StatusEntry& entry, UnixSeconds at) const {
  // {base}/status/{programme}/{purpose}
  std::string prefix = reader_.settings().base_url + "/status/";
  if (entry.list_url.compare(0, prefix.size(), prefix) != 0) {
    return Error::NotFound("status list " + entry.list_url + " is not this registry's");
  }
  auto lock = LockIf(reader_lock_);
  std::string rest = entry.list_url.substr(prefix.size());
  size_t slash = rest.find('/');
  if (slash == std::string::npos) return Error::NotFound("no status list " + entry.list_url);
  std::optional<StatusPurpose> purpose = ParsePurpose(rest.substr(slash + 1));
  if (!purpose) return false;  // no such list: nothing in it was ever set
  auto id =
      reader_.status_lists().CertificateAtStatusIndex(rest.substr(0, slash), *purpose, entry.index);
  if (!id.ok() && id.error().code == ErrorCode::kNotFound) return false;  // never set
  if (!id.ok()) return id.error();
  auto status = reader_.certificates().StatusOf(*id, at);
  if (!status.ok()) return status.error();
  return entry.purpose == PurposeName(StatusPurpose::kRevocation)
             ? *status == CertificateStatus::kRevoked
             : *status == CertificateStatus::kSuspended || *status == CertificateStatus::kRevoked;
}

Result<IssuanceRecord> RegistryIssuance::Find(const std::string& credential_id) const {
  std::string id = CertificateIdOfUrl(reader_.settings(), credential_id);
  if (id.empty()) {
    return Error::NotFound(credential_id +
                           " is not the address of one of this registry's "
                           "certificates");
  }
  auto lock = LockIf(reader_lock_);
  auto entry = cache_.CertificateEntry(generation_, id, reader_);
  if (!entry.ok()) return entry.error();
  return (*entry)->issuance;
}

}  // namespace siegel::http
