package main

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"go.yaml.in/yaml/v3"
)

const integrations = "../../integrations"

// Every siyanactl command line the integrations ship (the Kubernetes containers' args, the systemd
// ExecStart, the GitHub Actions steps) parses: run by the real binary with no credentials, each ends with
// exit 3 (nothing configured), never 2 (a flag or argument siyanactl does not know). The files themselves
// are valid: YAML parses, systemd-analyze verifies the unit, promtool checks the rules (actionlint checks the
// workflow in scripts/test.sh).
func TestIntegrationsCommandLinesParse(t *testing.T) {
	env := baseEnv(t, t.TempDir())
	empty := filepath.Join(t.TempDir(), "site.env")
	if err := os.WriteFile(empty, nil, 0o600); err != nil {
		t.Fatal(err)
	}
	lines := map[string][]string{}

	// Kubernetes: every container of every document.
	f, err := os.Open(filepath.Join(integrations, "kubernetes", "siyanactl.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	dec := yaml.NewDecoder(f)
	kinds := map[string]bool{}
	for {
		var doc map[string]any
		if err := dec.Decode(&doc); errors.Is(err, io.EOF) {
			break
		} else if err != nil {
			t.Fatalf("kubernetes yaml: %v", err)
		}
		kind, _ := doc["kind"].(string)
		kinds[kind] = true
		for i, args := range containerArgs(doc) {
			lines[fmt.Sprintf("kubernetes %s container %d", kind, i)] = args
		}
	}
	for _, k := range []string{"Deployment", "CronJob", "Secret", "NetworkPolicy"} {
		if !kinds[k] {
			t.Errorf("kubernetes: no %s", k)
		}
	}

	// systemd: the ExecStart, with the credential file an empty env file.
	unit, err := os.ReadFile(filepath.Join(integrations, "systemd", "siyanactl-watch.service"))
	if err != nil {
		t.Fatal(err)
	}
	sc := bufio.NewScanner(bytes.NewReader(unit))
	for sc.Scan() {
		if rest, ok := strings.CutPrefix(sc.Text(), "ExecStart="); ok && rest != "" {
			fields := strings.Fields(strings.ReplaceAll(rest, "${CREDENTIALS_DIRECTORY}/site.env", empty))
			lines["systemd ExecStart"] = fields[1:]
		}
	}
	if sa, err := exec.LookPath("systemd-analyze"); err == nil {
		copyUnit := filepath.Join(t.TempDir(), "siyanactl-watch.service")
		if err := os.WriteFile(copyUnit, bytes.ReplaceAll(unit, []byte("/usr/local/bin/siyanactl"), []byte(ctlBin)), 0o600); err != nil {
			t.Fatal(err)
		}
		if out, err := exec.Command(sa, "verify", copyUnit).CombinedOutput(); err != nil {
			t.Errorf("systemd-analyze verify: %v\n%s", err, out)
		}
	}

	// GitHub Actions: each run line that calls siyanactl (without its redirection).
	wf, err := os.ReadFile(filepath.Join(integrations, "github-actions", "revalidate-after-deploy.yml"))
	if err != nil {
		t.Fatal(err)
	}
	var workflow struct {
		Jobs map[string]struct {
			Steps []struct {
				Name string `yaml:"name"`
				Run  string `yaml:"run"`
			} `yaml:"steps"`
		} `yaml:"jobs"`
	}
	if err := yaml.Unmarshal(wf, &workflow); err != nil {
		t.Fatalf("workflow yaml: %v", err)
	}
	for _, job := range workflow.Jobs {
		for _, st := range job.Steps {
			for _, l := range strings.Split(st.Run, "\n") {
				if rest, ok := strings.CutPrefix(strings.TrimSpace(l), "siyanactl "); ok {
					rest, _, _ = strings.Cut(rest, ">")
					lines["workflow: "+st.Name] = strings.Fields(rest)
				}
			}
		}
	}
	if len(lines) < 4 {
		t.Fatalf("found %d command lines in the integrations: %v", len(lines), lines)
	}
	for where, args := range lines {
		for i, a := range args { // a loopback port for a listen address meant for a pod (nothing listens: exit 3 first)
			if a == "0.0.0.0:9464" {
				args[i] = "127.0.0.1:9464"
			}
		}
		r := ctl(t, env, args...)
		if r.code != ExitConfig {
			t.Errorf("%s: siyanactl %v: exit %d, want 3 (parsed, nothing configured)\n%s%s", where, args, r.code, r.stdout, r.stderr)
		}
	}

	if promtool, err := exec.LookPath("promtool"); err == nil {
		if out, err := exec.Command(promtool, "check", "rules", rulesFile).CombinedOutput(); err != nil {
			t.Errorf("promtool check rules: %v\n%s", err, out)
		}
	}
}

// containerArgs returns the args of every container in a Deployment or CronJob document.
func containerArgs(doc map[string]any) [][]string {
	get := func(m any, keys ...string) any {
		for _, k := range keys {
			mm, ok := m.(map[string]any)
			if !ok {
				return nil
			}
			m = mm[k]
		}
		return m
	}
	var pod any
	switch doc["kind"] {
	case "Deployment":
		pod = get(doc, "spec", "template", "spec")
	case "CronJob":
		pod = get(doc, "spec", "jobTemplate", "spec", "template", "spec")
	default:
		return nil
	}
	var out [][]string
	cs, _ := get(pod, "containers").([]any)
	for _, c := range cs {
		var args []string
		list, _ := get(c, "args").([]any)
		for _, a := range list {
			args = append(args, a.(string))
		}
		out = append(out, args)
	}
	return out
}
