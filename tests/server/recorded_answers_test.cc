// The public HTTP answers of a fixed registry, byte for byte: a refactoring that changes no
// behaviour must leave every one of them as recorded. The registry is a demo registry kept in
// tests/data/recorded-registry (its keys are test keys of a fictional registry, trusted
// nowhere); the server judges every status at one fixed moment. Each answer is compared by
// status, headers and the SHA-256 of its body with tests/data/recorded-answers.txt.
//
// A change that is meant to change answers records them again:
//   SIEGEL_RECORD_ANSWERS=1 build/tests/server_tests --gtest_filter='RecordedAnswers*'
// and the diff of recorded-answers.txt shows, request by request, what changed.
#include <httplib.h>
#include <sys/stat.h>

#include <cstdlib>
#include <fstream>
#include <sstream>
#include <thread>

#include "base/encoding.h"
#include "credential/sha256.h"
#include "server/siegel_server.h"
#include "tests/test_support.h"

namespace siegel {
namespace {

const std::filesystem::path kFixture =
    std::filesystem::path(SIEGEL_TEST_DATA_DIR) / "recorded-registry";
const std::filesystem::path kRecording =
    std::filesystem::path(SIEGEL_TEST_DATA_DIR) / "recorded-answers.txt";
// The demo registry was made on 2026-12-01; its answers are judged on the next morning.
constexpr UnixSeconds kRecordedAt = 1796202000;  // 2026-12-02T09:00:00Z

struct RecordedRequest {
  std::string method;
  std::string path;
  std::string accept;  // empty: none
  std::string accept_encoding;
  std::string body;  // POST only
  std::string content_type;
};

// One answer as recorded: the request line, the status, every header in order, and the body's
// length and digest.
std::string Describe(const RecordedRequest& request, const httplib::Result& result) {
  std::ostringstream out;
  out << request.method << " " << request.path;
  if (!request.accept.empty()) out << " [Accept: " << request.accept << "]";
  if (!request.accept_encoding.empty())
    out << " [Accept-Encoding: " << request.accept_encoding << "]";
  if (!request.body.empty()) out << " [body sha256 " << HexEncode(Sha256(request.body)) << "]";
  out << "\n";
  if (!result) {
    out << "no answer\n";
    return out.str();
  }
  out << "status " << result->status << "\n";
  std::vector<std::pair<std::string, std::string>> headers(result->headers.begin(),
                                                           result->headers.end());
  std::sort(headers.begin(), headers.end());
  for (const auto& [name, value] : headers) {
    if (name == "Content-Length") continue;  // the body's length follows
    out << name << ": " << value << "\n";
  }
  out << "body " << result->body.size() << " bytes sha256 " << HexEncode(Sha256(result->body))
      << "\n";
  return out.str();
}

class RecordedAnswers : public ::testing::TestWithParam<bool> {
 protected:
  void SetUp() override {
    std::filesystem::copy(kFixture, dir_.path() / "data", std::filesystem::copy_options::recursive);
    // Git keeps no file modes; the registry refuses key files others may read.
    std::filesystem::permissions(dir_.path() / "data", std::filesystem::perms::owner_all);
    for (const auto& file : std::filesystem::directory_iterator(dir_.path() / "data" / "keys")) {
      ::chmod(file.path().c_str(), 0600);
    }
    http::ServerConfig config;
    config.data_dir = dir_.path() / "data";
    config.port = 0;
    config.threads = 2;
    config.verify_rate = 0;
    config.access_log = "off";
    config.read_only = GetParam();
    config.integrity_check_seconds = 0;
    // The lists are as recorded: none is signed again while the answers are taken.
    config.status_list_max_age_seconds = 3650 * 86400;
    config.clock_for_testing = [] { return kRecordedAt; };
    server_ = std::make_unique<http::SiegelServer>(config);
    auto port = server_->Bind();
    ASSERT_TRUE(port.ok()) << port.message();
    thread_ = std::thread([this] { server_->Run(); });
    client_ = std::make_unique<httplib::Client>("http://127.0.0.1:" + std::to_string(*port));
    client_->set_decompress(false);  // the bytes as sent
    for (int i = 0; i < 200 && !client_->Get("/healthz"); ++i) {
      std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
  }
  void TearDown() override {
    server_->Stop();
    if (thread_.joinable()) thread_.join();
  }

  httplib::Result Send(const RecordedRequest& request) {
    httplib::Headers headers;
    if (!request.accept.empty()) headers.emplace("Accept", request.accept);
    headers.emplace("Accept-Encoding", request.accept_encoding);
    if (request.method == "POST") {
      return client_->Post(request.path.c_str(), headers, request.body,
                           request.content_type.c_str());
    }
    if (request.method == "HEAD") return client_->Head(request.path.c_str(), headers);
    return client_->Get(request.path.c_str(), headers);
  }

  // Every public route, in the ways a client asks for it.
  std::vector<RecordedRequest> Requests() {
    std::vector<RecordedRequest> requests;
    auto get = [&](const std::string& path, const std::string& accept = "") {
      requests.push_back({"GET", path, accept, "", "", ""});
    };
    get("/");
    get("/?q=Photonik");
    get("/?status=expired&lang=en");
    get("/?page=2&per_page=2");
    get("/about");
    get("/imprint");
    get("/log");
    get("/verify");
    get("/export.json");
    get("/export.csv");
    get("/feed.atom");
    get("/healthz");
    get("/api/openapi.json");
    get("/api/v1/programmes");
    get("/api/v1/initiatives");
    get("/api/v1/initiatives/demo-automotive-neckar");
    get("/api/v1/initiatives/no-such-initiative");
    get("/api/v1/certificates");
    get("/api/v1/certificates?status=valid&per_page=1&page=2");
    get("/api/v1/certificates?q=Kunststoff");
    get("/api/v1/certificates?at=2026-06-01T00:00:00Z");
    get("/api/v1/certificates?status=alive");
    get("/status/ce-bw/revocation");
    get("/status/ce-bw/suspension");
    get("/.well-known/did.json");
    get("/.well-known/jwks.json");
    get("/ns/siegel/v1");
    get("/log/checkpoint");
    get("/log/key");
    get("/log/entries?start=0&end=5");
    get("/log/proof/inclusion?index=2&size=8");
    get("/log/proof/consistency?from=3&to=8");
    get("/no/such/page");
    for (int n = 1; n <= 7; ++n) {
      std::string id = "CEBW-2026-000" + std::to_string(n);
      get("/api/v1/certificates/" + id);
      get("/api/v1/certificates/" + id, "application/vc+jwt");
      get("/api/v1/certificates/" + id + "/status");
      get("/api/v1/certificates/" + id + "/status?at=2026-01-15T12:00:00Z");
      get("/api/v1/certificates/" + id + "/log");
      get("/api/v1/certificates/" + id + "/open-badge");
      get("/certificates/" + id);
      get("/certificates/" + id + "?lang=en");
      get("/verify/" + id);
      get("/badge/" + id + ".svg");
    }
    get("/api/v1/certificates/CEBW-2099-0001");
    get("/api/v1/certificates/CEBW-2099-0001/open-badge");
    get("/certificates/CEBW-2099-0001");
    for (const char* slug : {"demo-mikrosystemtechnik-suedwest", "demo-photonik-nordschwarzwald"}) {
      get(std::string("/initiatives/") + slug);
      get(std::string("/initiatives/") + slug + "/badge/ce-bw.svg?lang=de");
      get(std::string("/initiatives/") + slug + "/badge/ce-bw.svg?lang=en");
      get(std::string("/initiatives/") + slug + "/verify");
    }
    requests.push_back({"GET", "/", "", "gzip", "", ""});
    requests.push_back({"GET", "/export.csv", "", "gzip", "", ""});
    requests.push_back({"HEAD", "/api/v1/certificates/CEBW-2026-0002", "", "", "", ""});

    // Verification: each credential as JSON, as JWS and in its Open Badges 3.0 form, one
    // tampered, and a batch.
    std::string batch = "[";
    for (int n = 1; n <= 7; ++n) {
      std::string id = "CEBW-2026-000" + std::to_string(n);
      auto json = client_->Get(("/api/v1/certificates/" + id).c_str());
      auto jws =
          client_->Get(("/api/v1/certificates/" + id).c_str(), {{"Accept", "application/vc+jwt"}});
      EXPECT_TRUE(json && jws && json->status == 200 && jws->status == 200) << id;
      if (!json || !jws) continue;
      requests.push_back({"POST", "/api/v1/verify", "", "", json->body, "application/json"});
      requests.push_back({"POST", "/api/v1/verify", "", "", jws->body, "application/vc+jwt"});
      batch += (n > 1 ? "," : "") + json->body;
      auto open_badge = client_->Get(("/api/v1/certificates/" + id + "/open-badge").c_str());
      if (open_badge && open_badge->status == 200) {
        requests.push_back({"POST", "/api/v1/verify", "", "", open_badge->body, "application/vc"});
      }
      if (n == 3) {
        std::string tampered = json->body;
        tampered.replace(tampered.find("Demo"), 4, "Fake");
        requests.push_back({"POST", "/api/v1/verify", "", "", tampered, "application/json"});
      }
    }
    requests.push_back({"POST", "/api/v1/verify/batch", "", "", batch + "]", "application/json"});
    requests.push_back({"POST", "/api/v1/verify", "", "", "{not json", "application/json"});
    return requests;
  }

  testing::TempDir dir_;
  std::unique_ptr<http::SiegelServer> server_;
  std::thread thread_;
  std::unique_ptr<httplib::Client> client_;
};

// Splits the recording into its answers (separated by blank lines).
std::vector<std::string> Answers(const std::string& text) {
  std::vector<std::string> answers;
  std::string::size_type start = 0;
  while (start < text.size()) {
    auto end = text.find("\n\n", start);
    if (end == std::string::npos) end = text.size();
    answers.push_back(text.substr(start, end - start + 1));
    start = end + 2;
  }
  return answers;
}

TEST_P(RecordedAnswers, EveryPublicAnswerIsAsRecorded) {
  std::vector<std::string> actual;
  for (const RecordedRequest& request : Requests())
    actual.push_back(Describe(request, Send(request)));

  bool recording = std::getenv("SIEGEL_RECORD_ANSWERS") != nullptr && !GetParam();
  if (recording) {
    std::ofstream out(kRecording, std::ios::binary | std::ios::trunc);
    for (size_t i = 0; i < actual.size(); ++i) out << (i ? "\n" : "") << actual[i];
    ASSERT_TRUE(out.good()) << "cannot write " << kRecording;
    GTEST_SKIP() << "recorded " << actual.size() << " answers in " << kRecording;
  }
  std::ifstream in(kRecording, std::ios::binary);
  ASSERT_TRUE(in) << "no recording at " << kRecording;
  std::stringstream text;
  text << in.rdbuf();
  std::vector<std::string> recorded = Answers(text.str());
  ASSERT_EQ(recorded.size(), actual.size()) << "the recording has another set of requests";
  for (size_t i = 0; i < actual.size(); ++i) EXPECT_EQ(recorded[i], actual[i]);
}

// The read-only server (a copy on read-only media) answers the public exactly as the
// read-write one does.
INSTANTIATE_TEST_SUITE_P(ReadWriteAndReadOnly, RecordedAnswers, ::testing::Bool(),
                         [](const auto& info) { return info.param ? "ReadOnly" : "ReadWrite"; });

}  // namespace
}  // namespace siegel
