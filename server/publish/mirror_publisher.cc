#include "server/publish/mirror_publisher.h"

#include <fstream>

#include "server/publish/log_tiles.h"
#include "transparency/signed_note.h"

namespace siegel::publish {

MirrorPublisher::MirrorPublisher(std::unique_ptr<Registry> registry,
                                 std::unique_ptr<http::SiegelServer> server,
                                 std::filesystem::path out_dir, bool with_pdf)
    : registry_(std::move(registry)),
      server_(std::move(server)),
      out_dir_(std::move(out_dir)),
      with_pdf_(with_pdf) {}

MirrorPublisher::~MirrorPublisher() = default;

Result<std::unique_ptr<MirrorPublisher>> MirrorPublisher::Open(
    const std::filesystem::path& data_dir, const std::filesystem::path& out_dir, bool with_pdf) {
  // Opened as the server opens it (a registry opened read-only is taken not to change while
  // open, and a mirror must follow every change); publishing itself writes nothing.
  auto registry = Registry::Open(data_dir);
  if (!registry.ok()) return registry.error();
  // The server's own routes, never bound to a socket: every file is the answer it would give.
  http::ServerConfig config;
  config.data_dir = data_dir;
  config.access_log = "off";
  auto server = std::make_unique<http::SiegelServer>(config);
  if (Status s = server->Prepare(); !s.ok()) return s.error();
  std::error_code error;
  std::filesystem::create_directories(out_dir, error);
  if (error) {
    return Error::Io("cannot create " + out_dir.string() + ": " + error.message());
  }
  return std::unique_ptr<MirrorPublisher>(
      new MirrorPublisher(std::move(registry).value(), std::move(server), out_dir, with_pdf));
}

std::optional<uint64_t> MirrorPublisher::ChangeCount() {
  if (auto count = registry_->store().ChangeCount()) return count;
  // Without the counter's file: the database's generation, which every public change raises.
  auto generation = registry_->store().Generation();
  if (!generation.ok()) return std::nullopt;
  return static_cast<uint64_t>(*generation);
}

std::optional<uint64_t> MirrorPublisher::MirroredTreeSize() {
  std::error_code error;
  if (!std::filesystem::exists(out_dir_ / "log" / "checkpoint", error)) return std::nullopt;
  auto key = registry_->log().VerifierKey();
  if (!key.ok()) return std::nullopt;
  auto verifier = note::Verifier::Parse(*key);
  if (!verifier.ok()) return std::nullopt;
  std::ifstream in(out_dir_ / "log" / "checkpoint", std::ios::binary);
  std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  // A checkpoint another log signed (a directory reused) says nothing about this registry.
  auto checkpoint = note::OpenCheckpoint(text, *verifier);
  if (!checkpoint.ok()) return std::nullopt;
  return checkpoint->size;
}

Result<PublicationReport> MirrorPublisher::Publish(bool full, SitePart part) {
  PublicationReport report;
  SiteScope scope;
  scope.with_pdf = with_pdf_;
  scope.part = part;
  // Only the records follow the log; the registry-wide documents are rendered whole each time
  // and need nothing of it.
  Result<LogHead> head = Error::NotFound("the log is not published with this part");
  if (HasRecords(part)) head = registry_->log().Checkpoint();
  const bool empty_log = !head.ok() && head.error().code == ErrorCode::kNotFound;
  if (!head.ok() && !empty_log) return head.error();
  std::optional<uint64_t> mirrored = full || !HasRecords(part) ? std::nullopt : MirroredTreeSize();
  if (mirrored && !empty_log && *mirrored <= head->size) {
    scope.everything = false;
    const uint64_t from = *mirrored;
    if (from < head->size) {
      auto entries = registry_->log().Entries(from, head->size);
      if (!entries.ok()) return entries.error();
      for (const LogEntry& entry : *entries) {
        if (!entry.certificate_id.empty()) scope.certificates.insert(entry.certificate_id);
      }
    }
  }
  StaticDirectory out(out_dir_);
  auto site = PublishSite(*server_, *registry_, scope, out);
  if (!site.ok()) return site.error();
  // The log last, its checkpoint last of all: a mirror that names a size holds what it names.
  if (HasRecords(part)) {
    if (Status s = PublishLogTiles(*registry_, out); !s.ok()) return s.error();
  }
  report.full = scope.everything;
  report.certificates = site->certificates;
  report.documents = site->documents;
  report.files = out.counts();
  report.tree_size = empty_log ? 0 : head->size;
  return report;
}

}  // namespace siegel::publish
