package mail

import (
	"context"
	"crypto/tls"
	"errors"
	"fmt"
	"time"

	gomail "github.com/wneessen/go-mail"
)

// TLSMode says how the connection to the SMTP server is protected.
type TLSMode string

// The TLS modes an operator chooses with -smtp-tls.
const (
	// STARTTLS connects in plain text and upgrades with STARTTLS, refusing a server that does
	// not offer it (submission, port 587).
	STARTTLS TLSMode = "starttls"
	// ImplicitTLS speaks TLS from the first byte (SMTPS, port 465).
	ImplicitTLS TLSMode = "tls"
	// NoTLS sends in plain text: only for a relay on the same host or network, and never with a
	// password.
	NoTLS TLSMode = "none"
)

// ParseTLSMode reads a -smtp-tls value.
func ParseTLSMode(s string) (TLSMode, error) {
	switch m := TLSMode(s); m {
	case STARTTLS, ImplicitTLS, NoTLS:
		return m, nil
	}
	return "", fmt.Errorf("%q: use starttls, tls or none", s)
}

// Settings locate and authenticate the SMTP server and name the sender; package config fills
// them from flags and variables and validates them.
type Settings struct {
	Host     string  // the server's host name; "" means no mail is sent
	Port     int     // its port: 587 for STARTTLS, 465 for TLS, 25 for a plain relay
	TLS      TLSMode // how the connection is protected
	User     string  // the user to authenticate as; "" for no authentication
	Password string  // that user's password
	From     string  // the sender's address, which every message carries
}

// sendTimeout bounds one delivery: connecting, authenticating and transferring the message.
const sendTimeout = 30 * time.Second

// SMTP delivers messages to one SMTP server, one connection per message.
type SMTP struct {
	settings Settings
	// tlsConfig is the client's TLS configuration; nil verifies the server against the system's
	// roots under its host name. Tests set a pool holding their own certificate.
	tlsConfig *tls.Config
}

// NewSMTP returns a Sender for the server s describes. It checks the settings but does not
// connect: a server that is down fails the first Send.
func NewSMTP(s Settings) (*SMTP, error) {
	if s.Host == "" {
		return nil, errors.New("mail: no SMTP host")
	}
	if err := CheckAddress(s.From); err != nil {
		return nil, fmt.Errorf("mail: sender %q: %w", s.From, err)
	}
	if _, err := ParseTLSMode(string(s.TLS)); err != nil {
		return nil, fmt.Errorf("mail: TLS mode %w", err)
	}
	return &SMTP{settings: s}, nil
}

// From is the sender's address.
func (m *SMTP) From() string { return m.settings.From }

// Send delivers msg, or says why the server refused it or could not be reached.
func (m *SMTP) Send(ctx context.Context, msg Message) error {
	if err := msg.Validate(); err != nil {
		return err
	}
	out := gomail.NewMsg(gomail.WithNoDefaultUserAgent())
	if err := out.From(m.settings.From); err != nil {
		return fmt.Errorf("mail: sender: %w", err)
	}
	if err := out.To(msg.To...); err != nil {
		return fmt.Errorf("mail: recipients: %w", err)
	}
	out.Subject(msg.Subject)
	out.SetDate()
	out.SetMessageID()
	out.SetBodyString(gomail.TypeTextPlain, msg.Text)
	if msg.HTML != "" {
		out.AddAlternativeString(gomail.TypeTextHTML, msg.HTML)
	}
	client, err := gomail.NewClient(m.settings.Host, m.options()...)
	if err != nil {
		return fmt.Errorf("mail: client: %w", err)
	}
	ctx, cancel := context.WithTimeout(ctx, sendTimeout)
	defer cancel()
	if err := client.DialAndSendWithContext(ctx, out); err != nil {
		return fmt.Errorf("mail: send to %s:%d: %w", m.settings.Host, m.settings.Port, err)
	}
	return nil
}

// options turn the settings into go-mail's client options.
func (m *SMTP) options() []gomail.Option {
	s := m.settings
	tc := m.tlsConfig
	if tc == nil {
		tc = &tls.Config{ServerName: s.Host, MinVersion: tls.VersionTLS12}
	}
	opts := []gomail.Option{gomail.WithPort(s.Port), gomail.WithTimeout(sendTimeout), gomail.WithTLSConfig(tc)}
	switch s.TLS {
	case ImplicitTLS:
		opts = append(opts, gomail.WithSSL())
	case NoTLS:
		opts = append(opts, gomail.WithTLSPolicy(gomail.NoTLS))
	default:
		opts = append(opts, gomail.WithTLSPolicy(gomail.TLSMandatory))
	}
	if s.User != "" {
		// The strongest mechanism the server offers; config refuses a password without TLS.
		opts = append(opts, gomail.WithSMTPAuth(gomail.SMTPAuthAutoDiscover),
			gomail.WithUsername(s.User), gomail.WithPassword(s.Password))
	}
	return opts
}

// FromSettings returns the Sender for s, or nil when s names no host: no mail is sent, and the
// callers say so (the pages) or print the links instead (the command line).
func FromSettings(s Settings) (Sender, error) {
	if s.Host == "" {
		return nil, nil
	}
	return NewSMTP(s)
}
