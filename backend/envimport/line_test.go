package envimport

import (
	"bytes"
	"errors"
	"strconv"
	"strings"
	"testing"
)

// A malformed file names the line at fault, and only its number: the line itself may hold a secret.
func TestMalformedNamesTheLine(t *testing.T) {
	scenarios := []struct {
		name, content string
		line          int
	}{
		{"unterminated quote", "PUSHER_KEY=a\nDATABASE_URL=\"mongodb://CANARY-x\nPUSHER_CLUSTER=eu\n", 2},
		{"a later quote does not move the blame", "PUSHER_KEY=a\nPUSHER_SECRET='CANARY\n\nPUSHER_CLUSTER='eu'\n", 2},
		{"bad name", "PUSHER_KEY=a\n# c\n\nDATA-BASE=CANARY-x\n", 4},
		{"bad name after a valid multi-line value", "A=\"one\ntwo\"\nPUSHER_KEY=a\nB@D=CANARY\n", 4},
		{"crlf", "PUSHER_KEY=a\r\nX!Y=CANARY\r\n", 2},
		{"nul", "PUSHER_KEY=a\nPUSHER_SECRET=CANARY\x00\n", 2},
		{"invalid utf-8", "PUSHER_KEY=a\n\nPUSHER_SECRET=\xffCANARY\n", 3},
		{"first line", "💥=CANARY\n", 1},
	}
	for _, sc := range scenarios {
		t.Run(sc.name, func(t *testing.T) {
			_, err := Parse([]byte(sc.content))
			var e *Error
			if !errors.As(err, &e) || !errors.Is(err, ErrMalformed) {
				t.Fatalf("want ENV_MALFORMED, got %v", err)
			}
			if e.Line != sc.line || e.Params()["line"] != itoa(sc.line) {
				t.Fatalf("line %d (%v), want %d", e.Line, e.Params(), sc.line)
			}
			if strings.Contains(e.Error()+e.Message(), "CANARY") {
				t.Fatalf("the error quotes the file: %v", e)
			}
		})
	}
	if p := ErrTooBig.Params(); p["limit"] != "256 KB" {
		t.Fatalf("%v", p)
	}
}

func itoa(n int) string { return strconv.Itoa(n) }

// FuzzParseLine: Parse never panics; a refusal is one of the codes and quotes nothing of the file; a malformed
// file's line is within the file and the lines before it parse.
func FuzzParseLine(f *testing.F) {
	for _, s := range []string{"PUSHER_KEY=a\n", "A=\"x\nB=1\n", "X-Y=1", "export A='b'\n", "#c\nA=1 # c\n", "A=\"\\\"\n", "\xef\xbb\xbfA=1"} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		if len(b) > 4096 {
			return
		}
		_, err := Parse(b)
		if err == nil {
			return
		}
		var e *Error
		if !errors.As(err, &e) {
			t.Fatalf("not an *Error: %v", err)
		}
		if len(b) >= 8 && strings.Contains(e.Error(), string(b)) {
			t.Fatal("the error quotes the file")
		}
		if e.Code() == CodeMalformed && e.Line > 0 {
			lines := bytes.SplitAfter(b, []byte("\n"))
			if e.Line > len(lines) {
				t.Fatalf("line %d of a %d-line file", e.Line, len(lines))
			}
		}
	})
}
