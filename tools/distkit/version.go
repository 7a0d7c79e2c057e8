package main

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
)

// Fallback is the release a build belongs to before the repository has any version tag: `git describe`
// then gives only a commit hash, and Windows (PE and NSIS) needs four numbers.
const Fallback = "0.1.0"

// Versions is one build's version in every form a package format wants.
type Versions struct {
	Describe string `json:"describe"` // as given: "v1.2.3-4-gabc1234-dirty", "b882130"
	Numeric  string `json:"numeric"`  // Windows PE/NSIS: four 16-bit numbers, X.Y.Z.N (N = commits after the tag)
	Deb      string `json:"deb"`      // Debian: sorts after the tag when commits follow it, before it for a pre-release
	Semver   string `json:"semver"`   // X.Y.Z[-pre]: the release this build is (or precedes)
	Tagged   bool   `json:"tagged"`   // describe started from a version tag
}

var (
	describeRE = regexp.MustCompile(`^v?(\d+)\.(\d+)\.(\d+)(?:-([0-9A-Za-z.]+?))??(?:-(\d+)-g([0-9a-f]{4,40}))?(-dirty)?$`)
	hashRE     = regexp.MustCompile(`^([0-9a-f]{4,40})(-dirty)?$`)
)

// Derive turns `git describe --tags --always --dirty` into the package versions. commits is
// `git rev-list --count HEAD`, used as the fourth number when there is no tag yet.
func Derive(describe string, commits int) (Versions, error) {
	v := Versions{Describe: describe}
	if commits < 0 || commits > 65535 {
		return v, fmt.Errorf("commit count %d does not fit a Windows version field", commits)
	}
	if m := describeRE.FindStringSubmatch(describe); m != nil {
		nums := [3]int{}
		for i := range nums {
			n, err := strconv.Atoi(m[i+1])
			if err != nil || n > 65535 {
				return v, fmt.Errorf("%q: version field %q does not fit a Windows version field", describe, m[i+1])
			}
			nums[i] = n
		}
		after := 0
		if m[5] != "" {
			after, _ = strconv.Atoi(m[5])
			if after > 65535 {
				return v, fmt.Errorf("%q: %d commits after the tag do not fit a Windows version field", describe, after)
			}
		}
		base := fmt.Sprintf("%d.%d.%d", nums[0], nums[1], nums[2])
		v.Tagged = true
		v.Semver = base
		v.Deb = base
		if m[4] != "" {
			v.Semver += "-" + m[4]
			v.Deb += "~" + m[4]
		}
		if m[5] != "" {
			v.Deb += fmt.Sprintf("+git%d.%s", after, m[6])
		}
		if m[7] != "" {
			v.Deb += dirtySuffix(m[5] != "")
		}
		v.Numeric = fmt.Sprintf("%s.%d", base, after)
		return v, nil
	}
	if m := hashRE.FindStringSubmatch(describe); m != nil {
		v.Semver = Fallback + "-dev"
		v.Numeric = fmt.Sprintf("%s.%d", Fallback, commits)
		v.Deb = fmt.Sprintf("%s~git%d.%s", Fallback, commits, m[1])
		if m[2] != "" {
			v.Deb += ".dirty"
		}
		return v, nil
	}
	return v, fmt.Errorf("%q is neither a version tag (v1.2.3, v1.2.3-rc.1, with -N-gHASH) nor a commit hash", describe)
}

func dirtySuffix(hasGit bool) string {
	if hasGit {
		return ".dirty"
	}
	return "+dirty"
}

// numericParts splits X.Y.Z.W; ok is false unless there are exactly four 16-bit numbers.
func numericParts(s string) (parts [4]uint16, ok bool) {
	fields := strings.Split(s, ".")
	if len(fields) != 4 {
		return parts, false
	}
	for i, f := range fields {
		n, err := strconv.ParseUint(f, 10, 16)
		if err != nil {
			return parts, false
		}
		parts[i] = uint16(n)
	}
	return parts, true
}
