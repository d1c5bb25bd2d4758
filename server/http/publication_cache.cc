// Entries are only stored under the generation the request observed, so a slow request
// that read old data can never leave it behind after a newer generation was seen.
#include "server/http/publication_cache.h"

#include "registry/credential/sha256.h"

namespace siegel::http {

std::shared_ptr<const CachedDocument> MakeDocument(std::string body, std::string content_type) {
  auto doc = std::make_shared<CachedDocument>();
  doc->etag = "\"" + HexEncode(Sha256(body)).substr(0, 32) + "\"";
  doc->body = std::move(body);
  doc->content_type = std::move(content_type);
  return doc;
}

Result<Registry*> ReaderPool::ForThisThread() {
  std::lock_guard<std::mutex> lock(mutex_);
  auto& slot = readers_[std::this_thread::get_id()];
  if (!slot) {
    auto opened = Registry::Open(data_dir_);
    if (!opened.ok()) return opened.error();
    slot = std::move(opened).value();
  }
  return slot.get();
}

Result<int64_t> PublicationCache::Refresh(Registry& reader) {
  auto generation = reader.Generation();
  if (!generation.ok()) return generation.error();
  std::lock_guard<std::mutex> lock(mutex_);
  if (*generation > generation_) {
    generation_ = *generation;
    documents_.clear();
    certificates_.clear();
  }
  return *generation;
}

Result<std::shared_ptr<const CachedDocument>> PublicationCache::Document(
    int64_t generation, const std::string& key,
    const std::function<Result<std::shared_ptr<const CachedDocument>>()>& load) {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    if (generation == generation_) {
      auto it = documents_.find(key);
      if (it != documents_.end()) return it->second;
    }
  }
  auto loaded = load();
  if (!loaded.ok()) return loaded;
  std::lock_guard<std::mutex> lock(mutex_);
  if (generation == generation_) documents_[key] = *loaded;
  return loaded;
}

Result<std::shared_ptr<const CachedCertificate>> PublicationCache::CertificateEntry(int64_t generation,
                                                                                   const std::string& id,
                                                                                   Registry& reader) {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    if (generation == generation_) {
      auto it = certificates_.find(id);
      if (it != certificates_.end()) return it->second;
    }
  }
  auto certificate = reader.GetCertificate(id);
  if (!certificate.ok()) return certificate.error();
  auto history = reader.StatusHistory(id);
  if (!history.ok()) return history.error();
  auto entry = std::make_shared<CachedCertificate>();
  entry->credential = MakeDocument(certificate->credential_json, "application/vc");
  entry->jws = MakeDocument(certificate->credential_jws, "application/vc+jwt");
  entry->certificate = std::move(certificate).value();
  entry->history = std::move(history).value();
  std::lock_guard<std::mutex> lock(mutex_);
  if (generation == generation_) certificates_[id] = entry;
  return std::shared_ptr<const CachedCertificate>(entry);
}

}  // namespace siegel::http
