package web

import "github.com/creditdesk/creditdesk/views"

// cancelConfirm is the credit that the cancel parameter selects for Cancel credit (M3), looked
// up in the credits list as the page shows it: the confirmation names it, and offers to cancel
// it only when its row may be canceled. nil when nothing is selected or the viewer may not
// cancel.
func cancelConfirm(pg creditsPage, list views.CreditsList, name string) *views.LotRow {
	if name == "" || !pg.canCancel {
		return nil
	}
	for _, r := range list.Rows {
		if r.Name == name {
			return &r
		}
	}
	return &views.LotRow{Name: name}
}
