package main

import (
	"context"
	"errors"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/creditdesk/creditdesk/internal/mail/mailtest"
	"github.com/creditdesk/creditdesk/internal/store"
)

// TestMailTest (issue 12): `creditdesk mail test -to` sends a test email with both parts through
// the configured server; a malformed address, or no server, is refused naming the setting.
func TestMailTest(t *testing.T) {
	t.Parallel()
	srv := mailtest.Start(t)
	smtp := []string{"-smtp-host", srv.Host, "-smtp-port", strconv.Itoa(srv.Port), "-smtp-tls", "none",
		"-smtp-from", "creditdesk@northwind.example", "-public-url", "https://credits.northwind.example"}
	out, err := runCmd(t, "", append([]string{"mail", "test", "-to", "ops@northwind.example"}, smtp...)...)
	if err != nil || !strings.Contains(out, "test email sent to ops@northwind.example") {
		t.Fatalf("mail test: %v\n%s", err, out)
	}
	m := srv.Next(t)
	if !slices.Equal(m.To, []string{"ops@northwind.example"}) || m.Subject != "CreditDesk test email" ||
		!strings.Contains(m.Text, "test email from CreditDesk") || !strings.Contains(m.HTML, "<p>This is a test email from CreditDesk") {
		t.Errorf("test email %+v", m)
	}
	for _, tt := range []struct {
		args []string
		want string
	}{
		{append([]string{"mail", "test", "-to", "not an address"}, smtp...), "-to"},
		{[]string{"mail", "test", "-to", "ops@northwind.example"}, "-smtp-host"},
		{[]string{"mail"}, "usage: creditdesk mail test"},
	} {
		if _, err := runCmd(t, "", tt.args...); err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%v: %v, want an error naming %s", tt.args, err, tt.want)
		}
	}
}

// TestUsersInviteAndResetLink (issue 12): without mail an operator prints an invitation (the
// user is created without a password) or a reset link under -public-url; the link works once.
func TestUsersInviteAndResetLink(t *testing.T) {
	t.Parallel()
	db := loadedDB(t, "../../internal/scenario/testdata/base.json")
	const public = "https://credits.northwind.example"
	linkIn := func(out string) string {
		i := strings.Index(out, public+"/password/set/")
		if i < 0 {
			t.Fatalf("no link in %q", out)
		}
		return strings.TrimPrefix(strings.TrimSpace(out[i:]), public+"/password/set/")
	}
	out, err := runCmd(t, "", "users", "invite", "-database", db, "-public-url", public, "-email", "New.Person@Northwind.example", "-name", "New Person")
	if err != nil || !strings.Contains(out, "invitation link for new.person@northwind.example") {
		t.Fatalf("invite: %v\n%s", err, out)
	}
	invite := linkIn(out)
	out, err = runCmd(t, "", "users", "reset-link", "-database", db, "-public-url", public, "-email", "ana@northwind.example")
	if err != nil || !strings.Contains(out, "reset link for ana@northwind.example") {
		t.Fatalf("reset-link: %v\n%s", err, out)
	}
	reset := linkIn(out)
	s := openDB(t, db)
	ctx := context.Background()
	for secret, email := range map[string]string{invite: "new.person@northwind.example", reset: "ana@northwind.example"} {
		if _, u, err := s.LinkUser(ctx, secret); err != nil || u.Email != email {
			t.Errorf("link for %s: %+v %v", email, u, err)
		}
	}
	if u, _ := s.UserByEmail(ctx, "new.person@northwind.example"); u.Name != "New Person" || u.HasPassword() {
		t.Errorf("the invitee %+v: want New Person without a password", u)
	}
	if _, err := s.UseLink(ctx, invite, "h"); err != nil {
		t.Fatal(err)
	}
	if _, err := s.UseLink(ctx, invite, "h"); !errors.Is(err, store.ErrLinkInvalid) {
		t.Errorf("second use: %v", err)
	}
	for _, tt := range []struct {
		args []string
		want string
	}{
		{[]string{"users", "invite", "-database", db, "-email", "x@northwind.example"}, "-public-url"},
		{[]string{"users", "invite", "-database", db, "-public-url", public, "-email", "bad"}, "-email"},
		{[]string{"users", "invite", "-database", db, "-public-url", public, "-email", "ana@northwind.example"}, "has a password already"},
		{[]string{"users", "reset-link", "-database", db, "-public-url", public, "-email", "nobody@northwind.example"}, "nobody@northwind.example"},
	} {
		if _, err := runCmd(t, "", tt.args...); err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%v: %v, want an error naming %s", tt.args, err, tt.want)
		}
	}
}
