package store

import (
	"context"
	"fmt"
	"strings"

	"gorm.io/gorm"
	"gorm.io/gorm/clause"
)

// ScopeQuery is one page of the billing scopes picker (M5), paged and searched in the database.
type ScopeQuery struct {
	Search        string // part of a name (id) or display name, any case; "" for all
	PinnedAccount string // ARM name of the account of the scope opened last: listed first
	PinnedProfile string // name of the profile opened last: first among its account's profiles
	After         string // keyset cursor from the previous page, "" for the first
	Limit         int    // rows per page, at least 2 (the pinned row is never a page's last)
	Preview       int    // ScopeAccountsPage: an account's profiles are given when it has at most this many
}

// ScopeAccount is a billing account of the picker: whether the user holds a role on the account
// itself, whether it matches the search itself, and the profiles under it the user reaches and
// that match (all of them when the account matches): their number, and in ScopeAccountsPage the
// profiles themselves when they are few, else only the pinned one if it is among them.
type ScopeAccount struct {
	BillingAccount
	AccountRole  bool
	Matches      bool
	ProfileCount int
	Profiles     []BillingProfile `gorm:"-"`
}

// scopeSQL holds the fragments of the picker's queries for one user and search.
type scopeSQL struct {
	userID  int64
	pattern string // LIKE pattern of the lower-cased search, "" for none
}

func newScopeSQL(userID int64, search string) scopeSQL {
	s := scopeSQL{userID: userID}
	if search = strings.ToLower(strings.TrimSpace(search)); search != "" {
		s.pattern = likePattern(search)
	}
	return s
}

// accountRole is true when the user holds a role on account a itself (M3: it reaches every
// profile of it).
func (q scopeSQL) accountRole() (string, []any) {
	return "EXISTS (SELECT 1 FROM role_assignments AS r WHERE r.user_id = ? AND " + reachesScope("a.id", "") + ")", []any{q.userID}
}

// reaches is true when the user reaches profile p: by a role on its account or on p.
func (q scopeSQL) reaches() (string, []any) {
	return "EXISTS (SELECT 1 FROM role_assignments AS r WHERE r.user_id = ? AND " + reachesScope("p.billing_account_id", "p.id") + ")",
		[]any{q.userID}
}

// matches is true when the named table's name or display name contains the search.
func (q scopeSQL) matches(table string) (string, []any) {
	if q.pattern == "" {
		return "TRUE", nil
	}
	return "(lower(" + table + ".name) LIKE ? ESCAPE '\\' OR lower(" + table + ".display_name) LIKE ? ESCAPE '\\')",
		[]any{q.pattern, q.pattern}
}

// listed is true when account a, which the user holds a role in, belongs in the picker: it or
// a profile of it the user reaches matches the search.
func (q scopeSQL) listed() (string, []any) {
	if q.pattern == "" {
		return "TRUE", nil
	}
	am, args := q.matches("a")
	reach, rArgs := q.reaches()
	pm, pArgs := q.matches("p")
	return "(" + am + " OR EXISTS (SELECT 1 FROM billing_profiles AS p WHERE p.billing_account_id = a.id AND " + reach + " AND " + pm + "))",
		append(append(args, rArgs...), pArgs...)
}

// shownIn is true when profile p of account a is shown: the user reaches it (every profile of
// an account they hold a role on, otherwise the profiles they hold one on), and it or a matches
// the search. Knowing a's flags, it is TRUE for the usual owner or reader of the whole account.
func (q scopeSQL) shownIn(a ScopeAccount) (string, []any) {
	cond, args := "TRUE", []any(nil)
	if !a.AccountRole {
		cond = `EXISTS (SELECT 1 FROM role_assignments AS r WHERE r.user_id = ? AND r.billing_account_id = p.billing_account_id
			AND r.billing_profile_id = p.id)`
		args = []any{q.userID}
	}
	if q.pattern != "" && !a.Matches {
		m, mArgs := q.matches("p")
		cond, args = cond+" AND "+m, append(args, mArgs...)
	}
	return cond, args
}

// shownAmong is shownIn for the profiles of several accounts at once.
func (q scopeSQL) shownAmong(accounts []ScopeAccount) (string, []any) {
	var conds []string
	var args []any
	byCond := map[string][]int64{}
	condArgs := map[string][]any{}
	for _, a := range accounts {
		c, cArgs := q.shownIn(a)
		if _, ok := byCond[c]; !ok {
			conds = append(conds, c)
			condArgs[c] = cArgs
		}
		byCond[c] = append(byCond[c], a.ID)
	}
	parts := make([]string, len(conds))
	for i, c := range conds {
		parts[i] = "(p.billing_account_id IN ? AND " + c + ")"
		args = append(append(args, byCond[c]), condArgs[c]...)
	}
	return "(" + strings.Join(parts, " OR ") + ")", args
}

// keyset pages rows of table t by (lower(display_name), id), the pinned row first on the first
// page and left out of the others, and returns the ordered query; after must be a cursor of the
// same list.
func (s *Store) keyset(db *gorm.DB, t, pinCond string, pinArgs []any, list, after string) (*gorm.DB, error) {
	if after == "" {
		if pinCond == "" {
			return db.Order("lower(" + t + ".display_name), " + t + ".id"), nil
		}
		return db.Order(clause.OrderBy{Expression: clause.Expr{SQL: "CASE WHEN " + pinCond + " THEN 0 ELSE 1 END, lower(" + t +
			".display_name), " + t + ".id", Vars: pinArgs, WithoutParentheses: true}}), nil
	}
	val, id, err := s.decodeCursor(list, after)
	if err != nil {
		return nil, err
	}
	db = db.Where("(lower("+t+".display_name), "+t+".id) > (?, ?)", val, id)
	if pinCond != "" {
		db = db.Where("NOT ("+pinCond+")", pinArgs...)
	}
	return db.Order("lower(" + t + ".display_name), " + t + ".id"), nil
}

// keysetPage reads a page of the rows of db, ordered by keyset: limit of them (at least two),
// each turned into what it carries by item, and the cursor of the next page of list from the
// last row's key, "" on the last page.
func keysetPage[R, T any](s *Store, db *gorm.DB, op, list string, limit int, key func(R) (string, int64), item func(R) T) ([]T, string, error) {
	limit = max(limit, 2)
	var rows []R
	if err := db.Limit(limit + 1).Find(&rows).Error; err != nil {
		return nil, "", wrap(op, err)
	}
	next := ""
	if len(rows) > limit {
		rows = rows[:limit]
		v, id := key(rows[len(rows)-1])
		next = s.encodeCursor(list, v, id)
	}
	out := make([]T, len(rows))
	for i, r := range rows {
		out[i] = item(r)
	}
	return out, next, nil
}

// scopeProfileRow is a profile as the picker's query returns it, with its sort key.
type scopeProfileRow struct {
	BillingProfile
	SortKey string
}

// scopeAccountRow is a ScopeAccount as the query returns it, with its sort key.
type scopeAccountRow struct {
	ScopeAccount
	SortKey string
}

// ScopeAccountsPage returns one page of the accounts of the picker, by display name with the
// pinned account first, each with its number of shown profiles and the first q.Preview of them
// (the pinned profile first), and the cursor of the next page. Two queries whatever the number
// of accounts and profiles.
func (s *Store) ScopeAccountsPage(ctx context.Context, userID int64, q ScopeQuery) ([]ScopeAccount, string, error) {
	sq := newScopeSQL(userID, q.Search)
	pin, pinArgs := "", []any(nil)
	if q.PinnedAccount != "" {
		pin, pinArgs = "lower(a.name) = ?", []any{strings.ToLower(q.PinnedAccount)}
	}
	listed, listedArgs := sq.listed()
	list := "scope accounts " + q.Search
	db, err := s.keyset(s.scopeAccounts(ctx, sq).Where(listed, listedArgs...), "a", pin, pinArgs, list, q.After)
	if err != nil {
		return nil, "", err
	}
	accounts, next, err := keysetPage(s, db, "scope accounts page", list, q.Limit,
		func(r scopeAccountRow) (string, int64) { return r.SortKey, r.ID },
		func(r scopeAccountRow) ScopeAccount { return r.ScopeAccount })
	if err != nil {
		return nil, "", err
	}
	return accounts, next, s.previewProfiles(ctx, sq, accounts, q)
}

// ScopeAccountByName returns the picker's entry of one account, without profiles (ProfileCount
// 0 when nothing of it matches the search), or fault.ErrNotFound when the user holds no role in
// it (M3).
func (s *Store) ScopeAccountByName(ctx context.Context, userID int64, name, search string) (ScopeAccount, error) {
	sq := newScopeSQL(userID, search)
	var row scopeAccountRow
	err := s.scopeAccounts(ctx, sq).Where("lower(a.name) = ?", strings.ToLower(name)).Take(&row).Error
	if err != nil {
		return ScopeAccount{}, wrap("scope account", err)
	}
	cond, args := sq.shownIn(row.ScopeAccount)
	var n int64
	err = s.conn(ctx).Table("billing_profiles AS p").Where("p.billing_account_id = ?", row.ID).Where(cond, args...).Count(&n).Error
	row.ProfileCount = int(n)
	return row.ScopeAccount, wrap("scope account: profiles", err)
}

// scopeAccounts is the query of the accounts the user holds a role in, with their flags,
// unordered.
func (s *Store) scopeAccounts(ctx context.Context, sq scopeSQL) *gorm.DB {
	role, roleArgs := sq.accountRole()
	match, matchArgs := sq.matches("a")
	return s.conn(ctx).Table("billing_accounts AS a").
		Select("a.*, lower(a.display_name) AS sort_key, "+role+" AS account_role, "+match+" AS matches",
			append(roleArgs, matchArgs...)...).
		Where("a.id IN (SELECT r.billing_account_id FROM role_assignments AS r WHERE r.user_id = ?)", sq.userID)
}

// previewProfiles sets the number of shown profiles of each account, and gives the profiles of
// the accounts that have at most q.Preview of them, and the pinned profile, in the picker's
// order: two queries, the first an index count.
func (s *Store) previewProfiles(ctx context.Context, sq scopeSQL, accounts []ScopeAccount, q ScopeQuery) error {
	if len(accounts) == 0 {
		return nil
	}
	at, ids := map[int64]int{}, make([]int64, len(accounts))
	for i, a := range accounts {
		at[a.ID], ids[i] = i, a.ID
	}
	shown, args := sq.shownAmong(accounts)
	var counts []struct{ ID, N int64 }
	err := s.conn(ctx).Table("billing_profiles AS p").Select("p.billing_account_id AS id, COUNT(*) AS n").
		Where(shown, args...).Group("p.billing_account_id").Scan(&counts).Error
	if err != nil {
		return wrap("scope profile counts", err)
	}
	var few []ScopeAccount
	for _, c := range counts {
		a := &accounts[at[c.ID]]
		if a.ProfileCount = int(c.N); a.ProfileCount <= q.Preview {
			few = append(few, *a)
		}
	}
	order, pin, pinArgs := "p.billing_account_id, lower(p.display_name), p.id", "", []any(nil)
	if q.PinnedProfile != "" {
		pin, pinArgs = "CASE WHEN lower(a.name) = ? AND p.name = ? THEN 0 ELSE 1 END",
			[]any{strings.ToLower(q.PinnedAccount), strings.ToUpper(q.PinnedProfile)}
		order = "p.billing_account_id, " + pin + ", lower(p.display_name), p.id"
	}
	db := s.conn(ctx).Table("billing_profiles AS p").Select("p.*").Joins("JOIN billing_accounts AS a ON a.id = p.billing_account_id").
		Where("p.billing_account_id IN ?", ids)
	if len(few) > 0 {
		shown, args = sq.shownAmong(few)
	} else {
		shown, args = "FALSE", nil
	}
	if q.PinnedProfile != "" {
		shown, args = "("+shown+") OR "+pin+" = 0", append(args, pinArgs...)
	}
	var rows []BillingProfile
	err = db.Where(shown, args...).
		Order(clause.OrderBy{Expression: clause.Expr{SQL: order, Vars: pinArgs, WithoutParentheses: true}}).
		Find(&rows).Error
	if err != nil {
		return wrap("scope profiles preview", err)
	}
	for _, r := range rows {
		a := &accounts[at[r.BillingAccountID]]
		a.Profiles = append(a.Profiles, r)
	}
	return nil
}

// ScopeProfilesPage returns one page of the profiles of an account the picker shows (see
// ScopeAccount; a.Matches shows them all), by display name with the pinned profile first, and
// the cursor of the next page.
func (s *Store) ScopeProfilesPage(ctx context.Context, userID int64, a ScopeAccount, q ScopeQuery) ([]BillingProfile, string, error) {
	sq := newScopeSQL(userID, q.Search)
	shown, args := sq.shownIn(a)
	db := s.conn(ctx).Table("billing_profiles AS p").Select("p.*, lower(p.display_name) AS sort_key").
		Where("p.billing_account_id = ?", a.ID).Where(shown, args...)
	pin, pinArgs := "", []any(nil)
	if q.PinnedProfile != "" && strings.EqualFold(q.PinnedAccount, a.Name) {
		pin, pinArgs = "p.name = ?", []any{strings.ToUpper(q.PinnedProfile)}
	}
	list := fmt.Sprintf("scope profiles %d %s", a.ID, q.Search)
	db, err := s.keyset(db, "p", pin, pinArgs, list, q.After)
	if err != nil {
		return nil, "", err
	}
	return keysetPage(s, db, "scope profiles page", list, q.Limit,
		func(r scopeProfileRow) (string, int64) { return r.SortKey, r.ID },
		func(r scopeProfileRow) BillingProfile { return r.BillingProfile })
}
