package scenario

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"math/big"
	"strconv"
	"strings"
	"time"

	"github.com/creditdesk/creditdesk/internal/access"
	"github.com/creditdesk/creditdesk/internal/money"
)

// binder turns the decoded file into the Scenario types: paths, defaults, normalisation and
// exact amounts. Its only problem of its own is an amount outside money's range.
type binder struct{ probs *problemList }

// bind decodes data (syntactically valid JSON) into a Scenario.
func bind(probs *problemList, data []byte) *Scenario {
	var f File
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	_ = dec.Decode(&f) // a type error leaves its field empty; the schema has reported it
	b := binder{probs}
	s := &Scenario{}
	for i, u := range f.Users {
		s.Users = append(s.Users, b.user(u, index("users", i)))
	}
	for i, a := range f.BillingAccounts {
		s.BillingAccounts = append(s.BillingAccounts, b.account(a, index("billingAccounts", i)))
	}
	for i, p := range f.Partners {
		s.Partners = append(s.Partners, b.partner(p, index("partners", i)))
	}
	return s
}

func (b binder) user(u FileUser, path string) User {
	email := strings.ToLower(u.Email)
	return User{Path: path, Email: email, Name: or(u.Name, email), Password: u.Password,
		APITokens: nonEmpty(u.APITokens)}
}

func (b binder) account(a FileAccount, path string) BillingAccount {
	name := a.Name
	agreement := access.Agreement(a.AgreementType)
	if agreement == access.AgreementMCA {
		name = strings.ToLower(name) // GUIDs: hex digits in either case mean the same
	}
	acct := BillingAccount{Path: path, Name: name, DisplayName: or(a.DisplayName, name), AgreementType: a.AgreementType,
		AccountType: or(a.AccountType, agreement.DefaultAccountType())}
	acct.Roles = grants(a.Roles, path)
	for i, p := range a.BillingProfiles {
		acct.BillingProfiles = append(acct.BillingProfiles, b.profile(p, index(path+".billingProfiles", i)))
	}
	return acct
}

func grants(list []FileGrant, path string) []RoleGrant {
	var out []RoleGrant
	for i, g := range list {
		out = append(out, RoleGrant{Path: index(path+".roles", i), User: strings.ToLower(g.User), Role: g.Role})
	}
	return out
}

func (b binder) profile(p FileProfile, path string) BillingProfile {
	name := strings.ToUpper(p.Name)
	bp := BillingProfile{Path: path, Name: name, DisplayName: or(p.DisplayName, name), Currency: p.Currency,
		InvoiceDay: DefaultInvoiceDay, PONumber: p.PONumber, Roles: grants(p.Roles, path)}
	if day, ok := wholeNumber(p.InvoiceDay); ok {
		bp.InvoiceDay = day
	}
	for i, l := range p.Lots {
		lp := index(path+".lots", i)
		lot := Lot{Path: lp, Name: l.Name, Source: l.Source, Amount: b.amount(lp, l.Amount),
			StartDate: date(l.StartDate), ExpirationDate: date(l.ExpirationDate), PONumber: l.PONumber,
			CanceledOn: date(l.CanceledOn)}
		lot.PurchasedDate = orDate(date(l.PurchasedDate), lot.StartDate)
		bp.Lots = append(bp.Lots, lot)
	}
	for i, c := range p.Charges {
		cp := index(path+".charges", i)
		bp.Charges = append(bp.Charges, Charge{Path: cp, Date: date(c.Date), Amount: b.amount(cp, c.Amount),
			Product: c.Product, PublisherType: or(c.PublisherType, DefaultPublisherType)})
	}
	for i, a := range p.Adjustments {
		ap := index(path+".adjustments", i)
		bp.Adjustments = append(bp.Adjustments, Adjustment{Path: ap, Date: date(a.Date), Amount: b.amount(ap, a.Amount),
			Description: a.Description})
	}
	return bp
}

func (b binder) partner(p FilePartner, path string) Partner {
	out := Partner{Path: path, ID: p.ID, Name: or(p.Name, p.ID)}
	for _, d := range p.Domains {
		out.Domains = append(out.Domains, strings.ToLower(d))
	}
	for i, m := range p.Members {
		out.Members = append(out.Members, Member{Path: index(path+".members", i), User: strings.ToLower(m.User),
			Roles: nonEmpty(m.Roles)})
	}
	for i, x := range p.Benefits {
		bp := index(path+".benefits", i)
		ben := Benefit{Path: bp, ID: x.ID, Kind: x.Kind, Amount: b.amount(bp, x.Amount), Currency: x.Currency,
			StartDate: date(x.StartDate), EndDate: date(x.EndDate), AssignedTo: strings.ToLower(x.AssignedTo)}
		ben.PurchaseDate = orDate(date(x.PurchaseDate), ben.StartDate)
		if t := date(x.RedeemedAt); !t.IsZero() {
			ben.RedeemedAt = &t
		}
		out.Benefits = append(out.Benefits, ben)
	}
	return out
}

// amount reads the amount field of the element at path. The schema has checked its syntax;
// money.Parse may still refuse it as out of range.
func (b binder) amount(path, s string) money.Amount {
	a, err := money.Parse(s)
	switch {
	case s == "": // absent or not a string: reported by the schema
	case errors.Is(err, money.ErrRange):
		b.probs.add(path+".amount", fmt.Sprintf("must be less than %d in magnitude", money.Limit))
	case err != nil:
		b.probs.add(path+".amount", "is not an amount: "+err.Error())
	}
	return a
}

// date reads a date field that the schema has checked (its formats are parseDate's); absent, it is
// the zero time.
func date(s string) time.Time {
	t, _ := parseDate(s)
	return t
}

// wholeNumber reads an integer-valued JSON number, such as 5 or 5.0.
func wholeNumber(v any) (int, bool) {
	n, ok := v.(json.Number)
	if !ok {
		return 0, false
	}
	r, ok := new(big.Rat).SetString(n.String())
	if !ok || !r.IsInt() || !r.Num().IsInt64() {
		return 0, false
	}
	i := r.Num().Int64()
	return int(i), int64(int(i)) == i
}

// nonEmpty is list, or nil when it has no elements: "[]" means the same as leaving a list out.
func nonEmpty(list []string) []string {
	if len(list) == 0 {
		return nil
	}
	return list
}

func or(s, def string) string {
	if s == "" {
		return def
	}
	return s
}

func orDate(t, def time.Time) time.Time {
	if t.IsZero() {
		return def
	}
	return t
}

// index is the path of element i of the array at path.
func index(path string, i int) string { return path + "[" + strconv.Itoa(i) + "]" }
