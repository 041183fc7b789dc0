package views

import "testing"

// TestThousands: counts get a comma between groups of three digits.
func TestThousands(t *testing.T) {
	tests := []struct {
		n    int
		want string
	}{{0, "0"}, {7, "7"}, {999, "999"}, {1000, "1,000"}, {25000, "25,000"}, {1234567, "1,234,567"}, {-1000, "-1,000"}, {-100, "-100"}}
	for _, tt := range tests {
		if got := thousands(tt.n); got != tt.want {
			t.Errorf("thousands(%d) = %q, want %q", tt.n, got, tt.want)
		}
	}
}
