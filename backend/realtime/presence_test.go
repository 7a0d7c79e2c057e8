package realtime

import (
	"reflect"
	"strings"
	"testing"

	"siyana/backend/i18n"
	"siyana/backend/profile"
	"siyana/backend/sitevars"
)

func TestPresence(t *testing.T) {
	full := profile.Pusher{AppID: "1", Key: "k", Cluster: "eu", PublicKey: "k", PublicCluster: "eu"}
	with := func(f func(p *profile.Pusher)) profile.Pusher { p := full; f(&p); return p }
	scenarios := []struct {
		name        string
		p           profile.Pusher
		secret      bool
		code        string
		missing     []string
		problems    []string
		canValidate bool
		canLive     bool
	}{
		{"complete", full, true, CodeOK, []string{}, nil, true, true},
		{"nothing set", profile.Pusher{}, false, CodeMissingConfig,
			[]string{sitevars.PusherAppID, sitevars.PusherKey, sitevars.PusherSecret, sitevars.PusherCluster, sitevars.PusherPublicKey, sitevars.PusherPublicCluster}, nil, false, false},
		{"secret not saved", full, false, CodeMissingConfig, []string{sitevars.PusherSecret}, nil, false, false},
		{"public settings missing", with(func(p *profile.Pusher) { p.PublicKey, p.PublicCluster = "", "" }), true,
			CodeMissingConfig, []string{sitevars.PusherPublicKey, sitevars.PusherPublicCluster}, nil, true, false},
		{"custom host needs no cluster", with(func(p *profile.Pusher) { p.Cluster, p.PublicCluster, p.Host = "", "", "ws.example.org" }), true,
			CodeOK, []string{}, nil, true, true},
		{"whitespace is missing", with(func(p *profile.Pusher) { p.AppID = "  " }), true, CodeMissingConfig, []string{sitevars.PusherAppID}, nil, false, false},
		{"key mismatch", with(func(p *profile.Pusher) { p.PublicKey = "other" }), true, CodeKeyMismatch, []string{}, []string{CodeKeyMismatch}, true, false},
		{"cluster mismatch", with(func(p *profile.Pusher) { p.PublicCluster = "mt1" }), true, CodeClusterMismatch, []string{}, []string{CodeClusterMismatch}, true, false},
		{"cluster case differs only", with(func(p *profile.Pusher) { p.PublicCluster = "EU" }), true, CodeOK, []string{}, nil, true, true},
		{"cluster ignored with host", with(func(p *profile.Pusher) { p.PublicCluster, p.Host = "mt1", "127.0.0.1:6001" }), true, CodeOK, []string{}, nil, true, true},
		{"both mismatches", with(func(p *profile.Pusher) { p.PublicKey, p.PublicCluster = "other", "ap2" }), true,
			CodeKeyMismatch, []string{}, []string{CodeKeyMismatch, CodeClusterMismatch}, true, false},
		{"missing wins over mismatch", with(func(p *profile.Pusher) { p.AppID, p.PublicKey = "", "other" }), true,
			CodeMissingConfig, []string{sitevars.PusherAppID}, []string{CodeKeyMismatch}, false, false},
	}
	for _, sc := range scenarios {
		t.Run(sc.name, func(t *testing.T) {
			r := Presence(sc.p, sc.secret)
			if r.Code != sc.code || r.OK != (sc.code == CodeOK) {
				t.Fatalf("code = %s ok=%v, want %s", r.Code, r.OK, sc.code)
			}
			if !reflect.DeepEqual(r.Missing, sc.missing) {
				t.Errorf("missing = %v, want %v", r.Missing, sc.missing)
			}
			var got []string
			for _, p := range r.Problems {
				got = append(got, p.Code)
				if p.Message != Message(p.Code, nil) {
					t.Errorf("problem %s has message %q", p.Code, p.Message)
				}
			}
			if !reflect.DeepEqual(got, sc.problems) {
				t.Errorf("problems = %v, want %v", got, sc.problems)
			}
			if r.CanValidate != sc.canValidate || r.CanLiveTest != sc.canLive {
				t.Errorf("canValidate=%v canLiveTest=%v, want %v %v", r.CanValidate, r.CanLiveTest, sc.canValidate, sc.canLive)
			}
			if r.CanLiveTest != (r.Reason == "") {
				t.Errorf("reason %q does not match canLiveTest=%v", r.Reason, r.CanLiveTest)
			}
			// A blocked live test must say why: the missing names, or the first mismatch with its fix.
			if !r.CanLiveTest && len(sc.missing) == 0 && len(sc.problems) > 0 && r.Reason != Message(sc.problems[0], nil) {
				t.Errorf("reason = %q, want the %s message", r.Reason, sc.problems[0])
			}
			for _, name := range sc.missing {
				if !strings.Contains(r.Message, name) {
					t.Errorf("message %q does not name %s", r.Message, name)
				}
			}
			if r.CheckedAt == "" {
				t.Error("checkedAt empty")
			}
		})
	}
}

func TestMessagesAreDistinctInEveryLanguage(t *testing.T) {
	for _, lang := range i18n.Languages {
		seen := map[string]string{}
		for _, k := range i18n.Keys(lang) {
			code, ok := strings.CutPrefix(k, "realtime.msg.")
			if !ok {
				continue
			}
			m := i18n.T(lang, k, nil)
			if prev, dup := seen[m]; dup {
				t.Errorf("%s: %s and %s share a message", lang, code, prev)
			}
			seen[m] = code
			if lang == "ar" && !strings.ContainsAny(m, "ابتثجحخدذرزسشصضطظعغفقكلمنهوي") {
				t.Errorf("%s message is not Arabic: %q", code, m)
			}
		}
		if len(seen) < 20 {
			t.Fatalf("%s: %d realtime messages", lang, len(seen))
		}
	}
	// The three credential failures an admin confuses most must point at different settings.
	for code, must := range map[string]string{CodeInvalidSecret: sitevars.PusherSecret, CodeClusterMismatch: sitevars.PusherPublicCluster, CodeInvalidKeyOrCluster: sitevars.PusherKey} {
		if !strings.Contains(Message(code, nil), must) {
			t.Errorf("%s message does not name %s", code, must)
		}
	}
	if !strings.Contains(Message(CodeForbidden, nil), "403") || !strings.Contains(Message(CodeInvalidSecret, nil), "401") {
		t.Error("403 and 401 messages should name their status")
	}
}
