// C2SP signed notes and checkpoints against the vectors of the C2SP spec, Go's sumdb and
// transparency-dev, and a real sum.golang.org checkpoint.
#include "transparency/signed_note.h"

#include "tests/test_support.h"

namespace siegel::note {
namespace {

using siegel::testing::ReadDataJson;

class SignedNoteVectors : public ::testing::Test {
 protected:
  void SetUp() override {
    Json file = ReadDataJson("vectors/signed-note/signed-note-vectors.json");
    for (const Json& v : file["vectors"]) vectors_[v["name"].get<std::string>()] = v;
    ASSERT_EQ(vectors_.size(), 6u);
  }
  const Json& V(const std::string& name) { return vectors_.at(name); }
  Verifier Key(const Json& vkey) {
    auto verifier = Verifier::Parse(vkey.get<std::string>());
    EXPECT_TRUE(verifier.ok()) << vkey << ": " << verifier.message();
    return *verifier;
  }
  // "PRIVATE+KEY+<name>+<id>+<base64(0x01 ‖ seed)>": the base64 may hold '+' too.
  Ed25519PrivateKey SignerKey(const Json& skey) {
    std::string text = skey.get<std::string>();
    size_t at = 0;
    for (int plus = 0; plus < 4; ++plus) at = text.find('+', at) + 1;
    auto bytes = Base64Decode(text.substr(at)).value();
    return Ed25519PrivateKey::FromSeed(Bytes(bytes.begin() + 1, bytes.end())).value();
  }
  std::map<std::string, Json> vectors_;
};

TEST_F(SignedNoteVectors, VerifierKeysRoundTripAndTheirIdsRecompute) {
  for (const char* name :
       {"c2sp-signed-note-example", "go-sumdb-note-peterneumann", "transparency-dev-test-log-key",
        "real-sum.golang.org-checkpoint", "generated-label-log-checkpoints"}) {
    Verifier key = Key(V(name)["vkey"]);
    EXPECT_EQ(key.Format(), V(name)["vkey"]) << name;
  }
  EXPECT_EQ(Key(V("generated-label-log-checkpoints")["vkey"]).key_id, 0x02b03437u);
  for (const char* name : {"go-sumdb-note-peterneumann", "transparency-dev-test-log-key",
                           "generated-label-log-checkpoints"}) {
    Ed25519PrivateKey secret = SignerKey(V(name)["skey"]);
    EXPECT_EQ(secret.public_key(), Key(V(name)["vkey"]).key) << name;
  }
  // A key id that does not match, and a vkey whose base64 contains '+', split correctly.
  EXPECT_FALSE(
      Verifier::Parse("PeterNeumann+c74f20a4+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW").ok());
  EXPECT_FALSE(Verifier::Parse("no-plus-signs").ok());
  EXPECT_TRUE(Verifier::Parse(V("real-sum.golang.org-checkpoint")["vkey"].get<std::string>()).ok());
}

TEST_F(SignedNoteVectors, OpensEveryValidNote) {
  for (const char* name : {"c2sp-signed-note-example", "go-sumdb-note-peterneumann",
                           "real-sum.golang.org-checkpoint"}) {
    auto text = Open(V(name)["signedNote"].get<std::string>(), {Key(V(name)["vkey"])});
    ASSERT_TRUE(text.ok()) << name << ": " << text.message();
    EXPECT_EQ(*text, V(name)["noteText"]) << name;
  }
}

TEST_F(SignedNoteVectors, SigningReproducesGoSumdbsDeterministicSignature) {
  const Json& v = V("go-sumdb-note-peterneumann");
  auto signed_note = Sign(v["noteText"].get<std::string>(), "PeterNeumann", SignerKey(v["skey"]));
  ASSERT_TRUE(signed_note.ok()) << signed_note.message();
  EXPECT_EQ(*signed_note, v["signedNote"]);
}

TEST_F(SignedNoteVectors, UnknownSignersAreIgnoredButOneKnownSignatureIsRequired) {
  const Json& v = V("go-sumdb-note-two-signatures");
  std::string note = v["signedNote"];
  Verifier peter = Key(v["vkeys"][0]), enoch = Key(v["vkeys"][1]);
  EXPECT_TRUE(Open(note, {peter}).ok());
  EXPECT_TRUE(Open(note, {enoch}).ok());
  EXPECT_TRUE(Open(note, {peter, enoch}).ok());
  Verifier stranger = Key(V("c2sp-signed-note-example")["vkey"]);
  auto refused = Open(note, {stranger});
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.message(), "the note carries no signature of a trusted key");
}

TEST_F(SignedNoteVectors, TheSpecsIllustrativeCheckpointTextDoesNotVerify) {
  const Json& v = V("real-sum.golang.org-checkpoint");
  std::string note = v["signedNote"];
  std::string forged = v["negativeVariant"]["noteText"].get<std::string>() +
                       note.substr(v["noteText"].get<std::string>().size());
  auto refused = Open(forged, {Key(v["vkey"])});
  ASSERT_FALSE(refused.ok());
  EXPECT_NE(refused.message().find("not valid"), std::string::npos) << refused.message();
}

TEST_F(SignedNoteVectors, LabelLogCheckpointsSignParseAndLinkByConsistency) {
  const Json& v = V("generated-label-log-checkpoints");
  Verifier log_key = Key(v["vkey"]);
  Ed25519PrivateKey secret = SignerKey(v["skey"]);
  std::vector<Checkpoint> heads;
  for (const Json& c : v["checkpoints"]) {
    auto checkpoint = OpenCheckpoint(c["signedNote"].get<std::string>(), log_key);
    ASSERT_TRUE(checkpoint.ok()) << checkpoint.message();
    EXPECT_EQ(checkpoint->origin, "example.org/label-log");
    EXPECT_EQ(checkpoint->size, c["treeSize"].get<uint64_t>());
    EXPECT_EQ(HexEncode(checkpoint->root), c["rootHex"]);
    EXPECT_EQ(checkpoint->Text(), c["noteText"]);
    // Ed25519 is deterministic: signing the same text gives the same note.
    EXPECT_EQ(Sign(checkpoint->Text(), log_key.name, secret).value(), c["signedNote"]);
    heads.push_back(*checkpoint);
  }
  const Json& p = v["consistencyProof_7_to_8"];
  std::vector<merkle::Hash> proof;
  for (const Json& h : p["proof"]) proof.push_back(HexDecode(h.get<std::string>()).value());
  EXPECT_TRUE(merkle::VerifyConsistency(7, 8, heads[0].root, heads[1].root, proof).ok());
}

TEST(SignedNote, MalformedNotesAndCheckpointsAreRefusedWithAReason) {
  auto key = Ed25519PrivateKey::Generate().value();
  Verifier verifier = Verifier::ForKey("labels.example.org/log", key.public_key()).value();
  std::string good =
      Sign("labels.example.org/log\n3\n" + Base64Encode(Bytes(32, 7)) + "\n", verifier.name, key)
          .value();
  EXPECT_TRUE(OpenCheckpoint(good, verifier).ok());
  std::string flipped = good;
  flipped[24] = '4';  // the size 3 becomes 4
  EXPECT_FALSE(OpenCheckpoint(flipped, verifier).ok());
  EXPECT_FALSE(Open("no blank line\n", {verifier}).ok());
  EXPECT_FALSE(Open(good.substr(0, good.size() - 1), {verifier}).ok()) << "no final newline";
  EXPECT_FALSE(Sign("two\n\nparagraphs\n", verifier.name, key).ok());
  EXPECT_FALSE(Sign("no newline", verifier.name, key).ok());
  EXPECT_FALSE(Sign("bell \x07\n", verifier.name, key).ok());
  EXPECT_FALSE(Checkpoint::Parse("origin\n012\n" + Base64Encode(Bytes(32)) + "\n").ok());
  EXPECT_FALSE(Checkpoint::Parse("origin\n12\n" + Base64Encode(Bytes(31)) + "\n").ok());
  EXPECT_FALSE(
      Checkpoint::Parse("origin\n99999999999999999999\n" + Base64Encode(Bytes(32)) + "\n").ok());
  Verifier other = Verifier::ForKey("other.example/log", key.public_key()).value();
  EXPECT_FALSE(OpenCheckpoint(good, other).ok()) << "a different key name";
}

}  // namespace
}  // namespace siegel::note
