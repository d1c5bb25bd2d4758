// The registry's transparency log as C2SP tlog-tiles in a static directory, under `log/`: the
// log's origin is "<host>/log", and the specification puts the tiles below the URL the origin
// names, which is also where the registry serves its checkpoint (`/log/checkpoint`). So
// `log/checkpoint`, `log/tile/<L>/<N>[.p/<W>]` from the Merkle hashes the log already stores,
// and `log/tile/entries/<N>[.p/<W>]` with the signed event records (transparency/tiles.h).
// The checkpoint is written last, so that every tile it needs is there before anyone reads it.
#pragma once

#include "registry/registry.h"
#include "server/publish/static_directory.h"

namespace siegel::publish {

// Writes the log as it stands now; files already there with the right bytes stay as they are
// (a full tile is never read again once it is there). An empty log writes nothing.
Status PublishLogTiles(Registry& registry, StaticDirectory& directory);

}  // namespace siegel::publish
