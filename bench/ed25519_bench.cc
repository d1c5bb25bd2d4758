// The raw Ed25519 rates of the two libraries Siegel could use, measured side by side in one
// process: OpenSSL 3 (the baseline is `openssl speed ed25519`) and libsodium (what
// Siegel signs and verifies with). With them, bench/run reports each verification ratio
// against both, so the gain from the faster library is not mistaken for less overhead.
// Each thread signs and verifies the same 64-byte message (what eddsa-jcs-2022 signs: two
// SHA-256 hashes) with its own key, one-shot per operation as Siegel does.
// Usage: siegel-bench-ed25519 [SECONDS_PER_MEASUREMENT=2] [THREADS=1] [MEASUREMENT...]
// MEASUREMENT: openssl_sign, sodium_sign, openssl_verify, sodium_verify (default: all four),
// so that bench/run, which needs only libsodium's verification rate, spends no time on the rest.
#include <openssl/evp.h>
#include <sodium.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <functional>
#include <memory>
#include <string>
#include <thread>
#include <vector>

namespace {

using Clock = std::chrono::steady_clock;

struct KeyPair {
  unsigned char sodium_secret[crypto_sign_SECRETKEYBYTES];
  unsigned char public_key[crypto_sign_PUBLICKEYBYTES];
  std::shared_ptr<EVP_PKEY> openssl_private, openssl_public;
};

KeyPair MakeKeyPair() {
  KeyPair pair;
  unsigned char seed[crypto_sign_SEEDBYTES];
  randombytes_buf(seed, sizeof seed);
  crypto_sign_seed_keypair(pair.public_key, pair.sodium_secret, seed);
  pair.openssl_private.reset(
      EVP_PKEY_new_raw_private_key(EVP_PKEY_ED25519, nullptr, seed, sizeof seed), EVP_PKEY_free);
  pair.openssl_public.reset(EVP_PKEY_new_raw_public_key(EVP_PKEY_ED25519, nullptr, pair.public_key,
                                                        sizeof pair.public_key),
                            EVP_PKEY_free);
  return pair;
}

const unsigned char kMessage[64] = {1, 2, 3, 4, 5, 6, 7, 8};

bool OpensslSign(const KeyPair& pair, unsigned char* signature) {
  EVP_MD_CTX* ctx = EVP_MD_CTX_new();
  size_t size = 64;
  bool ok = EVP_DigestSignInit(ctx, nullptr, nullptr, nullptr, pair.openssl_private.get()) == 1 &&
            EVP_DigestSign(ctx, signature, &size, kMessage, sizeof kMessage) == 1;
  EVP_MD_CTX_free(ctx);
  return ok;
}

bool OpensslVerify(const KeyPair& pair, const unsigned char* signature) {
  EVP_MD_CTX* ctx = EVP_MD_CTX_new();
  bool ok = EVP_DigestVerifyInit(ctx, nullptr, nullptr, nullptr, pair.openssl_public.get()) == 1 &&
            EVP_DigestVerify(ctx, signature, 64, kMessage, sizeof kMessage) == 1;
  EVP_MD_CTX_free(ctx);
  return ok;
}

bool SodiumSign(const KeyPair& pair, unsigned char* signature) {
  return crypto_sign_detached(signature, nullptr, kMessage, sizeof kMessage, pair.sodium_secret) ==
         0;
}

bool SodiumVerify(const KeyPair& pair, const unsigned char* signature) {
  return crypto_sign_verify_detached(signature, kMessage, sizeof kMessage, pair.public_key) == 0;
}

// Runs `operation` on `threads` threads for `seconds` and returns operations per second.
template <typename Operation>
double Rate(int threads, double seconds, Operation operation) {
  std::atomic<long> total{0};
  std::atomic<bool> failed{false};
  std::vector<std::thread> workers;
  for (int t = 0; t < threads; ++t) {
    workers.emplace_back([&] {
      KeyPair pair = MakeKeyPair();
      unsigned char signature[64];
      SodiumSign(pair, signature);
      long done = 0;
      auto end = Clock::now() + std::chrono::duration<double>(seconds);
      while (Clock::now() < end) {
        for (int i = 0; i < 50; ++i) {
          if (!operation(pair, signature)) failed = true;
        }
        done += 50;
      }
      total += done;
    });
  }
  for (std::thread& worker : workers) worker.join();
  if (failed) {
    std::fprintf(stderr, "siegel-bench-ed25519: an operation failed\n");
    std::exit(1);
  }
  return static_cast<double>(total) / seconds;
}

}  // namespace

int main(int argc, char** argv) {
  if (sodium_init() < 0) {
    std::fprintf(stderr, "siegel-bench-ed25519: libsodium could not be initialised\n");
    return 1;
  }
  const double seconds = argc > 1 ? std::stod(argv[1]) : 2.0;
  const int threads = argc > 2 ? std::stoi(argv[2]) : 1;
  const std::vector<std::pair<std::string, std::function<double()>>> measurements = {
      {"openssl_sign",
       [&] {
         return Rate(threads, seconds, [](const KeyPair& p, const unsigned char*) {
           unsigned char signature[64];
           return OpensslSign(p, signature);
         });
       }},
      {"sodium_sign",
       [&] {
         return Rate(threads, seconds, [](const KeyPair& p, const unsigned char*) {
           unsigned char signature[64];
           return SodiumSign(p, signature);
         });
       }},
      {"openssl_verify", [&] { return Rate(threads, seconds, OpensslVerify); }},
      {"sodium_verify", [&] { return Rate(threads, seconds, SodiumVerify); }},
  };
  std::vector<std::string> wanted(argv + std::min(argc, 3), argv + argc);
  for (const std::string& name : wanted) {
    if (std::none_of(measurements.begin(), measurements.end(),
                     [&name](const auto& m) { return m.first == name; })) {
      std::fprintf(stderr,
                   "usage: siegel-bench-ed25519 [SECONDS] [THREADS] [openssl_sign|sodium_sign|"
                   "openssl_verify|sodium_verify ...]\n");
      return 2;
    }
  }
  std::printf("threads=%d\n", threads);
  for (const auto& [name, measure] : measurements) {
    if (!wanted.empty() && std::find(wanted.begin(), wanted.end(), name) == wanted.end()) continue;
    std::printf("%s_per_second=%.0f\n", name.c_str(), measure());
  }
  return 0;
}
