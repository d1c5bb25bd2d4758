#include "transparency/signed_note.h"

#include "base/jcs.h"
#include "credential/sha256.h"

namespace siegel::note {
namespace {

constexpr std::string_view kDash = "\xE2\x80\x94 ";  // U+2014 EM DASH and a space
constexpr uint8_t kEd25519 = 0x01;
constexpr size_t kMaxNoteBytes = 1 << 20;
constexpr size_t kMaxSignatures = 100;

bool ValidKeyName(std::string_view name) {
  if (name.empty()) return false;
  for (unsigned char c : name) {
    if (c <= 0x20 || c == 0x7f || c == '+') return false;
  }
  return IsValidUtf8(std::string(name));
}

Status CheckText(std::string_view text) {
  if (text.empty() || text.back() != '\n')
    return Error::InvalidInput("a note text must end in a newline");
  if (!IsValidUtf8(std::string(text))) return Error::InvalidInput("a note text must be UTF-8");
  for (size_t i = 0; i < text.size(); ++i) {
    unsigned char c = static_cast<unsigned char>(text[i]);
    if ((c < 0x20 && c != '\n') || c == 0x7f) {
      return Error::InvalidInput("a note text may hold no control character but newline");
    }
    if (c == '\n' && i + 1 < text.size() && text[i + 1] == '\n') {
      return Error::InvalidInput("a note text may not contain a blank line");
    }
  }
  return Status::Ok();
}

Bytes KeyIdBytes(uint32_t id) {
  return {static_cast<uint8_t>(id >> 24), static_cast<uint8_t>(id >> 16),
          static_cast<uint8_t>(id >> 8), static_cast<uint8_t>(id)};
}

std::string HexId(uint32_t id) { return HexEncode(KeyIdBytes(id)); }

bool ParseDecimal(std::string_view text, uint64_t& value) {
  if (text.empty() || text.size() > 20 || (text.size() > 1 && text[0] == '0')) return false;
  value = 0;
  for (char c : text) {
    if (c < '0' || c > '9') return false;
    uint64_t digit = static_cast<uint64_t>(c - '0');
    if (value > (UINT64_MAX - digit) / 10) return false;
    value = value * 10 + digit;
  }
  return true;
}

}  // namespace

uint32_t Ed25519KeyId(std::string_view name, const Ed25519PublicKey& key) {
  std::string data(name);
  data.push_back('\n');
  data.push_back(static_cast<char>(kEd25519));
  data.append(key.raw().begin(), key.raw().end());
  Bytes digest = Sha256(std::string_view(data));
  return (uint32_t{digest[0]} << 24) | (uint32_t{digest[1]} << 16) | (uint32_t{digest[2]} << 8) |
         uint32_t{digest[3]};
}

Result<Verifier> Verifier::ForKey(std::string name, const Ed25519PublicKey& key) {
  if (!ValidKeyName(name)) return Error::InvalidInput("the key name '" + name + "' is not valid");
  uint32_t id = Ed25519KeyId(name, key);
  return Verifier{std::move(name), id, key};
}

Result<Verifier> Verifier::Parse(std::string_view vkey) {
  // The base64 part may itself contain '+': split at the first two only.
  size_t first = vkey.find('+');
  size_t second = first == std::string_view::npos ? first : vkey.find('+', first + 1);
  if (second == std::string_view::npos) {
    return Error::InvalidInput("a verifier key has the form NAME+KEYID+KEY");
  }
  std::string name(vkey.substr(0, first));
  std::string_view id_hex = vkey.substr(first + 1, second - first - 1);
  auto id = HexDecode(id_hex);
  auto key_bytes = Base64Decode(vkey.substr(second + 1));
  if (!ValidKeyName(name) || id_hex.size() != 8 || !id.ok() || !key_bytes.ok()) {
    return Error::InvalidInput("the verifier key is malformed (NAME+8-hex-id+base64)");
  }
  if (key_bytes->size() != 33 || (*key_bytes)[0] != kEd25519) {
    return Error::InvalidInput("the verifier key is not an Ed25519 key (type 0x01, 32 bytes)");
  }
  auto key = Ed25519PublicKey::FromRaw(Bytes(key_bytes->begin() + 1, key_bytes->end()));
  if (!key.ok()) return key.error();
  auto verifier = ForKey(name, *key);
  if (!verifier.ok()) return verifier.error();
  if (HexId(verifier->key_id) != id_hex) {
    return Error::InvalidInput("the verifier key's id " + std::string(id_hex) +
                               " does not match its name and key");
  }
  return verifier;
}

std::string Verifier::Format() const {
  Bytes typed(1 + key.raw().size(), kEd25519);
  std::copy(key.raw().begin(), key.raw().end(), typed.begin() + 1);
  return name + "+" + HexId(key_id) + "+" + Base64Encode(typed);
}

Result<std::string> Sign(std::string_view text, const std::string& name,
                         const Ed25519PrivateKey& key) {
  if (Status s = CheckText(text); !s.ok()) return s.error();
  auto verifier = Verifier::ForKey(name, key.public_key());
  if (!verifier.ok()) return verifier.error();
  auto signature = key.Sign(text);
  if (!signature.ok()) return signature.error();
  Bytes line = KeyIdBytes(verifier->key_id);
  line.insert(line.end(), signature->begin(), signature->end());
  std::string note(text);
  note += "\n";
  note += kDash;
  note += name + " " + Base64Encode(line) + "\n";
  return note;
}

Result<std::string> Open(std::string_view signed_note, const std::vector<Verifier>& known) {
  if (signed_note.size() > kMaxNoteBytes) return Error::Refused("the signed note is too large");
  size_t split = signed_note.rfind("\n\n");
  if (split == std::string_view::npos) {
    return Error::Refused("the note has no blank line before its signatures");
  }
  std::string_view text = signed_note.substr(0, split + 1);
  std::string_view lines = signed_note.substr(split + 2);
  if (Status s = CheckText(text); !s.ok()) return Error::Refused(s.message());
  if (lines.empty() || lines.back() != '\n') {
    return Error::Refused("the note's signature lines must end in a newline");
  }
  size_t count = 0;
  bool verified = false;
  while (!lines.empty()) {
    size_t end = lines.find('\n');
    std::string_view line = lines.substr(0, end);
    lines.remove_prefix(end + 1);
    if (++count > kMaxSignatures) return Error::Refused("the note carries too many signatures");
    if (line.substr(0, kDash.size()) != kDash) {
      return Error::Refused("a signature line does not start with an em dash and a space");
    }
    line.remove_prefix(kDash.size());
    size_t space = line.find(' ');
    if (space == std::string_view::npos) return Error::Refused("a signature line has no key name");
    std::string_view name = line.substr(0, space);
    auto signature = Base64Decode(line.substr(space + 1));
    if (!ValidKeyName(std::string(name)) || !signature.ok() || signature->size() < 5) {
      return Error::Refused("a signature line is malformed");
    }
    uint32_t id = (uint32_t{(*signature)[0]} << 24) | (uint32_t{(*signature)[1]} << 16) |
                  (uint32_t{(*signature)[2]} << 8) | uint32_t{(*signature)[3]};
    for (const Verifier& v : known) {
      if (v.name != name || v.key_id != id) continue;
      if (!v.key.Verify(text, Bytes(signature->begin() + 4, signature->end()))) {
        return Error::Refused("the signature of " + v.name + " on the note is not valid");
      }
      verified = true;
    }
  }
  if (!verified) return Error::Refused("the note carries no signature of a trusted key");
  return std::string(text);
}

std::string Checkpoint::Text() const {
  std::string text = origin + "\n" + std::to_string(size) + "\n" + Base64Encode(root) + "\n";
  for (const std::string& line : extensions) text += line + "\n";
  return text;
}

Result<Checkpoint> Checkpoint::Parse(std::string_view text) {
  std::vector<std::string_view> lines;
  while (!text.empty()) {
    size_t end = text.find('\n');
    if (end == std::string_view::npos) return Error::Refused("a checkpoint must end in a newline");
    lines.push_back(text.substr(0, end));
    text.remove_prefix(end + 1);
  }
  if (lines.size() < 3) return Error::Refused("a checkpoint has an origin, a size and a root hash");
  Checkpoint checkpoint;
  checkpoint.origin = std::string(lines[0]);
  if (checkpoint.origin.empty()) return Error::Refused("the checkpoint's origin is empty");
  if (!ParseDecimal(lines[1], checkpoint.size)) {
    return Error::Refused("the checkpoint's tree size is not a decimal number");
  }
  auto root = Base64Decode(lines[2]);
  if (!root.ok() || root->size() != 32) {
    return Error::Refused("the checkpoint's root hash is not 32 bytes of base64");
  }
  checkpoint.root = std::move(root).value();
  for (size_t i = 3; i < lines.size(); ++i) {
    if (lines[i].empty()) return Error::Refused("the checkpoint has an empty extension line");
    checkpoint.extensions.emplace_back(lines[i]);
  }
  return checkpoint;
}

Result<Checkpoint> OpenCheckpoint(std::string_view signed_note, const Verifier& log_key) {
  auto text = Open(signed_note, {log_key});
  if (!text.ok()) return text.error();
  auto checkpoint = Checkpoint::Parse(*text);
  if (!checkpoint.ok()) return checkpoint.error();
  if (checkpoint->origin != log_key.name) {
    return Error::Refused("the checkpoint's origin '" + checkpoint->origin +
                          "' is not the log's name '" + log_key.name + "'");
  }
  return checkpoint;
}

}  // namespace siegel::note
