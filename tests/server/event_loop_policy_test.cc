// Which requests the event loops answer (server/http/event_loop_policy.h): quick reads of
// one thing stay, anything that may take long goes to a thread.
#include "server/http/event_loop_policy.h"

#include <gtest/gtest.h>

namespace siegel::http {
namespace {

TEST(EventLoopPolicy, QuickPublicReadsStayInTheLoops) {
  const char* paths[] = {
      "/api/v1/certificates/CEBW-2026-0001",
      "/api/v1/certificates/CEBW-2026-0001/status",
      "/api/v1/certificates/CEBW-2026-0001/log",
      "/status/ce-bw/revocation",
      "/badge/CEBW-2026-0001.svg",
      "/verify/CEBW-2026-0001",
      "/verify",
      "/static/siegel.css",
      "/.well-known/did.json",
      "/.well-known/jwks.json",
      "/log/checkpoint",
      "/log/key",
      "/log/proof/inclusion",
      "/healthz",
      "/api/openapi.json",
  };
  for (const char* path : paths) {
    EXPECT_TRUE(AnsweredInEventLoop("GET", path)) << path;
    EXPECT_TRUE(AnsweredInEventLoop("HEAD", path)) << path;
  }
  EXPECT_TRUE(AnsweredInEventLoop("OPTIONS", "/api/v1/verify"));  // a preflight answers itself
}

TEST(EventLoopPolicy, WhatMayTakeLongGoesToAThread) {
  // Lists, searches and pages over the whole registry; queries over every certificate.
  const char* reads[] = {"/api/v1/certificates",
                         "/api/v1/initiatives",
                         "/api/v1/programmes",
                         "/",
                         "/export.json",
                         "/export.csv",
                         "/metrics",
                         "/log",
                         "/log/entries",
                         "/initiatives/demo",
                         "/admin",
                         "/admin/certificates",
                         "/api/v1/admin/certificates"};
  for (const char* path : reads) EXPECT_FALSE(AnsweredInEventLoop("GET", path)) << path;
  // Verification is CPU-bound; the staff side hashes passwords, signs and writes.
  EXPECT_FALSE(AnsweredInEventLoop("POST", "/api/v1/verify"));
  EXPECT_FALSE(AnsweredInEventLoop("POST", "/api/v1/verify/batch"));
  EXPECT_FALSE(AnsweredInEventLoop("POST", "/verify"));
  EXPECT_FALSE(AnsweredInEventLoop("POST", "/admin/sign-in"));
  EXPECT_FALSE(AnsweredInEventLoop("OPTIONS", "/api/v1/admin/certificates"));
  EXPECT_FALSE(AnsweredInEventLoop("DELETE", "/api/v1/certificates/CEBW-2026-0001"));
}

TEST(EventLoopPolicy, StaffPathsAreExactlyTheAdminTrees) {
  EXPECT_TRUE(IsStaffPath("/admin"));
  EXPECT_TRUE(IsStaffPath("/admin/users"));
  EXPECT_TRUE(IsStaffPath("/api/v1/admin/tokens"));
  EXPECT_FALSE(IsStaffPath("/administration"));
  EXPECT_FALSE(IsStaffPath("/api/v1/adminx"));
  EXPECT_FALSE(IsStaffPath("/api/v1/certificates/admin"));
}

}  // namespace
}  // namespace siegel::http
