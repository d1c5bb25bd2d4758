// The event loops' answer cache (server/http/answer_cache.h): which requests may share an
// answer, which answers are kept and for how long, and, on the real server, that a cached
// answer is never a stale or a wrong one.
#include "server/http/answer_cache.h"

#include <gtest/gtest.h>

#include <regex>
#include <string>

#include "tests/server/raw_connection.h"
#include "tests/server/server_fixture.h"

namespace siegel::http {
namespace {

std::string KeyOf(const std::string& request) {
  std::string key;
  return AnswerKeyOf(request, key) ? key : "(none)";
}

TEST(AnswerKey, DependsOnTheRequestLineAndTheHeadersThatSelectARepresentation) {
  std::string plain = KeyOf("GET /a HTTP/1.1\r\nHost: t\r\n\r\n");
  EXPECT_EQ(plain, "GET /a HTTP/1.1\n\n\n\n");
  // Headers no answer depends on do not change the key.
  EXPECT_EQ(KeyOf("GET /a HTTP/1.1\r\nHost: other\r\nUser-Agent: wrk\r\nConnection: keep-alive\r\n"
                  "Sec-Fetch-Mode: cors\r\nOrigin: https://x.example\r\nX-Forwarded-For: 1.2.3.4"
                  "\r\n\r\n"),
            plain);
  EXPECT_EQ(KeyOf("GET /a HTTP/1.1\r\nHost: t\r\naccept: application/vc+jwt\r\n\r\n"),
            "GET /a HTTP/1.1\n=application/vc+jwt\n\n\n");
  EXPECT_EQ(KeyOf("GET /a HTTP/1.1\r\nAccept-Encoding: gzip\r\nIf-None-Match: \"e\"\r\n"
                  "Accept-Language: de\r\nAccept: */*\r\n\r\n"),
            "GET /a HTTP/1.1\n=*/*\n=gzip\n=de\n=\"e\"");
  EXPECT_NE(KeyOf("GET /a?lang=en HTTP/1.1\r\nHost: t\r\n\r\n"), plain);
  EXPECT_NE(KeyOf("HEAD /a HTTP/1.1\r\nHost: t\r\n\r\n"), plain);
  EXPECT_NE(KeyOf("GET /a HTTP/1.0\r\nHost: t\r\n\r\n"), plain);
  EXPECT_NE(KeyOf("GET /a HTTP/1.1\r\nAccept:\r\n\r\n"), plain);  // empty is not absent
  // Anything that could change an answer keeps the request away from the cache.
  for (const char* header :
       {"Cookie: s=1", "Authorization: Bearer x", "Range: bytes=0-1", "If-Modified-Since: x",
        "If-Match: \"e\"", "X-Custom: 1", "Accept: a\r\nAccept: b"}) {
    EXPECT_EQ(KeyOf("GET /a HTTP/1.1\r\nHost: t\r\n" + std::string(header) + "\r\n\r\n"), "(none)")
        << header;
  }
}

const std::string kAnswer =
    "HTTP/1.1 200 OK\r\nCache-Control: no-cache\r\nContent-Length: 2\r\n\r\nok";

TEST(AnswerCache, KeepsOnlyAnswersThatMayBeSharedAndOnlyForTheirSecondAndCounter) {
  AnswerCache cache(1 << 20);
  cache.Begin(100, 7);
  cache.Store("k", kAnswer, "route");
  const AnswerCache::Entry* hit = cache.Find("k");
  ASSERT_NE(hit, nullptr);
  EXPECT_EQ(hit->answer, kAnswer);
  EXPECT_EQ(hit->status, 200);
  EXPECT_EQ(hit->body_bytes, 2u);
  EXPECT_STREQ(hit->route, "route");
  cache.Begin(100, 7);
  EXPECT_NE(cache.Find("k"), nullptr);
  cache.Begin(100, 8);  // the registry changed
  EXPECT_EQ(cache.Find("k"), nullptr);
  cache.Store("k", kAnswer, "route");
  cache.Begin(101, 8);  // a new second
  EXPECT_EQ(cache.Find("k"), nullptr);

  for (const std::string& answer :
       {std::string("HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\n\r\n"),
        std::string("HTTP/1.1 200 OK\r\nCache-Control: no-store\r\nContent-Length: 0\r\n\r\n"),
        std::string("HTTP/1.1 200 OK\r\nSet-Cookie: s=1\r\nContent-Length: 0\r\n\r\n"),
        std::string("HTTP/1.1 200 OK\r\nConnection: close\r\nContent-Length: 0\r\n\r\n"),
        std::string("HTTP/1.1 500 Internal Server Error\r\nContent-Length: 0\r\n\r\n")}) {
    cache.Store("x", answer, "route");
    EXPECT_EQ(cache.Find("x"), nullptr) << answer;
  }
  cache.Store("n", "HTTP/1.1 304 Not Modified\r\nETag: \"e\"\r\n\r\n", "route");
  ASSERT_NE(cache.Find("n"), nullptr);
  EXPECT_EQ(cache.Find("n")->status, 304);

  AnswerCache small(kAnswer.size() + 1);
  small.Begin(1, 1);
  small.Store("k", kAnswer, "route");
  EXPECT_NE(small.Find("k"), nullptr);
  small.Store("l", kAnswer, "route");  // no room
  EXPECT_EQ(small.Find("l"), nullptr);
}

}  // namespace
}  // namespace siegel::http

namespace siegel::testing {
namespace {

using AnswerCacheServerTest = ServerFixture;

std::string StatusRequest(const std::string& id, const std::string& extra = "") {
  return "GET /api/v1/certificates/" + id + "/status HTTP/1.1\r\nHost: t\r\n" + extra + "\r\n";
}

TEST_F(AnswerCacheServerTest, ARevocationIsServedByTheVeryNextRequest) {
  RawConnection connection(port_);
  for (int i = 0; i < 3; ++i) {  // the second and third come from the cache
    connection.Send(StatusRequest(id_));
    EXPECT_NE(connection.ReadAnswer().find("\"status\":\"valid\""), std::string::npos);
  }
  ASSERT_TRUE(writer_->lifecycle().Revoke(id_, "withdrawn", {"test"}).ok());
  connection.Send(StatusRequest(id_));
  std::string answer = connection.ReadAnswer();
  EXPECT_NE(answer.find("\"status\":\"revoked\""), std::string::npos) << answer;
}

TEST_F(AnswerCacheServerTest, EachRepresentationIsAnsweredAsItselfAndCountedInTheMetrics) {
  RawConnection connection(port_);
  auto get = [&](const std::string& extra) {
    connection.Send("GET /api/v1/certificates/" + id_ + " HTTP/1.1\r\nHost: t\r\n" + extra +
                    "\r\n");
    return connection.ReadAnswer();
  };
  auto body = [](const std::string& answer) { return answer.substr(answer.find("\r\n\r\n") + 4); };
  std::string etag;
  auto cached_total = [&] {
    connection.Send("GET /metrics HTTP/1.1\r\nHost: t\r\n\r\n");
    std::smatch cached;
    std::string metrics = connection.ReadAnswer();
    EXPECT_TRUE(
        std::regex_search(metrics, cached, std::regex("siegel_http_cached_answers_total (\\d+)")));
    return std::stoi(cached[1].str());
  };
  // Two rounds: the second round's answers come from the cache, unless a second passed between
  // the two (the cache starts over each second); on a slow machine that can happen, so the
  // pair of rounds is tried again, at most five times.
  int attempts = 0;
  for (; attempts < 5; ++attempts) {
    for (int round = 0; round < 2; ++round) {
      std::string json = get("");
      EXPECT_NE(json.find("Content-Type: application/vc\r\n"), std::string::npos) << json;
      EXPECT_EQ(body(json).substr(0, 1), "{");
      std::string jws = get("Accept: application/vc+jwt\r\n");
      EXPECT_NE(jws.find("Content-Type: application/vc+jwt"), std::string::npos) << jws;
      EXPECT_EQ(body(jws).substr(0, 2), "ey");
      std::string gzip = get("Accept-Encoding: gzip\r\n");
      EXPECT_NE(gzip.find("Content-Encoding: gzip"), std::string::npos) << gzip.substr(0, 300);
      std::smatch match;
      ASSERT_TRUE(std::regex_search(json, match, std::regex("ETag: (\"[^\"]+\")")));
      etag = match[1].str();
      EXPECT_EQ(StatusOf(get("If-None-Match: " + etag + "\r\n")), 304);
      std::string with_cookie = get("Cookie: siegel_session=x\r\n");  // never from the cache
      EXPECT_EQ(body(with_cookie), body(json));
    }
    if (cached_total() >= 1) break;
  }
  ASSERT_LT(attempts, 5) << "no answer ever came from the cache";
  const int pairs = attempts + 1;
  connection.Send("GET /metrics HTTP/1.1\r\nHost: t\r\n\r\n");
  std::string metrics = connection.ReadAnswer();
  EXPECT_NE(metrics.find("siegel_http_requests_total{route=\"certificate\",status=\"200\"} " +
                         std::to_string(8 * pairs) + "\n"),
            std::string::npos)
      << metrics;
  EXPECT_NE(metrics.find("siegel_http_requests_total{route=\"certificate\",status=\"304\"} " +
                         std::to_string(2 * pairs) + "\n"),
            std::string::npos);
  // At most the four cacheable answers of each pair's second round came from the cache.
  std::smatch cached;
  ASSERT_TRUE(
      std::regex_search(metrics, cached, std::regex("siegel_http_cached_answers_total (\\d+)")));
  EXPECT_GE(std::stoi(cached[1].str()), 1);
  EXPECT_LE(std::stoi(cached[1].str()), 4 * pairs);
}

}  // namespace
}  // namespace siegel::testing
