// Which requests the event loops answer themselves and which go to a thread
// (server/http/connection_server.h), and which paths belong to the staff side.
#pragma once

#include <string_view>

namespace siegel::http {

// /admin and /api/v1/admin: sessions, tokens, CSRF; never cross-origin.
bool IsStaffPath(std::string_view path);

// True for reads that are answered from memory or from one indexed lookup, in about a
// millisecond at most: one certificate (its credential, status, log entries, page, badge),
// status lists, issuer documents, log checkpoint, key and proofs, static files, health, the
// OpenAPI document, and every CORS preflight of the public side. Everything else takes a
// thread: verification (CPU-bound), lists, searches and pages over the whole registry, the
// open-data export and the metrics (queries over every certificate), and the staff side.
// A loop answers one request at a time, so anything slow there would hold up the other
// connections it serves.
bool AnsweredInEventLoop(std::string_view method, std::string_view path);

}  // namespace siegel::http
