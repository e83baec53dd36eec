# prepcord: a multi-stage build with cgo (mattn/go-sqlite3), zone data and a non-root user.
FROM golang:1.26-bookworm AS build
WORKDIR /src
COPY go.mod go.sum ./
RUN go mod download
COPY . .
RUN CGO_ENABLED=1 go build -trimpath -ldflags "-s -w" -o /out/prepcord ./cmd/prepcord

FROM debian:bookworm-slim
RUN apt-get update \
    && apt-get install -y --no-install-recommends ca-certificates tzdata \
    && rm -rf /var/lib/apt/lists/* \
    && useradd --system --uid 10001 --home-dir /data --shell /usr/sbin/nologin prepcord \
    && mkdir -p /data && chown prepcord:prepcord /data
COPY --from=build /out/prepcord /usr/local/bin/prepcord
USER prepcord
# The SQLite file is /data/prepcord.db: DATABASE_PATH's default, prepcord.db, in the working folder.
# No ENV sets DATABASE_PATH, so that DATABASE_URL (PostgreSQL) can be given alone.
WORKDIR /data
VOLUME /data
ENTRYPOINT ["prepcord"]
CMD ["run"]
