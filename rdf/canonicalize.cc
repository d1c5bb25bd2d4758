// RDFC-1.0, following the specification's algorithm names (section 4): the canonicalization
// state, Hash First Degree Quads (4.6), Hash Related Blank Node (4.7) and Hash N-Degree Quads
// (4.8), with a bound on the work the last one may do.
#include "rdf/canonicalize.h"

#include <openssl/evp.h>

#include <algorithm>
#include <memory>
#include <optional>
#include <set>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "rdf/digest.h"

namespace siegel::rdf {
namespace {

// Issues identifiers prefix0, prefix1, ... in order and remembers the order (4.5).
class IdentifierIssuer {
 public:
  explicit IdentifierIssuer(std::string prefix) : prefix_(std::move(prefix)) {}

  const std::string& Issue(const std::string& existing) {
    auto found = issued_.find(existing);
    if (found != issued_.end()) return found->second;
    order_.push_back(existing);
    return issued_.emplace(existing, prefix_ + std::to_string(counter_++)).first->second;
  }
  const std::string* Find(const std::string& existing) const {
    auto found = issued_.find(existing);
    return found == issued_.end() ? nullptr : &found->second;
  }
  const std::vector<std::string>& order() const { return order_; }
  const std::unordered_map<std::string, std::string>& issued() const { return issued_; }

 private:
  std::string prefix_;
  size_t counter_ = 0;
  std::unordered_map<std::string, std::string> issued_;
  std::vector<std::string> order_;
};

struct NDegreeResult {
  std::string hash;
  IdentifierIssuer issuer;
};

// Quads compared and hashed by their terms, without writing them out.
struct QuadHash {
  size_t operator()(const Quad* quad) const {
    size_t hash = 0;
    for (const Term* term : {&quad->subject, &quad->predicate, &quad->object, &quad->graph}) {
      for (const std::string* part : {&term->value, &term->datatype, &term->language}) {
        hash = hash * 31 + std::hash<std::string>()(*part);
      }
      hash = hash * 31 + static_cast<size_t>(term->kind);
    }
    return hash;
  }
};
struct SameQuad {
  bool operator()(const Quad* a, const Quad* b) const {
    return a->subject == b->subject && a->predicate == b->predicate && a->object == b->object &&
           a->graph == b->graph;
  }
};

class Canonicalizer {
 public:
  Canonicalizer(const Dataset& dataset, const CanonicalizeOptions& options)
      : options_(options), canonical_("c14n") {
    // Duplicate quads are one quad: a dataset is a set.
    std::unordered_set<const Quad*, QuadHash, SameQuad> seen;
    seen.reserve(dataset.size());
    for (const Quad& quad : dataset) {
      if (seen.insert(&quad).second) quads_.push_back(&quad);
    }
    for (const Quad* quad : quads_) {
      for (const Term* term : {&quad->subject, &quad->object, &quad->graph}) {
        if (!term->is_blank()) continue;
        auto& list = blank_node_quads_[term->value];
        if (list.empty()) blank_nodes_in_order_.push_back(term->value);
        if (list.empty() || list.back() != quad) list.push_back(quad);
      }
    }
  }

  Result<CanonicalDataset> Run() {
    // 4.4.3 step 3: first-degree hashes; unique ones are issued at once, in hash order.
    // A lone blank node's hash is unique whatever it is (a proof configuration has one).
    std::map<std::string, std::vector<std::string>> hash_to_blank_nodes;
    for (const std::string& label : blank_nodes_in_order_) {
      std::string hash = blank_nodes_in_order_.size() == 1 ? "" : HashFirstDegreeQuads(label);
      hash_to_blank_nodes[hash].push_back(label);
    }
    for (auto it = hash_to_blank_nodes.begin(); it != hash_to_blank_nodes.end();) {
      if (it->second.size() == 1) {
        canonical_.Issue(it->second.front());
        it = hash_to_blank_nodes.erase(it);
      } else {
        ++it;
      }
    }
    // Step 5: the rest through N-degree hashes.
    for (auto& [hash, labels] : hash_to_blank_nodes) {
      std::vector<NDegreeResult> paths;
      for (const std::string& label : labels) {
        if (canonical_.Find(label)) continue;
        IdentifierIssuer temporary("b");
        temporary.Issue(label);
        auto result = HashNDegreeQuads(label, std::move(temporary));
        if (!result.ok()) return result.error();
        paths.push_back(std::move(result).value());
      }
      std::stable_sort(
          paths.begin(), paths.end(),
          [](const NDegreeResult& a, const NDegreeResult& b) { return a.hash < b.hash; });
      for (const NDegreeResult& path : paths) {
        for (const std::string& existing : path.issuer.order()) canonical_.Issue(existing);
      }
    }
    // Step 6: the canonical quads, sorted.
    auto canonical_label = [&](const Term& term) {
      return term.is_blank() ? canonical_.Find(term.value) : nullptr;
    };
    CanonicalDataset out;
    out.nquads = SortedLines(quads_, [&](std::string& text, const Quad& quad) {
      AppendNQuad(text, quad,
                  {canonical_label(quad.subject), canonical_label(quad.object),
                   canonical_label(quad.graph)});
    });
    for (const auto& [existing, issued] : canonical_.issued()) out.issued[existing] = issued;
    out.steps = steps_;
    return out;
  }

 private:
  // The quads as lines `write` appends, sorted and joined: written into one buffer and sorted
  // as views of it, not as a string each.
  template <typename Write>
  static std::string SortedLines(const std::vector<const Quad*>& quads, const Write& write) {
    std::string text;
    std::vector<std::pair<size_t, size_t>> lines;  // offset and length in `text`
    lines.reserve(quads.size());
    for (const Quad* quad : quads) {
      size_t start = text.size();
      write(text, *quad);
      lines.emplace_back(start, text.size() - start);
    }
    auto view = [&text](const std::pair<size_t, size_t>& line) {
      return std::string_view(text).substr(line.first, line.second);
    };
    std::sort(lines.begin(), lines.end(),
              [&](const auto& a, const auto& b) { return view(a) < view(b); });
    std::string joined;
    joined.reserve(text.size());
    for (const auto& line : lines) joined += view(line);
    return joined;
  }

  std::string Hash(const std::string& data) const {
    const EVP_MD* md = options_.hash == HashAlgorithm::kSha384 ? Sha384() : Sha256();
    unsigned char digest[EVP_MAX_MD_SIZE];
    unsigned int length = 0;
    // One digest context for all the hashes (EVP_Digest makes and frees one each time).
    if (!hash_context_ || EVP_DigestInit_ex(hash_context_.get(), md, nullptr) != 1 ||
        EVP_DigestUpdate(hash_context_.get(), data.data(), data.size()) != 1 ||
        EVP_DigestFinal_ex(hash_context_.get(), digest, &length) != 1) {
      EVP_Digest(data.data(), data.size(), digest, &length, md, nullptr);
    }
    static constexpr char kHex[] = "0123456789abcdef";
    std::string hex(2 * length, '0');
    for (unsigned int i = 0; i < length; ++i) {
      hex[2 * i] = kHex[digest[i] >> 4];
      hex[2 * i + 1] = kHex[digest[i] & 0xf];
    }
    return hex;
  }

  // 4.6: the quads that mention a blank node, with it as _:a and every other one as _:z.
  std::string HashFirstDegreeQuads(const std::string& label) {
    auto cached = first_degree_.find(label);
    if (cached != first_degree_.end()) return cached->second;
    static const std::string kSelf = "a", kOther = "z";
    auto position_label = [&](const Term& term) {
      return term.is_blank() ? (term.value == label ? &kSelf : &kOther) : nullptr;
    };
    std::string joined =
        SortedLines(blank_node_quads_[label], [&](std::string& text, const Quad& quad) {
          AppendNQuad(text, quad,
                      {position_label(quad.subject), position_label(quad.object),
                       position_label(quad.graph)});
        });
    return first_degree_[label] = Hash(joined);
  }

  // 4.7: a neighbour seen from a quad, by its position, the predicate and what it is called.
  std::string HashRelatedBlankNode(const std::string& related, const Quad& quad,
                                   const IdentifierIssuer& issuer, char position) {
    std::string input(1, position);
    if (position != 'g') input += "<" + quad.predicate.value + ">";
    if (const std::string* id = canonical_.Find(related)) {
      input += "_:" + *id;
    } else if (const std::string* temporary = issuer.Find(related)) {
      input += "_:" + *temporary;
    } else {
      input += HashFirstDegreeQuads(related);
    }
    return Hash(input);
  }

  bool Spend() { return ++steps_ <= options_.max_steps; }

  Error TooMuchWork() const {
    return Error::Refused("the RDF dataset's blank nodes are too alike to canonicalize within " +
                          std::to_string(options_.max_steps) +
                          " steps (a poison graph); refusing it");
  }

  // 4.8.
  Result<NDegreeResult> HashNDegreeQuads(const std::string& label, IdentifierIssuer issuer) {
    if (!Spend()) return TooMuchWork();
    std::map<std::string, std::vector<std::string>> related_by_hash;
    for (const Quad* quad : blank_node_quads_[label]) {
      const std::pair<const Term*, char> positions[] = {
          {&quad->subject, 's'}, {&quad->object, 'o'}, {&quad->graph, 'g'}};
      for (const auto& [term, position] : positions) {
        if (!term->is_blank() || term->value == label) continue;
        related_by_hash[HashRelatedBlankNode(term->value, *quad, issuer, position)].push_back(
            term->value);
      }
    }
    std::string data_to_hash;
    for (auto& [related_hash, blank_nodes] : related_by_hash) {
      data_to_hash += related_hash;
      std::string chosen_path;
      std::optional<IdentifierIssuer> chosen_issuer;
      std::sort(blank_nodes.begin(), blank_nodes.end());
      do {
        if (!Spend()) return TooMuchWork();
        IdentifierIssuer issuer_copy = issuer;
        std::string path;
        std::vector<std::string> recursion;
        auto worse = [&] {
          return !chosen_path.empty() && path.size() >= chosen_path.size() && path > chosen_path;
        };
        bool skipped = false;
        for (const std::string& related : blank_nodes) {
          if (const std::string* id = canonical_.Find(related)) {
            path += "_:" + *id;
          } else {
            if (!issuer_copy.Find(related)) recursion.push_back(related);
            path += "_:" + issuer_copy.Issue(related);
          }
          if (worse()) {
            skipped = true;
            break;
          }
        }
        for (size_t i = 0; !skipped && i < recursion.size(); ++i) {
          auto result = HashNDegreeQuads(recursion[i], issuer_copy);
          if (!result.ok()) return result.error();
          path += "_:" + issuer_copy.Issue(recursion[i]);
          path += "<" + result->hash + ">";
          issuer_copy = std::move(result->issuer);
          skipped = worse();
        }
        if (skipped) continue;
        if (chosen_path.empty() || path < chosen_path) {
          chosen_path = std::move(path);
          chosen_issuer = std::move(issuer_copy);
        }
      } while (std::next_permutation(blank_nodes.begin(), blank_nodes.end()));
      data_to_hash += chosen_path;
      issuer = std::move(*chosen_issuer);
    }
    return NDegreeResult{Hash(data_to_hash), std::move(issuer)};
  }

  const CanonicalizeOptions& options_;
  std::unique_ptr<EVP_MD_CTX, decltype(&EVP_MD_CTX_free)> hash_context_{EVP_MD_CTX_new(),
                                                                        &EVP_MD_CTX_free};
  std::vector<const Quad*> quads_;
  std::unordered_map<std::string, std::vector<const Quad*>> blank_node_quads_;
  std::vector<std::string> blank_nodes_in_order_;  // as first met in the quads
  std::unordered_map<std::string, std::string> first_degree_;
  IdentifierIssuer canonical_;
  size_t steps_ = 0;
};

}  // namespace

Result<CanonicalDataset> Canonicalize(const Dataset& dataset, const CanonicalizeOptions& options) {
  return Canonicalizer(dataset, options).Run();
}

}  // namespace siegel::rdf
