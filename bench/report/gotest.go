package main

import (
	"bufio"
	"encoding/json"
	"io"
	"regexp"
	"strconv"
	"strings"
)

// Bench is one benchmark result line: every value the benchmark reported, by unit (ns/op, and each
// b.ReportMetric unit). Reading every unit generically is what lets a benchmark that lands later (check-all)
// appear in the report without touching this program.
type Bench struct {
	Package string
	Name    string // without the -GOMAXPROCS suffix, sub-benchmarks as Parent/sub
	N       int
	Metrics map[string]float64
	Units   []string // in the order printed
}

// Outcome of a benchmark that produced no result line.
type Outcome struct {
	Package, Name, Action, Output string
}

type testEvent struct {
	Action  string
	Package string
	Test    string
	Output  string
}

var resultLine = regexp.MustCompile(`^(Benchmark\S+?)(?:-\d+)?\s+(\d+)\s+(.+)$`)

// parseGoTestJSON reads `go test -json -bench` output. test2json splits a result over several output events
// (the name, then the figures), so each package's output is joined back before lines are matched.
func parseGoTestJSON(r io.Reader) ([]Bench, []Outcome, error) {
	out := map[string]*strings.Builder{}
	var pkgs []string
	testOut := map[string]*strings.Builder{}
	var ended []Outcome
	dec := json.NewDecoder(r)
	for {
		var e testEvent
		if err := dec.Decode(&e); err == io.EOF {
			break
		} else if err != nil {
			return nil, nil, err
		}
		key := e.Package + "\x00" + e.Test
		switch e.Action {
		case "output":
			if out[e.Package] == nil {
				out[e.Package] = &strings.Builder{}
				pkgs = append(pkgs, e.Package)
			}
			out[e.Package].WriteString(e.Output)
			if e.Test != "" {
				if testOut[key] == nil {
					testOut[key] = &strings.Builder{}
				}
				testOut[key].WriteString(e.Output)
			}
		case "fail", "skip":
			name := e.Test
			if name == "" {
				name = "(package)"
			}
			o := ""
			if b := testOut[key]; b != nil {
				o = b.String()
			} else if b := out[e.Package]; b != nil && e.Test == "" && e.Action == "fail" {
				o = b.String()
			}
			ended = append(ended, Outcome{Package: e.Package, Name: name, Action: e.Action, Output: o})
		}
	}
	var benches []Bench
	for _, pkg := range pkgs {
		s := bufio.NewScanner(strings.NewReader(out[pkg].String()))
		s.Buffer(make([]byte, 1<<20), 1<<20)
		for s.Scan() {
			m := resultLine.FindStringSubmatch(strings.TrimSpace(s.Text()))
			if m == nil {
				continue
			}
			n, _ := strconv.Atoi(m[2])
			b := Bench{Package: pkg, Name: m[1], N: n, Metrics: map[string]float64{}}
			f := strings.Fields(m[3])
			for i := 0; i+1 < len(f); i += 2 {
				v, err := strconv.ParseFloat(f[i], 64)
				if err != nil {
					break
				}
				b.Metrics[f[i+1]] = v
				b.Units = append(b.Units, f[i+1])
			}
			benches = append(benches, b)
		}
	}
	return benches, ended, nil
}
