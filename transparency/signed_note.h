// C2SP signed notes (signed-note v1.0.0) with Ed25519 keys, and the tree heads they carry
// (tlog-checkpoint v1.0.0).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "credential/ed25519.h"
#include "transparency/merkle.h"

namespace siegel::note {

// A verifier key: "<name>+<8 hex key ID>+<base64(0x01 ‖ public key)>".
struct Verifier {
  std::string name;
  uint32_t key_id = 0;
  Ed25519PublicKey key;

  static Result<Verifier> Parse(std::string_view vkey);
  static Result<Verifier> ForKey(std::string name, const Ed25519PublicKey& key);
  std::string Format() const;
};

// SHA-256(name ‖ "\n" ‖ 0x01 ‖ public key)[0:4], big-endian.
uint32_t Ed25519KeyId(std::string_view name, const Ed25519PublicKey& key);

// The note text (UTF-8, ending in "\n") followed by a blank line and one signature line.
Result<std::string> Sign(std::string_view text, const std::string& name,
                         const Ed25519PrivateKey& key);

// Splits a signed note at its last blank line and checks its signatures against `known`.
// Lines from unknown keys are ignored; a known key's bad signature rejects the note; at least
// one known key must have signed. Returns the text.
Result<std::string> Open(std::string_view signed_note, const std::vector<Verifier>& known);

// A tree head: "<origin>\n<size>\n<base64 root>\n" and optional extension lines.
struct Checkpoint {
  std::string origin;
  uint64_t size = 0;
  merkle::Hash root;
  std::vector<std::string> extensions;

  std::string Text() const;
  static Result<Checkpoint> Parse(std::string_view text);
};

// Opens a signed checkpoint with one pinned key whose name must equal the origin.
Result<Checkpoint> OpenCheckpoint(std::string_view signed_note, const Verifier& log_key);

}  // namespace siegel::note
