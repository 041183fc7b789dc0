package web

import (
	"encoding/csv"
	"fmt"
	"net/http"
	"strconv"
	"strings"

	"github.com/labstack/echo/v4"

	"github.com/creditdesk/creditdesk/internal/fault"
	"github.com/creditdesk/creditdesk/internal/ledger"
	"github.com/creditdesk/creditdesk/internal/store"
	"github.com/creditdesk/creditdesk/views"
)

// csvPageSize is how many rows an export reads from the store at a time: an export streams
// every row without holding them all in memory.
const csvPageSize = 500

// errNoCredits answers the exports of an account that has no Azure credits page (M6).
var errNoCredits = fault.New(fault.ErrNotFound, "Azure credits are available for Microsoft Customer Agreement accounts.")

// csvExport writes a CSV attachment row by row, flushing after each page read from the store.
type csvExport struct {
	c echo.Context
	w *csv.Writer
}

// startCSV commits the response headers of a CSV attachment and writes the header row.
func startCSV(c echo.Context, name string, header []string) *csvExport {
	h := c.Response().Header()
	h.Set(echo.HeaderContentType, "text/csv; charset=utf-8")
	h.Set(echo.HeaderContentDisposition, fmt.Sprintf("attachment; filename=%q", name))
	h.Set("Cache-Control", "no-store")
	c.Response().WriteHeader(http.StatusOK)
	e := &csvExport{c: c, w: csv.NewWriter(c.Response())}
	e.row(header...)
	return e
}

// row writes one record; write errors surface at flush.
func (e *csvExport) row(fields ...string) { _ = e.w.Write(fields) }

// flush sends what was written so far.
func (e *csvExport) flush() error {
	e.w.Flush()
	if err := e.w.Error(); err != nil {
		return err
	}
	e.c.Response().Flush()
	return nil
}

// abortExport ends a response already under way when reading the next page failed: the connection is
// cut, so the client sees a failed download instead of a file that looks complete.
func (s *Server) abortExport(c echo.Context, err error) {
	s.log.Error("csv export failed", "request_id", requestID(c), "path", c.Request().URL.Path, "error", err)
	panic(http.ErrAbortHandler)
}

// csvText guards a free-text cell against spreadsheet formula injection.
func csvText(s string) string {
	if s != "" && strings.ContainsRune("=+-@\t\r", rune(s[0])) {
		return "'" + s
	}
	return s
}

// csvDay is a date cell, empty for no date.
func csvDay(d ledger.Date) string {
	if d.IsZero() {
		return ""
	}
	return d.String()
}

// csvName is the attachment's file name: what, the profile and the day.
func (pg creditsPage) csvName(what string) string {
	return fmt.Sprintf("azure-credits-%s-%s-%s.csv", what, pg.bp.Name, pg.today)
}

// creditsLotsCSV exports the credits list with the page's status filter and sort, every page.
func (s *Server) creditsLotsCSV(c echo.Context) error {
	v, err := s.exportPage(c)
	if err != nil {
		return err
	}
	ctx := c.Request().Context()
	rows, next, err := s.lotsPage(ctx, v, "", csvPageSize) // read before committing: an error is still a page
	if err != nil {
		return err
	}
	e := startCSV(c, v.csvName("credits"), []string{"Source", "Start date", "Expiration date", "Current balance",
		"Original amount", "Currency", "Status", "API status", "Days to expiry", "Credit id", "PO number", "Purchased date"})
	for {
		for _, r := range rows {
			l := r.Lot()
			st := l.Status(v.today, v.window)
			e.row(string(r.Source), r.StartDate.String(), r.ExpirationDate.String(), l.BalanceAsOfLastInvoice().Format(r.Currency),
				l.OriginalAmount.Format(r.Currency), r.Currency, st.Label(), string(st.API()), strconv.Itoa(l.DaysToExpiry(v.today)),
				csvText(r.Name), csvText(r.PONumber), csvDay(r.PurchasedDate))
		}
		if err := e.flush(); err != nil || next == "" {
			return err
		}
		if rows, next, err = s.lotsPage(ctx, v, next, csvPageSize); err != nil {
			s.abortExport(c, err)
		}
	}
}

// creditsTransactionsCSV exports the transactions with the page's filters: the pending ones,
// then every settled one, newest first.
func (s *Server) creditsTransactionsCSV(c echo.Context) error {
	v, err := s.exportPage(c)
	if err != nil {
		return err
	}
	ctx := c.Request().Context()
	var pending []views.TxRow
	if v.q.State != txSettled {
		sum, err := s.store.ProfileSummary(ctx, v.bp, v.today)
		if err != nil {
			return err
		}
		pending = v.pendingRows(sum.Events)
	}
	var rows []store.EventRow
	var next int64
	if v.q.State != txPending {
		if rows, next, err = s.eventsPage(ctx, v, 0, csvPageSize); err != nil {
			return err
		}
	}
	e := startCSV(c, v.csvName("transactions"), []string{"Transaction date", "Description", "Amount", "Balance",
		"Currency", "Status", "Invoice number"})
	for _, r := range pending {
		e.row(r.Date.String(), csvText(r.Description), r.Amount.Format(v.bp.Currency), r.Balance.Format(v.bp.Currency), v.bp.Currency, "Pending", "")
	}
	for {
		for _, r := range rows {
			e.row(r.Date.String(), csvText(r.Description), r.Amount.Format(v.bp.Currency), r.Balance.Format(v.bp.Currency),
				v.bp.Currency, "Settled", r.InvoiceNumber)
		}
		if err := e.flush(); err != nil || next == 0 {
			return err
		}
		if rows, next, err = s.eventsPage(ctx, v, next, csvPageSize); err != nil {
			s.abortExport(c, err)
		}
	}
}

// exportPage checks an export request: an MCA profile and valid filters (paging is ignored:
// an export has every row).
func (s *Server) exportPage(c echo.Context) (creditsPage, error) {
	if !currentScope(c).Account.IsMCA() {
		return creditsPage{}, errNoCredits
	}
	q, err := parseCreditsQuery(c.QueryParams(), s.store.CheckCursor)
	if err != nil {
		return creditsPage{}, err
	}
	q.After, q.Before = "", 0
	return s.creditsPageOf(c, q), nil
}
