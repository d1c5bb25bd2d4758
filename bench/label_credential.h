// The label credential the proof benchmarks sign and verify: one as BuildLabelCredential makes
// it, with legal entity, level, evidence and a renewal; its parts too, for tests that vary them.
#pragma once

#include "registry/open_badge.h"
#include "registry/registry.h"

namespace siegel::bench {

inline RegistrySettings BenchSettings() {
  RegistrySettings s;
  s.base_url = "https://labels.example.org";
  s.did = "did:web:labels.example.org";
  s.issuer_name = "Ministerium für Wirtschaft, Arbeit und Tourismus Baden-Württemberg";
  s.issuer_url = "https://wm.baden-wuerttemberg.de/";
  return s;
}

inline Initiative BenchInitiative() {
  Initiative initiative;
  initiative.slug = "microtec-suedwest";
  initiative.name = "microTEC Südwest";
  initiative.legal_entity = "microTEC Südwest e.V.";
  return initiative;
}

inline Certificate BenchCertificate(const Programme& programme) {
  Certificate c;
  c.id = "CEBW-2026-0001";
  c.level = "Gold";
  c.assessed_on = "2026-02-10";
  c.assessor = programme.assessor_default;
  c.board_decision_date = "2026-02-20";
  c.board_decision_ref = "Beirat 2026/1";
  c.valid_from = "2026-03-01T00:00:00Z";
  c.valid_until = "2028-03-01T00:00:00Z";
  c.issued_at = "2026-03-01T10:00:00Z";
  c.supersedes = "CEBW-2024-0001";
  c.revocation_index = 4711;
  c.suspension_index = 815;
  return c;
}

inline Json BenchLabel() {
  Programme programme = DefaultProgramme();
  return BuildLabelCredential(BenchSettings(), programme, BenchInitiative(),
                              BenchCertificate(programme));
}

}  // namespace siegel::bench
