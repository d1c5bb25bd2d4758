// How the printed certificates (the PDF Urkunde) present their issuer: the place printed
// beside the date, who signs, the issuer's logo or coat of arms and the label's seal. Set for
// the whole registry and, where a programme differs, for that programme: a programme's
// non-empty fields win over the registry's.
#pragma once

#include <string>

#include "base/result.h"
#include "registry/model.h"

namespace siegel {

class RegistryStore;

struct CertificateDesign {
  std::string place;           // "Stuttgart"
  std::string signatory_name;  // "Dr. Erika Mustermann"
  std::string signatory_role;  // "Ministerialdirektorin"
  std::string logo_png;        // PNG bytes, or empty
  std::string seal_png;        // PNG bytes, or empty
};

class CertificateDesigns {
 public:
  explicit CertificateDesigns(RegistryStore& store) : store_(store) {}

  // What a certificate of `programme_code` shows: the registry's design with the programme's
  // own fields over it. Nothing set is an empty design, not an error.
  Result<CertificateDesign> For(const std::string& programme_code) const;
  // The design stored for one scope: the registry (empty code) or one programme.
  Result<CertificateDesign> Stored(const std::string& programme_code) const;
  // Replaces the design of the registry (empty code) or of a known programme; audited. Images
  // must be PNG files of at most 1 MiB.
  Status Set(const std::string& programme_code, const CertificateDesign& design,
             const Actor& actor);

 private:
  RegistryStore& store_;
};

}  // namespace siegel
