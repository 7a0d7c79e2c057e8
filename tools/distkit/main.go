// Command distkit holds the small build steps of `make dist` that are better in Go than in shell: the
// package versions derived from `git describe`, the hicolor icons resized from build/appicon.png, the
// portable zip, and the check of a Windows file's PE resources (version, product name, icon).
//
// It is its own module (like the pinned tools beside it) so the app's go.mod stays lean.
package main

import (
	"encoding/json"
	"fmt"
	"os"
	"strconv"
)

const usage = `usage:
  distkit version DESCRIBE COMMITS     print the versions for a git describe string (NAME=value lines)
  distkit icons SRC.png OUTDIR         write OUTDIR/NxN/siyana.png for every hicolor size
  distkit zip OUT.zip FILE...          zip FILEs (stored by base name)
  distkit pe FILE VERSION PRODUCT      check FILE's PE version resource, product name and icon`

func main() {
	if err := run(os.Args[1:]); err != nil {
		fmt.Fprintln(os.Stderr, "distkit:", err)
		os.Exit(1)
	}
}

func run(args []string) error {
	if len(args) == 0 {
		return fmt.Errorf("%s", usage)
	}
	switch cmd, rest := args[0], args[1:]; {
	case cmd == "version" && len(rest) == 2:
		n, err := strconv.Atoi(rest[1])
		if err != nil {
			return fmt.Errorf("COMMITS must be a number: %q", rest[1])
		}
		v, err := Derive(rest[0], n)
		if err != nil {
			return err
		}
		fmt.Printf("NUMERIC=%s\nDEB=%s\nSEMVER=%s\nTAGGED=%t\n", v.Numeric, v.Deb, v.Semver, v.Tagged)
		return nil
	case cmd == "icons" && len(rest) == 2:
		return WriteIcons(rest[0], rest[1])
	case cmd == "zip" && len(rest) >= 2:
		return Zip(rest[0], rest[1:])
	case cmd == "pe" && len(rest) == 3:
		info, err := CheckPE(rest[0], rest[1], rest[2])
		if info != nil {
			_ = json.NewEncoder(os.Stdout).Encode(info)
		}
		return err
	}
	return fmt.Errorf("%s", usage)
}
