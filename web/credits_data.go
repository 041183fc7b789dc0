package web

import (
	"bytes"
	"context"

	"github.com/creditdesk/creditdesk/internal/ledger"
	"github.com/creditdesk/creditdesk/internal/store"
	"github.com/creditdesk/creditdesk/views"
	"github.com/creditdesk/creditdesk/web/buffers"
	"github.com/creditdesk/creditdesk/web/keptcache"
)

// creditsData is what the credits page's sections show from the profile's ledger for one query:
// a page of the credits list and the cursor of the next, the lots not released yet, whether the
// profile has no credit at all (then nothing else is read), the balance section and the
// transactions. The caller's grants, locale and links are not in it: the page's builders add
// them.
type creditsData struct {
	lots    []store.LotRow
	next    string
	pending []store.LotRow
	empty   bool
	sum     ledger.Summary
	tx      txData
}

// keptCredits reads what the page shows, from the cache when the profile's ledger has not moved
// since it was read for the same business day and query (keptcache), else from the store:
// four statements and the kept balance section's decoding fewer on a hit. cacheable is false
// for a profile whose ledger Azure keeps, read afresh each time (its copy and sync state).
func (s *Server) keptCredits(ctx context.Context, pg creditsPage, cacheable bool) (creditsData, error) {
	label, versioned := keptcache.DayOf(pg.bp.LedgerVersion, pg.today)
	cacheable = cacheable && versioned
	if d, ok := s.creditsCache.Get(pg.bp.ID, label, pg.q); ok && cacheable {
		return d, nil
	}
	d, err := s.readCredits(ctx, pg)
	if err == nil && cacheable {
		s.creditsCache.Put(pg.bp.ID, label, pg.q, d)
	}
	return d, err
}

// readCredits reads what the page shows from the store.
func (s *Server) readCredits(ctx context.Context, pg creditsPage) (creditsData, error) {
	var d creditsData
	var err error
	if d.lots, d.next, err = s.lotsPage(ctx, pg, pg.q.After, lotsPageSize); err != nil {
		return d, err
	}
	if d.pending, err = s.store.PendingLots(ctx, pg.bp.ID); err != nil {
		return d, err
	}
	if len(d.lots) == 0 && len(d.pending) == 0 {
		// an empty filtered or paged list is not a profile without credits: any released lot?
		visible, _, err := s.store.LotsPage(ctx, store.LotQuery{ProfileIDs: []int64{pg.bp.ID}, Limit: 1, Today: pg.today, Window: pg.window})
		if err != nil || len(visible) == 0 {
			d.empty = true
			return d, err
		}
	}
	if d.sum, err = s.store.ProfileSummary(ctx, pg.bp, pg.today); err != nil {
		return d, err
	}
	d.tx, err = s.txData(ctx, pg, &d.sum)
	return d, err
}

// txView is what the transactions table's HTML follows besides the profile's ledger: the
// query, the reader's locale, whether settled rows link their invoices, and the page's path
// (in every link) and currency.
type txView struct {
	q        creditsQuery
	loc      views.Locale
	invoices bool
	base     string
	currency string
}

// keptTxTable is the transactions table t rendered, from the cache when the profile's ledger has
// not moved since it was rendered for the same business day and view (keptcache), else
// rendered now and kept; "" when the profile is not cacheable (creditsData): the page then
// renders t itself. The table is most of the page's rows, and the rendering of its rows most of
// the page's own work once the data is kept.
func (s *Server) keptTxTable(ctx context.Context, pg creditsPage, t views.Transactions, cacheable bool) (string, error) {
	label, versioned := keptcache.DayOf(pg.bp.LedgerVersion, pg.today)
	if !cacheable || !versioned {
		return "", nil
	}
	view := txView{q: pg.q, loc: pg.loc, invoices: pg.invoices, base: pg.base(), currency: pg.bp.Currency}
	if html, ok := s.txTables.Get(pg.bp.ID, label, view); ok {
		return html, nil
	}
	bp := buffers.Get()
	defer buffers.Put(bp)
	buf := bytes.NewBuffer(*bp)
	if err := views.TxTable(t).Render(ctx, buf); err != nil {
		return "", err
	}
	*bp = buf.Bytes()
	html := buf.String()
	s.txTables.Put(pg.bp.ID, label, view, html)
	return html, nil
}
