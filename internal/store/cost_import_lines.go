package store

import (
	"context"
	"strings"

	"github.com/creditdesk/creditdesk/internal/costcsv"
	"github.com/creditdesk/creditdesk/internal/fault"
	"github.com/creditdesk/creditdesk/internal/ledger"
)

// maxImportProfiles bounds the billing profiles one cost export may name, and so the cache of
// their rows: a hostile file with a new profile id on every line costs no memory beyond it.
const maxImportProfiles = 10_000

// importer checks each line of a cost export against the database as it is read and stages
// the good ones.
type importer struct {
	tx       *Store
	only     *BillingProfile
	today    ledger.Date
	probs    *costcsv.Collector
	profiles map[string]resolvedProfile // profile name -> what it resolves to
	used     map[int64]BillingProfile   // the profiles of the staged lines, by id
	stage    *chargeStage
}

// resolvedProfile is a profile name of the file with its row, or why it names none.
type resolvedProfile struct {
	p       BillingProfile
	problem fault.Message
}

// line reports what is wrong with a line the file itself cannot tell (its profile, currency
// and date against the database and today), and stages it when nothing is.
func (im *importer) line(ctx context.Context, l costcsv.Line) error {
	r, err := im.resolve(ctx, l.Account, l.Profile)
	if err != nil {
		return err
	}
	bad := !r.problem.IsZero()
	if bad {
		im.probs.Add(l.Number, "billingProfileId", r.problem.Key, r.problem.Args...)
	}
	if l.Date.After(im.today) {
		im.probs.Add(l.Number, "date", KeyChargeFuture, l.Date, im.today)
		bad = true
	}
	if !bad && !strings.EqualFold(l.Currency, r.p.Currency) {
		im.probs.Add(l.Number, "billingCurrency", KeyChargeCurrency, l.Currency, fault.ID(r.p.Name), r.p.Currency)
		bad = true
	}
	if bad {
		return nil
	}
	im.used[r.p.ID] = r.p
	return im.stage.add(ctx, stagedLine{Line: l.Number, ProfileID: r.p.ID, Date: l.Date.String(), Product: l.Product,
		Publisher: string(l.Publisher), Eligible: l.Eligible, Amount: l.Amount.Micros()})
}

// resolve finds the profile a line names, once per name: by its name, within the billing
// account account when the line gave a full ARM id ("" otherwise).
func (im *importer) resolve(ctx context.Context, account, name string) (resolvedProfile, error) {
	ref := account + "/" + name
	if r, ok := im.profiles[ref]; ok {
		return r, nil
	}
	var r resolvedProfile
	switch {
	case im.only != nil && name != im.only.Name:
		r.problem = fault.Say(KeyChargeOtherProfile, fault.ID(name), fault.ID(im.only.Name))
	case len(im.profiles) >= maxImportProfiles:
		return resolvedProfile{problem: fault.Say(KeyChargeProfiles, maxImportProfiles)}, nil
	default:
		found, err := im.profilesNamed(ctx, account, name)
		if err != nil {
			return r, err
		}
		switch {
		case len(found) == 1:
			r.p = found[0]
		case len(found) > 1:
			r.problem = fault.Say(KeyChargeProfileTwice, fault.ID(name))
		case account != "":
			r.problem = fault.Say(KeyChargeNotInAccount, fault.ID(name), fault.ID(account))
		default:
			r.problem = fault.Say(KeyChargeNoProfile, fault.ID(name))
		}
	}
	im.profiles[strings.Clone(ref)] = r
	return r, nil
}

// profilesNamed returns up to two profiles of that name: the page's own on an upload, else any
// in the database; those of the billing account account only, when it is not "" (an account's
// name matches in any case, as ARM ids do).
func (im *importer) profilesNamed(ctx context.Context, account, name string) ([]BillingProfile, error) {
	db := im.tx.conn(ctx).Where("name = ?", name)
	if im.only != nil {
		db = db.Where("id = ?", im.only.ID)
	}
	if account != "" {
		db = db.Where("billing_account_id IN (SELECT id FROM billing_accounts WHERE lower(name) = ?)", strings.ToLower(account))
	}
	var found []BillingProfile
	return found, wrap("import: profile", db.Limit(2).Find(&found).Error)
}
