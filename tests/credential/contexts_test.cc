// The contexts compiled into the verifiers are the pinned documents, and nothing else loads.
#include "credential/contexts.h"

#include "credential/sha256.h"
#include "tests/test_support.h"

namespace siegel {
namespace {

using testing::ReadData;
using testing::ReadDataJson;

TEST(PinnedContexts, AreThePinnedDocuments) {
  EXPECT_EQ(HexEncode(Sha256(ReadData("vectors/contexts/credentials-v2.jsonld"))),
            "59955ced6697d61e03f2b2556febe5308ab16842846f5b586d7f1f7adec92734");
  EXPECT_EQ(HexEncode(Sha256(ReadData("vectors/contexts/ob-v3p0-context-3.0.3.json"))),
            "ef2fa9c7846dce233cc166b43639027278be4ee44f00bb1d45c75de2dd0cd761");
  EXPECT_EQ(LoadPinnedContext("https://www.w3.org/ns/credentials/v2"),
            ReadDataJson("vectors/contexts/credentials-v2.jsonld"));
  EXPECT_EQ(LoadPinnedContext("https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json"),
            ReadDataJson("vectors/contexts/ob-v3p0-context-3.0.3.json"));
  EXPECT_EQ(HexEncode(Sha256(SiegelContextDocument())),
            "1640ab4a9551cc926df59081780ab62d4e0550bc46832a24996588f719c48cae");
  EXPECT_EQ(HexEncode(Sha256(SiegelContextDocument())), kSiegelContextSha256);
  EXPECT_EQ(LoadPinnedContext("https://labels.example.org/bw/ns/siegel/v1"),
            Json::parse(SiegelContextDocument()));
}

TEST(PinnedContexts, NothingElseLoads) {
  for (const char* url :
       {"https://www.w3.org/ns/credentials/v1", "https://www.w3.org/ns/credentials/examples/v2",
        "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.2.json",
        "https://labels.example.org/ns/siegel/v2", "/ns/siegel/v1",
        "ftp://labels.example.org/ns/siegel/v1"}) {
    EXPECT_FALSE(LoadPinnedContext(url)) << url;
  }
}

}  // namespace
}  // namespace siegel
