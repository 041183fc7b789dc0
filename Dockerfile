# CreditDesk: one static binary with its migrations, templates and static files embedded.
# Build: docker build -t creditdesk .
# Run:   docker run -p 8080:8080 -e CREDITDESK_DATABASE_URL=postgres://... \
#          -e CREDITDESK_SESSION_KEY=$(openssl rand -hex 32) creditdesk

# 1. Front-end packages from npm (htmx, Chart.js), copied into static/vendor.
FROM node:20-bookworm-slim AS assets
WORKDIR /src
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
RUN mkdir -p static/vendor && cp node_modules/htmx.org/dist/htmx.min.js node_modules/chart.js/dist/chart.umd.min.js static/vendor/

# 2. The Go binary: CGO off (the SQLite driver is pure Go), templ output regenerated and
#    committed as generated.
FROM golang:1.26-bookworm AS build
WORKDIR /src
COPY go.mod go.sum ./
RUN go mod download
COPY . .
COPY --from=assets /src/static/vendor/ static/vendor/
RUN CGO_ENABLED=0 go build -trimpath -ldflags="-s -w" -o /out/creditdesk ./cmd/creditdesk
RUN mkdir -p /out/data

# 3. A minimal non-root runtime.
FROM gcr.io/distroless/static-debian12:nonroot
COPY --from=build /out/creditdesk /usr/local/bin/creditdesk
COPY --from=build --chown=nonroot:nonroot /out/data /data
USER nonroot:nonroot
WORKDIR /
ENV CREDITDESK_ADDR=0.0.0.0:8080 \
    CREDITDESK_METRICS_ADDR=0.0.0.0:9180 \
    CREDITDESK_DATABASE_URL=/data/creditdesk.db \
    CREDITDESK_PRODUCTION=true \
    CREDITDESK_LOG_FORMAT=json
# 9180 is /metrics for Prometheus: publish it to the scraper only, never to the public.
EXPOSE 8080 9180
VOLUME ["/data"]
HEALTHCHECK NONE
ENTRYPOINT ["/usr/local/bin/creditdesk"]
CMD ["serve"]
