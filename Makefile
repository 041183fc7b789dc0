# CreditDesk: `make run` starts the portal with demo data, `make test` runs the whole suite.
# Everything they need is installed here: npm packages, templ (go tool), Chromium for the
# browser tests. PostgreSQL is expected at 127.0.0.1:5432 (override CREDITDESK_TEST_POSTGRES).

GO        ?= go
BIN       := bin/creditdesk
# make run serves on ADDR with DATABASE (an SQLite path or a postgres:// URL); each falls back to
# the variable the binary reads, then to its default: make run ADDR=0.0.0.0:9000 DATABASE=...
DATABASE  ?= $(or $(CREDITDESK_DATABASE_URL),data/creditdesk.db)
ADDR      ?= $(or $(CREDITDESK_ADDR),127.0.0.1:8080)
export CREDITDESK_TEST_POSTGRES ?= postgres://postgres@127.0.0.1:5432/postgres?sslmode=disable
# Every go command builds without the checkout's path (-trimpath), so that another clone or
# worktree of the same code reuses what this one compiled (a clean clone of code compiled before:
# about 1 min 30 s less on the eighth round's machine, README "How the suite stays fast").
export GOFLAGS := $(strip $(GOFLAGS) -trimpath)

.PHONY: run build screenshots test test-short assets generate check lint bench loadtest browser postgres clean

## run: build and serve the portal at http://$(ADDR) on $(DATABASE) with the demo data
run: build
	./$(BIN) serve -demo -database $(DATABASE) -addr $(ADDR)

## build: compile the binary (assets and templ output first)
build: assets generate
	CGO_ENABLED=0 $(GO) build -trimpath -o $(BIN) ./cmd/creditdesk

## assets: install npm packages and copy htmx, Chart.js and the icons static/css/icons.css names into static/vendor
assets: static/vendor/htmx.min.js static/vendor/chart.umd.min.js static/vendor/icons/LICENSE

node_modules/.package-lock.json: package.json package-lock.json
	npm ci --no-audit --no-fund

static/vendor/htmx.min.js: node_modules/.package-lock.json
	cp node_modules/htmx.org/dist/htmx.min.js $@

static/vendor/chart.umd.min.js: node_modules/.package-lock.json
	cp node_modules/chart.js/dist/chart.umd.min.js $@

# The Fluent System Icons named in icons.css, and only those (the package holds 20,000).
ICONS := $(shell sed -n 's|.*vendor/icons/\([a-z0-9_]*\.svg\).*|\1|p' static/css/icons.css)
static/vendor/icons/LICENSE: node_modules/.package-lock.json static/css/icons.css
	rm -rf static/vendor/icons && mkdir -p static/vendor/icons
	cp $(addprefix node_modules/@fluentui/svg-icons/icons/,$(ICONS)) static/vendor/icons/
	printf '%s\n' 'Fluent System Icons, from the npm package @fluentui/svg-icons (MIT License,' \
		'Copyright (c) 2020 Microsoft Corporation), https://github.com/microsoft/fluentui-system-icons' > $@

## screenshots: the README gallery (docs/screenshots/*.png), taken with Chromium on the demo
screenshots: build browser
	$(GO) run ./cmd/screenshots -bin $(BIN) -out docs/screenshots

## generate: regenerate the templ components (their output is committed)
generate:
	$(GO) tool templ generate

## check: formatting, vet, staticcheck (default checks) and committed templ output up to date
check: generate lint

# lint is check without regenerating the templ output first.
lint:
	@test -z "$$(gofmt -l $$(git ls-files '*.go'))" || (gofmt -l $$(git ls-files '*.go'); echo "gofmt needed"; exit 1)
	$(GO) vet ./...
	$(GO) tool staticcheck ./...
	@git diff --quiet -- '*_templ.go' || (echo "templ output is not committed: run make generate and commit"; git diff --stat -- '*_templ.go'; exit 1)

## test: the whole suite on SQLite and PostgreSQL, with the browser tests; the checks of
## `make check` run beside the tests (the tests wait on PostgreSQL and Chromium at times, which
## leaves a core free) and fail the target as a failing test does
test: assets browser postgres generate
	@$(MAKE) --no-print-directory lint & lint=$$!; \
	$(GO) test -count=1 -timeout 45m $(GOTESTFLAGS) ./...; status=$$?; \
	wait $$lint || status=1; exit $$status

## test-short: unit tests only, no PostgreSQL and no browser
test-short: assets generate
	CREDITDESK_TEST_POSTGRES= $(GO) test -short ./...

## bench: the benchmarks reported in the README
bench: assets
	$(GO) test -run '^$$' -bench . -benchmem ./...

## loadtest: the load benchmark of the README: seeds LOADTEST_DATABASE once (an SQLite file or a
## postgres:// URL, created when missing), serves it with the ceiling beside, measures every page.
## Smaller or longer runs: LOADTEST_FLAGS="-profiles 100 -months 6 -duration 5s -rounds 3"
LOADTEST_DATABASE ?= data/loadtest.db
loadtest: build
	$(GO) run ./cmd/loadtest suite -bin $(BIN) -database $(LOADTEST_DATABASE) $(LOADTEST_FLAGS)

## browser: install Debian's Chromium for the browser tests when it is missing
browser:
	@command -v chromium >/dev/null 2>&1 || (apt-get update -qq && apt-get install -y -qq chromium)

## postgres: start the local PostgreSQL cluster when it is down
postgres:
	@pg_isready -q -h 127.0.0.1 -p 5432 || pg_ctlcluster --skip-systemctl-redirect $$(ls /etc/postgresql) main start
	@for i in $$(seq 1 30); do pg_isready -q -h 127.0.0.1 -p 5432 && exit 0; sleep 1; done; echo "PostgreSQL is not answering on 127.0.0.1:5432"; exit 1

clean:
	rm -rf bin static/vendor/htmx.min.js static/vendor/chart.umd.min.js static/vendor/icons
