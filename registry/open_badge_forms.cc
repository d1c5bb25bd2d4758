#include "registry/open_badge_forms.h"

#include <SQLiteCpp/Column.h>
#include <SQLiteCpp/Statement.h>

#include <algorithm>

#include "credential/open_badge_form.h"
#include "registry/certificate_queries.h"
#include "registry/open_badge.h"
#include "registry/registry_store.h"
#include "registry/sql_guard.h"

namespace siegel {

Result<std::string> OpenBadgeForms::SignedForm(const std::string& id) const {
  auto certificate = certificates_.GetCertificate(id);
  if (!certificate.ok()) return certificate.error();
  auto stored = ParseStrictJson(certificate->credential_json);
  if (!stored.ok()) {
    return Error::Damaged("the stored credential of " + id +
                          " does not parse: " + stored.message());
  }
  auto form = OpenBadgeFormOf(*stored);
  if (!form.ok()) return form.error();
  const std::string& key_id = store_.settings().active_key_id;
  // Dated by the issuance, or, for a credential issued under an earlier key, by the day the
  // active key was made: a proof never claims a moment before its key existed.
  auto key_created = Guard("the issuer keys", [&]() -> Result<std::string> {
    SQLite::Statement q(store_.db(), "SELECT created_at FROM issuer_keys WHERE key_id = ?");
    q.bind(1, key_id);
    if (!q.executeStep()) return Error::Damaged("the active issuer key " + key_id + " is missing");
    return q.getColumn(0).getString();
  });
  if (!key_created.ok()) return key_created.error();
  std::string created = std::max(certificate->issued_at, *key_created);
  auto key = store_.SigningKey();
  if (!key.ok()) return key.error();
  auto signed_form =
      SignCredential(*form, store_.settings(), key_id, *key, created, /*with_jws=*/false);
  if (!signed_form.ok()) {
    // Derived from a credential the registry signed itself: failing here is the registry's
    // fault, never the asker's.
    return Error::Internal("the Open Badges 3.0 form of " + id +
                           " could not be signed: " + signed_form.message());
  }
  return std::move(signed_form->json);
}

}  // namespace siegel
