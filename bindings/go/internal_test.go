package airbytecloud

import "testing"

// The Go constants carry the C ABI's values.
func TestEnumValuesMatchTheHeader(t *testing.T) {
	for _, s := range statuses {
		if int(s.status) != int(s.c) {
			t.Errorf("status %v = %d, header %d", s.status, int(s.status), int(s.c))
		}
	}
	for _, s := range jobStates {
		if int(s.state) != int(s.c) {
			t.Errorf("job state %v = %d, header %d", s.state, int(s.state), int(s.c))
		}
	}
	for _, l := range logLevels {
		if int(l.level) != int(l.c) {
			t.Errorf("log level %v = %d, header %d", l.level, int(l.level), int(l.c))
		}
	}
}
