package testpeer

import (
	"os"
	"os/exec"
	"testing"
	"time"

	"github.com/godbus/dbus/v5"
)

// Arabic with the isolates and marks the catalogs use, and characters a notification server could mangle.
const (
	dunstSummary = "قاعدة البيانات لا تستجيب \u2068الإنتاج\u2069"
	dunstBody    = "تعذّر الاتصال منذ \u20683 دقائق\u2069 — \u2066mongodb.example:27017\u2069 & <b>٪</b>"
)

func TestDunstReadsBackWhatWasSent(t *testing.T) {
	d := DunstT(t)
	if n, err := d.Displayed(); err != nil || n != 0 {
		t.Fatalf("a fresh dunst shows %d (%v)", n, err)
	}
	send := exec.Command("notify-send", "-a", "siyana-test", dunstSummary, dunstBody)
	send.Env = d.environ()
	if out, err := send.CombinedOutput(); err != nil {
		t.Fatalf("notify-send: %v %s", err, out)
	}
	waitDisplayed(t, d, 1)
	if h, err := d.History(); err != nil || len(h) != 0 {
		t.Fatalf("history before close-all: %+v %v (a displayed notification is not in it yet)", h, err)
	}
	if err := d.CloseAll(); err != nil {
		t.Fatal(err)
	}
	h, err := d.History()
	if err != nil {
		t.Fatal(err)
	}
	if len(h) != 1 || h[0].AppName != "siyana-test" || h[0].Summary != dunstSummary || h[0].ID == 0 {
		t.Fatalf("history %+v", h)
	}
	// dunst keeps the body as sent; markup it would render stays in the text it stores.
	if h[0].Body != dunstBody {
		t.Fatalf("body %q, want %q", h[0].Body, dunstBody)
	}
}

// The same notification sent twice is two notifications in the history (dunst does not stack them here),
// so a test can see an app notify more than once.
func TestDunstKeepsDuplicatesApart(t *testing.T) {
	d := DunstT(t)
	for range 2 {
		send := exec.Command("notify-send", "-a", "siyana-test", dunstSummary, dunstBody)
		send.Env = d.environ()
		if out, err := send.CombinedOutput(); err != nil {
			t.Fatalf("notify-send: %v %s", err, out)
		}
	}
	waitDisplayed(t, d, 2)
	if err := d.CloseAll(); err != nil {
		t.Fatal(err)
	}
	if h, err := d.History(); err != nil || len(h) != 2 || h[0].Summary != h[1].Summary || h[0].ID == h[1].ID {
		t.Fatalf("history of two identical notifications: %+v %v", h, err)
	}
}

// Click is what a click on the notification does: the sender hears ActionInvoked with "default".
func TestDunstClickInvokesTheDefaultAction(t *testing.T) {
	d := DunstT(t)
	conn, err := d.Connect()
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	if err := conn.AddMatchSignal(dbus.WithMatchInterface(NotificationsName), dbus.WithMatchMember("ActionInvoked")); err != nil {
		t.Fatal(err)
	}
	signals := make(chan *dbus.Signal, 4)
	conn.Signal(signals)
	var id uint32
	call := conn.Object(NotificationsName, "/org/freedesktop/Notifications").Call(NotificationsName+".Notify", 0,
		"siyana-test", uint32(0), "", dunstSummary, dunstBody, []string{"default", "Default"}, map[string]dbus.Variant{}, int32(-1))
	if err := call.Store(&id); err != nil {
		t.Fatal(err)
	}
	waitDisplayed(t, d, 1)
	if err := d.Click(0); err != nil {
		t.Fatal(err)
	}
	select {
	case s := <-signals:
		if len(s.Body) != 2 || s.Body[0] != id || s.Body[1] != "default" {
			t.Fatalf("signal %v, want ActionInvoked(%d, default)", s.Body, id)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("no ActionInvoked after the click")
	}
}

// Two at once (parallel packages) each have their own bus: what one is sent, the other never sees; and
// the test's own session bus is not touched.
func TestDunstsDoNotShareABus(t *testing.T) {
	a, b := DunstT(t), DunstT(t)
	if a.Address == b.Address || a.Address == os.Getenv("DBUS_SESSION_BUS_ADDRESS") {
		t.Fatalf("buses %s, %s", a.Address, b.Address)
	}
	send := exec.Command("notify-send", "only-a", "x")
	send.Env = a.environ()
	if out, err := send.CombinedOutput(); err != nil {
		t.Fatalf("notify-send: %v %s", err, out)
	}
	waitDisplayed(t, a, 1)
	if n, err := b.Displayed(); err != nil || n != 0 {
		t.Fatalf("the other dunst displays %d (%v)", n, err)
	}
	b.Stop()
	if a.Proc.Exited() || a.Bus.Exited() {
		t.Fatal("stopping one dunst stopped the other")
	}
}

func TestParseDunstHistoryRefusesOtherShapes(t *testing.T) {
	for _, in := range []string{"", "null", `{"type":"as","data":[["x"]]}`, `{"type":"aa{sv}","data":[]}`, "Dunst is not running."} {
		if h, err := parseDunstHistory([]byte(in)); err == nil {
			t.Errorf("%q parsed to %+v", in, h)
		}
	}
	h, err := parseDunstHistory([]byte(`{"type":"aa{sv}","data":[[{"summary":{"type":"s","data":"ع"},"body":{"type":"i","data":3},"id":{"type":"i","data":7}}]]}`))
	if err != nil || len(h) != 1 || h[0].Summary != "ع" || h[0].Body != "" || h[0].ID != 7 {
		t.Fatalf("%+v %v", h, err)
	}
}

func waitDisplayed(t *testing.T, d *Dunst, want int) {
	t.Helper()
	deadline := time.Now().Add(5 * time.Second)
	for {
		n, err := d.Displayed()
		if err == nil && n == want {
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("dunst displays %d (%v), want %d", n, err, want)
		}
		time.Sleep(50 * time.Millisecond)
	}
}
