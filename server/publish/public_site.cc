#include "server/publish/public_site.h"

#include <atomic>
#include <functional>
#include <mutex>
#include <thread>

#include "credential/contexts.h"
#include "server/publish/rendered_answer.h"
#include "server/web/page.h"

namespace siegel::publish {
namespace {

bool EndsWith(const std::string& text, const std::string& end) {
  return text.size() >= end.size() && text.compare(text.size() - end.size(), end.size(), end) == 0;
}

// The extension a mirror stores a media type under; nginx and object stores map it back.
std::string ExtensionOf(const std::string& content_type) {
  std::string type = content_type.substr(0, content_type.find(';'));
  if (type == "text/html") return ".html";
  // Each media type its own extension, so a server can give it back; the issuer's two
  // documents end in .json and get their types by their exact paths.
  if (type == "application/json" || type == "application/did+json" ||
      type == "application/jwk-set+json") {
    return ".json";
  }
  if (type == "application/vc") return ".vc";
  if (type == "application/ld+json") return ".jsonld";
  if (type == "application/vc+jwt" || type == "application/jwt") return ".jwt";
  if (type == "image/svg+xml") return ".svg";
  if (type == "application/pdf") return ".pdf";
  if (type == "text/css") return ".css";
  if (type == "application/atom+xml") return ".atom";
  if (type == "text/csv") return ".csv";
  if (type == "image/png") return ".png";
  return "";
}

std::vector<SiteDocument> BothLanguages(const std::string& path) {
  return {SiteDocument{path, false, false}, SiteDocument{path, true, false}};
}

void AddAll(std::vector<SiteDocument>& to, const std::vector<SiteDocument>& more) {
  to.insert(to.end(), more.begin(), more.end());
}

// What a verifier fetches first: the issuer's documents and the status lists.
std::vector<SiteDocument> IssuerDocuments(const std::vector<Programme>& programmes) {
  std::vector<SiteDocument> documents = {
      {"/.well-known/did.json"}, {"/.well-known/jwks.json"}, {std::string(kSiegelContextPath)}};
  for (const Programme& programme : programmes) {
    for (StatusPurpose purpose : kStatusPurposes) {
      documents.push_back({"/status/" + programme.code + "/" + PurposeName(purpose)});
    }
  }
  return documents;
}

std::vector<SiteDocument> CertificateDocuments(const std::string& id, bool with_pdf) {
  const std::string api = "/api/v1/certificates/" + id;
  std::vector<SiteDocument> documents = {
      {api}, {api, false, true}, {api + "/status"}, {api + "/log"}, {api + "/open-badge"}};
  AddAll(documents, BothLanguages("/certificates/" + id));
  AddAll(documents, BothLanguages("/verify/" + id));
  AddAll(documents, BothLanguages("/badge/" + id + ".svg"));
  if (with_pdf) AddAll(documents, BothLanguages("/certificates/" + id + ".pdf"));
  return documents;
}

std::vector<SiteDocument> InitiativeDocuments(const std::string& slug,
                                              const std::vector<Programme>& programmes) {
  std::vector<SiteDocument> documents = {{"/api/v1/initiatives/" + slug}};
  AddAll(documents, BothLanguages("/initiatives/" + slug));
  for (const Programme& programme : programmes) {
    AddAll(documents, BothLanguages("/initiatives/" + slug + "/badge/" + programme.code + ".svg"));
  }
  return documents;
}

std::vector<SiteDocument> RegistryWideDocuments() {
  std::vector<SiteDocument> documents = {
      {"/api/openapi.json"},    {"/api/v1/programmes"}, {"/api/v1/initiatives"},
      {"/api/v1/certificates"}, {"/export.json"},       {"/export.csv"},
      {"/feed.atom"},           {"/static/siegel.css"}, {"/static/print.css"}};
  for (const char* page : {"/", "/about", "/imprint", "/log", "/verify"}) {
    AddAll(documents, BothLanguages(page));
  }
  return documents;
}

std::string RequestFor(const SiteDocument& document) {
  std::string target = document.path + (document.english ? "?lang=en" : "");
  return "GET " + target + " HTTP/1.1\r\nHost: localhost\r\nAccept: " +
         (document.jws ? "application/vc+jwt" : "*/*") + "\r\nConnection: close\r\n\r\n";
}

// Which media types are worth a gzip copy (images and PDFs are compressed already).
bool Compressible(const std::string& file) {
  return !EndsWith(file, ".pdf") && !EndsWith(file, ".png");
}

// Threads rendering at once: as many as the machines this runs on have cores, at least two.
const size_t kRenderThreads = std::max(2u, std::thread::hardware_concurrency());

class SitePublisher {
 public:
  SitePublisher(http::SiegelServer& server, StaticDirectory& out) : server_(server), out_(out) {}

  Status Publish(const std::vector<SiteDocument>& documents) {
    for (const SiteDocument& document : documents) {
      if (Status s = PublishOne(document); !s.ok()) return s;
    }
    return Status::Ok();
  }
  const SiteCounts& counts() const { return counts_; }
  void CountCertificate() { ++counts_.certificates; }

 private:
  Status PublishOne(const SiteDocument& document) {
    auto raw = server_.AnswerInProcess(RequestFor(document));
    if (!raw.ok()) return raw.error();
    auto answer = ParseRenderedAnswer(*raw);
    if (!answer.ok()) return Error::Internal(document.path + ": " + answer.message());
    ++counts_.documents;
    if (answer->status != 200) {
      ++counts_.skipped;
      return Status::Ok();
    }
    std::string file = MirrorFileOf(document, answer->Header("content-type"));
    if (file.empty()) {
      return Error::Internal(document.path + " answers " + answer->Header("content-type") +
                             ", which a mirror has no file name for");
    }
    return out_.Put(file, answer->body, Compressible(file));
  }

  http::SiegelServer& server_;
  StaticDirectory& out_;
  SiteCounts counts_;
};

}  // namespace

std::string MirrorFileOf(const SiteDocument& document, const std::string& content_type) {
  std::string extension = ExtensionOf(content_type);
  if (extension.empty()) return "";
  std::string file = document.path == "/" ? "/index.html" : document.path;
  if (!EndsWith(file, extension)) file += extension;
  return (document.english ? "en" : "") + file.substr(document.english ? 0 : 1);
}

namespace {

// Renders the documents of each item on `threads` threads at once (the server's routes answer
// in parallel as they do for clients), each with a directory writer of its own; the first
// error stops the rest.
Status RenderInParallel(
    http::SiegelServer& server, const std::string& as_of, const std::vector<std::string>& items,
    const std::function<std::vector<SiteDocument>(const std::string&)>& documents,
    bool count_certificates, StaticDirectory& out, SiteCounts& counts) {
  const size_t threads = std::max<size_t>(1, std::min<size_t>(kRenderThreads, items.size()));
  std::atomic<size_t> next{0};
  std::mutex merge;
  Status failed = Status::Ok();
  auto work = [&] {
    web::StaticCopyNotice notice(as_of);  // per thread
    StaticDirectory mine(out.root());
    SitePublisher publisher(server, mine);
    Status status = Status::Ok();
    for (size_t i = next++; i < items.size() && status.ok(); i = next++) {
      if (count_certificates) publisher.CountCertificate();
      status = publisher.Publish(documents(items[i]));
    }
    if (!status.ok()) next = items.size();
    std::lock_guard<std::mutex> lock(merge);
    if (!status.ok() && failed.ok()) failed = status;
    out.Add(mine.counts());
    counts.Add(publisher.counts());
  };
  std::vector<std::thread> helpers;
  for (size_t t = 1; t < threads; ++t) helpers.emplace_back(work);
  work();
  for (std::thread& helper : helpers) helper.join();
  return failed;
}

}  // namespace

namespace {

// The issuer's documents and status lists first (what a revocation changes for verifiers),
// then the certificates, and the initiatives that hold them: all, or those the log named.
Status PublishRecords(http::SiegelServer& server, Registry& registry, const SiteScope& scope,
                      const std::vector<Programme>& programmes, const std::string& as_of,
                      StaticDirectory& out, SiteCounts& counts) {
  {
    web::StaticCopyNotice notice(as_of);
    SitePublisher publisher(server, out);
    if (Status s = publisher.Publish(IssuerDocuments(programmes)); !s.ok()) return s;
    counts.Add(publisher.counts());
  }
  std::vector<std::string> certificates;
  std::set<std::string> slugs;
  if (scope.everything) {
    Status listed = registry.certificates().ForEachPublicRecord([&](const PublicRecord& record) {
      certificates.push_back(record.summary.certificate.id);
      return Status::Ok();
    });
    if (!listed.ok()) return listed;
    auto initiatives = registry.certificates().ListInitiatives();
    if (!initiatives.ok()) return initiatives.error();
    for (const Initiative& initiative : *initiatives) slugs.insert(initiative.slug);
  } else {
    for (const std::string& id : scope.certificates) {
      auto certificate = registry.certificates().GetCertificate(id);
      if (!certificate.ok()) return certificate.error();
      certificates.push_back(id);
      slugs.insert(certificate->initiative_slug);
    }
  }
  const bool with_pdf = scope.with_pdf;
  if (Status s = RenderInParallel(
          server, as_of, certificates,
          [with_pdf](const std::string& id) { return CertificateDocuments(id, with_pdf); },
          /*count_certificates=*/true, out, counts);
      !s.ok()) {
    return s;
  }
  return RenderInParallel(
      server, as_of, std::vector<std::string>(slugs.begin(), slugs.end()),
      [&programmes](const std::string& slug) { return InitiativeDocuments(slug, programmes); },
      /*count_certificates=*/false, out, counts);
}

}  // namespace

Result<SiteCounts> PublishSite(http::SiegelServer& server, Registry& registry,
                               const SiteScope& scope, StaticDirectory& out) {
  auto programmes = registry.certificates().ListProgrammes();
  if (!programmes.ok()) return programmes.error();
  // Pages published say they are a copy, and of which state: the registry's latest change.
  // That moment, not the clock, so that publishing again without a change writes nothing.
  auto latest = registry.certificates().LatestEvents(1);
  if (!latest.ok()) return latest.error();
  const std::string as_of = latest->empty() ? std::string() : latest->front().event.at;
  SiteCounts counts;
  if (HasRecords(scope.part)) {
    if (Status s = PublishRecords(server, registry, scope, *programmes, as_of, out, counts);
        !s.ok()) {
      return s.error();
    }
  }
  if (HasRegistryWide(scope.part)) {
    web::StaticCopyNotice notice(as_of);
    SitePublisher publisher(server, out);
    if (Status s = publisher.Publish(RegistryWideDocuments()); !s.ok()) return s.error();
    counts.Add(publisher.counts());
  }
  return counts;
}

}  // namespace siegel::publish
