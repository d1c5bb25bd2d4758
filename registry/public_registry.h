// What the public side of the server may use: the registry's reads, and nothing that changes
// it except the status lists' self-repair (which only restores what the records already say)
// and the Open Badges 3.0 form's signature (which only restates what the registry issued).
// The public routes get this view, never the Registry, so the compiler keeps them from the
// lifecycle, the staff side and the keys' writes.
#pragma once

#include "registry/certificate_designs.h"
#include "registry/certificate_queries.h"
#include "registry/issuer_keys.h"
#include "registry/log_reader.h"
#include "registry/open_badge_forms.h"
#include "registry/registry_store.h"
#include "registry/status_lists.h"

namespace siegel {

class PublicRegistry {
 public:
  PublicRegistry(const RegistryStore& store, const CertificateQueries& certificates,
                 StatusLists& status_lists, const IssuerKeys& keys, const LogReader& log,
                 const OpenBadgeForms& open_badge_forms, const CertificateDesigns& designs)
      : store_(store),
        certificates_(certificates),
        status_lists_(status_lists),
        keys_(keys),
        log_(log),
        open_badge_forms_(open_badge_forms),
        designs_(designs) {}

  const RegistrySettings& settings() const { return store_.settings(); }
  // Only the store's reads: the generation, the change counter, known damage.
  const RegistryStore& store() const { return store_; }
  UnixSeconds Now() const { return store_.Now(); }
  const CertificateQueries& certificates() const { return certificates_; }
  StatusLists& status_lists() const { return status_lists_; }
  const IssuerKeys& keys() const { return keys_; }
  const LogReader& log() const { return log_; }
  // Signs with the active key, but only a form derived from what the registry issued.
  const OpenBadgeForms& open_badge_forms() const { return open_badge_forms_; }
  // How printed certificates present the issuer.
  const CertificateDesigns& designs() const { return designs_; }

 private:
  const RegistryStore& store_;
  const CertificateQueries& certificates_;
  StatusLists& status_lists_;
  const IssuerKeys& keys_;
  const LogReader& log_;
  const OpenBadgeForms& open_badge_forms_;
  const CertificateDesigns& designs_;
};

}  // namespace siegel
