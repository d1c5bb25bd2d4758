// The registry's public side as static files: every public URL a reader or a verifier fetches
// without asking a question (credentials, status, pages, badges, exports, the feed, the
// OpenAPI file, the issuer's documents), each rendered through the server's own routes
// (SiegelServer::AnswerInProcess), so a mirrored file is byte for byte what `siegel serve`
// answers at that URL.
//
// Where a URL's file goes (docs/mirror.md): its path with an extension for its media type
// (`/certificates/X` → `certificates/X.html`, `/status/cebw/revocation` →
// `status/cebw/revocation.json`), unless the path already ends in it (`/badge/X.svg`); `/` is
// `index.html`; English pages and badges (`?lang=en`) under `en/`; the JWS a client asks for
// with `Accept: application/vc+jwt` as `….jwt`. A URL and a directory of the same name can
// then live side by side (`/log` and `/log/checkpoint`), and a web server or object store
// derives each file's media type from its name (deploy/nginx/siegel-mirror.conf).
#pragma once

#include <cstdint>
#include <set>
#include <string>
#include <vector>

#include "registry/registry.h"
#include "server/publish/static_directory.h"
#include "server/siegel_server.h"

namespace siegel::publish {

// One URL to render: a path, in English or not, as JSON or as the JWS.
struct SiteDocument {
  std::string path;
  bool english = false;
  bool jws = false;
};

// The file a rendered URL is stored at (see above); empty for a media type a mirror does
// not hold.
std::string MirrorFileOf(const SiteDocument& document, const std::string& content_type);

// The two parts of a publication: the records (the issuer's documents and status lists,
// then the certificates' and initiatives' documents; with the log's tiles in a mirror), whose
// work follows the change, and the registry-wide documents (home page, listings, exports,
// feed), whose work grows with the registry: seconds at 100,000 certificates, which a
// revocation need not wait for. A publication writes both or one of them.
enum class SitePart { kAll, kRecords, kRegistryWide };

inline bool HasRecords(SitePart part) { return part != SitePart::kRegistryWide; }
inline bool HasRegistryWide(SitePart part) { return part != SitePart::kRecords; }

// What a publication covers: everything, or the site-wide documents and only these
// certificates' and their initiatives' (those the log names since the last publication).
struct SiteScope {
  bool everything = true;
  std::set<std::string> certificates;
  bool with_pdf = true;  // the printable certificates (the costliest files by far)
  SitePart part = SitePart::kAll;
};

struct SiteCounts {
  int64_t certificates = 0;  // certificates whose documents were rendered
  int64_t documents = 0;     // URLs rendered
  int64_t skipped = 0;       // URLs that answered other than 200 (a withdrawn page, say)

  void Add(const SiteCounts& more) {
    certificates += more.certificates;
    documents += more.documents;
    skipped += more.skipped;
  }
};

// Renders the scope's URLs through `server` (Prepare()d on the same registry) into `out`:
// what a verifier needs first (status lists, the issuer's documents, the certificates), then
// pages, badges and the registry-wide lists.
Result<SiteCounts> PublishSite(http::SiegelServer& server, Registry& registry,
                               const SiteScope& scope, StaticDirectory& out);

}  // namespace siegel::publish
