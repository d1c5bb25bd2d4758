// One connection of an event loop (server/http/event_loop.h), and the sizes its buffers keep
// to: what the loop's two files share.
#pragma once

#include <cstddef>
#include <deque>
#include <memory>
#include <string>

#include "server/http/event_loop.h"
#include "server/http/request_assembler.h"
#include "server/http/socket_address.h"
#include "server/http/transport.h"

namespace siegel::http {

constexpr size_t kReceiveBytes = 16 * 1024;  // one read
// Buffers above this size are given back once empty, so idle connections stay small.
constexpr size_t kKeptBufferBytes = 64 * 1024;
// After a refusal, at most this much input is read and dropped before the connection closes.
constexpr size_t kMaxLingerBytes = 16 * 1024 * 1024;
// A body sent from a file is read this much at a time, as the client takes it.
constexpr size_t kFilePieceBytes = 256 * 1024;

struct EventLoop::Connection {
  Connection(const LoopShared& shared)
      : assembler(shared.routes, shared.limits.head, shared.budget) {}

  enum class Phase {
    kHandshake,  // TLS handshake under way
    kOpen,       // reading and answering requests
    kWorking,    // a worker answers the current request; nothing more is read
    kClosing,    // send what is left, then close (or linger)
    kLingering,  // after a refusal: sending side ended, input read and dropped
  };

  uint64_t id = 0;
  int sock = -1;  // -1 once closed
  std::unique_ptr<Transport> transport;
  PeerAddresses addresses;
  RequestAssembler assembler;
  Phase phase = Phase::kOpen;
  std::string in;  // received; the bytes from in_start on are not yet consumed
  size_t in_start = 0;
  std::string out;  // answers, sent up to out_sent
  size_t out_sent = 0;
  // What follows `out`: bodies sent from files (a piece at a time, read into `out`), each
  // with the bytes after it.
  std::deque<AnswerTail> tail;
  size_t answered = 0;
  bool peer_closed = false;      // the client ended its sending side
  bool linger_on_close = false;  // refused: linger before closing
  bool request_pending = false;  // bytes of a request not yet passed on have arrived
  bool output_blocked = false;   // output waits for the socket
  size_t lingered = 0;
  Clock::time_point phase_since;      // handshake or lingering start
  Clock::time_point request_since;    // first byte of the pending request
  Clock::time_point idle_since;       // last answer, or the connection's start
  Clock::time_point output_progress;  // last time output moved (while output_blocked)
};

}  // namespace siegel::http
