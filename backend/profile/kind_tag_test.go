package profile

import (
	"reflect"
	"slices"
	"strings"
	"testing"
)

// The TypeScript type of Profile.kind is generated from its ts_type tag: the tag must list exactly the kinds
// Go defines (and "", a new profile's kind before the admin picks one), so the UI cannot offer a kind Go
// refuses nor miss one Go accepts.
func TestKindTagListsEveryKind(t *testing.T) {
	f, _ := reflect.TypeOf(Profile{}).FieldByName("Kind")
	var got []string
	for _, part := range strings.Split(f.Tag.Get("ts_type"), "|") {
		got = append(got, strings.Trim(strings.TrimSpace(part), "'"))
	}
	want := []string{string(KindProduction), string(KindStaging), string(KindDevelopment), ""}
	slices.Sort(got)
	slices.Sort(want)
	if !slices.Equal(got, want) {
		t.Fatalf("ts_type of Profile.Kind lists %q, want %q", got, want)
	}
}
