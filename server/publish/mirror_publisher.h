// Keeps a static mirror of the registry (server/publish/public_site.h, the log as tiles) in a
// directory: `siegel publish DIR` once, `siegel serve --publish DIR` after every change.
//
// What changed since the mirror was last written is read off the mirror itself: its
// log/checkpoint says how much of the transparency log it holds, and the log's newer entries
// name every certificate whose issuance or status changed since. Those certificates and
// their initiatives are rendered again, with the issuer's documents, the status lists and the
// registry-wide pages; everything else is left as it is. What the clock alone changes (a
// validity that ends) and edits of an initiative's or programme's details are in no entry: a
// full publication (`--full`; `serve --publish` once a day) renders everything again.
#pragma once

#include <filesystem>
#include <memory>
#include <optional>

#include "registry/registry.h"
#include "server/publish/public_site.h"
#include "server/siegel_server.h"

namespace siegel::publish {

struct PublicationReport {
  bool full = false;
  int64_t certificates = 0;  // certificates rendered
  int64_t documents = 0;     // URLs rendered
  WriteCounts files;         // what reached the disk
  uint64_t tree_size = 0;    // the log's size the mirror now holds (0: the log not published)
};

class MirrorPublisher {
 public:
  // The registry in `data_dir` (read only: publishing changes nothing in it) and the mirror
  // in `out_dir` (created if missing).
  static Result<std::unique_ptr<MirrorPublisher>> Open(const std::filesystem::path& data_dir,
                                                       const std::filesystem::path& out_dir,
                                                       bool with_pdf);
  ~MirrorPublisher();

  // Publishes what changed since the mirror was written, or everything; of `part` only.
  Result<PublicationReport> Publish(bool full, SitePart part = SitePart::kAll);
  // The registry's generation: a publication is due when it moved.
  std::optional<uint64_t> ChangeCount();

 private:
  MirrorPublisher(std::unique_ptr<Registry> registry, std::unique_ptr<http::SiegelServer> server,
                  std::filesystem::path out_dir, bool with_pdf);
  // The log's size the mirror's checkpoint names; nullopt when it has none (or not ours).
  std::optional<uint64_t> MirroredTreeSize();

  std::unique_ptr<Registry> registry_;
  std::unique_ptr<http::SiegelServer> server_;
  std::filesystem::path out_dir_;
  bool with_pdf_;
};

}  // namespace siegel::publish
