// Siegel's own JSON-LD context, version 1. Never edit it: a change is a new version at a new
// path (its digest is pinned in contexts.h and checked by the tests). The terms reuse
// existing vocabularies where one fits: schema.org's legalName for the registered name of the
// initiative's legal entity, Dublin Core's replaces for the certificate a renewal supersedes;
// the label level (Bronze, Silver, Gold of the European Cluster Excellence Initiative) has no
// such term and is Siegel's own.
#include "credential/contexts.h"

namespace siegel {

const char* SiegelContextDocument() {
  return R"({
  "@context": {
    "@version": 1.1,
    "@protected": true,
    "legalEntity": "https://schema.org/legalName",
    "level": "https://w3id.org/siegel/vocab#level",
    "supersedes": {"@id": "http://purl.org/dc/terms/replaces", "@type": "@id"}
  }
}
)";
}

}  // namespace siegel
