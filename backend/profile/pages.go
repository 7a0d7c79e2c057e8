package profile

import (
	"slices"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Page is one storefront page the pages card fetches like a visitor: a path on the site and, optionally, a
// text the page must contain (a product name, the footer's company name) to count as up.
type Page struct {
	Path        string `json:"path"`
	MustContain string `json:"mustContain"`
}

// Limits of the storefront pages list: the card fetches every page on each run, so the list stays short.
const (
	MaxPages            = 20
	MaxMustContainRunes = 200
)

// PageList is the pages the storefront check fetches: the profile's own list, or (when it is empty) the
// revalidation default paths, each as its page (a typed path "/x (layout)" is the page /x), capped.
func (p Profile) PageList() []Page {
	if len(p.Pages) > 0 {
		return slices.Clone(p.Pages)
	}
	out := []Page{}
	for _, raw := range p.Revalidation.Paths {
		path, _ := SplitPathType(raw)
		path = strings.TrimSpace(path)
		if len(out) == MaxPages {
			break
		}
		if validPagePath(path) == nil && !slices.ContainsFunc(out, func(q Page) bool { return q.Path == path }) {
			out = append(out, Page{Path: path})
		}
	}
	return out
}

// validPagePath is the revalidation path rule without the typed suffix: a page is fetched, not revalidated.
func validPagePath(path string) *FieldError {
	if strings.IndexFunc(path, unicode.IsSpace) >= 0 {
		e := fe("spaces")
		return &e
	}
	return validPath(path)
}

// validatePages trims each page, drops empty paths and repeats (the first one wins), and checks each path
// with the site's path rule and each text with the stored-text rule. nil becomes [] (use the defaults).
func validatePages(pages *[]Page, bad func(string, FieldError)) {
	out := make([]Page, 0, len(*pages))
	for i, pg := range *pages {
		pg.Path, pg.MustContain = strings.TrimSpace(pg.Path), strings.TrimSpace(pg.MustContain)
		if pg.Path == "" {
			if pg.MustContain != "" {
				bad("pages", inList(fe("required"), i+1))
			}
			continue
		}
		if e := validPagePath(pg.Path); e != nil {
			bad("pages", inList(*e, i+1))
			continue
		}
		if e := textProblem(pg.MustContain); e != nil {
			bad("pages", inList(*e, i+1))
			continue
		}
		if utf8.RuneCountInString(pg.MustContain) > MaxMustContainRunes {
			bad("pages", inList(fe("tooLong", "max", strconv.Itoa(MaxMustContainRunes)), i+1))
			continue
		}
		if !slices.ContainsFunc(out, func(q Page) bool { return q.Path == pg.Path }) {
			out = append(out, pg)
		}
	}
	if len(out) > MaxPages {
		bad("pages", fe("tooManyItems", "max", strconv.Itoa(MaxPages)))
	}
	*pages = out
}
