package store

import (
	"context"
	"strings"
	"time"

	"github.com/creditdesk/creditdesk/internal/fault"
)

// AzureConnectionEntry is a connection with its billing account.
type AzureConnectionEntry struct {
	AzureConnection
	Account BillingAccount
}

// AzureConnectionOf returns the billing account's connection, fault.ErrNotFound if it has none.
func (s *Store) AzureConnectionOf(ctx context.Context, accountID int64) (AzureConnection, error) {
	var c AzureConnection
	err := s.conn(ctx).Where("billing_account_id = ?", accountID).Take(&c).Error
	return c, wrap("azure connection of account", err)
}

// AzureConnections lists every connection with its billing account, by account name.
func (s *Store) AzureConnections(ctx context.Context) ([]AzureConnectionEntry, error) {
	var cs []AzureConnection
	if err := s.conn(ctx).Order("id").Find(&cs).Error; err != nil {
		return nil, wrap("azure connections", err)
	}
	out := make([]AzureConnectionEntry, 0, len(cs))
	for _, c := range cs {
		var a BillingAccount
		if err := s.conn(ctx).Where("id = ?", c.BillingAccountID).Take(&a).Error; err != nil {
			return nil, wrap("azure connection account", err)
		}
		out = append(out, AzureConnectionEntry{AzureConnection: c, Account: a})
	}
	return out, nil
}

// SaveAzureConnection connects the billing account to Azure, or changes its connection (one per
// account), and audits it. c.Credential is stored as given: the caller seals it. An Azure
// billing account already connected to another CreditDesk account is refused.
func (s *Store) SaveAzureConnection(ctx context.Context, actor User, account BillingAccount, c AzureConnection) (AzureConnection, Change, error) {
	change := Created
	err := s.Tx(ctx, func(tx *Store) error {
		old, err := tx.AzureConnectionOf(ctx, account.ID)
		if err != nil && !isNotFound(err) {
			return err
		}
		var other int64
		err = tx.conn(ctx).Model(&AzureConnection{}).Where("lower(azure_account) = ? AND billing_account_id <> ?",
			strings.ToLower(c.AzureAccount), account.ID).Count(&other).Error
		if err != nil {
			return wrap("azure account in use", err)
		}
		if other > 0 {
			return refuse("M1", KeyAzureAccountTaken, fault.ID(c.AzureAccount))
		}
		now := tx.now().UTC()
		c.BillingAccountID, c.UpdatedAt = account.ID, now
		if old.ID == 0 {
			c.CreatedAt = now
			if err := tx.conn(ctx).Create(&c).Error; err != nil {
				return wrap("create azure connection", err)
			}
			return tx.audit(ctx, actor, AuditEntry{Action: AuditAzureConnected, Scope: Scope{Account: account}.ID(),
				Target: idOf(c.AzureAccount), After: describeConnection(c, false)})
		}
		change, c.ID, c.CreatedAt = Updated, old.ID, old.CreatedAt
		err = tx.conn(ctx).Model(&AzureConnection{}).Where("id = ?", old.ID).Updates(map[string]any{
			"azure_account": c.AzureAccount, "tenant_id": c.TenantID, "client_id": c.ClientID, "auth_kind": c.AuthKind,
			"credential": c.Credential, "arm_endpoint": c.ARMEndpoint, "authority_host": c.AuthorityHost,
			"problem": "", "problem_detail": "", "updated_at": now,
		}).Error
		if err != nil {
			return wrap("update azure connection", err)
		}
		return tx.audit(ctx, actor, AuditEntry{Action: AuditAzureChanged, Scope: Scope{Account: account}.ID(),
			Target: idOf(c.AzureAccount), Before: describeConnection(old, false), After: describeConnection(c, c.Credential != old.Credential)})
	})
	if err != nil {
		return AzureConnection{}, Unchanged, err
	}
	return c, change, nil
}

// DeleteAzureConnection removes the account's connection and its credential, and audits it.
// The profiles it synced keep their history and stay read-only copies of Azure's ledger
// (connect again to resume). An account without a connection is fault.ErrNotFound.
func (s *Store) DeleteAzureConnection(ctx context.Context, actor User, account BillingAccount) error {
	return s.Tx(ctx, func(tx *Store) error {
		old, err := tx.AzureConnectionOf(ctx, account.ID)
		if err != nil {
			return err
		}
		if err := tx.conn(ctx).Where("id = ?", old.ID).Delete(&AzureConnection{}).Error; err != nil {
			return wrap("delete azure connection", err)
		}
		return tx.audit(ctx, actor, AuditEntry{Action: AuditAzureDisconnected, Scope: Scope{Account: account}.ID(),
			Target: idOf(old.AzureAccount), Before: describeConnection(old, false)})
	})
}

// describeConnection is what the audit log says of a connection, and whether its credential
// is new: never the credential itself.
func describeConnection(c AzureConnection, newCredential bool) fault.Message {
	key := KeyAuditConnection
	if newCredential {
		key = KeyAuditConnectionNewCredential
	}
	return fault.Say(key, fault.ID(c.AzureAccount), fault.ID(c.TenantID), fault.ID(c.ClientID), string(c.AuthKind), c.ARMEndpoint)
}

// ClaimAzureConnection makes by the one runner of the connection until the given time, unless
// another runner's claim is still valid at now; it reports whether the claim was made. Several
// instances can then run the periodic sync without syncing one connection twice at once, and a
// runner that died loses its claim when it runs out.
func (s *Store) ClaimAzureConnection(ctx context.Context, id int64, by string, now, until time.Time) (bool, error) {
	res := s.conn(ctx).Model(&AzureConnection{}).
		Where("id = ? AND (claimed_until IS NULL OR claimed_until < ?)", id, now.UTC()).
		Updates(map[string]any{"claimed_until": until.UTC(), "claimed_by": by, "last_attempt_at": now.UTC()})
	return res.RowsAffected == 1, wrap("claim azure connection", res.Error)
}

// SyncOutcome is how a sync of a connection ended.
type SyncOutcome struct {
	At            time.Time
	OK            bool
	Problem       string // "" when OK
	ProblemDetail string
	DisplayName   string // the Azure account's display name, "" when not read
}

// FinishAzureSync records the outcome of the runner's sync and gives up its claim. A runner
// whose claim was taken over in the meantime records nothing.
func (s *Store) FinishAzureSync(ctx context.Context, id int64, by string, o SyncOutcome) error {
	cols := map[string]any{"claimed_until": nil, "claimed_by": "", "problem": o.Problem, "problem_detail": o.ProblemDetail}
	if o.OK {
		cols["last_success_at"] = o.At.UTC()
	}
	if o.DisplayName != "" {
		cols["azure_display_name"] = o.DisplayName
	}
	err := s.conn(ctx).Model(&AzureConnection{}).Where("id = ? AND claimed_by = ?", id, by).Updates(cols).Error
	return wrap("finish azure sync", err)
}
