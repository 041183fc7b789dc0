package web

import (
	"net/url"
	"strconv"
	"strings"

	"github.com/creditdesk/creditdesk/internal/benefits"
	"github.com/creditdesk/creditdesk/internal/store"
	"github.com/creditdesk/creditdesk/web/status"
)

// benefitsPageSize is the number of benefits per page of the Azure credits list.
const benefitsPageSize = 25

// benefitsQuery is the state of the Azure credits list, all of it in the URL (P2): filter, q,
// sort, dir and page, so that a reload or a shared link shows the same list.
type benefitsQuery struct {
	Filter benefits.Filter
	Search string
	Sort   store.BenefitSort
	Desc   bool
	Page   int
}

// parseBenefitsQuery reads the list's URL. A search searchText refuses is refused (400);
// an unknown filter, sort or page falls back to the default and returns a message for the page,
// so the list is still shown (benefits.ParseFilter).
func parseBenefitsQuery(v url.Values) (benefitsQuery, string, error) {
	search, err := searchText(v.Get("q"))
	if err != nil {
		return benefitsQuery{}, "", err
	}
	q := benefitsQuery{Search: search, Sort: store.SortStatus, Page: 1}
	var problems []string
	f, err := benefits.ParseFilter(v.Get("filter"))
	if err != nil {
		problems = append(problems, "filter: "+status.Message(err))
	}
	q.Filter = f
	if s := v.Get("sort"); s != "" {
		q.Sort = store.BenefitSort(s)
		if !validSort(q.Sort) {
			q.Sort = store.SortStatus
			problems = append(problems, "sort: "+strconv.Quote(s)+" is not a column; sorted by status.")
		}
	}
	switch d := v.Get("dir"); d {
	case "", "asc":
	case "desc":
		q.Desc = true
	default:
		problems = append(problems, "dir: use asc or desc.")
	}
	if p := v.Get("page"); p != "" {
		n, err := strconv.Atoi(p)
		if err != nil || n < 1 || n > 1_000_000 {
			problems = append(problems, "page: must be a page number; showing page 1.")
		} else {
			q.Page = n
		}
	}
	return q, strings.Join(problems, " "), nil
}

// validSort reports whether s is a sortable column.
func validSort(s store.BenefitSort) bool {
	for _, x := range store.BenefitSorts() {
		if x == s {
			return true
		}
	}
	return false
}

// href is the list's URL for this state; the defaults are left out.
func (q benefitsQuery) href(base string) string {
	if v := q.query(); v != "" {
		return base + "?" + v
	}
	return base
}

// query is the state as a query string without "?", "" for the defaults.
func (q benefitsQuery) query() string {
	v := url.Values{}
	if q.Filter != benefits.FilterAll {
		v.Set("filter", string(q.Filter))
	}
	if q.Search != "" {
		v.Set("q", q.Search)
	}
	if q.Sort != store.SortStatus {
		v.Set("sort", string(q.Sort))
	}
	if q.Desc {
		v.Set("dir", "desc")
	}
	if q.Page > 1 {
		v.Set("page", strconv.Itoa(q.Page))
	}
	return v.Encode()
}

// listParam is the parameter of a pane URL that carries the state of the list the pane was
// opened from, so that closing the pane, a reload or a shared link returns to the same filter,
// search, sort and page (P2). It is one parameter because the pane has a q of its own.
const listParam = "list"

// listStateOf reads a pane URL's list parameter. Only the list's own parameters are kept, and
// a malformed value gives the default list: the pane itself is never refused for it.
func listStateOf(raw string) benefitsQuery {
	v, err := url.ParseQuery(raw)
	if err != nil {
		v = url.Values{}
	}
	q, _, err := parseBenefitsQuery(v)
	if err != nil {
		q, _, _ = parseBenefitsQuery(url.Values{})
	}
	return q
}

// withList adds the list's state (benefitsQuery.query) to a URL of the pane.
func withList(href, list string) string {
	if list == "" {
		return href
	}
	sep := "?"
	if strings.Contains(href, "?") {
		sep = "&"
	}
	return href + sep + listParam + "=" + url.QueryEscape(list)
}

// withFilter is the state with another quick filter, back on page 1.
func (q benefitsQuery) withFilter(f benefits.Filter) benefitsQuery {
	q.Filter, q.Page = f, 1
	return q
}

// withSort is the state sorted by s: ascending, or flipped when s is the current sort.
func (q benefitsQuery) withSort(s store.BenefitSort) benefitsQuery {
	q.Desc = q.Sort == s && !q.Desc
	q.Sort, q.Page = s, 1
	return q
}

// withPage is the state on page n.
func (q benefitsQuery) withPage(n int) benefitsQuery {
	q.Page = n
	return q
}
