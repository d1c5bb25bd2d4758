// Staff-only notes on an initiative ("Beirat fragt nach dem Finanzierungsplan", "Ansprech-
// partnerin gewechselt"): written by editors and above, read on the staff pages only, never
// published, never changed or deleted (a correction is a new note). Each is in the audit log.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "base/result.h"
#include "registry/model.h"

namespace siegel {

class RegistryStore;
class CertificateQueries;

struct InitiativeNote {
  int64_t id = 0;
  std::string initiative_slug;
  std::string text;
  std::string written_by;  // the actor's name, as in the audit log
  std::string written_at;
};

class InitiativeNotes {
 public:
  InitiativeNotes(RegistryStore& store, const CertificateQueries& queries)
      : store_(store), queries_(queries) {}

  // At most 4000 bytes of text (lines allowed), not empty.
  Result<InitiativeNote> Add(const std::string& initiative_slug, const std::string& text,
                             const Actor& actor);
  // Newest first.
  Result<std::vector<InitiativeNote>> List(const std::string& initiative_slug) const;

 private:
  RegistryStore& store_;
  const CertificateQueries& queries_;
};

}  // namespace siegel
