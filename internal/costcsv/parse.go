package costcsv

import (
	"cmp"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"

	"github.com/creditdesk/creditdesk/internal/ledger"
	"github.com/creditdesk/creditdesk/internal/money"
)

// Row is one aggregated charge: per profile, day, product and publisher type (and eligibility).
type Row struct {
	Profile   string // the profile name, upper-case, also when the export wrote a full ARM id
	Date      ledger.Date
	Product   string
	Publisher ledger.PublisherType
	Currency  string       // billingCurrency, upper-case
	Eligible  bool         // from isAzureCreditEligible when the column exists, else rule M10
	Amount    money.Amount // the net of the lines aggregated, refunds subtracted; never negative
	Lines     []int        // the 1-based CSV line numbers aggregated into it (header is line 1)
}

// Parse reads a whole export and returns the aggregated rows sorted by profile, date, product,
// publisher and eligibility (not eligible first), or every problem found as Problems, nothing
// partial (DOMAIN X2). notCovered is the M10 list that decides eligibility when the export has
// no isAzureCreditEligible column: the installation's stored list.
// An I/O error of r is returned wrapped, not as a Problem. The same input always gives the same
// output. See the package documentation for the rules.
func Parse(r io.Reader, notCovered ledger.NotCovered) ([]Row, error) {
	return parse(r, notCovered, limits{dataLines: MaxDataLines, lineBytes: MaxLineBytes})
}

func parse(r io.Reader, notCovered ledger.NotCovered, lim limits) ([]Row, error) {
	p := &parser{
		notCovered: notCovered,
		aggs:       make(map[key]*agg),
		profiles:   make(map[string]string),
		currencies: make(map[string]firstCurrency),
		eligible:   make(map[eligibilityKey]bool),
	}
	if err := p.read(r, lim); err != nil {
		return nil, err
	}
	rows := p.rows()
	if err := p.probs.err(); err != nil {
		return nil, err
	}
	return rows, nil
}

// key is what lines are aggregated by.
type key struct {
	profile   string
	date      ledger.Date
	product   string
	publisher ledger.PublisherType
	eligible  bool
}

type agg struct {
	currency string
	amount   money.Amount
	lines    []int
	tooLarge bool // already reported
}

type firstCurrency struct {
	code string
	line int
}

type eligibilityKey struct {
	publisher ledger.PublisherType
	product   string
}

// maxCached bounds the caches of profile names and M10 verdicts, which a hostile file with a
// different id or product on every line could otherwise grow with the file.
const maxCached = 4096

// parser holds the state of one Parse. Its maps are keyed by strings cloned from the record
// on insertion, so a kept key never pins a whole 64 KiB line in memory.
type parser struct {
	notCovered ledger.NotCovered
	cols       columns
	probs      collector
	aggs       map[key]*agg
	profiles   map[string]string // billingProfileId cell -> profile name
	currencies map[string]firstCurrency
	eligible   map[eligibilityKey]bool // M10 verdicts, computed once per product
}

// record checks every used cell of one data line, reports each bad one, and adds a good line
// to its key.
func (p *parser) record(line int, rec []string) {
	cell := func(i int) string {
		if i < 0 {
			return ""
		}
		return strings.TrimSpace(rec[i])
	}
	bad := false
	check := func(column string, err error) {
		if err != nil {
			p.probs.add(line, column, "%v", err)
			bad = true
		}
	}
	profile, err := p.profile(cell(p.cols.profile))
	check(colProfile, err)
	date, err := chargeDate(cell(p.cols.date))
	check(colDate, err)
	cost, err := p.cost(cell(p.cols.cost))
	check(colCost, err)
	currency, err := currencyCode(cell(p.cols.currency))
	check(colCurrency, err)
	product := cell(p.cols.product)
	check(colProduct, checkProduct(product))
	pub, err := publisher(cell(p.cols.publisher))
	check(colPublisher, err)
	refund, err := isRefund(cell(p.cols.chargeType))
	check(colChargeType, err)
	var eligible bool
	if p.cols.eligible >= 0 {
		eligible, err = creditEligible(cell(p.cols.eligible))
		check(colEligible, err)
	}
	if bad || !p.sameCurrency(line, profile, currency) {
		return
	}
	if p.cols.eligible < 0 {
		eligible = p.eligibleByRule(pub, product)
	}
	if refund {
		cost = cost.Abs().Neg() // a refund lowers its day whichever sign the export writes
	}
	p.add(line, key{profile, date, product, pub, eligible}, cost)
}

func (p *parser) profile(s string) (string, error) {
	if name, ok := p.profiles[s]; ok {
		return name, nil
	}
	name, err := profileName(s)
	if err == nil && len(p.profiles) < maxCached {
		p.profiles[strings.Clone(s)] = strings.Clone(name)
	}
	return name, err
}

func (p *parser) cost(s string) (money.Amount, error) {
	if s == "" {
		return money.Zero, errEmpty
	}
	return parseCost(s)
}

// sameCurrency remembers the first currency of each profile and reports a line using another.
func (p *parser) sameCurrency(line int, profile, currency string) bool {
	first, ok := p.currencies[profile]
	if !ok {
		p.currencies[profile] = firstCurrency{code: strings.Clone(currency), line: line}
		return true
	}
	if first.code != currency {
		p.probs.add(line, colCurrency, "%s differs from %s on line %d: billing profile %s has one currency",
			currency, first.code, first.line, profile)
		return false
	}
	return true
}

func (p *parser) eligibleByRule(pub ledger.PublisherType, product string) bool {
	k := eligibilityKey{pub, product}
	if e, ok := p.eligible[k]; ok {
		return e
	}
	e := ledger.Eligible(pub, product, p.notCovered)
	if len(p.eligible) < maxCached {
		k.product = strings.Clone(product)
		p.eligible[k] = e
	}
	return e
}

func (p *parser) add(line int, k key, cost money.Amount) {
	a := p.aggs[k]
	if a == nil {
		k.product = strings.Clone(k.product)
		a = &agg{currency: p.currencies[k.profile].code}
		p.aggs[k] = a
	}
	a.amount = a.amount.Add(cost) // both below 10^17 micro-units: cannot overflow
	a.lines = append(a.lines, line)
	if !a.tooLarge && a.amount.Abs().Micros() >= limitMicros {
		a.tooLarge = true
		p.probs.add(line, colCost, "the total of %s reaches %d", describe(k), money.Limit)
	}
}

// rows returns the aggregated rows in order and reports every key whose net is negative.
func (p *parser) rows() []Row {
	rows := make([]Row, 0, len(p.aggs))
	for k, a := range p.aggs {
		rows = append(rows, Row{Profile: k.profile, Date: k.date, Product: k.product, Publisher: k.publisher,
			Currency: a.currency, Eligible: k.eligible, Amount: a.amount, Lines: a.lines})
	}
	slices.SortFunc(rows, compareRows)
	for _, r := range rows {
		if r.Amount.IsNegative() {
			k := key{r.Profile, r.Date, r.Product, r.Publisher, r.Eligible}
			p.probs.add(r.Lines[len(r.Lines)-1], colCost, "%s nets %s after refunds (%s): a refund "+
				"cannot exceed the charges of its day", describe(k), r.Amount, lineList(r.Lines))
		}
	}
	return rows
}

func compareRows(a, b Row) int {
	return cmp.Or(
		strings.Compare(a.Profile, b.Profile),
		a.Date.Compare(b.Date),
		strings.Compare(a.Product, b.Product),
		strings.Compare(string(a.Publisher), string(b.Publisher)),
		compareBool(a.Eligible, b.Eligible),
	)
}

func compareBool(a, b bool) int {
	switch {
	case a == b:
		return 0
	case !a:
		return -1
	}
	return 1
}

// describe names a key in a message: `PBFV-…'s "Virtual Machines" (Azure, eligible) on 2026-05-03`.
func describe(k key) string {
	elig := "eligible"
	if !k.eligible {
		elig = "not eligible"
	}
	return fmt.Sprintf("%s's %s (%s, %s) on %s", k.profile, quote(k.product), k.publisher, elig, k.date)
}

// lineList renders line numbers, the first ten only: "line 4" or "lines 4, 9".
func lineList(lines []int) string {
	const max = 10
	if len(lines) == 1 {
		return "line " + strconv.Itoa(lines[0])
	}
	parts := make([]string, 0, max+1)
	for i, l := range lines {
		if i == max {
			parts = append(parts, fmt.Sprintf("and %d more", len(lines)-max))
			break
		}
		parts = append(parts, strconv.Itoa(l))
	}
	return "lines " + strings.Join(parts, ", ")
}
