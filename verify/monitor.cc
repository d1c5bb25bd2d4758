#include "verify/monitor.h"

#include <filesystem>
#include <fstream>
#include <map>
#include <optional>
#include <ostream>
#include <set>
#include <sstream>

#include "verify/log_client.h"

namespace siegel::verify {
namespace {

namespace fs = std::filesystem;

struct CertificateState {
  std::string last_event;
  std::string credential_sha256;
};

// What the monitor remembers between runs, in STATE_DIR: the pinned key, the last checkpoint
// it accepted, the hash of every leaf up to it, and the state the entries replay to.
struct MonitorState {
  std::string vkey;
  std::string checkpoint;  // signed note; empty before the first run
  std::vector<merkle::Hash> leaves;
  std::map<std::string, CertificateState> certificates;
  std::set<std::string> keys;
};

std::optional<std::string> ReadText(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return std::nullopt;
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

// The registry did not answer with the log's document: it is down, or it serves no log
// there (404). Either way nothing was learnt about the log's consistency.
bool Unanswered(const Error& error) {
  return error.code == ErrorCode::kIo || error.code == ErrorCode::kNotFound;
}

Status WriteAtomically(const fs::path& path, const std::string& content) {
  fs::path temporary = path.string() + ".tmp";
  {
    std::ofstream out(temporary, std::ios::binary | std::ios::trunc);
    out << content;
    out.flush();
    if (!out) return Error::Io("cannot write " + temporary.string());
  }
  std::error_code ec;
  fs::rename(temporary, path, ec);
  if (ec) return Error::Io("cannot write " + path.string() + ": " + ec.message());
  return Status::Ok();
}

Result<MonitorState> LoadState(const fs::path& dir) {
  MonitorState state;
  auto vkey = ReadText(dir / "log-key");
  if (!vkey) return state;  // a first run
  state.vkey = *vkey;
  while (!state.vkey.empty() && state.vkey.back() == '\n') state.vkey.pop_back();
  state.checkpoint = ReadText(dir / "checkpoint").value_or("");
  std::string leaves = ReadText(dir / "leaves").value_or("");
  if (leaves.size() % 32 != 0) return Error::InvalidInput(dir.string() + "/leaves is damaged");
  for (size_t at = 0; at < leaves.size(); at += 32) {
    state.leaves.emplace_back(leaves.begin() + at, leaves.begin() + at + 32);
  }
  auto replayed = ParseStrictJson(ReadText(dir / "replayed.json").value_or("{}"), {256 << 20, 8});
  if (!replayed.ok()) return Error::InvalidInput(dir.string() + "/replayed.json is damaged");
  const Json certificates = replayed->value("certificates", Json::object());
  for (const auto& [id, c] : certificates.items()) {
    state.certificates[id] = {c.value("lastEvent", ""), c.value("credentialSha256", "")};
  }
  const Json keys = replayed->value("keys", Json::array());
  for (const Json& key : keys) state.keys.insert(key.get<std::string>());
  return state;
}

Status SaveState(const fs::path& dir, const MonitorState& state) {
  Json certificates = Json::object();
  for (const auto& [id, c] : state.certificates) {
    certificates[id] = {{"lastEvent", c.last_event}, {"credentialSha256", c.credential_sha256}};
  }
  std::string leaves;
  for (const merkle::Hash& h : state.leaves) leaves.append(h.begin(), h.end());
  for (const auto& [name, content] :
       {std::pair<const char*, std::string>{"log-key", state.vkey + "\n"},
        {"leaves", leaves},
        {"replayed.json", Json{{"certificates", certificates}, {"keys", state.keys}}.dump(1)},
        {"checkpoint", state.checkpoint}}) {  // last: it says how far the rest goes
    if (Status s = WriteAtomically(dir / name, content); !s.ok()) return s;
  }
  return Status::Ok();
}

// Applies one log event to the replayed state; an event the history cannot explain is an
// inconsistency of the log itself.
Status Replay(const LogEvent& e, MonitorState& state) {
  if (e.event == "key-added") {
    state.keys.insert(e.issuer_key);
    return Status::Ok();
  }
  if (e.event == "key-compromised") {
    if (state.keys.count(e.issuer_key) == 0)
      return Error::Refused("key " + e.issuer_key + " is compromised but was never added");
    return Status::Ok();
  }
  auto it = state.certificates.find(e.certificate);
  if (e.event == "issued") {
    if (it != state.certificates.end())
      return Error::Refused("certificate " + e.certificate + " is issued a second time");
    if (!e.supersedes.empty() && state.certificates.count(e.supersedes) == 0)
      return Error::Refused(e.certificate + " supersedes " + e.supersedes + ", never issued");
    state.certificates[e.certificate] = {"issued", e.credential_sha256};
    return Status::Ok();
  }
  if (it == state.certificates.end())
    return Error::Refused("certificate " + e.certificate + " is " + e.event +
                          " but was never issued");
  const std::string& last = it->second.last_event;
  bool allowed = (e.event == "suspended" && (last == "issued" || last == "reinstated")) ||
                 (e.event == "reinstated" && last == "suspended") ||
                 (e.event == "revoked" && last != "revoked");
  if (!allowed) {
    return Error::Refused("certificate " + e.certificate + " is " + e.event + " after being " +
                          last);
  }
  it->second.last_event = e.event;
  return Status::Ok();
}

class Monitor {
 public:
  Monitor(const MonitorOptions& options, std::ostream& out, std::ostream& err)
      : options_(options), out_(out), err_(err), fetcher_({}) {}

  int Run() {
    fs::path dir = options_.state_dir;
    std::error_code ec;
    fs::create_directories(dir, ec);
    if (ec) return Usage("cannot create " + dir.string() + ": " + ec.message());
    auto loaded = LoadState(dir);
    if (!loaded.ok()) return Usage(loaded.message() + "; start again with an empty STATE_DIR");
    MonitorState state = std::move(loaded).value();
    if (state.vkey.empty()) {
      if (options_.log_key.empty()) {
        return Usage(
            "the first run needs --log-key: the log's verifier key, from a source "
            "you trust (the ministry's announcement, not the registry you watch)");
      }
      auto key = LoadLogKey(options_.log_key);
      if (!key.ok()) return Usage("--log-key: " + key.message());
      state.vkey = key->Format();
    } else if (!options_.log_key.empty()) {
      auto key = LoadLogKey(options_.log_key);
      if (!key.ok() || key->Format() != state.vkey) {
        return Usage("--log-key differs from the key this STATE_DIR watches (" + state.vkey + ")");
      }
    }
    auto key = note::Verifier::Parse(state.vkey);
    if (!key.ok()) return Usage(dir.string() + "/log-key: " + key.message());
    LogClient client(*key, options_.url, fetcher_);

    std::optional<SignedHead> old_head;
    if (!state.checkpoint.empty()) {
      auto head = client.OpenHead(state.checkpoint);
      if (!head.ok() || head->checkpoint.size != state.leaves.size())
        return Usage(dir.string() + " is damaged; start again with an empty STATE_DIR");
      old_head = *head;
    }
    auto head = client.Checkpoint();
    if (!head.ok()) {
      if (Unanswered(head.error())) return Unreachable(head.message());
      return Inconsistent(head.message());
    }
    const note::Checkpoint& now = head->checkpoint;
    uint64_t seen = old_head ? old_head->checkpoint.size : 0;
    if (old_head) {
      const note::Checkpoint& before = old_head->checkpoint;
      if (now.size < before.size) {
        return Inconsistent("the log shrank from " + std::to_string(before.size) + " to " +
                            std::to_string(now.size) + " entries");
      }
      std::vector<merkle::Hash> proof;
      if (now.size > before.size) {
        auto fetched = client.ConsistencyProof(before.size, now.size);
        if (!fetched.ok()) {
          if (Unanswered(fetched.error())) return Unreachable(fetched.message());
          return Inconsistent(fetched.message());
        }
        proof = *fetched;
      }
      Status consistent =
          merkle::VerifyConsistency(before.size, now.size, before.root, now.root, proof);
      if (!consistent.ok()) {
        return Inconsistent("the checkpoint of " + std::to_string(now.size) +
                            " entries does not extend the one of " + std::to_string(before.size) +
                            " seen before: the log was forked or its history rewritten (" +
                            consistent.message() + ")");
      }
    }

    // Replay: everything again with --full (checked against the leaves seen before), else the
    // new entries only.
    uint64_t start = options_.full ? 0 : seen;
    auto leaves = client.Leaves(start, now.size);
    if (!leaves.ok()) {
      if (Unanswered(leaves.error())) return Unreachable(leaves.message());
      return Inconsistent(leaves.message());
    }
    MonitorState next = state;
    if (options_.full) {
      next.leaves.clear();
      next.certificates.clear();
      next.keys.clear();
    }
    std::set<std::string> touched;
    for (size_t i = 0; i < leaves->size(); ++i) {
      uint64_t index = start + i;
      const std::string& leaf = (*leaves)[i];
      merkle::Hash hash = merkle::LeafHash(leaf);
      if (index < seen && hash != state.leaves[index]) {
        return Inconsistent("entry " + std::to_string(index) +
                            " is not the entry seen there before: the history was rewritten");
      }
      auto event = OpenLogEvent(leaf, *key);
      if (!event.ok())
        return Inconsistent("entry " + std::to_string(index) + ": " + event.message());
      if (Status s = Replay(*event, next); !s.ok())
        return Inconsistent("entry " + std::to_string(index) + ": " + s.message());
      next.leaves.push_back(hash);
      if (!event->certificate.empty()) touched.insert(event->certificate);
    }
    merkle::MemoryTree tree;
    for (const merkle::Hash& h : next.leaves) tree.Append(h);
    if (tree.size() != now.size || tree.Root().value() != now.root) {
      return Inconsistent(
          "the entries the log serves do not hash to its signed root: an entry "
          "was changed after it was logged");
    }
    next.checkpoint = head->signed_note;

    // The log is consistent: keep it, then compare it with what the registry says.
    if (Status s = SaveState(dir, next); !s.ok()) return Usage(s.message());
    out_ << "log: checkpoint of " << now.size << " entries verified; " << (now.size - seen)
         << " new since the last run, " << leaves->size() << " replayed" << std::endl;
    if (seen == 0 || options_.full) {
      for (const auto& [id, c] : next.certificates) touched.insert(id);
    }
    // A writer may change the registry while it is asked: an answer may be newer than the
    // checkpoint. What disagrees is therefore asked again against the log as it has grown
    // since (proved to extend the checkpoint): an answer agrees if it matches the
    // certificate's state at the checkpoint or after any later event. Only what still
    // disagrees is reported; a registry that changes what the log says keeps disagreeing.
    std::map<std::string, std::set<std::string>> states_seen;
    for (const auto& [id, c] : next.certificates) states_seen[id].insert(c.last_event);
    auto found = Compare(client, next, touched, /*list_all=*/true, states_seen);
    if (!found.ok()) return Unreachable(found.message());
    MonitorState later = next;
    note::Checkpoint later_head = now;
    for (int round = 0; round < 3 && !found->empty(); ++round) {
      uint64_t size_before = later_head.size;
      if (!CatchUp(client, *key, later, later_head, states_seen).ok()) break;
      if (later_head.size == size_before) break;  // the log has not moved: they stand
      std::set<std::string> again;
      for (const Finding& f : *found) again.insert(f.id);
      found = Compare(client, later, again, /*list_all=*/false, states_seen);
      if (!found.ok()) return Unreachable(found.message());
    }
    for (const Finding& f : *found) Disagrees(f.message);
    if (!found->empty()) return kMonitorRegistryDisagrees;
    out_ << "OK: the log is consistent and the registry agrees with it ("
         << next.certificates.size() << " certificates)" << std::endl;
    return kMonitorConsistent;
  }

 private:
  // Something the registry said that the log, as replayed, does not explain.
  struct Finding {
    std::string id;
    std::string message;
  };

  // What the registry says now of `ids` (and, with `list_all`, which certificates it lists),
  // compared with `log`; a status agrees if it matches any state in `states_seen`. An
  // unreachable registry is an error.
  Result<std::vector<Finding>> Compare(
      LogClient& client, const MonitorState& log, const std::set<std::string>& ids, bool list_all,
      const std::map<std::string, std::set<std::string>>& states_seen) {
    std::vector<Finding> findings;
    for (const std::string& id : ids) {
      auto logged = log.certificates.find(id);
      if (logged == log.certificates.end()) {
        findings.push_back({id, id + " is in the registry but not in the log"});
        continue;
      }
      auto status = client.GetJson("/api/v1/certificates/" + id + "/status");
      if (!status.ok()) {
        if (status.error().code == ErrorCode::kIo) return status.error();
        if (status.error().code == ErrorCode::kInternal) {
          findings.push_back(
              {id, id + " is in the log but the registry cannot serve it: " + status.message()});
          continue;
        }
        findings.push_back({id, id + " is in the log (last event: " + logged->second.last_event +
                                    ") but the registry does not know it"});
        continue;
      }
      std::string registry_status = status->value("status", "");
      bool explained = false;
      auto seen = states_seen.find(id);
      for (const std::string& state : seen == states_seen.end()
                                          ? std::set<std::string>{logged->second.last_event}
                                          : seen->second) {
        explained = explained || StatusMatchesLastEvent(state, registry_status);
      }
      if (!explained) {
        findings.push_back({id, id + ": the log's last event is '" + logged->second.last_event +
                                    "' but the registry says " + registry_status});
      }
      auto credential = client.GetJson("/api/v1/certificates/" + id);
      if (!credential.ok()) {
        if (credential.error().code != ErrorCode::kInternal) return credential.error();
        findings.push_back({id, id +
                                    " is in the log but the registry cannot serve its "
                                    "credential: " +
                                    credential.message()});
        continue;
      }
      auto digest = CredentialDigest(*credential);
      if (!digest.ok() || *digest != logged->second.credential_sha256) {
        findings.push_back({id, id + ": the registry serves a credential that is not the one the "
                                     "log recorded at issuance"});
      }
    }
    // A static mirror answers only its first page, whatever the query asks.
    if (!list_all || client.reads_tiles()) return findings;
    // Every certificate the registry lists must have come through the log.
    for (int64_t page = 1;; ++page) {
      auto listed =
          client.GetJson("/api/v1/certificates?per_page=500&page=" + std::to_string(page));
      if (!listed.ok()) return listed.error();
      const Json items = listed->value("items", Json::array());
      for (const Json& item : items) {
        std::string id = item.value("id", "");
        if (log.certificates.count(id) == 0) {
          findings.push_back({id, id + " is in the registry but not in the log"});
        }
      }
      if (page >= listed->value("pages", int64_t{1})) break;
    }
    return findings;
  }

  // Reads the log past `head` (proving that it extends it) and replays the new entries into
  // `log`, adding each certificate's new state to `states_seen`. Only the comparison uses
  // this; the saved state stays at the checkpoint verified above.
  Status CatchUp(LogClient& client, const note::Verifier& key, MonitorState& log,
                 note::Checkpoint& head,
                 std::map<std::string, std::set<std::string>>& states_seen) {
    auto fresh = client.Checkpoint();
    if (!fresh.ok()) return fresh.error();
    const note::Checkpoint& grown = fresh->checkpoint;
    if (grown.size <= head.size) return Status::Ok();
    auto proof = client.ConsistencyProof(head.size, grown.size);
    if (!proof.ok()) return proof.error();
    if (Status s = merkle::VerifyConsistency(head.size, grown.size, head.root, grown.root, *proof);
        !s.ok()) {
      return s;
    }
    auto leaves = client.Leaves(head.size, grown.size);
    if (!leaves.ok()) return leaves.error();
    MonitorState extended = log;
    for (const std::string& leaf : *leaves) {
      auto event = OpenLogEvent(leaf, key);
      if (!event.ok()) return event.error();
      if (Status s = Replay(*event, extended); !s.ok()) return s;
      extended.leaves.push_back(merkle::LeafHash(leaf));
      if (!event->certificate.empty()) {
        states_seen[event->certificate].insert(
            extended.certificates.at(event->certificate).last_event);
      }
    }
    merkle::MemoryTree tree;
    for (const merkle::Hash& h : extended.leaves) tree.Append(h);
    if (tree.size() != grown.size || tree.Root().value() != grown.root) {
      return Error::InvalidInput("the new entries do not hash to the new checkpoint");
    }
    log = std::move(extended);
    head = grown;
    return Status::Ok();
  }

  int Usage(const std::string& message) {
    err_ << "siegel-verify monitor: " << message << std::endl;
    return kMonitorUsage;
  }
  int Unreachable(const std::string& message) {
    out_ << "UNREACHABLE: " << message << " (nothing concluded; the state is unchanged)"
         << std::endl;
    return kMonitorUnreachable;
  }
  int Inconsistent(const std::string& message) {
    out_ << "LOG INCONSISTENT: " << message << std::endl;
    return kMonitorLogInconsistent;
  }
  int Disagrees(const std::string& message) {
    out_ << "REGISTRY DISAGREES: " << message << std::endl;
    return 1;
  }

  const MonitorOptions& options_;
  std::ostream& out_;
  std::ostream& err_;
  DocumentFetcher fetcher_;
};

}  // namespace

int RunMonitor(const MonitorOptions& options, std::ostream& out, std::ostream& err) {
  return Monitor(options, out, err).Run();
}

}  // namespace siegel::verify
