# Siegel in a container: build on Debian 12, run on a slim Debian 12 as an unprivileged user.
#   docker build -t siegel .
#   docker run -d -p 8080:8080 -v siegel-data:/data siegel            # an existing registry
#   docker run --rm -v siegel-data:/data siegel init --base-url https://siegel.example.org
# Configuration: flags after the image name, or SIEGEL_* variables (see the README).

FROM debian:12 AS build
RUN apt-get update && apt-get install -y --no-install-recommends \
      g++ cmake ninja-build pkg-config libssl-dev zlib1g-dev libsqlite3-dev libsqlitecpp-dev \
      nlohmann-json3-dev libcpp-httplib-dev libcli11-dev libgtest-dev libjemalloc-dev \
      libmstch-dev libboost-dev libqrencode-dev libargon2-dev libsodium-dev \
      libcairo2-dev libpango1.0-dev libqpdf-dev libcsv-dev libcurl4-openssl-dev \
    && rm -rf /var/lib/apt/lists/*
WORKDIR /src
COPY . .
RUN cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=Release -DSIEGEL_BUILD_TESTS=OFF \
    && cmake --build build --target siegel siegel-verify

FROM debian:12-slim
RUN apt-get update && apt-get install -y --no-install-recommends \
      libssl3 zlib1g libsqlite3-0 libcpp-httplib0.11 libjemalloc2 \
      libqrencode4 libargon2-1 libsodium23 libcairo2 libpangocairo-1.0-0 libqpdf29 libcsv3 libcurl4 \
      fontconfig fonts-dejavu-core curl ca-certificates \
    && rm -rf /var/lib/apt/lists/* \
    && useradd --system --uid 10001 --home-dir /data --shell /usr/sbin/nologin siegel \
    && mkdir -p /data && chown siegel:siegel /data && chmod 700 /data
COPY --from=build /src/build/server/siegel /src/build/verify/siegel-verify /usr/local/bin/
USER siegel
VOLUME /data
ENV SIEGEL_DATA=/data SIEGEL_LISTEN=0.0.0.0:8080 SIEGEL_ACCESS_LOG=-
EXPOSE 8080
HEALTHCHECK --interval=30s --timeout=3s --retries=3 CMD curl -fsS http://127.0.0.1:8080/healthz || exit 1
# SIGTERM lets the requests in flight finish and closes the database cleanly.
STOPSIGNAL SIGTERM
ENTRYPOINT ["siegel"]
CMD ["serve"]
