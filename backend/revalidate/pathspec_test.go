package revalidate

import "testing"

func TestParsePathReadsTheRouteNaming(t *testing.T) {
	scenarios := []struct {
		in   string
		want PathSpec
	}{
		{"/dashboard", PathSpec{Path: "/dashboard"}},
		{"/dashboard (layout)", PathSpec{Path: "/dashboard", Type: PathTypeLayout}},
		{"  / (layout) ", PathSpec{Path: "/", Type: PathTypeLayout}},
		{"/x (page)", PathSpec{Path: "/x", Type: PathTypePage}},
		{"/x (Layout)", PathSpec{Path: "/x (Layout)"}}, // only the exact lower-case suffix is a type
		{"/a (layout)/b", PathSpec{Path: "/a (layout)/b"}},
	}
	for _, sc := range scenarios {
		t.Run(sc.in, func(t *testing.T) {
			if got := ParsePath(sc.in); got != sc.want {
				t.Fatalf("ParsePath(%q) = %+v, want %+v", sc.in, got, sc.want)
			}
		})
	}
	if n := (PathSpec{Path: "/d", Type: PathTypeLayout}).Name(); n != "/d (layout)" {
		t.Fatalf("Name = %q", n)
	}
}

func TestValidateNamesAnInvalidTypedPathAsTyped(t *testing.T) {
	v := Validate(nil, Paths("no-slash (layout)", "/ok (layout)"))
	if len(v.Invalid) != 1 || v.Invalid[0].Item != "no-slash (layout)" {
		t.Fatalf("invalid: %+v", v.Invalid)
	}
	if len(v.Paths) != 1 || v.Paths[0] != (PathSpec{Path: "/ok", Type: PathTypeLayout}) {
		t.Fatalf("paths: %+v", v.Paths)
	}
}
