// The registry's records of programmes and initiatives: added and edited, validated, one
// audited write each.
#pragma once

#include "base/result.h"
#include "registry/model.h"

namespace siegel {

class RegistryStore;
class CertificateQueries;

class RegistryRecords {
 public:
  RegistryRecords(RegistryStore& store, const CertificateQueries& queries)
      : store_(store), queries_(queries) {}

  // A new programme (a label of its own): its own certificate numbering (`id_prefix`), its own
  // pair of status lists (signed now), four eyes on.
  Status AddProgramme(const Programme& programme, const Actor& actor);
  // Replaces a programme's names, description, validity, criteria, default assessor and levels;
  // its code and certificate prefix stay (its certificates carry them). Certificates already
  // signed keep what they say. The audit trail keeps before and after.
  Status UpdateProgramme(const Programme& programme, const Actor& actor);
  Status AddInitiative(const Initiative& initiative, const Actor& actor);
  // Replaces an initiative's fields (the slug stays); the audit trail keeps before and after.
  Status UpdateInitiative(const Initiative& initiative, const Actor& actor);

 private:
  RegistryStore& store_;
  const CertificateQueries& queries_;
};

}  // namespace siegel
