package web_test

import (
	"bytes"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/creditdesk/creditdesk/internal/store"
)

// TestMACCHowToVersion (issue 8, item 10): the requests of Microsoft's "Track your Microsoft
// Azure Consumption Commitment" how-to, with api-version 2021-05-01, answer 200 with exactly
// what 2021-10-01 answers (its nextLinks repeating the version asked for): the lots and events
// of a billing account filtered to the commitment, and the same lists and balance of a profile.
func TestMACCHowToVersion(t *testing.T) {
	t.Parallel()
	h := newARMHarness(t, store.SQLite, "testdata/arm.json", armOptions{pageSize: 2})
	commitment := "&%24filter=" + url.QueryEscape("source eq 'ConsumptionCommitment'")
	ofCommitment := "&%24filter=" + url.QueryEscape("lotsource eq 'ConsumptionCommitment'")
	for _, path := range []string{
		armAcc + cons + "/lots?api-version=V" + commitment,
		armAcc + cons + "/events?api-version=V&startDate=2026-01-01&endDate=2026-12-31" + ofCommitment,
		armAcc + cons + "/events?api-version=V",
		profilePathARM + cons + "/lots?api-version=V",
		profilePathARM + cons + "/events?api-version=V&startDate=2026-01-01&endDate=2026-12-31",
		profilePathARM + cons + "/credits/balanceSummary?api-version=V",
	} {
		resp, old := apiGet(t, h, ownerToken, strings.Replace(path, "=V", "=2021-05-01", 1))
		if resp.StatusCode != http.StatusOK || len(old) < 50 {
			t.Errorf("%s with 2021-05-01: %d %s", path, resp.StatusCode, old)
			continue
		}
		_, current := apiGet(t, h, ownerToken, strings.Replace(path, "=V", "=2021-10-01", 1))
		if got := bytes.ReplaceAll(old, []byte("api-version=2021-05-01"), []byte("api-version=2021-10-01")); !bytes.Equal(got, current) {
			t.Errorf("%s: 2021-05-01 answers\n%s\nwhile 2021-10-01 answers\n%s", path, old, current)
		}
	}
}
