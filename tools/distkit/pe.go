package main

import (
	"encoding/binary"
	"fmt"
	"os"

	"github.com/tc-hib/winres"
	"github.com/tc-hib/winres/version"
)

// PEInfo is what Windows shows of a file in Properties → Details, read from its resources.
type PEInfo struct {
	File           string            `json:"file"`
	FileVersion    string            `json:"fileVersion"`    // fixed part, four numbers
	ProductVersion string            `json:"productVersion"` // fixed part, four numbers
	Strings        map[string]string `json:"strings"`        // the string table (ProductName, FileVersion, ...)
	IconImages     int               `json:"iconImages"`     // images in the first icon group
	IconSizes      []int             `json:"iconSizes"`
}

// CheckPE reads path's PE resources and checks that both fixed versions equal want (X.Y.Z.W), that the
// ProductName string is product and that an icon group with at least one image is there.
func CheckPE(path, want, product string) (*PEInfo, error) {
	wantParts, ok := numericParts(want)
	if !ok {
		return nil, fmt.Errorf("expected version %q is not four 16-bit numbers", want)
	}
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	rs, err := winres.LoadFromEXE(f)
	if err != nil {
		return nil, fmt.Errorf("%s: reading PE resources: %w", path, err)
	}
	info := &PEInfo{File: path, Strings: map[string]string{}}
	raw := rs.Get(winres.RT_VERSION, winres.ID(1), version.LangDefault)
	if raw == nil {
		rs.WalkType(winres.RT_VERSION, func(_ winres.Identifier, _ uint16, data []byte) bool {
			raw = data
			return false
		})
	}
	if raw == nil {
		return info, fmt.Errorf("%s: no version resource", path)
	}
	vi, err := version.FromBytes(raw)
	if err != nil {
		return info, fmt.Errorf("%s: version resource: %w", path, err)
	}
	info.FileVersion = joinVersion(vi.FileVersion)
	info.ProductVersion = joinVersion(vi.ProductVersion)
	for _, table := range vi.Table() {
		for k, v := range *table {
			info.Strings[k] = v
		}
	}
	rs.WalkType(winres.RT_GROUP_ICON, func(_ winres.Identifier, _ uint16, data []byte) bool {
		info.IconSizes = iconGroup(rs, data)
		info.IconImages = len(info.IconSizes)
		return false
	})

	var problems []string
	if vi.FileVersion != wantParts {
		problems = append(problems, fmt.Sprintf("file version %s, want %s", info.FileVersion, want))
	}
	if vi.ProductVersion != wantParts {
		problems = append(problems, fmt.Sprintf("product version %s, want %s", info.ProductVersion, want))
	}
	if got := info.Strings[version.ProductName]; got != product {
		problems = append(problems, fmt.Sprintf("product name %q, want %q", got, product))
	}
	if info.IconImages == 0 {
		problems = append(problems, "no icon")
	}
	if len(problems) > 0 {
		return info, fmt.Errorf("%s: %v", path, problems)
	}
	return info, nil
}

func joinVersion(v [4]uint16) string { return fmt.Sprintf("%d.%d.%d.%d", v[0], v[1], v[2], v[3]) }

// iconGroup returns the sizes of the images an RT_GROUP_ICON lists whose RT_ICON data is present
// (a group entry is 14 bytes after a 6-byte header; width 0 means 256).
func iconGroup(rs *winres.ResourceSet, data []byte) []int {
	if len(data) < 6 {
		return nil
	}
	n := int(binary.LittleEndian.Uint16(data[4:6]))
	var sizes []int
	for i := 0; i < n && 6+14*(i+1) <= len(data); i++ {
		e := data[6+14*i : 6+14*(i+1)]
		id := binary.LittleEndian.Uint16(e[12:14])
		found := false
		rs.WalkType(winres.RT_ICON, func(rid winres.Identifier, _ uint16, img []byte) bool {
			if rid == winres.ID(id) && len(img) > 0 {
				found = true
				return false
			}
			return true
		})
		if !found {
			continue
		}
		w := int(e[0])
		if w == 0 {
			w = 256
		}
		sizes = append(sizes, w)
	}
	return sizes
}
