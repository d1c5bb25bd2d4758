// The documents every verifier of a label fetches, as static files at the paths the registry
// serves them under: the issuer's DID document and JWKS (`.well-known/`), the signed status
// lists of every programme (`status/<programme>/<purpose>`) and Siegel's JSON-LD context
// (`ns/siegel/v1`). Each with a precompressed copy.
#pragma once

#include "registry/registry.h"
#include "server/publish/static_directory.h"

namespace siegel::publish {

Status PublishIssuerDocuments(Registry& registry, StaticDirectory& directory);

}  // namespace siegel::publish
