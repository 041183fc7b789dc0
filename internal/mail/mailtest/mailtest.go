// Package mailtest runs a real SMTP server (github.com/emersion/go-smtp) inside a test and reads
// back every message it receives: the envelope, the headers, both body parts and their links.
package mailtest

import (
	"bytes"
	"crypto/tls"
	"errors"
	"io"
	"net"
	"strconv"
	"sync"
	"testing"
	"time"

	"github.com/emersion/go-sasl"
	"github.com/emersion/go-smtp"
)

// Server is an SMTP server listening on a loopback port for the length of a test.
type Server struct {
	Host string // 127.0.0.1
	Port int    // the port it listens on

	srv      *smtp.Server
	received chan Message
	mu       sync.Mutex
	all      []Message
	user     string // the user and password AUTH PLAIN accepts; "" accepts none
	password string
}

// Options shape the server: Start with none listens in plain text without authentication.
type Options struct {
	TLS      *tls.Config // offered with STARTTLS, or from the first byte when Implicit
	Implicit bool
	User     string // with Password, the only credentials AUTH PLAIN accepts
	Password string
}

// Start runs a plain-text server without authentication until the test ends.
func Start(t testing.TB) *Server { return StartWith(t, Options{}) }

// StartWith runs a server shaped by o until the test ends.
func StartWith(t testing.TB, o Options) *Server {
	t.Helper()
	s := &Server{received: make(chan Message, 100), user: o.User, password: o.Password}
	s.srv = smtp.NewServer(smtp.BackendFunc(func(*smtp.Conn) (smtp.Session, error) { return &session{server: s}, nil }))
	s.srv.Domain = "mailtest.localhost"
	s.srv.ReadTimeout, s.srv.WriteTimeout = 10*time.Second, 10*time.Second
	s.srv.MaxMessageBytes = 1 << 20
	s.srv.TLSConfig = o.TLS
	var l net.Listener
	var err error
	if o.Implicit {
		l, err = tls.Listen("tcp", "127.0.0.1:0", o.TLS)
	} else {
		l, err = net.Listen("tcp", "127.0.0.1:0")
	}
	if err != nil {
		t.Fatalf("mailtest: listen: %v", err)
	}
	s.Host = "127.0.0.1"
	s.Port = l.Addr().(*net.TCPAddr).Port
	done := make(chan error, 1)
	go func() { done <- s.srv.Serve(l) }()
	t.Cleanup(func() {
		// Closing the listener too: Close alone misses one that Serve has not registered yet.
		_ = s.srv.Close()
		_ = l.Close()
		if err := <-done; err != nil && !errors.Is(err, smtp.ErrServerClosed) && !errors.Is(err, net.ErrClosed) {
			t.Errorf("mailtest: serve: %v", err)
		}
	})
	return s
}

// Addr is host:port.
func (s *Server) Addr() string { return net.JoinHostPort(s.Host, strconv.Itoa(s.Port)) }

// Next waits (up to ten seconds) for the next message not yet returned by Next, and fails the
// test if none comes.
func (s *Server) Next(t testing.TB) Message {
	t.Helper()
	select {
	case m := <-s.received:
		return m
	case <-time.After(10 * time.Second):
		t.Fatal("mailtest: no message arrived within 10s")
		return Message{}
	}
}

// Pending is how many received messages Next has not returned yet.
func (s *Server) Pending() int { return len(s.received) }

// Messages is every message received so far, in order.
func (s *Server) Messages() []Message {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]Message(nil), s.all...)
}

func (s *Server) deliver(m Message) {
	s.mu.Lock()
	s.all = append(s.all, m)
	s.mu.Unlock()
	s.received <- m
}

// session is one SMTP conversation.
type session struct {
	server *Server
	from   string
	to     []string
	authed bool
}

func (x *session) AuthMechanisms() []string {
	if x.server.user == "" {
		return nil
	}
	return []string{sasl.Plain}
}

func (x *session) Auth(string) (sasl.Server, error) {
	return sasl.NewPlainServer(func(_, user, password string) error {
		if user != x.server.user || password != x.server.password {
			return errors.New("mailtest: invalid credentials")
		}
		x.authed = true
		return nil
	}), nil
}

func (x *session) Mail(from string, _ *smtp.MailOptions) error {
	if x.server.user != "" && !x.authed {
		return smtp.ErrAuthRequired
	}
	x.from = from
	return nil
}

func (x *session) Rcpt(to string, _ *smtp.RcptOptions) error {
	x.to = append(x.to, to)
	return nil
}

func (x *session) Data(r io.Reader) error {
	raw, err := io.ReadAll(r)
	if err != nil {
		return err
	}
	m, err := parse(raw)
	if err != nil {
		return &smtp.SMTPError{Code: 554, Message: "mailtest: " + err.Error()}
	}
	m.EnvelopeFrom, m.EnvelopeTo, m.Raw = x.from, append([]string(nil), x.to...), bytes.Clone(raw)
	x.server.deliver(m)
	return nil
}

func (x *session) Reset()        { x.from, x.to = "", nil }
func (x *session) Logout() error { return nil }
