// The staff workflow's assessments: what an external assessment found, recorded (checked,
// one transaction with its audit record) before anyone may propose a label on it.
#include <SQLiteCpp/Column.h>
#include <SQLiteCpp/Statement.h>

#include <algorithm>

#include "registry/audit.h"
#include "registry/registry.h"
#include "registry/sql_guard.h"
#include "registry/validation.h"

namespace siegel {
namespace {

#define SIEGEL_ASSESSMENT_COLUMNS                                                             \
  "id, initiative_slug, programme_code, assessor, assessed_from, assessed_on, level, score, " \
  "score_public, board_decision_date, board_decision_ref, recorded_by, recorded_at"

Assessment ReadAssessment(SQLite::Statement& q) {
  Assessment a;
  int i = 0;
  a.id = q.getColumn(i++).getInt64();
  a.initiative_slug = q.getColumn(i++).getString();
  a.programme_code = q.getColumn(i++).getString();
  a.assessor = q.getColumn(i++).getString();
  a.assessed_from = q.getColumn(i++).getString();
  a.assessed_on = q.getColumn(i++).getString();
  a.level = q.getColumn(i++).getString();
  a.score = q.getColumn(i++).getString();
  a.score_public = q.getColumn(i++).getInt() != 0;
  a.board_decision_date = q.getColumn(i++).getString();
  a.board_decision_ref = q.getColumn(i++).getString();
  a.recorded_by = q.getColumn(i++).getString();
  a.recorded_at = q.getColumn(i++).getString();
  return a;
}

}  // namespace

Result<Assessment> StaffWorkflow::RecordAssessment(const Assessment& input, const Actor& actor) {
  Result<Assessment> recorded = Error::Internal("the assessment was not recorded");
  Status status = store_.Write([&]() -> Status {
    recorded = RecordAssessmentInTransaction(input, actor);
    return recorded.status();
  });
  if (!status.ok()) return status.error();
  return recorded;
}

Result<Assessment> StaffWorkflow::RecordAssessmentInTransaction(const Assessment& input,
                                                                const Actor& actor) {
  Assessment a = input;
  if (Status s = ValidateText("assessor", a.assessor, 300, true); !s.ok()) return s.error();
  for (const auto& [field, value] :
       {std::pair<const char*, const std::string&>{"assessment start", a.assessed_from},
        {"assessment end", a.assessed_on}}) {
    if (value.empty()) {
      return Error::InvalidInput(std::string(field) + " is required").About(field, "text_required");
    }
    if (Status s = ValidateDate(field, value); !s.ok()) return s.error();
  }
  if (a.assessed_on < a.assessed_from) {
    return Error::InvalidInput("the assessment cannot end before it starts")
        .About("assessment end", "assessment_order");
  }
  if (Status s = ValidateDate("board decision date", a.board_decision_date); !s.ok())
    return s.error();
  if (Status s = ValidateText("board decision reference", a.board_decision_ref, 200, false);
      !s.ok())
    return s.error();
  if (Status s = ValidateText("score", a.score, 100, false); !s.ok()) return s.error();
  std::string now = FormatDateTimeStamp(store_.Now());
  if (a.assessed_on > now.substr(0, 10)) {
    return Error::InvalidInput("the assessment end " + a.assessed_on + " is in the future")
        .About("assessment end", "assessment_future", {a.assessed_on});
  }
  {
    auto initiative = queries_.GetInitiative(a.initiative_slug);
    if (!initiative.ok()) return initiative.error();
    auto programme = queries_.GetProgramme(a.programme_code);
    if (!programme.ok()) return programme.error();
    if (!a.level.empty() && std::find(programme->levels.begin(), programme->levels.end(),
                                      a.level) == programme->levels.end()) {
      return Error::InvalidInput("level \"" + a.level + "\" is not a level of programme " +
                                 programme->code)
          .About("level", "unknown_level", {a.level});
    }
    a.recorded_by = actor.name;
    a.recorded_at = now;
    SQLite::Statement insert(
        store_.db(),
        "INSERT INTO assessments (initiative_slug, programme_code, assessor, assessed_from, "
        "assessed_on, level, score, score_public, board_decision_date, board_decision_ref, "
        "recorded_by, recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
    int i = 1;
    insert.bind(i++, a.initiative_slug);
    insert.bind(i++, a.programme_code);
    insert.bind(i++, a.assessor);
    insert.bind(i++, a.assessed_from);
    insert.bind(i++, a.assessed_on);
    insert.bind(i++, a.level);
    insert.bind(i++, a.score);
    insert.bind(i++, a.score_public ? 1 : 0);
    insert.bind(i++, a.board_decision_date);
    insert.bind(i++, a.board_decision_ref);
    insert.bind(i++, a.recorded_by);
    insert.bind(i++, a.recorded_at);
    insert.exec();
    a.id = store_.db().getLastInsertRowid();
    AppendAudit(store_.db(), now, actor, "assessment.record", a.initiative_slug, Json(),
                AssessmentAuditView(a));
  }
  return a;
}

Result<Assessment> StaffWorkflow::GetAssessment(int64_t id) const {
  return Guard("an assessment", [&]() -> Result<Assessment> {
    SQLite::Statement q(store_.db(),
                        "SELECT " SIEGEL_ASSESSMENT_COLUMNS " FROM assessments WHERE id = ?");
    q.bind(1, id);
    if (!q.executeStep()) return Error::NotFound("there is no assessment " + std::to_string(id));
    return ReadAssessment(q);
  });
}

Result<std::vector<Assessment>> StaffWorkflow::ListAssessments(const std::string& slug) const {
  return Guard("assessments", [&]() -> Result<std::vector<Assessment>> {
    SQLite::Statement q(store_.db(), "SELECT " SIEGEL_ASSESSMENT_COLUMNS
                                     " FROM assessments WHERE (?1 = '' OR initiative_slug = ?1)"
                                     " ORDER BY assessed_on DESC, id DESC");
    q.bind(1, slug);
    std::vector<Assessment> out;
    while (q.executeStep()) out.push_back(ReadAssessment(q));
    return out;
  });
}

}  // namespace siegel
