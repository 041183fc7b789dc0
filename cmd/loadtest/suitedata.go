package main

import (
	"context"
	"encoding/json"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"
	"gorm.io/gorm"

	"github.com/creditdesk/creditdesk/internal/scenario"
)

// The users of the benchmark: the owner of every seeded account, and the partner admin of the
// partner with the benefits. Every one signs in with loadPassword.
const (
	loadOwner    = "owner@load.example"
	loadAdmin    = "admin@loadpartner.example"
	loadPartner  = "load-partner"
	loadPassword = "creditdesk-load-test"
	loadMembers  = 10
)

// benefitKinds are cycled through the partner's benefits.
var benefitKinds = []string{"AzureMonthlyCredit", "AzureBulkCredit", "CopilotForSecurity", "GitHubCopilotEnterprise", "GitHubEnterpriseMetered"}

// loadScenario is the scenario file of the benchmark's users and of a partner with n benefits,
// started over the year before today; every tenth (a monthly credit) assigned to a member.
func loadScenario(n int, today time.Time) ([]byte, error) {
	users := []scenario.FileUser{{Email: loadOwner, Name: "Load Owner", Password: loadPassword},
		{Email: loadAdmin, Name: "Load Partner Admin", Password: loadPassword}}
	members := []scenario.FileMember{{User: loadAdmin, Roles: []string{"partnerAdmin"}}}
	for i := 1; i <= loadMembers; i++ {
		email := fmt.Sprintf("member%02d@loadpartner.example", i)
		users = append(users, scenario.FileUser{Email: email, Name: fmt.Sprintf("Member %02d", i), Password: loadPassword})
		members = append(members, scenario.FileMember{User: email})
	}
	benefits := make([]scenario.FileBenefit, n)
	for i := range benefits {
		start := today.AddDate(0, 0, -(i % 360))
		b := scenario.FileBenefit{ID: fmt.Sprintf("lb-%05d", i+1), Kind: benefitKinds[i%len(benefitKinds)], Amount: "100.00", Currency: "USD",
			PurchaseDate: start.AddDate(0, 0, -4).Format(time.DateOnly), StartDate: start.Format(time.DateOnly),
			EndDate: start.AddDate(1, 0, -1).Format(time.DateOnly)}
		if i%10 == 0 {
			b.AssignedTo = members[1+(i/10)%loadMembers].User
		}
		benefits[i] = b
	}
	return json.Marshal(scenario.File{Users: users, Partners: []scenario.FilePartner{{ID: loadPartner, Name: "Load Partner",
		Domains: []string{"loadpartner.example"}, Members: members, Benefits: benefits}}})
}

// seeded reports whether the database holds the benchmark's data already (its owner exists).
func seeded(db *gorm.DB) bool {
	var n int64
	return db.Table("users").Where("email = ?", loadOwner).Count(&n).Error == nil && n > 0
}

// facts are what the suite measures in a seeded database.
type facts struct {
	Events, Lots, Invoices, Profiles, Accounts int64
	BusyAccount, BusyProfile                   string // the profile with the most events, and its account
	BusyEvents                                 int64
	WideAccount                                string // the account with the most profiles
	WideProfiles                               int64
	Benefits                                   int64 // of the partner whose workspace is measured
}

// readFacts reads the facts in a few aggregate queries.
func readFacts(db *gorm.DB) (facts, error) {
	var f facts
	for _, c := range []struct {
		table string
		n     *int64
	}{{"ledger_events", &f.Events}, {"lots", &f.Lots}, {"invoices", &f.Invoices}, {"billing_profiles", &f.Profiles}, {"billing_accounts", &f.Accounts}} {
		if err := db.Table(c.table).Count(c.n).Error; err != nil {
			return f, err
		}
	}
	var busy struct {
		Account, Profile string
		Events           int64
	}
	err := db.Raw(`SELECT a.name AS account, p.name AS profile, p.event_seq AS events
		FROM billing_profiles p JOIN billing_accounts a ON a.id = p.billing_account_id
		ORDER BY p.event_seq DESC, p.id LIMIT 1`).Scan(&busy).Error
	if err != nil {
		return f, err
	}
	var wide struct {
		Account  string
		Profiles int64
	}
	err = db.Raw(`SELECT a.name AS account, COUNT(*) AS profiles
		FROM billing_accounts a JOIN billing_profiles p ON p.billing_account_id = a.id
		GROUP BY a.id, a.name ORDER BY COUNT(*) DESC, a.id LIMIT 1`).Scan(&wide).Error
	f.BusyAccount, f.BusyProfile, f.BusyEvents, f.WideAccount, f.WideProfiles = busy.Account, busy.Profile, busy.Events, wide.Account, wide.Profiles
	if err != nil {
		return f, err
	}
	err = db.Table("benefits AS b").Joins("JOIN partners AS p ON p.id = b.partner_id").
		Where("lower(p.external_id) = ?", loadPartner).Count(&f.Benefits).Error
	return f, err
}

// ensureDatabase creates a PostgreSQL database that does not exist yet, or the directory of an
// SQLite file (the file itself is made when opened).
func ensureDatabase(ctx context.Context, dsn string) error {
	if !isPostgres(dsn) {
		return os.MkdirAll(filepath.Dir(strings.TrimPrefix(dsn, "sqlite:")), 0o755)
	}
	u, err := url.Parse(dsn)
	if err != nil {
		return err
	}
	name := strings.TrimPrefix(u.Path, "/")
	if name == "" || strings.ContainsAny(name, `"/ `) {
		return fmt.Errorf("-database %s: name a database", dsn)
	}
	admin := *u
	admin.Path = "/postgres"
	c, err := pgx.Connect(ctx, admin.String())
	if err != nil {
		return err
	}
	defer c.Close(ctx)
	var exists bool
	if err := c.QueryRow(ctx, "SELECT EXISTS (SELECT 1 FROM pg_database WHERE datname = $1)", name).Scan(&exists); err != nil || exists {
		return err
	}
	_, err = c.Exec(ctx, `CREATE DATABASE "`+name+`"`)
	return err
}

// ceilingDatabase is the ceiling's own database beside the portal's: the same PostgreSQL server
// with "_ceiling" appended to the name, or an SQLite file beside the portal's.
func ceilingDatabase(dsn string) string {
	if isPostgres(dsn) {
		u, _ := url.Parse(dsn)
		u.Path += "_ceiling"
		return u.String()
	}
	path := strings.TrimPrefix(dsn, "sqlite:")
	return strings.TrimSuffix(path, filepath.Ext(path)) + "_ceiling.db"
}

func isPostgres(dsn string) bool {
	return strings.HasPrefix(dsn, "postgres://") || strings.HasPrefix(dsn, "postgresql://")
}
