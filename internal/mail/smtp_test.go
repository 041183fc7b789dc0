package mail

import (
	"context"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/tls"
	"crypto/x509"
	"errors"
	"math/big"
	"net"
	"slices"
	"testing"
	"time"

	"github.com/creditdesk/creditdesk/internal/mail/mailtest"
)

// testCert is a self-signed certificate for 127.0.0.1 and a client configuration trusting it.
func testCert(t *testing.T) (server, client *tls.Config) {
	t.Helper()
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	tmpl := &x509.Certificate{SerialNumber: big.NewInt(1), NotBefore: time.Now().Add(-time.Hour), NotAfter: time.Now().Add(time.Hour),
		IPAddresses: []net.IP{net.ParseIP("127.0.0.1")}, KeyUsage: x509.KeyUsageDigitalSignature, ExtKeyUsage: []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth}}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &key.PublicKey, key)
	if err != nil {
		t.Fatal(err)
	}
	cert, err := x509.ParseCertificate(der)
	if err != nil {
		t.Fatal(err)
	}
	pool := x509.NewCertPool()
	pool.AddCert(cert)
	return &tls.Config{Certificates: []tls.Certificate{{Certificate: [][]byte{der}, PrivateKey: key}}, MinVersion: tls.VersionTLS12},
		&tls.Config{RootCAs: pool, ServerName: "127.0.0.1", MinVersion: tls.VersionTLS12}
}

func sender(t *testing.T, srv *mailtest.Server, mode TLSMode, user, password string, tc *tls.Config) *SMTP {
	t.Helper()
	s, err := NewSMTP(Settings{Host: srv.Host, Port: srv.Port, TLS: mode, User: user, Password: password, From: "creditdesk@example.com"})
	if err != nil {
		t.Fatal(err)
	}
	s.tlsConfig = tc
	return s
}

var sample = Message{
	To:      []string{"ana@example.com", "ben@example.org"},
	Subject: "Crédit expiring: €1,200.00 left",
	Text:    "Hello,\n\nOpen https://creditdesk.example.com/invitations/abc?x=1&y=2 within 7 days.\n",
	HTML:    `<p>Hello,</p><p><a href="https://creditdesk.example.com/invitations/abc?x=1&amp;y=2">Choose a password</a></p>`,
}

// TestSendReadsBack: what the server receives is what was sent, whatever the TLS mode: the
// envelope and header recipients, the subject (non-ASCII), both parts and the same link in both.
func TestSendReadsBack(t *testing.T) {
	serverTLS, clientTLS := testCert(t)
	tests := []struct {
		name     string
		opts     mailtest.Options
		mode     TLSMode
		user     string
		password string
	}{
		{"plain relay", mailtest.Options{}, NoTLS, "", ""},
		{"STARTTLS with a password", mailtest.Options{TLS: serverTLS, User: "cd", Password: "s3cret"}, STARTTLS, "cd", "s3cret"},
		{"implicit TLS with a password", mailtest.Options{TLS: serverTLS, Implicit: true, User: "cd", Password: "s3cret"}, ImplicitTLS, "cd", "s3cret"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			srv := mailtest.StartWith(t, tt.opts)
			if err := sender(t, srv, tt.mode, tt.user, tt.password, clientTLS).Send(context.Background(), sample); err != nil {
				t.Fatal(err)
			}
			got := srv.Next(t)
			if got.Subject != sample.Subject || got.From != "creditdesk@example.com" || got.EnvelopeFrom != "creditdesk@example.com" {
				t.Errorf("subject %q from %q envelope from %q", got.Subject, got.From, got.EnvelopeFrom)
			}
			if !slices.Equal(got.To, sample.To) || !slices.Equal(got.EnvelopeTo, sample.To) {
				t.Errorf("to %q envelope %q, want %q", got.To, got.EnvelopeTo, sample.To)
			}
			if got.Text != sample.Text || got.HTML != sample.HTML {
				t.Errorf("parts:\n%q\n%q", got.Text, got.HTML)
			}
			link, err := got.Link("https://creditdesk.example.com/invitations/")
			if err != nil || link != "https://creditdesk.example.com/invitations/abc?x=1&y=2" {
				t.Errorf("link %q, %v", link, err)
			}
		})
	}
}

// TestSendFailures: a wrong password, a server without STARTTLS when it is required, and an
// untrusted certificate each fail the send, and nothing arrives.
func TestSendFailures(t *testing.T) {
	serverTLS, clientTLS := testCert(t)
	tests := []struct {
		name     string
		opts     mailtest.Options
		mode     TLSMode
		password string
		client   *tls.Config
	}{
		{"wrong password", mailtest.Options{TLS: serverTLS, User: "cd", Password: "s3cret"}, STARTTLS, "wrong", clientTLS},
		{"no STARTTLS offered", mailtest.Options{}, STARTTLS, "", clientTLS},
		{"untrusted certificate", mailtest.Options{TLS: serverTLS}, STARTTLS, "", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			srv := mailtest.StartWith(t, tt.opts)
			user := ""
			if tt.password != "" {
				user = "cd"
			}
			if err := sender(t, srv, tt.mode, user, tt.password, tt.client).Send(context.Background(), sample); err == nil {
				t.Fatal("sent")
			}
			if n := len(srv.Messages()); n != 0 {
				t.Errorf("%d messages arrived", n)
			}
		})
	}
}

// TestInvalidMessageRefused: a message without recipients, with a malformed recipient, a
// multi-line subject or no text is refused before connecting.
func TestInvalidMessageRefused(t *testing.T) {
	srv := mailtest.Start(t)
	s := sender(t, srv, NoTLS, "", "", nil)
	for _, m := range []Message{
		{Subject: "s", Text: "t"},
		{To: []string{"Ana <ana@example.com>"}, Subject: "s", Text: "t"},
		{To: []string{"ana@example.com"}, Subject: "s\r\nBcc: eve@example.com", Text: "t"},
		{To: []string{"ana@example.com"}, Subject: "s"},
	} {
		if err := s.Send(context.Background(), m); !errors.Is(err, ErrInvalidMessage) {
			t.Errorf("%+v: %v, want ErrInvalidMessage", m, err)
		}
	}
	if n := len(srv.Messages()); n != 0 {
		t.Errorf("%d messages arrived", n)
	}
}

func TestCheckAddress(t *testing.T) {
	for _, tt := range []struct {
		in string
		ok bool
	}{
		{"ana@example.com", true}, {"a.b+c@sub.example.co.uk", true}, {"root@localhost", true},
		{"", false}, {"ana", false}, {"ana@", false}, {"ana@example", false}, {"Ana <ana@example.com>", false},
		{"ana@example.com, ben@example.com", false}, {"ana@@example.com", false}, {string(make([]byte, 250)) + "@x.io", false},
	} {
		if err := CheckAddress(tt.in); (err == nil) != tt.ok {
			t.Errorf("CheckAddress(%q) = %v, want ok %v", tt.in, err, tt.ok)
		}
	}
}

func TestNewSMTPChecksSettings(t *testing.T) {
	for _, s := range []Settings{
		{Port: 25, TLS: NoTLS, From: "a@example.com"},
		{Host: "smtp.example.com", Port: 25, TLS: NoTLS, From: "not an address"},
		{Host: "smtp.example.com", Port: 25, TLS: "ssl", From: "a@example.com"},
	} {
		if _, err := NewSMTP(s); err == nil {
			t.Errorf("%+v accepted", s)
		}
	}
	if _, err := ParseTLSMode("STARTTLS"); err == nil {
		t.Error("ParseTLSMode is case-sensitive like every other flag value")
	}
}
