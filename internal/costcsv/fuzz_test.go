package costcsv

import (
	"bytes"
	"os"
	"reflect"
	"testing"

	"github.com/creditdesk/creditdesk/internal/ledger"
)

// FuzzScan: no input panics; good lines come in increasing line order, past the header, with
// a valid key; problems stay within the cap; two scans of one input agree (X2).
func FuzzScan(f *testing.F) {
	for _, name := range []string{"export.csv", "export_bom.csv"} {
		data, err := os.ReadFile("testdata/" + name)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data)
	}
	for _, s := range []string{"", hdr, hdr + line + line, hdr + `x,"y`, hdr + "a,b\n", "\xEF\xBB\xBF" + hdr + line,
		hdr + pA + ",5/1/2026,-1.5E-5,usd,A,Marketplace,Refund\n"} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		lines, ps := scan(t, bytes.NewReader(data), m10, defaultLimits)
		again, ps2 := scan(t, bytes.NewReader(data), m10, defaultLimits)
		if !reflect.DeepEqual(lines, again) || !reflect.DeepEqual(ps, ps2) {
			t.Fatal("two scans of one input differ")
		}
		if len(ps) > MaxProblems+1 {
			t.Fatalf("%d problems", len(ps))
		}
		prev := 1
		for _, l := range lines {
			if l.Number <= prev || l.Product == "" || l.Profile == "" || l.Currency == "" || l.Amount.Abs().Cmp(fileLimit) >= 0 ||
				l.Publisher == ledger.PublisherMarketplace && l.Eligible && !bytes.Contains(bytes.ToLower(data), []byte("isazurecrediteligible")) {
				t.Fatalf("bad line after line %d: %+v", prev, l)
			}
			prev = l.Number
		}
	})
}
