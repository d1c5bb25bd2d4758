// The audit trail as staff read it: filtered by actor, action, subject and dates, newest first.
#include <SQLiteCpp/Column.h>
#include <SQLiteCpp/Statement.h>

#include "registry/registry.h"
#include "registry/sql_guard.h"
#include "registry/validation.h"

namespace siegel {

Result<std::vector<AuditRecord>> StaffWorkflow::AuditLog(const AuditFilter& f) const {
  if (Status s = ValidateDate("from", f.from); !s.ok()) return s.error();
  if (Status s = ValidateDate("to", f.to); !s.ok()) return s.error();
  if (f.limit < 1 || f.limit > 100000) return Error::InvalidInput("limit must be 1 to 100000");
  if (f.offset < 0) return Error::InvalidInput("offset must not be negative");
  return Guard("the audit trail", [&]() -> Result<std::vector<AuditRecord>> {
    SQLite::Statement q(
        store_.db(),
        "SELECT seq, at, actor, action, subject, COALESCE(before_json, ''), "
        "COALESCE(after_json, '') FROM audit_events "
        "WHERE (?1 = '' OR instr(actor, ?1) > 0) AND (?2 = '' OR substr(action, 1, length(?2)) = "
        "?2) "
        "AND (?3 = '' OR subject = ?3) AND (?4 = '' OR at >= ?4) "
        "AND (?5 = '' OR at < date(?5, '+1 day')) ORDER BY seq DESC LIMIT ?6 OFFSET ?7");
    q.bind(1, f.actor);
    q.bind(2, f.action);
    q.bind(3, f.subject);
    q.bind(4, f.from);
    q.bind(5, f.to);
    q.bind(6, f.limit);
    q.bind(7, f.offset);
    std::vector<AuditRecord> out;
    while (q.executeStep()) {
      AuditRecord r;
      r.seq = q.getColumn(0).getInt64();
      r.at = q.getColumn(1).getString();
      r.actor = q.getColumn(2).getString();
      r.action = q.getColumn(3).getString();
      r.subject = q.getColumn(4).getString();
      r.before_json = q.getColumn(5).getString();
      r.after_json = q.getColumn(6).getString();
      out.push_back(std::move(r));
    }
    return out;
  });
}

}  // namespace siegel
