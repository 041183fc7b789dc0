package web_test

import (
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/creditdesk/creditdesk/internal/store"
)

// TestAPIScopesOfEveryRole: through the accounts list with $expand, each billing role of
// testdata/roles.json sees exactly the accounts and profiles it reaches (M3), hasReadAccess only
// where it holds a role on the account itself.
func TestAPIScopesOfEveryRole(t *testing.T) {
	t.Parallel()
	h := newARMHarness(t, store.SQLite, "testdata/roles.json", armOptions{})
	const eng, mkt = profileName, "QW7R-KM45-TY6-UP8"
	account := func(read bool, profiles ...string) string {
		return fmt.Sprintf("%t%v", read, profiles)
	}
	want := map[string]map[string]string{
		"account owner":           {accountName: account(true, eng, mkt)},
		"account contributor":     {accountName: account(true, eng, mkt)},
		"account reader":          {accountName: account(true, eng, mkt), eaAccount: account(true)},
		"profile owner":           {accountName: account(false, eng)},
		"profile contributor":     {accountName: account(false, eng)},
		"profile reader":          {accountName: account(false, eng)},
		"profile invoice manager": {accountName: account(false, eng)},
		"outsider":                {eaAccount: account(true)},
	}
	giveTokens(t, h, "scopes")
	for _, c := range callers[1:] {
		var list accountList
		_, body := apiGet(t, h, apiToken(c.email), armAccountsRP+"?api-version=2020-05-01&expand=billingProfiles")
		if err := json.Unmarshal(body, &list); err != nil {
			t.Fatalf("%s: %v %s", c.name, err, body)
		}
		got := map[string]string{}
		for _, a := range list.Value {
			var ps []string
			for _, p := range a.Properties.BillingProfiles.Value {
				ps = append(ps, p.Name)
			}
			slices.Sort(ps)
			got[a.Name] = account(a.Properties.HasReadAccess, ps...)
		}
		if fmt.Sprint(got) != fmt.Sprint(want[c.name]) {
			t.Errorf("%s sees %v, want %v", c.name, got, want[c.name])
		}
		if strings.Contains(string(body), "Marketing") != strings.HasPrefix(c.name, "account") {
			t.Errorf("%s: the Marketing profile is shown or hidden wrongly", c.name)
		}
	}
}
