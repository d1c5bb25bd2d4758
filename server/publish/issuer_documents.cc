#include "server/publish/issuer_documents.h"

#include "credential/contexts.h"

namespace siegel::publish {

Status PublishIssuerDocuments(Registry& registry, StaticDirectory& directory) {
  auto did = registry.keys().DidDocument();
  if (!did.ok()) return did.error();
  if (Status s = directory.Put(".well-known/did.json", did->dump(2), true); !s.ok()) return s;
  auto jwks = registry.keys().Jwks();
  if (!jwks.ok()) return jwks.error();
  if (Status s = directory.Put(".well-known/jwks.json", jwks->dump(2), true); !s.ok()) return s;
  auto programmes = registry.certificates().ListProgrammes();
  if (!programmes.ok()) return programmes.error();
  for (const Programme& programme : *programmes) {
    for (StatusPurpose purpose : kStatusPurposes) {
      // Only a list that passes its own check goes out, as the server answers it.
      auto list = registry.status_lists().SoundStatusListCredential(programme.code, purpose);
      if (!list.ok()) return list.error();
      if (Status s =
              directory.Put("status/" + programme.code + "/" + PurposeName(purpose), *list, true);
          !s.ok()) {
        return s;
      }
    }
  }
  return directory.Put(std::string(kSiegelContextPath).substr(1), SiegelContextDocument(), true);
}

}  // namespace siegel::publish
