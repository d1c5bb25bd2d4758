// RDF Dataset Canonicalization (RDFC-1.0, W3C Recommendation 2024): the same dataset, however
// its blank nodes were labelled and its quads ordered, gives the same N-Quads text, which the
// eddsa-rdfc-2022 cryptosuite hashes and signs.
#pragma once

#include <cstddef>
#include <map>
#include <string>

#include "base/result.h"
#include "rdf/quad.h"

namespace siegel::rdf {

enum class HashAlgorithm { kSha256, kSha384 };

struct CanonicalizeOptions {
  HashAlgorithm hash = HashAlgorithm::kSha256;
  // A dataset built to be expensive (many blank nodes that look alike: a "poison graph") can
  // make the algorithm run for days. Each call of Hash N-Degree Quads and each permutation it
  // tries costs one step; past this many steps canonicalization fails instead of going on.
  // A credential needs a few dozen; the whole W3C test suite at most a few thousand.
  size_t max_steps = 100000;
};

struct CanonicalDataset {
  std::string nquads;                         // sorted canonical N-Quads, no duplicates
  std::map<std::string, std::string> issued;  // input blank node label -> c14nN
  size_t steps = 0;                           // work spent, counted as for max_steps
};

// Fails (ErrorCode::kRefused) when the work bound is reached.
Result<CanonicalDataset> Canonicalize(const Dataset& dataset,
                                      const CanonicalizeOptions& options = {});

}  // namespace siegel::rdf
