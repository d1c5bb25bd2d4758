#include "registry/change_signal.h"

#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <string>

namespace siegel {

Result<std::unique_ptr<ChangeSignal>> ChangeSignal::Open(const std::filesystem::path& dir) {
  std::filesystem::path file = dir / kChangeSignalFile;
  int fd = open(file.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
  if (fd < 0) {
    return Error::Io("cannot open " + file.string() + ": " + std::strerror(errno));
  }
  struct stat info {};
  // Growing a new file to eight bytes zeroes them; two processes doing it at once agree, and
  // a file that already has its counter keeps it.
  if (fstat(fd, &info) != 0 || (info.st_size < static_cast<off_t>(sizeof(uint64_t)) &&
                                ftruncate(fd, sizeof(uint64_t)) != 0)) {
    int error = errno;
    close(fd);
    return Error::Io("cannot size " + file.string() + ": " + std::strerror(error));
  }
  void* mapping = mmap(nullptr, sizeof(uint64_t), PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
  int error = errno;
  close(fd);  // the mapping stays
  if (mapping == MAP_FAILED) {
    return Error::Io("cannot map " + file.string() + ": " + std::strerror(error));
  }
  return std::unique_ptr<ChangeSignal>(new ChangeSignal(static_cast<uint64_t*>(mapping)));
}

ChangeSignal::~ChangeSignal() { munmap(counter_, sizeof(uint64_t)); }

// Lock-free 64-bit atomics on x86-64 and arm64 work between processes sharing the page.
uint64_t ChangeSignal::Read() const { return __atomic_load_n(counter_, __ATOMIC_ACQUIRE); }

void ChangeSignal::Bump() { __atomic_fetch_add(counter_, 1, __ATOMIC_SEQ_CST); }

}  // namespace siegel
