// Adding programmes and initiatives: validated, one transaction each, audited.
#include <SQLiteCpp/Column.h>
#include <SQLiteCpp/Statement.h>

#include "registry/audit.h"
#include "registry/registry.h"
#include "registry/status_publisher.h"
#include "registry/validation.h"

namespace siegel {
namespace {

Json ToJsonArray(const std::vector<std::string>& items) {
  Json out = Json::array();
  for (const auto& item : items) out.push_back(item);
  return out;
}

Status ValidateProgramme(const Programme& p) {
  if (Status s = ValidateSlug("programme code", p.code); !s.ok()) return s;
  for (const auto& [field, value, max, required] :
       {std::tuple<const char*, const std::string&, size_t, bool>{"programme name (de)", p.name_de,
                                                                  300, true},
        {"programme name (en)", p.name_en, 300, true},
        {"programme criteria", p.criteria_text, 4000, true},
        {"default assessor", p.assessor_default, 300, false}}) {
    if (Status s = ValidateText(field, value, max, required); !s.ok()) return s;
  }
  if (p.description.empty()) {
    return Error::InvalidInput("programme description must not be empty")
        .About("programme description", "text_required");
  }
  if (Status s = ValidateMultilineText("programme description", p.description, 4000); !s.ok())
    return s;
  if (Status s = ValidateUrl("criteria URL", p.criteria_url); !s.ok()) return s;
  if (p.validity_months < 1 || p.validity_months > 120) {
    return Error::InvalidInput("validity must be between 1 and 120 months")
        .About("validity months", "validity_months");
  }
  if (p.id_prefix.empty() || p.id_prefix.size() > 12 ||
      p.id_prefix.find_first_not_of("ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789") != std::string::npos ||
      !(p.id_prefix[0] >= 'A' && p.id_prefix[0] <= 'Z')) {
    return Error::InvalidInput("certificate id prefix \"" + p.id_prefix +
                               "\" must be 1-12 capital letters or digits")
        .About("certificate id prefix", "prefix_form", {p.id_prefix});
  }
  for (const auto& level : p.levels) {
    if (Status s = ValidateText("level", level, 50, true); !s.ok()) return s;
  }
  return Status::Ok();
}

}  // namespace

Status RegistryRecords::AddProgramme(const Programme& p, const Actor& actor) {
  if (Status s = ValidateProgramme(p); !s.ok()) return s;
  std::string now = FormatDateTimeStamp(store_.Now());
  return store_.Write([&]() -> Status {
    auto key = store_.SigningKey();
    if (!key.ok()) return key.error();
    SQLite::Statement exists(store_.db(),
                             "SELECT 1 FROM programmes WHERE code = ? OR id_prefix = ?");
    exists.bind(1, p.code);
    exists.bind(2, p.id_prefix);
    if (exists.executeStep()) {
      return Error::Conflict("a programme with code " + p.code + " or prefix " + p.id_prefix +
                             " exists already")
          .About("programme code", "programme_taken", {p.code, p.id_prefix});
    }
    SQLite::Statement insert(
        store_.db(),
        "INSERT INTO programmes (code, name_de, name_en, description, validity_months, "
        "criteria_text, criteria_url, assessor_default, id_prefix, levels, created_at) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
    insert.bind(1, p.code);
    insert.bind(2, p.name_de);
    insert.bind(3, p.name_en);
    insert.bind(4, p.description);
    insert.bind(5, p.validity_months);
    insert.bind(6, p.criteria_text);
    insert.bind(7, p.criteria_url);
    insert.bind(8, p.assessor_default);
    insert.bind(9, p.id_prefix);
    insert.bind(10, ToJsonArray(p.levels).dump());
    insert.bind(11, now);
    insert.exec();
    for (StatusPurpose purpose : kStatusPurposes) {
      Status s = RepublishStatusList(store_.db(), store_.settings(),
                                     store_.settings().active_key_id, *key, p.code, purpose, now);
      if (!s.ok()) return s;
    }
    AppendAudit(store_.db(), now, actor, "programme.add", p.code, Json(), ProgrammeAuditView(p));
    return Status::Ok();
  });
}

Status RegistryRecords::UpdateProgramme(const Programme& changed, const Actor& actor) {
  std::string now = FormatDateTimeStamp(store_.Now());
  return store_.Write([&]() -> Status {
    auto before = queries_.GetProgramme(changed.code);
    if (!before.ok()) return before.error();
    Programme after = changed;
    after.id_prefix = before->id_prefix;
    if (Status s = ValidateProgramme(after); !s.ok()) return s;
    SQLite::Statement update(store_.db(),
                             "UPDATE programmes SET name_de = ?, name_en = ?, description = ?, "
                             "validity_months = ?, criteria_text = ?, criteria_url = ?, "
                             "assessor_default = ?, levels = ? WHERE code = ?");
    update.bind(1, after.name_de);
    update.bind(2, after.name_en);
    update.bind(3, after.description);
    update.bind(4, after.validity_months);
    update.bind(5, after.criteria_text);
    update.bind(6, after.criteria_url);
    update.bind(7, after.assessor_default);
    update.bind(8, ToJsonArray(after.levels).dump());
    update.bind(9, after.code);
    update.exec();
    AppendAudit(store_.db(), now, actor, "programme.edit", after.code, ProgrammeAuditView(*before),
                ProgrammeAuditView(after));
    return Status::Ok();
  });
}

Status RegistryRecords::AddInitiative(const Initiative& i, const Actor& actor) {
  if (Status s = ValidateInitiativeRecord(i); !s.ok()) return s;
  std::string now = FormatDateTimeStamp(store_.Now());
  return store_.Write([&]() -> Status {
    SQLite::Statement exists(store_.db(), "SELECT 1 FROM initiatives WHERE slug = ?");
    exists.bind(1, i.slug);
    if (exists.executeStep())
      return Error::Conflict("an initiative with slug " + i.slug + " exists already")
          .About("initiative slug", "slug_taken", {i.slug});
    SQLite::Statement insert(
        store_.db(),
        "INSERT INTO initiatives (slug, name, legal_entity, kind, region, technology_fields, "
        "website, management_org, description, created_at, updated_at, contact_email) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
    insert.bind(1, i.slug);
    insert.bind(2, i.name);
    insert.bind(3, i.legal_entity);
    insert.bind(4, KindName(i.kind));
    insert.bind(5, i.region);
    insert.bind(6, ToJsonArray(i.technology_fields).dump());
    insert.bind(7, i.website);
    insert.bind(8, i.management_organisation);
    insert.bind(9, i.description);
    insert.bind(10, now);
    insert.bind(11, now);
    insert.bind(12, i.contact_email);
    insert.exec();
    AppendAudit(store_.db(), now, actor, "initiative.add", i.slug, Json(),
                Json{{"slug", i.slug},
                     {"name", i.name},
                     {"legalEntity", i.legal_entity},
                     {"kind", KindName(i.kind)}});
    return Status::Ok();
  });
}

Status ValidateInitiativeRecord(const Initiative& i) {
  if (Status s = ValidateSlug("initiative slug", i.slug); !s.ok()) return s;
  for (const auto& [field, value, max, required] :
       {std::tuple<const char*, const std::string&, size_t, bool>{"initiative name", i.name, 300,
                                                                  true},
        {"legal entity", i.legal_entity, 300, false},
        {"region", i.region, 100, false},
        {"management organisation", i.management_organisation, 300, false}}) {
    if (Status s = ValidateText(field, value, max, required); !s.ok()) return s;
  }
  if (Status s = ValidateMultilineText("description", i.description, 8000); !s.ok()) return s;
  if (Status s = ValidateUrl("website", i.website); !s.ok()) return s;
  if (Status s = ValidateEmailAddress("contact e-mail", i.contact_email); !s.ok()) return s;
  for (const auto& field : i.technology_fields) {
    if (Status s = ValidateText("technology field", field, 100, true); !s.ok()) return s;
  }
  return Status::Ok();
}

Status RegistryRecords::UpdateInitiative(const Initiative& changed, const Actor& actor) {
  std::string now = FormatDateTimeStamp(store_.Now());
  return store_.Write([&]() -> Status {
    auto before = queries_.GetInitiative(changed.slug);
    if (!before.ok()) return before.error();
    Initiative after = changed;
    after.created_at = before->created_at;
    after.updated_at = now;
    if (Status s = ValidateInitiativeRecord(after); !s.ok()) return s;
    SQLite::Statement update(
        store_.db(),
        "UPDATE initiatives SET name = ?, legal_entity = ?, kind = ?, region = ?, "
        "technology_fields = ?, website = ?, management_org = ?, description = ?, updated_at = ?, "
        "contact_email = ? WHERE slug = ?");
    Json fields = Json::array();
    for (const auto& f : after.technology_fields) fields.push_back(f);
    update.bind(1, after.name);
    update.bind(2, after.legal_entity);
    update.bind(3, KindName(after.kind));
    update.bind(4, after.region);
    update.bind(5, fields.dump());
    update.bind(6, after.website);
    update.bind(7, after.management_organisation);
    update.bind(8, after.description);
    update.bind(9, now);
    update.bind(10, after.contact_email);
    update.bind(11, after.slug);
    update.exec();
    AppendAudit(store_.db(), now, actor, "initiative.edit", after.slug,
                InitiativeAuditView(*before), InitiativeAuditView(after));
    return Status::Ok();
  });
}

}  // namespace siegel
