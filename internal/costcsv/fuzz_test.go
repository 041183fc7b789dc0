package costcsv

import (
	"bytes"
	"errors"
	"os"
	"reflect"
	"slices"
	"testing"
)

// FuzzParse: no input panics; a success is sorted, non-negative and names each line once; a
// failure is Problems within the cap; and two parses of one input agree (X2).
func FuzzParse(f *testing.F) {
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
		rows, err := Parse(bytes.NewReader(data), m10)
		again, err2 := Parse(bytes.NewReader(data), m10)
		if !reflect.DeepEqual(rows, again) || !reflect.DeepEqual(err, err2) {
			t.Fatal("two parses of one input differ")
		}
		if err != nil {
			var ps Problems
			if !errors.As(err, &ps) || len(ps) == 0 || len(ps) > MaxProblems+1 || rows != nil {
				t.Fatalf("bad failure: %d rows, %v", len(rows), err)
			}
			return
		}
		seen := map[int]bool{}
		for i, r := range rows {
			if i > 0 && compareRows(rows[i-1], r) >= 0 {
				t.Fatalf("rows %d and %d out of order or not aggregated", i-1, i)
			}
			if r.Amount.IsNegative() || len(r.Lines) == 0 || !slices.IsSorted(r.Lines) {
				t.Fatalf("bad row %+v", r)
			}
			for _, l := range r.Lines {
				if seen[l] || l < 2 {
					t.Fatalf("line %d in two rows or the header", l)
				}
				seen[l] = true
			}
		}
	})
}
