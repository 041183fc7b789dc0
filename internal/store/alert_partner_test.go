package store_test

import (
	"context"
	"testing"
	"time"

	"github.com/creditdesk/creditdesk/internal/access"
	"github.com/creditdesk/creditdesk/internal/alerts"
	"github.com/creditdesk/creditdesk/internal/store"
	"github.com/creditdesk/creditdesk/internal/store/storetest"
)

// TestAlertScopesKeepTheirRules (issue 12, migration 00022): a partner organisation's rules and
// webhooks are its own, never a billing scope's, and the other way round; a subscription names
// its scope; deleting the rule takes its state and messages with it.
func TestAlertScopesKeepTheirRules(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		sd := seed(t, s)
		p, _, err := s.SavePartner(ctx, tester, store.Partner{ExternalID: "4390934", Name: "Fabrikam Solutions"})
		if err != nil {
			t.Fatal(err)
		}
		acct := store.Scope{Account: sd.account}
		billing, err := s.CreateAlertRule(ctx, sd.owner, acct, alerts.Rule{Kind: alerts.RunwayShort, Days: 30}, false)
		if err != nil {
			t.Fatal(err)
		}
		partner, err := s.CreateAlertRule(ctx, sd.owner, p, alerts.Rule{Kind: alerts.MembershipEnding, Days: 30}, true)
		if err != nil || partner.PartnerID == nil || partner.BillingAccountID != nil {
			t.Fatalf("partner rule %+v, %v", partner, err)
		}
		if rs, _ := s.AlertRulesOf(ctx, p); len(rs) != 1 || rs[0].ID != partner.ID {
			t.Errorf("the organisation's rules: %+v", rs)
		}
		if rs, _ := s.AlertRulesOf(ctx, acct); len(rs) != 1 || rs[0].ID != billing.ID {
			t.Errorf("the account's rules: %+v", rs)
		}
		if _, err := s.AlertRuleOf(ctx, acct, partner.ID); err == nil {
			t.Error("the account reaches the organisation's rule")
		}
		hook, err := s.CreateAlertWebhook(ctx, sd.owner, p, partner.ID, "https://hooks.example.com/p", "sealed")
		if err != nil {
			t.Fatal(err)
		}
		if hooks, _ := s.WebhooksOfRule(ctx, billing); len(hooks) != 0 {
			t.Errorf("the billing rule calls the organisation's webhook: %+v", hooks)
		}
		if hooks, _ := s.WebhooksOfRule(ctx, partner); len(hooks) != 1 || hooks[0].ID != hook.ID {
			t.Errorf("the partner rule's webhooks: %+v", hooks)
		}
		if hook.SecretContext() == store.WebhookSecretContext(acct, hook.URL) {
			t.Error("a partner webhook's secret is sealed under a billing account's context")
		}
		// The owner subscribed to the organisation's rule but is not its partner admin (yet): the
		// subscription does not show (P1), and shows once the role is held.
		if subs, err := s.SubscriptionsOfUser(ctx, sd.owner.ID); err != nil || len(subs) != 1 || subs[0].Partner != nil {
			t.Fatalf("subscriptions of a non-admin %+v, %v", subs, err)
		}
		m, _, err := s.EnsurePartnerMember(ctx, tester, p, sd.owner)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := s.EnsurePartnerRole(ctx, tester, p, sd.owner, m, access.PartnerAdmin); err != nil {
			t.Fatal(err)
		}
		subs, err := s.SubscriptionsOfUser(ctx, sd.owner.ID)
		if err != nil || len(subs) != 2 || subs[0].Partner != nil || subs[1].Partner == nil || subs[1].Partner.Name != "Fabrikam Solutions" {
			t.Fatalf("subscriptions %+v, %v", subs, err)
		}
		moved, err := s.TransitionAlert(ctx, partner.ID, p.ScopeID(), true, time.Now(), func(int) ([]store.AlertDelivery, error) {
			return []store.AlertDelivery{{RuleID: &partner.ID, DedupeKey: "k", Target: "webhook:1", WebhookID: &hook.ID,
				EventType: "t", Subject: p.ScopeID(), Event: "{}", Status: store.DeliveryPending, NextAttemptAt: time.Now(),
				GiveUpAt: time.Now(), CreatedAt: time.Now()}}, nil
		})
		if err != nil || !moved {
			t.Fatal(moved, err)
		}
		if err := s.DeleteAlertRule(ctx, sd.owner, p, partner.ID); err != nil {
			t.Fatal(err)
		}
		if st, _ := s.AlertStatesOf(ctx, []int64{partner.ID}); len(st) != 0 {
			t.Errorf("states left: %+v", st)
		}
		if queued, _ := s.DigestQueued(ctx, "k"); queued {
			t.Error("the deleted rule's message is still queued")
		}
	})
}

// TestDigestOutbox: the digest choice is idempotent, and a message of no rule is queued once
// per dedupe key and target, also when two queue it (issue 12).
func TestDigestOutbox(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		sd := seed(t, s)
		for _, on := range []bool{true, true} {
			if err := s.SetDigest(ctx, sd.reader.ID, on); err != nil {
				t.Fatal(err)
			}
		}
		if users, err := s.DigestSubscribers(ctx, string(access.AgreementMCA)); err != nil || len(users) != 1 || users[0].ID != sd.reader.ID {
			t.Fatalf("subscribers %+v, %v", users, err)
		}
		msg := store.AlertDelivery{DedupeKey: "digest/1/2026-W10", Target: "email:1", UserID: &sd.reader.ID, EventType: "com.creditdesk.digest",
			Subject: "2026-W10", Event: "{}", Status: store.DeliveryPending, NextAttemptAt: time.Now(), GiveUpAt: time.Now(), CreatedAt: time.Now()}
		first, err := s.QueueMessage(ctx, msg)
		if err != nil || !first {
			t.Fatalf("first: %v, %v", first, err)
		}
		if again, err := s.QueueMessage(ctx, msg); err != nil || again {
			t.Errorf("second: %v, %v; want nothing queued", again, err)
		}
		if queued, err := s.DigestQueued(ctx, msg.DedupeKey); err != nil || !queued {
			t.Errorf("queued %v, %v", queued, err)
		}
		if err := s.SetDigest(ctx, sd.reader.ID, false); err != nil {
			t.Fatal(err)
		}
		if on, err := s.WantsDigest(ctx, sd.reader.ID); err != nil || on {
			t.Errorf("after turning it off: %v, %v", on, err)
		}
	})
}

// TestSubscriptionsFollowRoles (M3): a reader subscribed to a profile's rule sees the
// subscription while a role reaches the profile; once the role is removed, the Notifications
// page no longer names the profile or its rule. A role on the other profile does not count; a
// role on the account reaches both.
func TestSubscriptionsFollowRoles(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		sd := seed(t, s)
		for _, sc := range []store.Scope{sd.eng, sd.mkt} {
			rule, err := s.CreateAlertRule(ctx, sd.owner, sc, alerts.Rule{Kind: alerts.RunwayShort, Days: 30}, false)
			if err != nil {
				t.Fatal(err)
			}
			if err := s.SetSubscribed(ctx, sc, rule.ID, sd.reader.ID, true); err != nil {
				t.Fatal(err)
			}
		}
		subs, err := s.SubscriptionsOfUser(ctx, sd.reader.ID)
		if err != nil || len(subs) != 1 || subs[0].Profile == nil || subs[0].Profile.ID != sd.engineering.ID {
			t.Fatalf("the reader of Engineering sees %+v, %v; want Engineering's rule alone", subs, err)
		}
		rows, err := s.AssignmentsOn(ctx, sd.eng)
		if err != nil {
			t.Fatal(err)
		}
		for _, r := range rows {
			if r.UserEmail == sd.reader.Email {
				if err := s.RemoveRole(ctx, sd.owner, sd.eng, r.ID); err != nil {
					t.Fatal(err)
				}
			}
		}
		if subs, err := s.SubscriptionsOfUser(ctx, sd.reader.ID); err != nil || len(subs) != 0 {
			t.Errorf("after the role is removed: %+v, %v; want none", subs, err)
		}
		if subs, err := s.SubscriptionsOfUser(ctx, sd.owner.ID); err != nil || len(subs) != 2 {
			t.Errorf("the account's owner, subscribed to both rules as their creator, sees %d, %v; want both", len(subs), err)
		}
	})
}
