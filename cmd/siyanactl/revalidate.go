package main

import (
	"bufio"
	"context"
	"fmt"
	"os"
	"strings"

	"github.com/spf13/cobra"

	"siyana/backend/atomicfile"
	"siyana/backend/i18n"
	"siyana/backend/platform"
	"siyana/backend/profile"
	"siyana/backend/revalidate"
)

// The commands that act: revalidate (production asks) and diagnostics (writes a file).

func revalidateCmd(g *globals) *cobra.Command {
	var tags, paths []string
	var full, dry, yes bool
	cmd := &cobra.Command{
		Use:   "revalidate (--tags a,b | --paths /x,/y | --full) [--dry-run] [--yes]",
		Short: "revalidate the site's caches (production: asks on a terminal, needs --yes otherwise)",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			n := 0
			for _, set := range []bool{len(tags) > 0, len(paths) > 0, full} {
				if set {
					n++
				}
			}
			if n != 1 {
				return fmt.Errorf("choose exactly one of --tags, --paths, --full")
			}
			if v := revalidate.Validate(tags, revalidate.Paths(paths...)); len(v.Invalid) > 0 {
				return fmt.Errorf("invalid input: %d item(s) refused (first: %s %s)", len(v.Invalid), v.Invalid[0].Item, v.Invalid[0].Code)
			}
			s, p, err := beginOn(cmd, g, "revalidate")
			defer s.close()
			if err != nil {
				return err
			}
			if !g.json {
				s.e.deps.Reval = revalidate.New(revalidate.Config{Runtime: progressLines{s.p}, LogDir: s.e.configDir, Redact: s.e.reg})
			}
			ctx := cmd.Context()
			confirmed := false
			if p.Kind == profile.KindProduction && !dry {
				if confirmed = yes; !confirmed {
					if !isTerminal(os.Stdin) || g.json {
						s.p.warn("%s", s.p.t("ctl.revalidate.needYes", i18n.Params{"name": p.Name}))
						return &exitError{ExitUsage}
					}
					fmt.Fprint(s.p.err, s.p.reg.Scrub(s.p.t("ctl.revalidate.confirm", i18n.Params{"name": p.Name}))+" ")
					answer, _ := bufio.NewReader(os.Stdin).ReadString('\n')
					if a := strings.ToLower(strings.TrimSpace(answer)); a != "y" && a != "yes" && a != strings.ToLower(s.p.t("ctl.revalidate.yes", nil)) {
						return &exitError{ExitUsage}
					}
					confirmed = true
				}
			}
			d := s.e.deps
			res, _ := d.Revalidate(ctx, p.ID, confirmed, func(req revalidate.Request) revalidate.Result {
				switch {
				case dry:
					return d.Reval.TestConnection(ctx, req)
				case full:
					return d.Reval.FullRefresh(ctx, req)
				case len(tags) > 0:
					req.Tags = tags
					return d.Reval.RevalidateTags(ctx, req)
				}
				req.Paths = revalidate.Paths(paths...)
				return d.Reval.RevalidatePaths(ctx, req)
			})
			s.env.Results = []Item{itemOf(s.p.lang, "revalidate", scrubAny(s.e, res), nil)}
			return s.finish()
		},
	}
	f := cmd.Flags()
	f.StringSliceVar(&tags, "tags", nil, "cache tags to revalidate, comma separated")
	f.StringSliceVar(&paths, "paths", nil, "page paths to revalidate, comma separated (/x or /x:layout)")
	f.BoolVar(&full, "full", false, "the profile's default tags then paths (the site's refreshAllCaches)")
	f.BoolVar(&dry, "dry-run", false, "check the URL, the secret and the route; change nothing")
	f.BoolVar(&yes, "yes", false, "confirm a production run without asking")
	return cmd
}

// progressLines prints the revalidation's progress events as plain lines on stderr.
type progressLines struct{ p *printer }

func (l progressLines) Emit(event string, data any) {
	if pr, ok := data.(revalidate.Progress); ok && event == revalidate.ProgressEvent {
		l.p.warn("%s", l.p.t("ctl.revalidate.progress", i18n.Params{"step": fmt.Sprint(pr.Step), "steps": fmt.Sprint(pr.Steps), "phase": pr.Phase}))
	}
}
func (progressLines) OpenFile(context.Context, string, []platform.FileFilter) (string, error) {
	return "", nil
}
func (progressLines) SaveFile(context.Context, string, string, []platform.FileFilter) (string, error) {
	return "", nil
}
func (progressLines) SetClipboard(context.Context, string) error { return nil }

func diagnosticsCmd(g *globals) *cobra.Command {
	var out string
	cmd := &cobra.Command{
		Use:   "diagnostics -o diagnostics.json",
		Short: "write the support bundle (scrubbed; nothing is written when the keychain cannot be read)",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if out == "" {
				return fmt.Errorf("-o: a file name is required")
			}
			s, p, err := beginOn(cmd, g, "diagnostics")
			defer s.close()
			if err != nil {
				return err
			}
			ctx := cmd.Context()
			b := s.e.deps.Diagnostics(ctx, p.ID, s.e.recorded(), "")
			it := Item{Check: "diagnostics", OK: b.OK, Code: b.Code, Params: b.Params}
			if it.Params == nil {
				it.Params = map[string]string{}
			}
			if b.OK {
				if err := atomicfile.WriteFile(out, b.Body); err != nil {
					it.OK, it.Code, it.Params = false, "WRITE_FAILED", map[string]string{}
				} else {
					s.env.Output = &Written{Path: out, Redactions: len(b.Redactions)}
					it.Params = map[string]string{"reason": "saved"}
				}
			}
			it.Text = i18n.T(s.p.lang, i18n.MessageKey(s.p.lang, "diagnostics", it.Code, it.Params), it.Params)
			s.env.Results = []Item{it}
			return s.finish()
		},
	}
	cmd.Flags().StringVarP(&out, "output", "o", "diagnostics.json", "the file to write (owner-only)")
	return cmd
}
