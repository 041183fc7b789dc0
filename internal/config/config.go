// Package config reads CreditDesk's configuration from flags and environment variables into one
// validated Config value. There are no globals: main builds a Config and passes it down.
package config

import (
	"encoding/hex"
	"errors"
	"flag"
	"fmt"
	"net"
	"net/url"
	"strings"
	"time"

	"github.com/creditdesk/creditdesk/internal/clock"
	"github.com/creditdesk/creditdesk/internal/mail"
	"github.com/creditdesk/creditdesk/internal/secrets"
)

// Config is everything an operator can set. Every field has a flag and an environment variable;
// a flag given on the command line wins over the environment.
type Config struct {
	Addr         string        // listen address, e.g. 127.0.0.1:8080
	DatabaseURL  string        // postgres://... or a SQLite file path (sqlite:path or plain path)
	Production   bool          // refuse unsafe defaults: a session key is required
	SessionKey   []byte        // 32 or 64 bytes authenticating session cookies (hex in flag/env)
	TLSCert      string        // certificate file to serve HTTPS directly
	TLSKey       string        // private key file for TLSCert
	SecureCookie bool          // mark cookies Secure even without TLSCert (behind a TLS proxy)
	Now          time.Time     // a fixed business "now" for demos and tests; zero means the real clock
	ExpiryWindow int           // days before expiry a credit shows as expiring (M8)
	APIRateLimit int           // requests per minute each API token may make, all instances together on PostgreSQL; 0 for no limit
	LogLevel     string        // debug, info, warn or error
	LogFormat    string        // text or json
	ShutdownWait time.Duration // how long in-flight requests may finish on SIGTERM
	MetricsAddr  string        // listen address of /metrics, apart from Addr; "" for none
	// ProcessInterval is how often serve runs the periodic work (one instance at a time).
	ProcessInterval time.Duration
	// The database connection pool; 0 takes the database's default (store.DefaultPool).
	DBMaxOpen      int           // connections open at most
	DBMaxIdle      int           // connections kept open while unused (default: DBMaxOpen)
	DBConnLifetime time.Duration // a connection is replaced after this long
	DBConnIdleTime time.Duration // an unused connection is closed after this long
	// SecretsKey seals stored credentials such as Azure connections' client secrets (package
	// secrets derives the encryption key from it); "" means none can be stored or used.
	SecretsKey string
	// SMTP is the mail server invitations, password resets and alerts go through; an empty Host
	// sends no mail (the pages say so and the command line prints links instead).
	SMTP mail.Settings
	// PublicURL is the address people and API clients reach CreditDesk at (scheme, host and any
	// path prefix, no trailing slash), from which every absolute link is built: links in emails
	// and the API's nextLinks. Nil leaves the nextLinks to the request's own host.
	PublicURL *url.URL
	// WebhooksAllowPrivate lets alert webhooks call addresses that are not publicly reachable,
	// which are refused otherwise (server-side request forgery).
	WebhooksAllowPrivate bool
}

// Env is the process environment as a lookup function (os.LookupEnv in main, a map in tests).
type Env func(key string) (string, bool)

// maxConnections bounds the pool flags against a mistyped number (a PostgreSQL server accepts 100
// connections by default).
const maxConnections = 1000

// DefaultDatabase is the embedded SQLite file used when no database is configured.
const DefaultDatabase = "data/creditdesk.db"

// DefaultMetricsAddr serves the metrics on the loopback interface only: an operator opens it to
// the scraper deliberately.
const DefaultMetricsAddr = "127.0.0.1:9180"

// Variables maps each configuration flag to its environment variable; the README's
// configuration table is written from it.
var Variables = map[string]string{
	"addr":                   "CREDITDESK_ADDR",
	"database":               "CREDITDESK_DATABASE_URL",
	"production":             "CREDITDESK_PRODUCTION",
	"session-key":            "CREDITDESK_SESSION_KEY",
	"tls-cert":               "CREDITDESK_TLS_CERT",
	"tls-key":                "CREDITDESK_TLS_KEY",
	"secure-cookie":          "CREDITDESK_SECURE_COOKIE",
	"now":                    "CREDITDESK_NOW",
	"expiry-window":          "CREDITDESK_EXPIRY_WINDOW_DAYS",
	"api-rate-limit":         "CREDITDESK_API_RATE_LIMIT",
	"log-level":              "CREDITDESK_LOG_LEVEL",
	"log-format":             "CREDITDESK_LOG_FORMAT",
	"shutdown-wait":          "CREDITDESK_SHUTDOWN_WAIT",
	"db-max-open":            "CREDITDESK_DB_MAX_OPEN",
	"db-max-idle":            "CREDITDESK_DB_MAX_IDLE",
	"db-conn-lifetime":       "CREDITDESK_DB_CONN_LIFETIME",
	"db-conn-idle-time":      "CREDITDESK_DB_CONN_IDLE_TIME",
	"metrics-addr":           "CREDITDESK_METRICS_ADDR",
	"process-interval":       "CREDITDESK_PROCESS_INTERVAL",
	"secrets-key":            "CREDITDESK_SECRETS_KEY",
	"smtp-host":              "CREDITDESK_SMTP_HOST",
	"smtp-port":              "CREDITDESK_SMTP_PORT",
	"smtp-tls":               "CREDITDESK_SMTP_TLS",
	"smtp-user":              "CREDITDESK_SMTP_USER",
	"smtp-password":          "CREDITDESK_SMTP_PASSWORD",
	"smtp-from":              "CREDITDESK_SMTP_FROM",
	"public-url":             "CREDITDESK_PUBLIC_URL",
	"webhooks-allow-private": "CREDITDESK_WEBHOOKS_ALLOW_PRIVATE",
}

// Bind registers every configuration flag on fs, bound to the returned Config.
func Bind(fs *flag.FlagSet) *Config {
	c := &Config{}
	fs.StringVar(&c.Addr, "addr", "127.0.0.1:8080", "listen address")
	fs.StringVar(&c.DatabaseURL, "database", DefaultDatabase, "postgres:// URL, or a SQLite file path")
	fs.BoolVar(&c.Production, "production", false, "production mode: refuse to start without a session key")
	fs.Func("session-key", "session cookie key: 64 or 128 hex digits", c.setSessionKey)
	fs.StringVar(&c.TLSCert, "tls-cert", "", "TLS certificate file: serve HTTPS directly")
	fs.StringVar(&c.TLSKey, "tls-key", "", "TLS private key file")
	fs.BoolVar(&c.SecureCookie, "secure-cookie", false, "mark cookies Secure without -tls-cert (behind a TLS proxy)")
	fs.Func("now", "fixed business clock for demos and tests, RFC3339 or YYYY-MM-DD (sessions, sign-in limits and tokens keep real time)", c.setNow)
	fs.IntVar(&c.ExpiryWindow, "expiry-window", 30, "days before expiry a credit shows as expiring")
	fs.IntVar(&c.APIRateLimit, "api-rate-limit", 600, "requests per minute each API token may make, all instances together (0: no limit)")
	fs.StringVar(&c.MetricsAddr, "metrics-addr", DefaultMetricsAddr, "listen address of the Prometheus /metrics endpoint (\"\": none)")
	fs.DurationVar(&c.ProcessInterval, "process-interval", time.Hour, "how often serve runs the periodic processing (at most 1h)")
	fs.StringVar(&c.LogLevel, "log-level", "info", "debug, info, warn or error")
	fs.StringVar(&c.LogFormat, "log-format", "text", "log format: text or json")
	fs.DurationVar(&c.ShutdownWait, "shutdown-wait", 15*time.Second, "grace period for requests on shutdown")
	fs.IntVar(&c.DBMaxOpen, "db-max-open", 0, "database connections open at most (0: 16 on PostgreSQL, 4 on SQLite)")
	fs.IntVar(&c.DBMaxIdle, "db-max-idle", 0, "database connections kept open while unused (0: as many as -db-max-open)")
	fs.DurationVar(&c.DBConnLifetime, "db-conn-lifetime", 0, "replace a database connection after this long (0: 30m)")
	fs.DurationVar(&c.DBConnIdleTime, "db-conn-idle-time", 0, "close a database connection unused this long (0: 5m)")
	fs.StringVar(&c.SecretsKey, "secrets-key", "", "key sealing stored Azure credentials: at least 32 characters, for example from openssl rand -hex 32")
	c.SMTP.TLS = mail.STARTTLS
	fs.StringVar(&c.SMTP.Host, "smtp-host", "", "SMTP server sending invitations, password resets and alerts (\"\": no mail)")
	fs.IntVar(&c.SMTP.Port, "smtp-port", 587, "SMTP server port: 587 with starttls, 465 with tls, 25 for a plain relay")
	fs.Func("smtp-tls", "SMTP connection security: starttls (required), tls (from the first byte) or none (a local relay) (default starttls)", c.setSMTPTLS)
	fs.StringVar(&c.SMTP.User, "smtp-user", "", "SMTP user to authenticate as (\"\": no authentication)")
	fs.StringVar(&c.SMTP.Password, "smtp-password", "", "SMTP password of -smtp-user")
	fs.StringVar(&c.SMTP.From, "smtp-from", "", "sender address of CreditDesk's emails, e.g. creditdesk@example.com")
	fs.Func("public-url", "the URL people reach CreditDesk at, e.g. https://credits.example.com: every absolute link (emails, API nextLinks) starts with it", c.setPublicURL)
	fs.BoolVar(&c.WebhooksAllowPrivate, "webhooks-allow-private", false, "let alert webhooks call addresses that are not publicly reachable (loopback, private, link-local, other special-purpose ranges)")
	return c
}

// Parse applies the environment, then the command-line arguments, to the flags of fs, and
// validates the Config that Bind returned. Errors name the flag or variable at fault.
func Parse(fs *flag.FlagSet, c *Config, args []string, env Env) error {
	for name, variable := range Variables {
		v, ok := env(variable)
		if !ok || fs.Lookup(name) == nil {
			continue
		}
		if err := fs.Set(name, v); err != nil {
			return fmt.Errorf("%s: %w", variable, err)
		}
	}
	if err := fs.Parse(args); err != nil {
		return err
	}
	return c.Validate()
}

// Validate checks the values together. Production mode refuses to start without a session key,
// since a random one would sign everyone out at every restart and differ between instances.
func (c *Config) Validate() error {
	var errs []error
	if _, _, err := net.SplitHostPort(c.Addr); err != nil {
		errs = append(errs, fmt.Errorf("-addr %q: %w", c.Addr, err))
	}
	if c.DatabaseURL == "" {
		errs = append(errs, errors.New("-database: must not be empty"))
	}
	if c.Production && len(c.SessionKey) == 0 {
		errs = append(errs, errors.New("-session-key ($CREDITDESK_SESSION_KEY) is required in production mode: generate one with `openssl rand -hex 32`"))
	}
	if (c.TLSCert == "") != (c.TLSKey == "") {
		errs = append(errs, errors.New("-tls-cert and -tls-key must be given together"))
	}
	if c.ExpiryWindow < 0 || c.ExpiryWindow > 365 {
		errs = append(errs, fmt.Errorf("-expiry-window %d: must be between 0 and 365 days", c.ExpiryWindow))
	}
	for _, n := range []struct {
		flag  string
		value int
	}{{"-db-max-open", c.DBMaxOpen}, {"-db-max-idle", c.DBMaxIdle}} {
		if n.value < 0 || n.value > maxConnections {
			errs = append(errs, fmt.Errorf("%s %d: must be 0 (the default) to %d connections", n.flag, n.value, maxConnections))
		}
	}
	if c.DBMaxOpen > 0 && c.DBMaxIdle > c.DBMaxOpen {
		errs = append(errs, fmt.Errorf("-db-max-idle %d: must not exceed -db-max-open %d", c.DBMaxIdle, c.DBMaxOpen))
	}
	for _, d := range []struct {
		flag  string
		value time.Duration
	}{{"-db-conn-lifetime", c.DBConnLifetime}, {"-db-conn-idle-time", c.DBConnIdleTime}} {
		if d.value < 0 {
			errs = append(errs, fmt.Errorf("%s %s: must be 0 (the default) or more", d.flag, d.value))
		}
	}
	if c.MetricsAddr != "" {
		if _, _, err := net.SplitHostPort(c.MetricsAddr); err != nil {
			errs = append(errs, fmt.Errorf("-metrics-addr %q: %w", c.MetricsAddr, err))
		} else if c.MetricsAddr == c.Addr {
			errs = append(errs, fmt.Errorf("-metrics-addr %q: must differ from -addr", c.MetricsAddr))
		}
	}
	if c.ProcessInterval <= 0 || c.ProcessInterval > time.Hour {
		errs = append(errs, fmt.Errorf("-process-interval %s: must be more than 0 and at most 1h (new credit appears within the hour, M15)", c.ProcessInterval))
	}
	if c.APIRateLimit < 0 {
		errs = append(errs, fmt.Errorf("-api-rate-limit %d: must be 0 (no limit) or more", c.APIRateLimit))
	}
	switch c.LogLevel {
	case "debug", "info", "warn", "error":
	default:
		errs = append(errs, fmt.Errorf("-log-level %q: use debug, info, warn or error", c.LogLevel))
	}
	if c.SecretsKey != "" && len(c.SecretsKey) < secrets.MinKeyLength {
		errs = append(errs, fmt.Errorf("-secrets-key ($CREDITDESK_SECRETS_KEY): must be at least %d characters: generate one with `openssl rand -hex 32`", secrets.MinKeyLength))
	}
	errs = append(errs, c.validateSMTP()...)
	if c.LogFormat != "text" && c.LogFormat != "json" {
		errs = append(errs, fmt.Errorf("-log-format %q: use text or json", c.LogFormat))
	}
	return errors.Join(errs...)
}

// TLS reports whether the server serves HTTPS itself.
func (c *Config) TLS() bool { return c.TLSCert != "" }

// Clocks returns CreditDesk's two clocks (X3): the business clock stands at -now when it is set
// and reads the real time otherwise; the wall clock always reads the real time, since sessions,
// sign-in lockouts, API tokens and rate limits must keep their real durations.
func (c *Config) Clocks() clock.Clocks {
	if c.Now.IsZero() {
		return clock.Real()
	}
	return clock.Fixed(c.Now)
}

func (c *Config) setSessionKey(s string) error {
	key, err := hex.DecodeString(strings.TrimSpace(s))
	if err != nil {
		return fmt.Errorf("session key must be hex: %w", err)
	}
	if len(key) != 32 && len(key) != 64 {
		return fmt.Errorf("session key must be 32 or 64 bytes (64 or 128 hex digits), got %d bytes", len(key))
	}
	c.SessionKey = key
	return nil
}

// validateSMTP checks the mail settings together: a sender and a public URL for the links, a
// port, and no password sent without TLS.
func (c *Config) validateSMTP() []error {
	m := c.SMTP
	if m.Host == "" {
		if m.User != "" || m.Password != "" || m.From != "" {
			return []error{errors.New("-smtp-user, -smtp-password and -smtp-from need -smtp-host ($CREDITDESK_SMTP_HOST)")}
		}
		return nil
	}
	var errs []error
	if m.Port < 1 || m.Port > 65535 {
		errs = append(errs, fmt.Errorf("-smtp-port %d: must be between 1 and 65535", m.Port))
	}
	if err := mail.CheckAddress(m.From); err != nil {
		errs = append(errs, fmt.Errorf("-smtp-from ($CREDITDESK_SMTP_FROM) %q: %w", m.From, err))
	}
	if (m.User == "") != (m.Password == "") {
		errs = append(errs, errors.New("-smtp-user and -smtp-password must be given together"))
	}
	if m.User != "" && m.TLS == mail.NoTLS {
		errs = append(errs, errors.New("-smtp-tls none: refused with -smtp-user, the password would cross the network in clear text; use starttls or tls"))
	}
	if c.PublicURL == nil {
		errs = append(errs, errors.New("-public-url ($CREDITDESK_PUBLIC_URL) is required with -smtp-host: the links in emails must not depend on a request's Host header"))
	}
	return errs
}

func (c *Config) setSMTPTLS(s string) error {
	m, err := mail.ParseTLSMode(s)
	if err != nil {
		return err
	}
	c.SMTP.TLS = m
	return nil
}

// setPublicURL accepts an absolute http or https URL without query, fragment or user, and
// drops a trailing slash so that links are the URL followed by a path.
func (c *Config) setPublicURL(s string) error {
	if s == "" {
		c.PublicURL = nil
		return nil
	}
	u, err := url.Parse(s)
	switch {
	case err != nil:
		return fmt.Errorf("%q: %w", s, err)
	case u.Scheme != "http" && u.Scheme != "https":
		return fmt.Errorf("%q: must start with https:// (or http://)", s)
	case u.Host == "":
		return fmt.Errorf("%q: names no host", s)
	case u.User != nil || u.RawQuery != "" || u.ForceQuery || u.Fragment != "":
		return fmt.Errorf("%q: must be a scheme, a host and an optional path, without user, query or fragment", s)
	}
	u.Path = strings.TrimRight(u.Path, "/")
	u.RawPath = ""
	c.PublicURL = u
	return nil
}

// Link is the absolute URL of path (which starts with "/") under -public-url; ok is false when
// no public URL is set.
func (c *Config) Link(path string) (link string, ok bool) {
	if c.PublicURL == nil {
		return "", false
	}
	return c.PublicURL.String() + path, true
}

func (c *Config) setNow(s string) error {
	if t, err := time.Parse(time.RFC3339, s); err == nil {
		c.Now = t.UTC()
		return nil
	}
	t, err := time.Parse(time.DateOnly, s)
	if err != nil {
		return fmt.Errorf("%q is neither RFC3339 nor YYYY-MM-DD", s)
	}
	c.Now = t
	return nil
}
