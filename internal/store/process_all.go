package store

import (
	"context"
	"fmt"
	"strings"

	"github.com/creditdesk/creditdesk/internal/ledger"
)

// ProcessFailure is a billing profile a processing run could not process.
type ProcessFailure struct {
	ProfileID int64
	Account   string // the billing account's name, "" when it could not be read
	Profile   string // the billing profile's name, "" when it could not be read
	Err       error
}

// String names the profile for an operator: account/profile (id N).
func (f ProcessFailure) String() string {
	if f.Profile == "" {
		return fmt.Sprintf("billing profile id %d", f.ProfileID)
	}
	return fmt.Sprintf("%s/%s (id %d)", f.Account, f.Profile, f.ProfileID)
}

// ProcessFailures is the error of a processing run that skipped profiles it could not process
// and processed every other.
type ProcessFailures struct {
	Profiles int // profiles the run looked at
	Failed   []ProcessFailure
}

// Error says how many profiles failed, and names each with its error on a line of its own.
func (e *ProcessFailures) Error() string {
	var b strings.Builder
	fmt.Fprintf(&b, "%d of %d billing profiles could not be processed:", len(e.Failed), e.Profiles)
	for _, f := range e.Failed {
		fmt.Fprintf(&b, "\n  %s: %v", f, f.Err)
	}
	return b.String()
}

// ProcessAll runs the periodic work for every billing profile, each in its own transaction:
// release new lots and issue every invoice that is due on today. It is idempotent, and safe to
// run from several instances at once: each profile's row is locked while it is processed, and
// unique indexes stop a duplicate invoice or event.
//
// A profile that cannot be processed does not stop the run: it is skipped, its failure is
// stored (the credits page shows it, ProcessFailureOf) until a later run processes it, and the
// run goes on with the next profile; the error returned is then a *ProcessFailures naming every
// skipped profile, and the result counts the others. A database that does not answer
// (IsUnavailable), or the end of ctx, stops the run at once instead: that is no profile's fault.
func (s *Store) ProcessAll(ctx context.Context, today ledger.Date) (ProcessResult, error) {
	var ids []int64
	if err := s.conn(ctx).Model(&BillingProfile{}).Order("id").Pluck("id", &ids).Error; err != nil {
		return ProcessResult{}, wrap("process: profiles", err)
	}
	failing, err := s.failingProfiles(ctx)
	if err != nil {
		return ProcessResult{}, err
	}
	var (
		total  ProcessResult
		failed []ProcessFailure
	)
	for _, id := range ids {
		r, err := s.ProcessProfile(ctx, id, today)
		if err != nil {
			if ctx.Err() != nil || IsUnavailable(err) {
				return total, err
			}
			f := s.processFailure(ctx, id, err)
			if rerr := s.recordProcessFailure(ctx, id, today, err); rerr != nil {
				f.Err = fmt.Errorf("%w (and the failure could not be stored: %v)", err, rerr)
			}
			failed = append(failed, f)
			continue
		}
		total = total.Add(r)
		if failing[id] {
			if err := s.clearProcessFailure(ctx, id); err != nil {
				return total, err
			}
		}
	}
	if len(failed) > 0 {
		return total, &ProcessFailures{Profiles: len(ids), Failed: failed}
	}
	return total, nil
}

// processFailure names a profile that failed, as well as the database allows.
func (s *Store) processFailure(ctx context.Context, id int64, err error) ProcessFailure {
	f := ProcessFailure{ProfileID: id, Err: err}
	var names struct{ Account, Profile string }
	q := s.conn(ctx).Table("billing_profiles AS p").Select("a.name AS account, p.name AS profile").
		Joins("JOIN billing_accounts AS a ON a.id = p.billing_account_id").Where("p.id = ?", id)
	if q.Take(&names).Error == nil {
		f.Account, f.Profile = names.Account, names.Profile
	}
	return f
}
