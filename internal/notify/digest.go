package notify

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/url"

	"github.com/creditdesk/creditdesk/internal/access"
	"github.com/creditdesk/creditdesk/internal/alerts"
	"github.com/creditdesk/creditdesk/internal/benefits"
	"github.com/creditdesk/creditdesk/internal/ledger"
	"github.com/creditdesk/creditdesk/internal/mail"
	"github.com/creditdesk/creditdesk/internal/store"
	"github.com/creditdesk/creditdesk/views"
)

// DigestType is the outbox event type of a weekly digest email.
const DigestType = "com.creditdesk.digest"

// QueueDigests queues this week's digest of every user who asked for it (issue 12), once: a
// user's digest of an ISO week (of the business day) has one dedupe key in the outbox, so a
// later run of the week queues nothing, and of two instances queueing at once one row stays.
// A user who sees neither a billing profile with Azure credits nor a partner organisation gets
// none; one who holds no role that could show either is not even looked at (the store leaves
// them out). Without a mailer nothing is queued.
func (s *Service) QueueDigests(ctx context.Context, rep *Report) error {
	if s.o.Mailer == nil {
		return nil
	}
	st := s.o.Store
	users, err := st.DigestSubscribers(ctx, string(access.AgreementMCA))
	if err != nil {
		return err
	}
	today := ledger.DateOf(s.o.Clocks.Business())
	y, w := today.Time().ISOWeek()
	week := fmt.Sprintf("%d-W%02d", y, w)
	var errs []error
	for _, u := range users {
		if err := ctx.Err(); err != nil {
			return err
		}
		if err := s.queueDigest(ctx, u, today, week, rep); err != nil {
			errs = append(errs, fmt.Errorf("digest of user %d: %w", u.ID, err))
		}
	}
	return errors.Join(errs...)
}

// queueDigest writes and queues one user's digest of the week, unless it is queued already.
func (s *Service) queueDigest(ctx context.Context, u store.User, today ledger.Date, week string, rep *Report) error {
	key := fmt.Sprintf("digest/%d/%s", u.ID, week)
	if queued, err := s.o.Store.DigestQueued(ctx, key); err != nil || queued {
		return err
	}
	d, err := s.digestOf(ctx, u, today, week)
	if err != nil || len(d.Profiles)+len(d.Partners) == 0 {
		return err
	}
	body, err := json.Marshal(d)
	if err != nil {
		return err
	}
	now := s.o.Clocks.Wall().UTC()
	queued, err := s.o.Store.QueueMessage(ctx, store.AlertDelivery{DedupeKey: key, Target: fmt.Sprintf("email:%d", u.ID),
		UserID: &u.ID, EventType: DigestType, Subject: week, Event: string(body), Status: store.DeliveryPending,
		NextAttemptAt: now, GiveUpAt: now.Add(retryFor), CreatedAt: now})
	if queued {
		rep.Digests++
	}
	return err
}

// digestOf writes a user's digest: every billing profile with Azure credits (of a Microsoft
// Customer Agreement, M6) the user holds a role on, directly or through its account (M3), with
// the numbers its credits page shows on the business day, and every partner organisation they
// manage (digestPartners).
func (s *Service) digestOf(ctx context.Context, u store.User, today ledger.Date, week string) (views.Digest, error) {
	st := s.o.Store
	d := views.Digest{Name: u.Name, Week: week, Today: today, Window: s.o.ExpiryWindow, Link: s.o.PublicURL + "/notifications"}
	scopes, err := st.ScopesOfUser(ctx, u.ID, "")
	if err != nil {
		return d, err
	}
	for _, sc := range scopes {
		if !sc.Account.IsMCA() {
			continue
		}
		ls, err := st.ProfileLedgers(ctx, sc.Profiles, today)
		if err != nil {
			return d, err
		}
		for _, l := range ls {
			rw, err := st.ProfileRunway(ctx, l.Profile, l.Summary, today)
			if err != nil {
				return d, err
			}
			p := views.DigestProfile{Account: sc.Account.DisplayName, Profile: l.Profile.DisplayName, Currency: l.Profile.Currency,
				Estimated: l.Summary.EstimatedBalance, Runway: rw.EnoughHistory, RunsOut: rw.RunsOut, DailyBurn: rw.DailyBurn,
				Link: s.o.PublicURL + "/accounts/" + url.PathEscape(sc.Account.Name) + "/profiles/" + url.PathEscape(l.Profile.Name) + "/credits"}
			for _, lot := range l.Summary.Lots {
				left := lot.ExpirationDate.DaysSince(today)
				if lot.Balance.IsPositive() && !lot.StartDate.After(today) && left >= 0 && left <= d.Window {
					p.Expiring = append(p.Expiring, views.DigestExpiry{Lot: lot.ID, Date: lot.ExpirationDate, Balance: lot.Balance})
				}
			}
			d.Profiles = append(d.Profiles, p)
		}
	}
	d.Partners, err = s.digestPartners(ctx, u, d.Window)
	return d, err
}

// digestPartners are the partner organisations whose Benefits workspace the user opens (partner
// admins, P1), by name, each with its benefits that need action and whose last day falls within
// window days: the benefit.unused alert's condition (not redeemed, or assigned and not
// redeemed), checked by the same code. An organisation is listed even when none needs action,
// as a profile is without expiring credit, so that the digest covers every scope the user sees.
func (s *Service) digestPartners(ctx context.Context, u store.User, window int) ([]views.DigestPartner, error) {
	ms, err := s.o.Store.PartnersOfUser(ctx, u.ID)
	if err != nil {
		return nil, err
	}
	var out []views.DigestPartner
	for _, m := range ms {
		if !m.Grants.Can(access.ManageBenefits) {
			continue
		}
		f, err := s.factsOfPartner(ctx, m.Partner.ID)
		if err != nil {
			return nil, err
		}
		byID := map[string]benefits.Benefit{}
		for _, bf := range f.Benefits {
			byID[bf.Benefit.ID] = bf.Benefit
		}
		p := views.DigestPartner{Name: m.Partner.Name, ID: m.Partner.ExternalID,
			Link: s.o.PublicURL + "/partners/" + url.PathEscape(m.Partner.ExternalID) + "/benefits"}
		for _, h := range alerts.CheckPartner(alerts.Rule{Kind: alerts.BenefitUnused, Days: window}, f) {
			b := byID[h.Benefit]
			p.Benefits = append(p.Benefits, views.DigestBenefit{ID: b.ID, Kind: h.Values.BenefitKind, Status: h.Values.Status,
				AssignedTo: h.Values.AssignedTo, Amount: b.Amount, Currency: b.Currency, LastDay: *h.Values.ExpirationDate,
				Link: s.o.PublicURL + benefitPane(m.Partner, b.ID)})
		}
		out = append(out, p)
	}
	return out, nil
}

// errNothingToSend is a digest that, written again when it is due, has nothing its user still
// sees: it is dropped rather than sent.
var errNothingToSend = errors.New("nothing to send: the user no longer sees any scope of the digest")

// mailDigest emails a queued digest to its user. The digest is written again from what the
// user sees when it is sent, not when it was queued: a user who lost a role since (M3, P1)
// gets nothing of that scope, and errNothingToSend when no scope is left. The queued week
// stays the subject's; the numbers are the business day's of the sending.
func (s *Service) mailDigest(ctx context.Context, userID int64, body string) error {
	if s.o.Mailer == nil {
		return errNoMailer
	}
	var queued views.Digest
	if err := json.Unmarshal([]byte(body), &queued); err != nil {
		return err
	}
	u, err := s.o.Store.UserByID(ctx, userID)
	if err != nil {
		return err
	}
	d, err := s.digestOf(ctx, u, ledger.DateOf(s.o.Clocks.Business()), queued.Week)
	if err != nil {
		return err
	}
	if len(d.Profiles)+len(d.Partners) == 0 {
		return errNothingToSend
	}
	var text, html bytes.Buffer
	if err := views.DigestEmailText(d, views.Locale{}).Render(ctx, &text); err != nil {
		return fmt.Errorf("render digest: %w", err)
	}
	if err := views.DigestEmailHTML(d, views.Locale{}).Render(ctx, &html); err != nil {
		return fmt.Errorf("render digest: %w", err)
	}
	return s.o.Mailer.Send(ctx, mail.Message{To: []string{u.Email}, Subject: d.Subject(), HTML: html.String(), Text: text.String()})
}
