package costcsv

import (
	"strings"
	"testing"

	"github.com/creditdesk/creditdesk/internal/ledger"
)

// m10 is the not-covered list the migration seeds from DOMAIN M10. The installation's list lives
// in the store; these tests build theirs explicitly.
var m10 = ledger.NewNotCovered([]string{"Azure support plans", "Canonical", "Citrix XenApp Essentials",
	"Citrix XenDesktop", "Registered User", "OpenLogic", "Remote Access Rights XenApp Essentials Registered User",
	"Ubuntu Advantage", "Visual Studio Enterprise (Monthly)", "Visual Studio Enterprise (Annual)",
	"Visual Studio Professional (Monthly)", "Visual Studio Professional (Annual)"})

// TestScanNotCoveredSpellings (M10, issue 8 item 2): without an isAzureCreditEligible column the
// list decides whatever the export's case, spacing or plural; with the column, the column does.
func TestScanNotCoveredSpellings(t *testing.T) {
	const az = ledger.PublisherAzure
	noColumn := "billingProfileId,date,costInBillingCurrency,billingCurrency,productName\n" +
		pA + ",2026-05-01,1,USD,Azure Support Plan\n" +
		pA + ",2026-05-01,2,USD,azure  SUPPORT plans\n" +
		pA + ",2026-05-01,4,USD,Azure Support Plan - Developer\n" +
		pA + ",2026-05-01,8,USD,Azure Support\n"
	withColumn := "billingProfileId,date,costInBillingCurrency,billingCurrency,productName,isAzureCreditEligible\n" +
		pA + ",2026-05-01,1,USD,Azure Support Plan,True\n" +
		pA + ",2026-05-01,2,USD,Virtual Machines,False\n"
	tests := []struct {
		name, in string
		want     []Line
	}{
		{"list decides", noColumn, []Line{
			ln(2, pA, "2026-05-01", "Azure Support Plan", az, "USD", false, "1"),
			ln(3, pA, "2026-05-01", "azure  SUPPORT plans", az, "USD", false, "2"),
			ln(4, pA, "2026-05-01", "Azure Support Plan - Developer", az, "USD", false, "4"),
			ln(5, pA, "2026-05-01", "Azure Support", az, "USD", true, "8"),
		}},
		{"column decides", withColumn, []Line{
			ln(2, pA, "2026-05-01", "Azure Support Plan", az, "USD", true, "1"),
			ln(3, pA, "2026-05-01", "Virtual Machines", az, "USD", false, "2"),
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			sameLines(t, goodLines(t, strings.NewReader(tt.in), m10), tt.want)
		})
	}
}
