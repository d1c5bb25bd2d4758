// Backups of a data directory while it is in use: the database through SQLite's online
// backup API (a consistent snapshot even while the server writes), and the issuer key files
// beside it. Restoring checks the copy before it becomes a data directory.
#pragma once

#include <filesystem>

#include "base/result.h"

namespace siegel {

// Writes the database to `file` (refusing to overwrite) and, unless `with_keys` is false,
// the key files to `file`.keys/ (mode 0700, files 0600).
Status BackupDataDirectory(const std::filesystem::path& data_dir, const std::filesystem::path& file,
                           bool with_keys);

// Makes a new data directory `data_dir` (absent or empty) from a backup: checks the copy with
// PRAGMA integrity_check, copies the key files if `file`.keys/ exists, and opens the result
// as a registry (migrating an older schema).
Status RestoreDataDirectory(const std::filesystem::path& file,
                            const std::filesystem::path& data_dir);

}  // namespace siegel
