package realtime

import (
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/gorilla/websocket"
)

// fakePusher speaks just enough Pusher protocol 7 (WebSocket and REST trigger on one loopback server) to
// produce what soketi cannot: Pusher's own close codes and texts, pings, noise and malformed frames.
type fakePusher struct {
	// onConnect runs after the upgrade; the default sends connection_established.
	onConnect func(fp *fakePusher, c *websocket.Conn)
	// onSubscribe runs when the client subscribes; the default confirms.
	onSubscribe func(fp *fakePusher, c *websocket.Conn)
	// onTrigger gets the event the REST API received; the default delivers it.
	onTrigger func(fp *fakePusher, c *websocket.Conn, data string)

	wmu   sync.Mutex
	conn  *websocket.Conn
	pongs atomic.Int32
	srv   *httptest.Server
}

func (fp *fakePusher) write(c *websocket.Conn, v any) {
	fp.wmu.Lock()
	defer fp.wmu.Unlock()
	_ = c.WriteJSON(v)
}

func (fp *fakePusher) writeRaw(c *websocket.Conn, b string) {
	fp.wmu.Lock()
	defer fp.wmu.Unlock()
	_ = c.WriteMessage(websocket.TextMessage, []byte(b))
}

// closeWith sends pusher:error (when msg is set) and then a close frame, as Pusher does.
func (fp *fakePusher) closeWith(c *websocket.Conn, code int, msg string) {
	if msg != "" {
		fp.write(c, map[string]any{"event": "pusher:error", "data": map[string]any{"message": msg, "code": code}})
	}
	fp.wmu.Lock()
	defer fp.wmu.Unlock()
	_ = c.WriteControl(websocket.CloseMessage, websocket.FormatCloseMessage(code, msg), time.Now().Add(time.Second))
}

func established(fp *fakePusher, c *websocket.Conn) {
	fp.write(c, map[string]any{"event": "pusher:connection_established", "data": `{"socket_id":"1.2","activity_timeout":120}`})
}

func deliver(fp *fakePusher, c *websocket.Conn, data string) {
	fp.write(c, map[string]any{"event": HealthEvent, "channel": HealthChannel, "data": data})
}

func startFakePusher(t *testing.T, fp *fakePusher) Config {
	t.Helper()
	up := websocket.Upgrader{}
	mux := http.NewServeMux()
	mux.HandleFunc("/app/", func(w http.ResponseWriter, r *http.Request) {
		c, err := up.Upgrade(w, r, nil)
		if err != nil {
			return
		}
		defer c.Close()
		fp.wmu.Lock()
		fp.conn = c
		fp.wmu.Unlock()
		if fp.onConnect == nil {
			established(fp, c)
		} else {
			fp.onConnect(fp, c)
		}
		for {
			_, b, err := c.ReadMessage()
			if err != nil {
				return
			}
			var m wsMessage
			_ = json.Unmarshal(b, &m)
			switch m.Event {
			case "pusher:pong":
				fp.pongs.Add(1)
			case "pusher:subscribe":
				if fp.onSubscribe != nil {
					fp.onSubscribe(fp, c)
					continue
				}
				fp.write(c, map[string]any{"event": "pusher_internal:subscription_succeeded", "channel": HealthChannel, "data": "{}"})
			}
		}
	})
	mux.HandleFunc("/apps/", func(w http.ResponseWriter, r *http.Request) {
		b, _ := io.ReadAll(r.Body)
		var ev struct {
			Data string `json:"data"`
		}
		_ = json.Unmarshal(b, &ev)
		fp.wmu.Lock()
		c := fp.conn
		fp.wmu.Unlock()
		_, _ = io.WriteString(w, "{}")
		if c == nil {
			return
		}
		if fp.onTrigger != nil {
			fp.onTrigger(fp, c, ev.Data)
		} else {
			deliver(fp, c, ev.Data)
		}
	})
	fp.srv = httptest.NewServer(mux)
	t.Cleanup(fp.srv.Close)
	u, _ := url.Parse(fp.srv.URL)
	return Config{AppID: "1", Key: "k", Secret: "s", PublicKey: "k", Host: u.Host, Insecure: true}
}
