package web_test

import (
	"os"
	"testing"
)

// TestMain runs the package's tests, then stops the Chromium the browser tests share.
func TestMain(m *testing.M) {
	code := m.Run()
	theChromium.stop()
	os.Exit(code)
}
