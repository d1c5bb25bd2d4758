// The whole database checked for damage, and what the check found remembered beside it: a
// damaged page that no write touches would otherwise let every write succeed on a database
// that is already broken (and be copied into every backup made since).
#include <SQLiteCpp/Column.h>
#include <SQLiteCpp/Statement.h>

#include <fstream>

#include "registry/registry.h"

namespace siegel {
namespace {

std::filesystem::path MarkerOf(const std::filesystem::path& dir) { return dir / kDamageMarkerFile; }

}  // namespace

Status Registry::CheckIntegrity() {
  std::vector<std::string> findings;
  try {
    // quick_check reads every page and checks the b-trees and the free list (what a failing
    // disk breaks); integrity_check also compares every index with its table, many times
    // slower at 100,000 certificates.
    SQLite::Statement check(*db_, "PRAGMA quick_check(20)");
    while (check.executeStep()) findings.push_back(check.getColumn(0).getString());
  } catch (const std::exception& e) {
    findings = {e.what()};
  }
  std::error_code ec;
  if (findings.size() == 1 && findings[0] == "ok") {
    // A restored or repaired database: the old finding no longer holds.
    if (!read_only_) std::filesystem::remove(MarkerOf(dir_), ec);
    return Status::Ok();
  }
  std::string what;
  for (const std::string& finding : findings) what += (what.empty() ? "" : "; ") + finding;
  std::string finding = FormatDateTimeStamp(Now()) + " " + what;
  if (!read_only_) {
    // Written whole or not at all: a reader never sees half a finding.
    std::filesystem::path temporary = MarkerOf(dir_).string() + ".tmp";
    {
      std::ofstream out(temporary, std::ios::trunc);
      out << finding << "\n";
    }
    std::filesystem::rename(temporary, MarkerOf(dir_), ec);
  }
  return Error::Damaged(DamageMessage(finding));
}

std::optional<std::string> Registry::KnownDamage() const {
  std::ifstream in(MarkerOf(dir_));
  if (!in) return std::nullopt;
  std::string finding;
  std::getline(in, finding);
  return finding;
}

std::string Registry::DamageMessage(const std::string& finding) const {
  return "the registry database " + (dir_ / "registry.db").string() +
         " is damaged (its integrity check at " + finding +
         "); nothing can be changed in it. Stop writing to it, do not back it up, and restore "
         "the newest good backup (siegel restore); siegel check looks again";
}

}  // namespace siegel
