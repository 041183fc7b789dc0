package config

import (
	"flag"
	"io"
	"strings"
	"testing"
	"time"

	"github.com/creditdesk/creditdesk/internal/mail"
)

func parseWith(args []string, env map[string]string) (*Config, error) {
	fs := flag.NewFlagSet("test", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	c := Bind(fs)
	err := Parse(fs, c, args, func(k string) (string, bool) { v, ok := env[k]; return v, ok })
	return c, err
}

func TestDefaults(t *testing.T) {
	c, err := parseWith(nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	if c.Addr != "127.0.0.1:8080" || c.DatabaseURL != DefaultDatabase || c.ExpiryWindow != 30 || c.TLS() || !c.Now.IsZero() ||
		c.MetricsAddr != DefaultMetricsAddr || c.ProcessInterval != time.Hour {
		t.Errorf("defaults: %+v", c)
	}
}

// TestFlagBeatsEnvironment: flags win over variables; variables over defaults.
func TestFlagBeatsEnvironment(t *testing.T) {
	env := map[string]string{"CREDITDESK_ADDR": "0.0.0.0:9000", "CREDITDESK_EXPIRY_WINDOW_DAYS": "45", "CREDITDESK_NOW": "2026-05-01"}
	c, err := parseWith([]string{"-addr", "127.0.0.1:7000"}, env)
	if err != nil {
		t.Fatal(err)
	}
	if c.Addr != "127.0.0.1:7000" || c.ExpiryWindow != 45 || !c.Now.Equal(time.Date(2026, 5, 1, 0, 0, 0, 0, time.UTC)) {
		t.Errorf("got %+v", c)
	}
	clocks := c.Clocks()
	if got := clocks.Business(); !got.Equal(c.Now) {
		t.Errorf("fixed business clock = %v (X3)", got)
	}
	if got := clocks.Wall(); time.Since(got).Abs() > time.Minute {
		t.Errorf("the wall clock = %v, want the real time whatever -now says", got)
	}
}

// TestPoolSettings (issue 10): the connection pool comes from flags or variables; 0 leaves the
// database's default.
func TestPoolSettings(t *testing.T) {
	c, err := parseWith([]string{"-db-max-open", "32"}, map[string]string{"CREDITDESK_DB_MAX_IDLE": "8",
		"CREDITDESK_DB_CONN_LIFETIME": "1h", "CREDITDESK_DB_CONN_IDLE_TIME": "90s"})
	if err != nil {
		t.Fatal(err)
	}
	if c.DBMaxOpen != 32 || c.DBMaxIdle != 8 || c.DBConnLifetime != time.Hour || c.DBConnIdleTime != 90*time.Second {
		t.Errorf("pool settings %d %d %v %v", c.DBMaxOpen, c.DBMaxIdle, c.DBConnLifetime, c.DBConnIdleTime)
	}
	if c, _ := parseWith(nil, nil); c.DBMaxOpen != 0 || c.DBMaxIdle != 0 || c.DBConnLifetime != 0 || c.DBConnIdleTime != 0 {
		t.Errorf("pool defaults %+v, want 0: the database's own", c)
	}
}

// TestInvalidConfigurationNamesTheSetting: production without a session key, half a TLS pair,
// bad values: each error names the flag or variable.
func TestInvalidConfigurationNamesTheSetting(t *testing.T) {
	tests := []struct {
		args []string
		env  map[string]string
		want string
	}{
		{[]string{"-production"}, nil, "-session-key"},
		{nil, map[string]string{"CREDITDESK_PRODUCTION": "true"}, "-session-key"},
		{[]string{"-tls-cert", "cert.pem"}, nil, "-tls-cert and -tls-key"},
		{[]string{"-session-key", "abcd"}, nil, "32 or 64 bytes"},
		{[]string{"-session-key", "zz"}, nil, "hex"},
		{nil, map[string]string{"CREDITDESK_SESSION_KEY": "nothex"}, "CREDITDESK_SESSION_KEY"},
		{[]string{"-now", "yesterday"}, nil, "RFC3339"},
		{[]string{"-expiry-window", "400"}, nil, "-expiry-window"},
		{[]string{"-log-level", "loud"}, nil, "-log-level"},
		{[]string{"-addr", "nonsense"}, nil, "-addr"},
		{[]string{"-db-max-open", "-1"}, nil, "-db-max-open"},
		{[]string{"-db-max-open", "4", "-db-max-idle", "8"}, nil, "-db-max-idle 8: must not exceed -db-max-open 4"},
		{[]string{"-db-conn-lifetime", "-1m"}, nil, "-db-conn-lifetime"},
		{nil, map[string]string{"CREDITDESK_DB_CONN_IDLE_TIME": "soon"}, "CREDITDESK_DB_CONN_IDLE_TIME"},
		{[]string{"-metrics-addr", "nonsense"}, nil, "-metrics-addr"},
		{[]string{"-metrics-addr", "127.0.0.1:8080"}, nil, "must differ from -addr"},
		{[]string{"-process-interval", "2h"}, nil, "-process-interval"},
		{nil, map[string]string{"CREDITDESK_PROCESS_INTERVAL": "0s"}, "-process-interval"},
		{[]string{"-secrets-key", "too short"}, nil, "-secrets-key"},
		{nil, map[string]string{"CREDITDESK_SECRETS_KEY": "short"}, "CREDITDESK_SECRETS_KEY"},
		{[]string{"-smtp-tls", "ssl"}, nil, "-smtp-tls"},
		{[]string{"-smtp-from", "a@example.com"}, nil, "need -smtp-host"},
		{[]string{"-smtp-host", "smtp.example.com", "-public-url", "https://cd.example.com"}, nil, "-smtp-from"},
		{smtpArgs("-smtp-from", "Ana <a@example.com>"), nil, "-smtp-from"},
		{smtpArgs("-smtp-port", "0"), nil, "-smtp-port"},
		{smtpArgs("-smtp-user", "cd"), nil, "-smtp-user and -smtp-password"},
		{smtpArgs("-smtp-user", "cd", "-smtp-password", "pw", "-smtp-tls", "none"), nil, "-smtp-tls none"},
		{[]string{"-smtp-host", "smtp.example.com", "-smtp-from", "cd@example.com"}, nil, "-public-url"},
		{nil, map[string]string{"CREDITDESK_PUBLIC_URL": "credits.example.com"}, "CREDITDESK_PUBLIC_URL"},
		{[]string{"-public-url", "ftp://credits.example.com"}, nil, "https://"},
		{[]string{"-public-url", "https://"}, nil, "no host"},
		{[]string{"-public-url", "https://credits.example.com/?next=x"}, nil, "without user, query or fragment"},
		{[]string{"-public-url", "https://u:p@credits.example.com"}, nil, "without user, query or fragment"},
	}
	for _, tt := range tests {
		_, err := parseWith(tt.args, tt.env)
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("args %v env %v: err = %v, want one naming %q", tt.args, tt.env, err, tt.want)
		}
	}
	key := strings.Repeat("ab", 32)
	if _, err := parseWith([]string{"-production", "-session-key", key}, nil); err != nil {
		t.Errorf("production with a key: %v", err)
	}
}

// smtpArgs is a valid mail configuration followed by more arguments.
func smtpArgs(more ...string) []string {
	return append([]string{"-smtp-host", "smtp.example.com", "-smtp-from", "cd@example.com", "-public-url", "https://cd.example.com"}, more...)
}

// TestMailSettings (issue 12): the SMTP settings and the public URL come from flags or
// variables; STARTTLS on 587 is the default; links are the public URL followed by a path.
func TestMailSettings(t *testing.T) {
	c, err := parseWith([]string{"-smtp-port", "465", "-smtp-tls", "tls"}, map[string]string{
		"CREDITDESK_SMTP_HOST": "smtp.example.com", "CREDITDESK_SMTP_USER": "cd", "CREDITDESK_SMTP_PASSWORD": "pw",
		"CREDITDESK_SMTP_FROM": "creditdesk@example.com", "CREDITDESK_PUBLIC_URL": "https://example.com/credits/"})
	if err != nil {
		t.Fatal(err)
	}
	want := mail.Settings{Host: "smtp.example.com", Port: 465, TLS: mail.ImplicitTLS, User: "cd", Password: "pw", From: "creditdesk@example.com"}
	if c.SMTP != want {
		t.Errorf("SMTP = %+v, want %+v", c.SMTP, want)
	}
	if link, ok := c.Link("/invitations/x"); !ok || link != "https://example.com/credits/invitations/x" {
		t.Errorf("Link = %q %v", link, ok)
	}
	d, err := parseWith(nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	if d.SMTP != (mail.Settings{Port: 587, TLS: mail.STARTTLS}) || d.PublicURL != nil {
		t.Errorf("defaults %+v %v: want no mail on 587 with STARTTLS, no public URL", d.SMTP, d.PublicURL)
	}
	if _, ok := d.Link("/x"); ok {
		t.Error("a link without -public-url")
	}
}
