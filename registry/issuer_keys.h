// The issuer's signing keys: published (DID document, JWKS), rotated, marked compromised, and
// what a compromised key signed signed again. A rotation or a compromise changes the
// published documents and re-signs every status list, all in one write.
#pragma once

#include <string>
#include <vector>

#include "base/json_strict.h"
#include "base/result.h"
#include "base/timestamp.h"
#include "registry/model.h"

namespace siegel {

class RegistryStore;
class CertificateQueries;
class CertificateLifecycle;

class IssuerKeys {
 public:
  IssuerKeys(RegistryStore& store, const CertificateQueries& queries,
             CertificateLifecycle& lifecycle)
      : store_(store), queries_(queries), lifecycle_(lifecycle) {}

  Result<std::vector<IssuerKeyRecord>> ListKeys() const;
  Result<Json> DidDocument() const;
  Result<Json> Jwks() const;
  // Loads the active signing key and the log key: Refused if a file is readable by others,
  // or if it is encrypted and SIEGEL_KEY_PASSPHRASE is not set or wrong.
  Status CheckSigningKey();
  // A new key signs from now on; the old one is retired but stays published, so what it
  // signed still verifies. The status lists are re-signed with the new key.
  Result<IssuerKeyRecord> RotateKey(const Actor& actor);
  // Marks a key compromised since `since` (not in the future, not before the key existed):
  // what it signed from then on fails verification everywhere. An active key is replaced by
  // a new one first, in the same transaction. Returns the affected certificates.
  Result<std::vector<std::string>> MarkKeyCompromised(const std::string& key_id, UnixSeconds since,
                                                      const Actor& actor);
  // Certificates (not revoked) signed with `key_id` at or after `since` (dateTimeStamp).
  Result<std::vector<std::string>> CertificatesSignedWith(const std::string& key_id,
                                                          const std::string& since) const;
  // Signs certificate `id` again with the active key: a new certificate with the same holder,
  // programme, assessment and validity that supersedes it; the old one is revoked for key
  // compromise in the same transaction.
  Result<Certificate> ReissueCertificate(const std::string& id, const Actor& actor);

 private:
  Result<IssuerKeyRecord> RotateKeyInTransaction(const std::string& now, const Actor& actor);

  RegistryStore& store_;
  const CertificateQueries& queries_;
  CertificateLifecycle& lifecycle_;
};

}  // namespace siegel
