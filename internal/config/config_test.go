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
	if c.Addr != "127.0.0.1:8080" || c.DatabaseURL != DefaultDatabase || c.ExpiryWindow != 30 || c.TLS() || !c.Now.IsZero() {
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
	if got := c.Clock()(); !got.Equal(c.Now) {
		t.Errorf("fixed clock = %v (X3)", got)
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
