package access

// Grant is one role held by a user on a scope, either directly or inherited from the billing
// account that contains the scope (M3: a role on the account reaches every profile of it).
type Grant struct {
	Role      Role
	Inherited bool
}

// Grants is everything a user holds on one scope. The zero value holds nothing.
type Grants []Grant

// Effective returns the grants on a scope of the given kind, from the roles held on the account
// and (for a profile) on the profile itself.
func Effective(kind Kind, onAccount, onProfile []Role) Grants {
	var g Grants
	for _, r := range onAccount {
		g = append(g, Grant{Role: r, Inherited: kind == Profile})
	}
	if kind == Profile {
		for _, r := range onProfile {
			g = append(g, Grant{Role: r})
		}
	}
	return g
}

// Any reports whether the user holds some role on the scope. A user with none must not learn
// that the scope exists (M3).
func (g Grants) Any() bool { return len(g) > 0 }

// Can reports whether some held role grants the permission.
func (g Grants) Can(p Permission) bool {
	for _, x := range g {
		if x.Role.Can(p) {
			return true
		}
	}
	return false
}

// Highest returns the most powerful role held, in the order of Roles, and false if none.
func (g Grants) Highest() (Role, bool) {
	for _, r := range Roles {
		for _, x := range g {
			if x.Role == r {
				return r, true
			}
		}
	}
	return "", false
}

// Assignment is one role assignment as the last-owner rule needs to see it.
type Assignment struct {
	ID        int64
	Role      Role
	Inherited bool
}

// CanRemove decides whether the assignment with the given id may be removed from a scope whose
// assignments (direct and inherited) are all. Inherited assignments cannot be removed lower down
// (M3), and the last owner of a scope cannot be removed (M4), so no scope is left unmanageable.
func CanRemove(all []Assignment, id int64) error {
	var target *Assignment
	owners := 0
	for i := range all {
		if all[i].Role == Owner {
			owners++
		}
		if all[i].ID == id && !all[i].Inherited {
			target = &all[i]
		}
	}
	switch {
	case target == nil:
		return ErrNotAssigned
	case target.Role == Owner && owners == 1:
		return ErrLastOwner
	}
	return nil
}
