package views

import "strconv"

// MenuGroup is a run of menu items under one heading.
type MenuGroup struct {
	Name  string
	Items []MenuItem
}

// menuGroups splits a menu into its groups, in order: a new group starts where the Group of
// an item differs from the one before.
func menuGroups(items []MenuItem) []MenuGroup {
	var out []MenuGroup
	for _, m := range items {
		if len(out) == 0 || out[len(out)-1].Name != m.Group {
			out = append(out, MenuGroup{Name: m.Group})
		}
		last := &out[len(out)-1]
		last.Items = append(last.Items, m)
	}
	return out
}

// menuGroupID is the id of the i-th group's heading, which names its list.
func menuGroupID(i int) string { return "menugroup-" + strconv.Itoa(i) }
