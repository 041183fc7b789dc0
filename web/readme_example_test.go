package web_test

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/Azure/azure-sdk-for-go/sdk/azcore"
	"github.com/Azure/azure-sdk-for-go/sdk/azcore/arm"
	"github.com/Azure/azure-sdk-for-go/sdk/azcore/cloud"
	"github.com/Azure/azure-sdk-for-go/sdk/azcore/policy"
	"github.com/Azure/azure-sdk-for-go/sdk/resourcemanager/consumption/armconsumption"

	"github.com/creditdesk/creditdesk/internal/store"
)

// token hands the SDK a CreditDesk API token, as in the README.
type token string

// GetToken returns the token, valid for an hour.
func (t token) GetToken(context.Context, policy.TokenRequestOptions) (azcore.AccessToken, error) {
	return azcore.AccessToken{Token: string(t), ExpiresOn: time.Now().Add(time.Hour)}, nil
}

// readmeExample is the body of the README's "Use it from the Azure SDK" example, line for line
// between the markers (TestREADMEExample checks both).
func readmeExample(endpoint string, out io.Writer) error {
	// README example begins
	ctx := context.Background()
	opts := &arm.ClientOptions{
		ClientOptions: policy.ClientOptions{
			Cloud: cloud.Configuration{Services: map[cloud.ServiceName]cloud.ServiceConfiguration{
				cloud.ResourceManager: {Endpoint: endpoint, Audience: "https://management.core.windows.net/"},
			}},
			// make run serves plain HTTP; with -tls-cert, use https:// and drop this.
			InsecureAllowCredentialWithHTTP: strings.HasPrefix(endpoint, "http:"),
		},
		DisableRPRegistration: true,
	}
	cred := token("cd-demo-reader-token-li-0001") // Li reads the Engineering profile
	account := "5e98e158-1a2b-4c3d-8e9f-0123456789ab:6f1e2d3c-4b5a-4978-8a6b-5c4d3e2f1a0b_2019-05-31"
	credits, err := armconsumption.NewCreditsClient(cred, opts)
	if err != nil {
		return err
	}
	sum, err := credits.Get(ctx, account, "PBFV-AB12-CD3-EF4", nil)
	if err != nil {
		return err
	}
	b := sum.Properties.BalanceSummary
	fmt.Fprintf(out, "estimated %.2f %s, current %.2f\n", *b.EstimatedBalance.Value, *b.EstimatedBalance.Currency, *b.CurrentBalance.Value)
	lots, err := armconsumption.NewLotsClient(cred, opts)
	if err != nil {
		return err
	}
	for pager := lots.NewListByBillingProfilePager(account, "PBFV-AB12-CD3-EF4", nil); pager.More(); {
		page, err := pager.NextPage(ctx)
		if err != nil {
			return err
		}
		for _, l := range page.Value {
			p := l.Properties
			fmt.Fprintf(out, "%-22s %-9s %9.2f of %9.2f, expires %s\n", *p.Source, *p.Status,
				*p.ClosedBalance.Value, *p.OriginalAmount.Value, p.ExpirationDate.Format(time.DateOnly))
		}
	}
	return nil
	// README example ends
}

// TestREADMEExample runs the README's SDK example against the demo scenario over plain HTTP, as
// `make run` serves it, and checks that the README shows exactly this code.
func TestREADMEExample(t *testing.T) {
	t.Parallel()
	h := newARMHarness(t, store.SQLite, "../internal/scenario/demo/demo.json", armOptions{plain: true})
	var out bytes.Buffer
	if err := readmeExample(h.server.URL, &out); err != nil {
		t.Fatal(err)
	}
	t.Logf("README example output:\n%s", out.String())
	if !strings.HasPrefix(out.String(), "estimated ") || strings.Count(out.String(), "expires ") < 1 {
		t.Errorf("output:\n%s", out.String())
	}
	src, err := os.ReadFile("readme_example_test.go")
	if err != nil {
		t.Fatal(err)
	}
	_, body, _ := strings.Cut(string(src), "\t// README example begins\n")
	body, _, _ = strings.Cut(body, "\t// README example ends\n")
	readme, err := os.ReadFile("../README.md")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(readme), body) {
		t.Errorf("README.md does not show the example's code as it is here:\n%s", body)
	}
}

// TestREADMECurl sends the README's curl examples (token and URL as written, host replaced) to
// the demo scenario: each answers 200 with JSON.
func TestREADMECurl(t *testing.T) {
	t.Parallel()
	h := newARMHarness(t, store.SQLite, "../internal/scenario/demo/demo.json", armOptions{plain: true})
	readme, err := os.ReadFile("../README.md")
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(string(readme), "\n")
	n := 0
	for i, l := range lines {
		tok, ok := strings.CutPrefix(l, `curl -H "Authorization: Bearer `)
		if !ok || i+1 == len(lines) {
			continue
		}
		tok, _, _ = strings.Cut(tok, `"`)
		u := strings.Trim(strings.TrimSpace(lines[i+1]), "'")
		path, found := strings.CutPrefix(u, "http://127.0.0.1:8080")
		if !found {
			t.Fatalf("curl URL %q is not the demo's", u)
		}
		resp, body := apiGet(t, h, tok, strings.ReplaceAll(path, "$", "%24"))
		if resp.StatusCode != 200 || !strings.HasPrefix(string(body), "{") {
			t.Errorf("%s: %d %.200s", path, resp.StatusCode, body)
		}
		n++
	}
	if n < 2 {
		t.Errorf("%d curl examples found in the README", n)
	}
}
