// siegel demo: a fictional demo registry with certificates in every status, renewals included.
// Dates are relative to today, so the statuses stay true whenever the demo is built.
#include <iostream>

#include "server/cli/cli_context.h"

namespace siegel::cli {
namespace {

constexpr UnixSeconds kDay = 86400;

struct DemoInitiative {
  const char* slug;
  const char* name;
  const char* legal_entity;
  const char* region;
  const char* sector;
};

// Every name says it is fictional; none of these organisations exists.
const DemoInitiative kInitiatives[] = {
    {"demo-mikrosystemtechnik-suedwest", "Demo-Cluster Mikrosystemtechnik Südwest (fiktiv)",
     "Förderverein Demo-Mikrosystemtechnik e.V. (fiktiv)", "Regierungsbezirk Freiburg",
     "Microsystems technology"},
    {"demo-photonik-nordschwarzwald", "Demo-Netzwerk Photonik Nordschwarzwald (fiktiv)",
     "Demo Photonik GmbH (fiktiv)", "Regierungsbezirk Karlsruhe", "Photonics"},
    {"demo-automotive-neckar", "Demo-Cluster Automotive Neckar (fiktiv)",
     "Demo Automotive Trägerverein e.V. (fiktiv)", "Regierungsbezirk Stuttgart", "Automotive"},
    {"demo-medizintechnik-alb", "Demo-Initiative Medizintechnik Alb (fiktiv)",
     "Demo MedTech Alb GmbH (fiktiv)", "Regierungsbezirk Tübingen", "Medical technology"},
    {"demo-kunststoff-oberrhein", "Demo-Netzwerk Kunststoff Oberrhein (fiktiv)",
     "Demo Kunststoffnetz e.V. (fiktiv)", "Regierungsbezirk Freiburg", "Plastics"},
    {"demo-energiespeicher-gruene-zukunft", "Demo-Cluster Energiespeicher „Grüne Zukunft“ (fiktiv)",
     "Demo Energie & Speicher eG (fiktiv)", "Regierungsbezirk Stuttgart",
     "Energy storage and smart grids"},
    // Four whose certificates end within 180 days, one in each state of their renewal (the
    // staff overview's list): nothing yet, assessment recorded, proposed, renewed.
    {"demo-luftfahrt-bodensee", "Demo-Cluster Luftfahrt Bodensee (fiktiv)",
     "Demo Luftfahrt Bodensee e.V. (fiktiv)", "Regierungsbezirk Tübingen", "Aerospace"},
    {"demo-biotechnologie-rhein-neckar", "Demo-Netzwerk Biotechnologie Rhein-Neckar (fiktiv)",
     "Demo BioRegion e.V. (fiktiv)", "Regierungsbezirk Karlsruhe", "Biotechnology"},
    {"demo-logistik-donau", "Demo-Initiative Logistik Donau (fiktiv)",
     "Demo Logistiknetz Donau GmbH (fiktiv)", "Regierungsbezirk Tübingen", "Logistics"},
    {"demo-textil-zollernalb", "Demo-Cluster Textil Zollernalb (fiktiv)",
     "Demo Textilnetzwerk e.V. (fiktiv)", "Regierungsbezirk Tübingen", "Textiles"},
};

Status AddInitiatives(Registry& registry, const Actor& actor) {
  for (const DemoInitiative& d : kInitiatives) {
    Initiative i;
    i.slug = d.slug;
    i.name = d.name;
    i.legal_entity = d.legal_entity;
    i.region = d.region;
    i.technology_fields = {d.sector};
    i.website = std::string("https://") + d.slug + ".example";
    i.contact_email = std::string("kontakt@") + d.slug + ".example";
    i.description =
        "Fiktive Initiative für die Demonstration von Siegel. Keine echte Organisation.";
    if (Status s = registry.records().AddInitiative(i, actor); !s.ok()) return s;
  }
  return Status::Ok();
}

IssueRequest Request(const char* slug, UnixSeconds from, UnixSeconds now, int until_months = 0) {
  IssueRequest r;
  r.initiative_slug = slug;
  r.valid_from = from;
  if (until_months > 0) r.valid_until = AddMonths(from, until_months);
  r.assessed_on = FormatDate(std::min(from, now) - 30 * kDay);
  r.board_decision_date = FormatDate(std::min(from, now) - 10 * kDay);
  r.board_decision_ref = "DEMO-Beirat (fiktiv)";
  return r;
}

// Certificates that end within 180 days, each renewal at another step: what the staff
// overview lists, the soonest end first.
Status AddRenewalsDue(Registry& registry, const Actor& actor, UnixSeconds now, UnixSeconds today,
                      std::vector<std::string>& lines) {
  const struct {
    int initiative;
    int days_left;
    RenewalState state;
  } due[] = {{6, 25, RenewalState::kNone},
             {7, 70, RenewalState::kAssessmentRecorded},
             {8, 110, RenewalState::kProposed},
             {9, 160, RenewalState::kApproved}};
  for (const auto& d : due) {
    const char* slug = kInitiatives[d.initiative].slug;
    UnixSeconds from = AddMonths(today + d.days_left * kDay, -24);
    auto c = registry.lifecycle().Issue(Request(slug, from, now), actor);
    if (!c.ok()) return c.error();
    std::string what = "valid, ends in " + std::to_string(d.days_left) + " days, renewal: ";
    if (d.state == RenewalState::kApproved) {
      auto renewal = registry.lifecycle().Renew(c->id, {}, actor);
      if (!renewal.ok()) return renewal.error();
      lines.push_back(c->id + "  " + what + "signed as " + renewal->id);
      lines.push_back(renewal->id + "  not yet valid (renewal of " + c->id + ")");
      continue;
    }
    if (d.state != RenewalState::kNone) {
      Assessment a;
      a.initiative_slug = slug;
      a.assessor = DefaultProgramme().assessor_default;
      a.assessed_from = FormatDate(now - 14 * kDay);
      a.assessed_on = FormatDate(now - 10 * kDay);
      a.board_decision_date = FormatDate(now - 3 * kDay);
      a.board_decision_ref = "DEMO-Beirat (fiktiv)";
      auto recorded = registry.workflow().RecordAssessment(a, actor);
      if (!recorded.ok()) return recorded.error();
      if (d.state == RenewalState::kProposed) {
        Proposal p;
        p.assessment_id = recorded->id;
        p.renews = c->id;
        p.proposed_by = "demo:generator";
        auto proposed = registry.workflow().Propose(p, actor);
        if (!proposed.ok()) return proposed.error();
      }
    }
    lines.push_back(c->id + "  " + what + RenewalStateName(d.state));
  }
  return Status::Ok();
}

int RunDemo(const CliContext& context, const std::string& base_url) {
  siegel::InitOptions init;
  init.base_url = base_url;
  init.issuer_name = "Demo-Ministerium (fiktiv) – Demonstrationsregister, kein amtliches Register";
  init.passphrase = KeyStore::PassphraseFromEnvironment();
  init.four_eyes = false;  // the generator signs alone; four eyes goes on when it is done
  // A demo is served where it is made (http://127.0.0.1 by default), never resolved by others.
  init.allow_insecure_base_url = true;
  auto created = Registry::Create(context.DataDir(), init);
  if (!created.ok()) return Fail(created.error());
  Registry& registry = **created;
  Actor actor{"demo:generator"};
  if (Status s = AddInitiatives(registry, actor); !s.ok()) return Fail(s.error());
  // What the printed certificates say beside the date and under the signature line.
  CertificateDesign design{"Stuttgart", "Dr. Erika Beispiel (fiktiv)",
                           "Abteilungsleiterin Innovation (fiktiv)", "", ""};
  if (Status s = registry.designs().Set("", design, actor); !s.ok()) return Fail(s.error());

  UnixSeconds now = registry.Now();
  UnixSeconds today = now - now % kDay;
  std::vector<std::string> lines;
  auto issue = [&](const IssueRequest& r, const char* what) -> Result<Certificate> {
    auto c = registry.lifecycle().Issue(r, actor);
    if (c.ok()) lines.push_back(c->id + "  " + what);
    return c;
  };
  // Renewed: an expired first certificate and its seamless successor, valid now.
  auto first = issue(Request(kInitiatives[0].slug, AddMonths(today, -26), now),
                     "expired, renewed by the next");
  if (!first.ok()) return Fail(first.error());
  auto renewal = registry.lifecycle().Renew(first->id, {}, actor);
  if (!renewal.ok()) return Fail(renewal.error());
  lines.push_back(renewal->id + "  valid (renewal of " + first->id + ")");
  // Valid.
  if (auto c = issue(Request(kInitiatives[1].slug, AddMonths(today, -6), now), "valid"); !c.ok())
    return Fail(c.error());
  // Suspended.
  auto suspended = issue(Request(kInitiatives[2].slug, AddMonths(today, -10), now), "suspended");
  if (!suspended.ok()) return Fail(suspended.error());
  if (auto s = registry.lifecycle().Suspend(suspended->id, "Überprüfung nach Beschwerde (fiktiv)",
                                            actor);
      !s.ok()) {
    return Fail(s.error());
  }
  // Revoked.
  auto revoked = issue(Request(kInitiatives[3].slug, AddMonths(today, -14), now), "revoked");
  if (!revoked.ok()) return Fail(revoked.error());
  if (auto r =
          registry.lifecycle().Revoke(revoked->id, "Voraussetzungen entfallen (fiktiv)", actor);
      !r.ok()) {
    return Fail(r.error());
  }
  // Expired, never renewed.
  if (auto c = issue(Request(kInitiatives[4].slug, AddMonths(today, -30), now), "expired");
      !c.ok()) {
    return Fail(c.error());
  }
  // Not yet valid, and granted three years.
  if (auto c = issue(Request(kInitiatives[5].slug, AddMonths(today, 2), now, 36),
                     "not yet valid (3 years)");
      !c.ok()) {
    return Fail(c.error());
  }
  if (Status s = AddRenewalsDue(registry, actor, now, today, lines); !s.ok())
    return Fail(s.error());
  if (Status s = registry.accounts().SetFourEyes("ce-bw", true, actor); !s.ok())
    return Fail(s.error());
  // The demo's history is as if it had always been; notices start with the first change made
  // in it (reminders of the certificates ending soon are due at once).
  if (Status s = registry.mail().SkipPastStatusChanges(); !s.ok()) return Fail(s.error());
  std::cout << "Created a FICTIONAL demo registry in " << context.DataDir().string() << " for "
            << base_url << "\n";
  for (const auto& line : lines) std::cout << "  " << line << "\n";
  return kExitOk;
}

}  // namespace

void AddDemoCommand(CLI::App& app, CliContext& context) {
  auto base_url = std::make_shared<std::string>("http://127.0.0.1:8080");
  CLI::App* cmd = app.add_subcommand(
      "demo", "create a fictional demo registry with certificates in every status");
  cmd->add_option("--base-url", *base_url,
                  "public address the demo will be served at (default http://127.0.0.1:8080)");
  cmd->callback([&context, base_url] {
    context.action = [&context, base_url] { return RunDemo(context, *base_url); };
  });
}

}  // namespace siegel::cli
