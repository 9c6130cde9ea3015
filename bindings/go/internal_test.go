package airbytecloud

import "testing"

// The Go constants carry the C ABI's values: each table holds, at the index of a Go constant,
// the value SWIG read from the header (unlisted indexes hold 0 and are skipped).
func TestEnumValuesMatchTheHeader(t *testing.T) {
	check := func(name string, values []int) {
		for goValue, cValue := range values {
			if cValue != 0 && goValue != cValue {
				t.Errorf("%s %d: header %d", name, goValue, cValue)
			}
		}
	}
	check("status", ints(statuses[:]))
	check("job state", ints(jobStates[:]))
	check("log level", ints(logLevels[:]))
	check("safe mode", ints(safeModes[:]))
	check("dataset secret", ints(datasetSecrets[:]))
	check("value type", ints(valueTypes[:]))
	check("definition kind", ints(definitionKinds[:]))
}

func ints[C ~int](values []C) []int {
	out := make([]int, len(values))
	for i, v := range values {
		out[i] = int(v)
	}
	return out
}
