package costcsv

import (
	"strings"

	"github.com/creditdesk/creditdesk/internal/ledger"
	"github.com/creditdesk/creditdesk/internal/money"
)

// FileLimit bounds a whole export, in whole units: the absolute values of its lines' costs add
// up to less than 10^12 (ten times money.Limit). Whoever sums the lines of one file, in Go or
// in SQL, in any order and any grouping, then stays below 10^18 micro-units, well inside an
// int64 (DOMAIN M16); an export past it is to be split.
const FileLimit = 10 * money.Limit

// Line is one good data line of an export, checked cell by cell.
type Line struct {
	Number    int    // the 1-based line its record starts on (the header is line 1)
	Profile   string // the profile name, upper-case, also when the export wrote a full ARM id
	Account   string // the billing account's name when the export wrote a full ARM id, else ""
	Date      ledger.Date
	Product   string // shares the memory of its CSV line: clone it to keep it long
	Publisher ledger.PublisherType
	Currency  string       // billingCurrency, upper-case
	Eligible  bool         // from isAzureCreditEligible when the column exists, else rule M10
	Amount    money.Amount // signed: a refund is negative, a usage correction keeps its sign
}

// Key is what the lines of an export are summed by: the charge total of a profile, day,
// product, publisher type and eligibility.
type Key struct {
	Profile   string
	Date      ledger.Date
	Product   string
	Publisher ledger.PublisherType
	Eligible  bool
}

// Key returns the key the line adds to.
func (l Line) Key() Key { return Key{l.Profile, l.Date, l.Product, l.Publisher, l.Eligible} }

// maxCached bounds the caches of profile names and M10 verdicts, which a hostile file with a
// different id or product on every line could otherwise grow with the file.
const maxCached = 4096

// record checks every used cell of one data line and reports each bad one; it returns the line
// and true when every cell is good.
func (s *Scanner) record(number int, rec []string) (Line, bool) {
	cell := func(i int) string {
		if i < 0 {
			return ""
		}
		return strings.TrimSpace(rec[i])
	}
	bad := false
	check := func(column string, err error) {
		if err != nil {
			s.probs.add(number, column, err.(cellError).said) // every cell check fails so
			bad = true
		}
	}
	l := Line{Number: number, Product: cell(s.cols.product)}
	ref, err := s.profile(cell(s.cols.profile))
	l.Profile, l.Account = ref.name, ref.account
	check(colProfile, err)
	l.Date, err = chargeDate(cell(s.cols.date))
	check(colDate, err)
	l.Amount, err = cost(cell(s.cols.cost))
	check(colCost, err)
	l.Currency, err = currencyCode(cell(s.cols.currency))
	check(colCurrency, err)
	check(colProduct, checkProduct(l.Product))
	l.Publisher, err = publisher(cell(s.cols.publisher))
	check(colPublisher, err)
	refund, err := isRefund(cell(s.cols.chargeType))
	check(colChargeType, err)
	if s.cols.eligible >= 0 {
		l.Eligible, err = creditEligible(cell(s.cols.eligible))
		check(colEligible, err)
	}
	if bad {
		return Line{}, false
	}
	if s.cols.eligible < 0 {
		l.Eligible = s.eligibleByRule(l.Publisher, l.Product)
	}
	if refund {
		l.Amount = l.Amount.Abs().Neg() // a refund lowers its day whichever sign the export writes
	}
	return l, s.withinFileLimit(l)
}

// withinFileLimit adds the line's cost to the file's running total of absolute values and
// reports the one line that takes it to FileLimit; that line and every later one are left out.
func (s *Scanner) withinFileLimit(l Line) bool {
	if s.overLimit {
		return false
	}
	t, err := s.absTotal.AddChecked(l.Amount.Abs()) // both below the limit: checked all the same
	if err != nil || t.Cmp(fileLimit) >= 0 {
		s.overLimit = true
		s.probs.Add(l.Number, colCost, KeyFileLimit, fileLimit)
		return false
	}
	s.absTotal = t
	return true
}

var fileLimit = money.FromUnits(FileLimit)

func (s *Scanner) profile(cell string) (profileRef, error) {
	if ref, ok := s.profiles[cell]; ok {
		return ref, nil
	}
	ref, err := profileName(cell)
	if err == nil && len(s.profiles) < maxCached {
		ref = profileRef{account: strings.Clone(ref.account), name: strings.Clone(ref.name)}
		s.profiles[strings.Clone(cell)] = ref
	}
	return ref, err
}

func cost(cell string) (money.Amount, error) {
	if cell == "" {
		return money.Zero, errEmpty
	}
	return parseCost(cell)
}

// eligibleByRule decides eligibility by rule M10 when the export has no isAzureCreditEligible
// column, remembering the verdict per product.
func (s *Scanner) eligibleByRule(pub ledger.PublisherType, product string) bool {
	k := eligibilityKey{pub, product}
	if e, ok := s.eligible[k]; ok {
		return e
	}
	e := ledger.Eligible(pub, product, s.notCovered)
	if len(s.eligible) < maxCached {
		k.product = strings.Clone(product)
		s.eligible[k] = e
	}
	return e
}

type eligibilityKey struct {
	publisher ledger.PublisherType
	product   string
}
