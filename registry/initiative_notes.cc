#include "registry/initiative_notes.h"

#include <SQLiteCpp/Column.h>
#include <SQLiteCpp/Statement.h>

#include "registry/audit.h"
#include "registry/certificate_queries.h"
#include "registry/registry_store.h"
#include "registry/sql_guard.h"
#include "registry/validation.h"

namespace siegel {

Result<InitiativeNote> InitiativeNotes::Add(const std::string& initiative_slug,
                                            const std::string& text, const Actor& actor) {
  if (text.find_first_not_of(" \t\r\n") == std::string::npos) {
    return Error::InvalidInput("the note must not be empty").About("note", "text_required");
  }
  if (Status s = ValidateMultilineText("note", text, 4000); !s.ok()) return s.error();
  InitiativeNote note;
  note.initiative_slug = initiative_slug;
  note.text = text;
  note.written_by = actor.name;
  note.written_at = FormatDateTimeStamp(store_.Now());
  Status status = store_.Write(
      [&]() -> Status {
        auto initiative = queries_.GetInitiative(initiative_slug);
        if (!initiative.ok()) return initiative.error();
        SQLite::Statement insert(store_.db(),
                                 "INSERT INTO initiative_notes (initiative_slug, text, written_by, "
                                 "written_at) VALUES (?, ?, ?, ?)");
        insert.bind(1, note.initiative_slug);
        insert.bind(2, note.text);
        insert.bind(3, note.written_by);
        insert.bind(4, note.written_at);
        insert.exec();
        note.id = store_.db().getLastInsertRowid();
        AppendAudit(store_.db(), note.written_at, actor, "initiative.note", initiative_slug, Json(),
                    Json{{"note", note.text}});
        return Status::Ok();
      },
      /*public_change=*/false);
  if (!status.ok()) return status.error();
  return note;
}

Result<std::vector<InitiativeNote>> InitiativeNotes::List(
    const std::string& initiative_slug) const {
  return Guard("the initiative's notes", [&]() -> Result<std::vector<InitiativeNote>> {
    SQLite::Statement q(store_.db(),
                        "SELECT id, text, written_by, written_at FROM initiative_notes "
                        "WHERE initiative_slug = ? ORDER BY id DESC");
    q.bind(1, initiative_slug);
    std::vector<InitiativeNote> notes;
    while (q.executeStep()) {
      InitiativeNote note;
      note.id = q.getColumn(0).getInt64();
      note.initiative_slug = initiative_slug;
      note.text = q.getColumn(1).getString();
      note.written_by = q.getColumn(2).getString();
      note.written_at = q.getColumn(3).getString();
      notes.push_back(std::move(note));
    }
    return notes;
  });
}

}  // namespace siegel
