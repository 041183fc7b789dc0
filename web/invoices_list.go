package web

import (
	"net/http"

	"github.com/labstack/echo/v4"

	"github.com/creditdesk/creditdesk/views"
)

// invoicesList lists a billing profile's invoices, newest first, with what credit paid (M9).
func (s *Server) invoicesList(c echo.Context) error {
	sc := currentScope(c)
	bp := sc.Profile
	p := views.Invoices{Shell: s.scopeShell(c, "Invoices", "Invoices"), Loc: readerLocale(c), Currency: bp.Currency,
		InvoiceDay: bp.InvoiceDay}
	if !sc.Account.IsMCA() {
		p.NotMCA, p.AgreementType = true, sc.Account.AgreementType
		return s.render(c, http.StatusOK, views.InvoicesPage(p), nil)
	}
	rows, err := s.store.Invoices(c.Request().Context(), bp.ID)
	if err != nil {
		return err
	}
	for _, r := range rows {
		p.Rows = append(p.Rows, views.InvoiceRow{Number: r.Number, Href: s.links.to(routeInvoice, sc.Account.Name, bp.Name, r.Number),
			Period: r.Period, IssueDate: r.IssueDate, InvoiceTotals: r.InvoiceTotals})
	}
	return s.render(c, http.StatusOK, views.InvoicesPage(p), nil)
}
