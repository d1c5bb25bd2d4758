// Every route of the server, registered with what answering it costs and how large a body it
// takes. The front door reads both before a request's body has arrived: the cost decides who
// answers (the event loop itself, or a worker pool), the body limit is enforced on the bytes as
// they come. The routes themselves are cpp-httplib's: this table registers each handler there
// too, in the same order, so both choose the same route for a request.
#pragma once

#include <httplib.h>

#include <cstddef>
#include <regex>
#include <string>
#include <string_view>
#include <vector>

namespace siegel::http {

// Who answers a route.
enum class Work {
  kQuick,    // the event loop: a cached document, one record, a small page; never slow
  kCompute,  // the compute workers: verification (CPU), lists and searches over the registry
  kStaff,    // the staff workers: staff pages and API (password hashing, signing, writes)
};

struct RouteClass {
  Work work = Work::kQuick;
  size_t max_body = 0;  // request body bytes the route accepts
};

// A request body limit for routes that take small forms or one credential.
inline constexpr size_t kSmallBody = 64 * 1024;
// A file a person uploads to check: a credential, or a printed certificate (PDF) carrying one.
inline constexpr size_t kUploadBody = 2 * 1024 * 1024;
// The largest body any route takes (a batch of 1,000 credentials).
inline constexpr size_t kLargestBody = 8 * 1024 * 1024;

class RouteTable {
 public:
  explicit RouteTable(httplib::Server& server) : server_(server) {}

  // GET (and HEAD) `pattern`, a regular expression over the decoded path. `name` is the
  // route's name in metrics and the access log (a string literal).
  void Get(const std::string& pattern, const char* name, Work work,
           httplib::Server::Handler handler);
  void Post(const std::string& pattern, const char* name, Work work, size_t max_body,
            httplib::Server::Handler handler);
  void Put(const std::string& pattern, const char* name, Work work, size_t max_body,
           httplib::Server::Handler handler);
  void Options(const std::string& pattern, const char* name, Work work,
               httplib::Server::Handler handler);

  // The class of the route cpp-httplib will choose for `method` and the decoded `path`; for a
  // path no route matches (answered 404 at once), a quick route taking a small body.
  RouteClass Classify(std::string_view method, const std::string& path) const;

 private:
  struct Entry {
    std::string literal_prefix;  // what every match starts with: a cheap test before the regex
    bool exact;                  // the pattern is all literal: it matches only literal_prefix
    std::regex pattern;
    RouteClass route;
  };
  static Entry MakeEntry(const std::string& pattern, RouteClass route);
  // The class of the first entry that matches, as cpp-httplib chooses, or of no route.
  static RouteClass Choose(const std::vector<Entry>& entries, const std::string& path,
                           bool compare_body);

  httplib::Server& server_;
  std::vector<Entry> get_, post_, put_, options_;
};

// Staff pages and the staff API: never cross-origin, never cached.
bool IsStaffPath(std::string_view path);

// The name of the route the calling thread is answering ("unmatched" before routing), for
// metrics and the access log. Set by every handler the table registers.
const char* CurrentRoute();
void SetCurrentRoute(const char* route);

}  // namespace siegel::http
