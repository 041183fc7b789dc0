package access

import "testing"

// TestMCAName: an MCA billing account's id is two GUIDs (either case) and a real day.
func TestMCAName(t *testing.T) {
	const g = "5e98e158-1a2b-4c3d-8e9f-0123456789ab:6F1E2D3C-4B5A-4978-8A6B-5C4D3E2F1A0B"
	for _, tt := range []struct {
		name            string
		shaped, realDay bool
	}{
		{g + "_2019-05-31", true, true},
		{g + "_2019-02-30", true, false},
		{g + "_2019-13-45", true, false},
		{g + "_2019-0531", false, false},
		{g + "-2019-05-31", false, false},
		{"bad", false, false},
		{"8608480", false, false},
		{"5e98e158-1a2b-4c3d-8e9f-0123456789ag:6f1e2d3c-4b5a-4978-8a6b-5c4d3e2f1a0b_2019-05-31", false, false},
		{"5e98e1581a2b-4c3d-8e9f-0123456789ab0:6f1e2d3c-4b5a-4978-8a6b-5c4d3e2f1a0b_2019-05-31", false, false},
	} {
		if _, shaped, realDay := MCAName(tt.name); shaped != tt.shaped || realDay != tt.realDay {
			t.Errorf("MCAName(%q) = shaped %v, real day %v; want %v, %v", tt.name, shaped, realDay, tt.shaped, tt.realDay)
		}
	}
}
