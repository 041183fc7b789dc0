package web

import (
	"net/http"
	"net/url"

	"github.com/labstack/echo/v4"

	"github.com/creditdesk/creditdesk/internal/fault"
	"github.com/creditdesk/creditdesk/internal/ledger"
	"github.com/creditdesk/creditdesk/internal/money"
	"github.com/creditdesk/creditdesk/views"
)

// maxInvoiceNumber bounds the invoice number in the path.
const maxInvoiceNumber = 40

// errNoInvoice is an invoice number the profile does not have.
var errNoInvoice = fault.New(fault.ErrNotFound, "This billing profile has no invoice with this number.")

// invoiceShow is one invoice: totals, the credit each lot applied, and which lot paid how much
// of which charge (M9).
func (s *Server) invoiceShow(c echo.Context) error {
	sc := currentScope(c)
	bp := sc.Profile
	if !sc.Account.IsMCA() {
		return errNoInvoice
	}
	number, err := url.PathUnescape(c.Param("invoice"))
	if err != nil || len(number) > maxInvoiceNumber {
		return badParam("invoice", "not an invoice number")
	}
	ctx := c.Request().Context()
	inv, allocs, err := s.store.InvoiceByNumber(ctx, bp.ID, number)
	if err != nil {
		return notFoundAs(err, errNoInvoice)
	}
	period, _ := ledger.ParsePeriod(inv.Period)
	p := views.Invoice{Shell: s.scopeShell(c, "Invoice "+inv.Number, "Invoices"), Loc: readerLocale(c), Currency: bp.Currency,
		ListHref: s.links.to(routeInvoices, sc.Account.Name, bp.Name), Number: inv.Number, Period: period, Issued: storedDate(inv.IssueDate),
		TotalCharges: money.FromMicros(inv.TotalCharges), EligibleCharges: money.FromMicros(inv.EligibleCharges),
		IneligibleCharges: money.FromMicros(inv.IneligibleCharges), CreditsApplied: money.FromMicros(inv.CreditsApplied),
		AmountDue: money.FromMicros(inv.AmountDue), NewCredit: money.FromMicros(inv.NewCredit),
		Adjustments: money.FromMicros(inv.Adjustments), UnappliedAdjustments: money.FromMicros(inv.UnappliedAdjustments),
		ExpiredCredit: money.FromMicros(inv.ExpiredCredit), CanceledCredit: money.FromMicros(inv.CanceledCredit)}
	var names []string
	perLot := map[string]int{} // lot name -> index in p.PerLot, in order of first use
	for _, a := range allocs {
		i, ok := perLot[a.LotName]
		if !ok {
			i = len(p.PerLot)
			perLot[a.LotName] = i
			names = append(names, a.LotName)
			p.PerLot = append(p.PerLot, views.LotApplied{Name: a.LotName})
		}
		p.PerLot[i].Amount = p.PerLot[i].Amount.Add(money.FromMicros(a.Amount))
	}
	lots, err := s.store.LotsByName(ctx, bp.ID, names)
	if err != nil {
		return err
	}
	source := map[string]string{}
	for _, l := range lots {
		source[l.Name] = l.Source
		p.PerLot[perLot[l.Name]].Source, p.PerLot[perLot[l.Name]].ExpirationDate = l.Source, storedDate(l.ExpirationDate)
	}
	for _, a := range allocs {
		p.Allocations = append(p.Allocations, views.Allocation{Date: storedDate(a.Date), Product: a.Product, Lot: a.LotName,
			Source: source[a.LotName], Amount: money.FromMicros(a.Amount)})
	}
	return s.render(c, http.StatusOK, views.InvoicePage(p), nil)
}
