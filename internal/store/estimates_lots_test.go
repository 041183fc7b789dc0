package store

import (
	"encoding/json"
	"fmt"
	"math"
	"math/rand/v2"
	"reflect"
	"strings"
	"testing"

	"github.com/creditdesk/creditdesk/internal/ledger"
)

// TestDecodeKeptLotsIsUnmarshal: the kept lots (M12's balance section, kept per profile and
// day) read back exactly as json.Unmarshal reads them, for what estimateOf writes (random lots,
// ids with quotes, HTML characters and non-ASCII text) and for text written otherwise, which
// must give json.Unmarshal's lots or its error.
func TestDecodeKeptLotsIsUnmarshal(t *testing.T) {
	r := rand.New(rand.NewPCG(10, 25))
	ids := []string{"lot-1", "", `a"b`, `back\slash`, "<b>&amp;", "crédit", "tab\there", "\u2028", "\xff"}
	var texts []string
	for range 300 {
		var lots []keptLot
		if r.IntN(10) > 0 {
			lots = make([]keptLot, r.IntN(12))
		}
		for i := range lots {
			lots[i] = keptLot{ID: ids[r.IntN(len(ids))] + fmt.Sprint(r.IntN(100)),
				Start: ledger.NewDate(2000+r.IntN(40), 1, 1).AddDays(r.IntN(366)), Balance: r.Int64N(2e12) - 1e12}
			if r.IntN(5) > 0 {
				lots[i].Expiration = lots[i].Start.AddDays(r.IntN(1000))
			}
		}
		b, err := json.Marshal(lots)
		if err != nil {
			t.Fatal(err)
		}
		texts = append(texts, string(b))
		if _, ok := scanKeptLots(string(b)); !ok && !strings.Contains(string(b), "\\") {
			t.Errorf("%s: not read directly", b)
		}
	}
	texts = append(texts, "", "[]", "null", "[ ]", " []", "[{}]", `[{"id":"x"}]`, "[1]", `{"id":"x"}`,
		`[{"id":"x","start":"2026-01-01","expiration":"2026-12-31","balance":5}`,
		`[{"id":"x","start":"2026-01-01","expiration":"2026-12-31","balance":5},]`,
		`[{"id":"x","start":"2026-01-01","expiration":"2026-12-31","balance":5}]x`,
		`[{"id":"x","start":"2026-01-01","expiration":"2026-12-31","balance":+5}]`,
		`[{"id":"x","start":"2026-01-01","expiration":"2026-12-31","balance":05}]`,
		`[{"id":"x","start":"2026-01-01","expiration":"2026-12-31","balance":-0}]`,
		`[{"id":"x","start":"2026-01-01","expiration":"2026-12-31","balance":1e3}]`,
		`[{"id":"x","start":"2026-01-01","expiration":"2026-12-31","balance":5.0}]`,
		`[{"id":"x","start":"2026-02-30","expiration":"2026-12-31","balance":5}]`,
		`[{"id":"x","start":"2026-01-01T10:00:00Z","expiration":"2026-12-31","balance":5}]`,
		`[{"id":"x","start":"2026-01-01","expiration":"","balance":5}]`,
		`[{"id":"x","start":"2026-01-01","expiration":"2026-12-31","balance":99999999999999999999}]`,
		`[{"id":"x","start":"2026-01-01","expiration":"2026-12-31","balance":`+fmt.Sprint(int64(math.MinInt64))+`}]`,
		`[{"id":"x","expiration":"2026-12-31","start":"2026-01-01","balance":5}]`,
		`[{"id": "x","start":"2026-01-01","expiration":"2026-12-31","balance":5}]`)
	for _, text := range texts {
		var want []keptLot
		wantErr := json.Unmarshal([]byte(text), &want)
		got, err := decodeKeptLots(text)
		if fmt.Sprint(err) != fmt.Sprint(wantErr) || !reflect.DeepEqual(got, want) {
			t.Errorf("%q:\n got %#v, %v\nwant %#v, %v", text, got, err, want, wantErr)
		}
	}
}
