package web_test

import (
	"testing"

	"github.com/creditdesk/creditdesk/internal/store"
)

// testPassword is the password of every user in testdata/roles.json.
const testPassword = "test-password-1"

// The scopes of testdata/roles.json.
const (
	accountName = "5e98e158-1a2b-4c3d-8e9f-0123456789ab:6f1e2d3c-4b5a-4978-8a6b-5c4d3e2f1a0b_2019-05-31"
	profileName = "PBFV-AB12-CD3-EF4"
	eaAccount   = "8608480"
	accountPath = "/accounts/" + accountName
	profilePath = accountPath + "/profiles/" + profileName
)

// rolesAs is the roles scenario (testdata/roles.json) served over plain HTTP on SQLite, with a
// client signed in as email.
func rolesAs(t testing.TB, email string) (*harness, *client) {
	t.Helper()
	h := rolesHarness(t)
	return h, h.signedIn(t, email)
}

// rolesHarness is the roles scenario (testdata/roles.json) served over plain HTTP on SQLite.
func rolesHarness(t testing.TB) *harness {
	t.Helper()
	return newHarness(t, store.SQLite, "testdata/roles.json", false)
}
