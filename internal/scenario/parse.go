package scenario

import (
	"fmt"
	"io"
	"strings"
)

// Agreement types (M1).
const (
	AgreementMCA  = "MicrosoftCustomerAgreement"
	AgreementEA   = "EnterpriseAgreement"
	AgreementMOSP = "MicrosoftOnlineServicesProgram"
	AgreementMPA  = "MicrosoftPartnerAgreement"
)

// DefaultInvoiceDay is a profile's invoice day when the file gives none: Microsoft generates MCA
// invoices around the fifth day of the month.
const DefaultInvoiceDay = 5

// DefaultPublisherType is a charge's publisher type when the file gives none: first-party Azure.
const DefaultPublisherType = "Azure"

// Parse reads a scenario file: strict JSON, unknown fields are an error, every error names the
// JSON path. It returns a Scenario with defaults filled in and keys normalised (emails and MCA
// account names lower-cased, profile names upper-cased), or nil and Problems listing everything
// wrong with the file. An empty file is an error; "{}" is a valid empty scenario.
func Parse(r io.Reader) (*Scenario, error) {
	data, err := io.ReadAll(r)
	if err != nil {
		return nil, fmt.Errorf("scenario: read: %w", err)
	}
	root, p := readTree(data)
	if p != nil {
		return nil, Problems{*p}
	}
	probs := &problemList{}
	s := bindScenario(probs, root)
	if s != nil {
		validate(probs, s)
	}
	if len(probs.list) > 0 {
		return nil, probs.sorted()
	}
	return s, nil
}

// The bind functions turn the JSON tree into the Scenario types: field names, JSON types,
// required fields, defaults and normalisation. Rules about values are validate.go's.

func bindScenario(probs *problemList, n *node) *Scenario {
	o, ok := object(probs, n, "", "users", "billingAccounts", "partners")
	if !ok {
		return nil
	}
	s := &Scenario{}
	elems, paths := o.array("users")
	for i, e := range elems {
		if u, ok := bindUser(probs, e, paths[i]); ok {
			s.Users = append(s.Users, u)
		}
	}
	elems, paths = o.array("billingAccounts")
	for i, e := range elems {
		if a, ok := bindAccount(probs, e, paths[i]); ok {
			s.BillingAccounts = append(s.BillingAccounts, a)
		}
	}
	elems, paths = o.array("partners")
	for i, e := range elems {
		if p, ok := bindPartner(probs, e, paths[i]); ok {
			s.Partners = append(s.Partners, p)
		}
	}
	return s
}

func bindUser(probs *problemList, n *node, path string) (User, bool) {
	o, ok := object(probs, n, path, "email", "name", "password", "apiTokens")
	if !ok {
		return User{}, false
	}
	u := User{Path: path, Email: o.email("email", true), Password: o.str("password", false)}
	u.Name = o.strOr("name", u.Email)
	u.APITokens = o.strs("apiTokens")
	return u, true
}

// defaultAccountType is the account type usual for each agreement (M1).
var defaultAccountType = map[string]string{
	AgreementMCA:  "Enterprise",
	AgreementEA:   "Enterprise",
	AgreementMOSP: "Individual",
	AgreementMPA:  "Partner",
}

func bindAccount(probs *problemList, n *node, path string) (BillingAccount, bool) {
	o, ok := object(probs, n, path,
		"name", "displayName", "agreementType", "accountType", "roles", "billingProfiles")
	if !ok {
		return BillingAccount{}, false
	}
	a := BillingAccount{Path: path, Name: o.str("name", true), AgreementType: o.str("agreementType", true)}
	if a.AgreementType == AgreementMCA {
		a.Name = strings.ToLower(a.Name) // GUIDs: hex digits in either case mean the same
	}
	a.DisplayName = o.strOr("displayName", a.Name)
	a.AccountType = o.strOr("accountType", defaultAccountType[a.AgreementType])
	a.Roles = bindRoles(probs, o)
	elems, paths := o.array("billingProfiles")
	for i, e := range elems {
		if p, ok := bindProfile(probs, e, paths[i]); ok {
			a.BillingProfiles = append(a.BillingProfiles, p)
		}
	}
	return a, true
}

func bindRoles(probs *problemList, o obj) []RoleGrant {
	var out []RoleGrant
	elems, paths := o.array("roles")
	for i, e := range elems {
		g, ok := object(probs, e, paths[i], "user", "role")
		if ok {
			out = append(out, RoleGrant{Path: paths[i], User: g.email("user", true), Role: g.str("role", true)})
		}
	}
	return out
}

func bindProfile(probs *problemList, n *node, path string) (BillingProfile, bool) {
	o, ok := object(probs, n, path, "name", "displayName", "currency", "invoiceDay", "poNumber",
		"roles", "lots", "charges", "adjustments")
	if !ok {
		return BillingProfile{}, false
	}
	p := BillingProfile{
		Path:     path,
		Name:     strings.ToUpper(o.str("name", true)),
		Currency: o.str("currency", true),
		PONumber: o.str("poNumber", false),
	}
	p.DisplayName = o.strOr("displayName", p.Name)
	p.InvoiceDay = DefaultInvoiceDay
	if day, present := o.integer("invoiceDay"); present {
		p.InvoiceDay = day
	}
	p.Roles = bindRoles(probs, o)
	elems, paths := o.array("lots")
	for i, e := range elems {
		if l, ok := object(probs, e, paths[i], "name", "source", "amount", "startDate",
			"expirationDate", "purchasedDate", "poNumber", "canceledOn"); ok {
			lot := Lot{
				Path:           paths[i],
				Name:           l.str("name", true),
				Source:         l.str("source", true),
				Amount:         l.amount("amount"),
				StartDate:      l.date("startDate", true),
				ExpirationDate: l.date("expirationDate", true),
				PONumber:       l.str("poNumber", false),
			}
			lot.PurchasedDate = lot.StartDate
			if t, ok := l.optDate("purchasedDate", false); ok {
				lot.PurchasedDate = t
			}
			if t, ok := l.optDate("canceledOn", false); ok {
				lot.CanceledOn = t
			}
			p.Lots = append(p.Lots, lot)
		}
	}
	elems, paths = o.array("charges")
	for i, e := range elems {
		if c, ok := object(probs, e, paths[i], "date", "amount", "product", "publisherType"); ok {
			p.Charges = append(p.Charges, Charge{
				Path:          paths[i],
				Date:          c.date("date", true),
				Amount:        c.amount("amount"),
				Product:       c.str("product", true),
				PublisherType: c.strOr("publisherType", DefaultPublisherType),
			})
		}
	}
	elems, paths = o.array("adjustments")
	for i, e := range elems {
		if a, ok := object(probs, e, paths[i], "date", "amount", "description"); ok {
			p.Adjustments = append(p.Adjustments, Adjustment{
				Path:        paths[i],
				Date:        a.date("date", true),
				Amount:      a.amount("amount"),
				Description: a.str("description", false),
			})
		}
	}
	return p, true
}

func bindPartner(probs *problemList, n *node, path string) (Partner, bool) {
	o, ok := object(probs, n, path, "id", "name", "domains", "members", "benefits")
	if !ok {
		return Partner{}, false
	}
	p := Partner{Path: path, ID: o.str("id", true)}
	p.Name = o.strOr("name", p.ID)
	p.Domains = o.strs("domains")
	for i, d := range p.Domains {
		p.Domains[i] = strings.ToLower(d)
	}
	elems, paths := o.array("members")
	for i, e := range elems {
		if m, ok := object(probs, e, paths[i], "user", "roles"); ok {
			p.Members = append(p.Members, Member{Path: paths[i], User: m.email("user", true), Roles: m.strs("roles")})
		}
	}
	elems, paths = o.array("benefits")
	for i, e := range elems {
		b, ok := object(probs, e, paths[i], "id", "kind", "amount", "currency", "purchaseDate",
			"startDate", "endDate", "assignedTo", "redeemedAt")
		if !ok {
			continue
		}
		ben := Benefit{
			Path:       paths[i],
			ID:         b.str("id", true),
			Kind:       b.str("kind", true),
			Amount:     b.amount("amount"),
			Currency:   b.str("currency", true),
			StartDate:  b.date("startDate", true),
			EndDate:    b.date("endDate", true),
			AssignedTo: b.email("assignedTo", false),
		}
		ben.PurchaseDate = ben.StartDate
		if t, ok := b.optDate("purchaseDate", false); ok {
			ben.PurchaseDate = t
		}
		if t, ok := b.optDate("redeemedAt", false); ok {
			ben.RedeemedAt = &t
		}
		p.Benefits = append(p.Benefits, ben)
	}
	return p, true
}
