// Issuer private keys as files under <data>/keys/: PKCS#8 PEM, mode 0600, optionally
// encrypted with the passphrase in $SIEGEL_KEY_PASSPHRASE. Never in the database.
#pragma once

#include <filesystem>
#include <optional>
#include <string>

#include "credential/ed25519.h"

namespace siegel {

class KeyStore {
 public:
  explicit KeyStore(std::filesystem::path data_dir) : data_dir_(std::move(data_dir)) {}
  const std::filesystem::path& data_dir() const { return data_dir_; }

  // The passphrase from the environment, if one is set.
  static std::optional<std::string> PassphraseFromEnvironment();

  // Writes a new key file keys/<key_id>.pem (refusing to overwrite one) and returns the key
  // and the file's path relative to the data directory.
  Result<std::pair<Ed25519PrivateKey, std::string>> Create(
      const std::string& key_id, const std::optional<std::string>& passphrase);

  // Whether the key file at `relative_path` is encrypted (false when it is missing).
  bool IsEncrypted(const std::string& relative_path) const;
  // Whether a file keys/<key_id>.pem exists (a key, or what a failed rotation left).
  bool Exists(const std::string& key_id) const;

  // Loads the key from its relative path; refuses a file that others may read.
  Result<Ed25519PrivateKey> Load(const std::string& relative_path,
                                 const std::optional<std::string>& passphrase) const;

 private:
  std::filesystem::path data_dir_;
};

}  // namespace siegel
