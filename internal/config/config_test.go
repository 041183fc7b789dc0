package config

import (
	"flag"
	"io"
	"strings"
	"testing"
	"time"
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
