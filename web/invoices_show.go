package web

import (
	"net/http"
	"net/url"

	"github.com/labstack/echo/v4"

	"github.com/creditdesk/creditdesk/internal/fault"
	"github.com/creditdesk/creditdesk/views"
)

// maxInvoiceNumber bounds the invoice number in the path.
const maxInvoiceNumber = 40

// allocationsPageSize is how many allocations an invoice page lists; "Next page" shows the next.
const allocationsPageSize = 100

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
		return badParam("invoice", fault.Text("not an invoice number"))
	}
	after := c.QueryParam("after")
	if len(after) > maxCursorLen {
		return badParam("after", fault.Say(views.KeyCursorTooLong, maxCursorLen))
	}
	ctx := c.Request().Context()
	inv, err := s.store.InvoiceByNumber(ctx, bp.ID, number)
	if err != nil {
		return notFoundAs(err, errNoInvoice)
	}
	if after != "" && s.store.CheckAllocationCursor(after, inv) != nil {
		return badParam("after", fault.Text("not a cursor this list gave out; start again from the first page"))
	}
	lots, err := s.store.InvoiceLots(ctx, bp.ID, inv)
	if err != nil {
		return err
	}
	allocs, next, err := s.store.InvoiceAllocationsPage(ctx, bp.ID, inv, after, allocationsPageSize)
	if err != nil {
		return err
	}
	here := s.links.to(routeInvoice, sc.Account.Name, bp.Name, inv.Number)
	p := views.Invoice{Shell: s.scopeShell(c, "Invoice "+inv.Number, "Invoices"), Loc: readerLocale(c), Currency: bp.Currency,
		ListHref: s.links.to(routeInvoices, sc.Account.Name, bp.Name), Number: inv.Number, Period: inv.Period, Issued: inv.IssueDate,
		InvoiceTotals: inv.InvoiceTotals}
	if after != "" {
		p.FirstAllocations = &views.Link{Href: here, HxGet: here}
	}
	if next != "" {
		more := here + "?after=" + url.QueryEscape(next)
		p.NextAllocations = &views.Link{Href: more, HxGet: more}
	}
	for _, l := range lots {
		p.PerLot = append(p.PerLot, views.LotApplied{Name: l.Name, Source: l.Source, ExpirationDate: l.ExpirationDate, Amount: l.Amount})
	}
	for _, a := range allocs {
		p.Allocations = append(p.Allocations, views.Allocation{Date: a.Date, Product: a.Product, Lot: a.LotName,
			Source: a.LotSource, Amount: a.Amount})
	}
	return s.render(c, http.StatusOK, views.InvoicePage(p), views.InvoiceAllocations(p))
}
