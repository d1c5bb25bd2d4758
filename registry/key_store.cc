// Key files are created with O_EXCL and mode 0600 from the start, never chmod-ed afterwards.
#include "registry/key_store.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cstdlib>
#include <fstream>
#include <sstream>

namespace siegel {

std::optional<std::string> KeyStore::PassphraseFromEnvironment() {
  const char* value = std::getenv("SIEGEL_KEY_PASSPHRASE");
  if (value == nullptr || *value == '\0') return std::nullopt;
  return std::string(value);
}

Result<std::pair<Ed25519PrivateKey, std::string>> KeyStore::Create(
    const std::string& key_id, const std::optional<std::string>& passphrase) {
  auto key = Ed25519PrivateKey::Generate();
  if (!key.ok()) return key.error();
  auto pem = key->ToPkcs8Pem(passphrase);
  if (!pem.ok()) return pem.error();
  std::error_code ec;
  std::filesystem::create_directories(data_dir_ / "keys", ec);
  if (ec) return Error::Io("cannot create " + (data_dir_ / "keys").string() + ": " + ec.message());
  ::chmod((data_dir_ / "keys").c_str(), 0700);
  std::string relative = "keys/" + key_id + ".pem";
  std::filesystem::path file = data_dir_ / relative;
  int fd = ::open(file.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
  if (fd < 0)
    return Error::Io("cannot create the key file " + file.string() + " (does it exist already?)");
  size_t written = 0;
  while (written < pem->size()) {
    ssize_t n = ::write(fd, pem->data() + written, pem->size() - written);
    if (n <= 0) {
      ::close(fd);
      ::unlink(file.c_str());  // no half key file is left to block the next attempt
      return Error::Io("cannot write the key file " + file.string());
    }
    written += static_cast<size_t>(n);
  }
  bool synced = ::fsync(fd) == 0;
  ::close(fd);
  if (!synced) {
    ::unlink(file.c_str());
    return Error::Io("cannot flush the key file " + file.string() + " to disk");
  }
  return std::make_pair(std::move(key).value(), relative);
}

bool KeyStore::IsEncrypted(const std::string& relative_path) const {
  std::ifstream in(data_dir_ / relative_path, std::ios::binary);
  std::string first_line;
  std::getline(in, first_line);
  return first_line.find("ENCRYPTED") != std::string::npos;
}

bool KeyStore::Exists(const std::string& key_id) const {
  std::error_code ec;
  return std::filesystem::exists(data_dir_ / "keys" / (key_id + ".pem"), ec);
}

Result<Ed25519PrivateKey> KeyStore::Load(const std::string& relative_path,
                                         const std::optional<std::string>& passphrase) const {
  std::filesystem::path file = data_dir_ / relative_path;
  // Errors name the key they are about: the log's key is not the issuer's.
  const std::string what = file.filename().string().rfind("log-key", 0) == 0
                               ? "the transparency log's signing key"
                               : "the issuer key";
  struct stat info;
  if (::stat(file.c_str(), &info) != 0)
    return Error::Io(what + " file " + file.string() + " is missing");
  if ((info.st_mode & 077) != 0) {
    return Error::Refused(what + " file " + file.string() +
                          " is readable by other users; run: chmod 600 " + file.string());
  }
  std::ifstream in(file, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  if (!in.good() && !in.eof()) return Error::Io("cannot read " + what + " file " + file.string());
  auto key = Ed25519PrivateKey::FromPkcs8Pem(text.str(), passphrase);
  if (!key.ok()) {
    return Error::Refused("cannot load " + what + " " + file.string() + ": " + key.message() +
                          " (the passphrase comes from SIEGEL_KEY_PASSPHRASE)");
  }
  return key;
}

}  // namespace siegel
