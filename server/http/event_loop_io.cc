// An event loop's byte-level I/O on one connection: receiving, sending what is queued (from
// memory and from spooled files, a piece at a time), and lingering after a refusal. Nothing
// here waits: each returns when the socket would block.
#include <algorithm>

#include "server/http/event_loop_connection.h"

namespace siegel::http {

bool EventLoop::Receive(Connection& c) {
  size_t received = 0;
  switch (c.transport->Receive(scratch_.get(), kReceiveBytes, received)) {
    case IoResult::kDone:
      if (c.in_start == c.in.size() && !c.request_pending) {
        c.request_pending = true;
        c.request_since = now_;
      }
      c.in.append(scratch_.get(), received);
      return true;
    case IoResult::kWouldBlock:
      return false;
    case IoResult::kClosed:
      c.peer_closed = true;
      return true;
    case IoResult::kFailed:
      break;
  }
  Close(c);
  return false;
}

std::string& EventLoop::Output(Connection& c) {
  return c.tail.empty() ? c.out : c.tail.back().after;
}

size_t EventLoop::Unsent(const Connection& c) {
  size_t unsent = c.out.size() - c.out_sent;
  for (const AnswerTail& part : c.tail) unsent += part.stretch.length + part.after.size();
  return unsent;
}

bool EventLoop::Refill(Connection& c) {
  AnswerTail& next = c.tail.front();
  c.out.clear();
  c.out_sent = 0;
  if (next.stretch.length > 0) {
    size_t piece = static_cast<size_t>(std::min<uint64_t>(next.stretch.length, kFilePieceBytes));
    Status read = next.stretch.file->Read(next.stretch.offset, piece, c.out);
    if (!read.ok()) {
      // The answer's length is promised: the client must see it cut short, not wrong.
      Close(c);
      return false;
    }
    next.stretch.offset += piece;
    next.stretch.length -= piece;
    return true;
  }
  c.out = std::move(next.after);
  c.tail.pop_front();
  return true;
}

bool EventLoop::Flush(Connection& c) {
  for (;;) {
    if (c.out_sent == c.out.size()) {
      if (c.tail.empty()) break;
      if (!Refill(c)) return false;
      continue;
    }
    size_t sent = 0;
    IoResult r = c.transport->Send(c.out.data() + c.out_sent, c.out.size() - c.out_sent, sent);
    if (r == IoResult::kWouldBlock) {
      if (!c.output_blocked) {
        c.output_blocked = true;
        c.output_progress = now_;
      }
      return true;
    }
    if (r != IoResult::kDone) {
      Close(c);
      return false;
    }
    c.out_sent += sent;
    c.output_progress = now_;
  }
  c.output_blocked = false;
  c.out.clear();
  c.out_sent = 0;
  if (c.out.capacity() > kKeptBufferBytes) std::string().swap(c.out);
  return true;
}

void EventLoop::Linger(Connection& c) {
  for (;;) {
    size_t received = 0;
    IoResult r = c.transport->Receive(scratch_.get(), kReceiveBytes, received);
    if (r == IoResult::kWouldBlock) return;
    if (r != IoResult::kDone || (c.lingered += received) > kMaxLingerBytes) return Close(c);
  }
}

}  // namespace siegel::http
