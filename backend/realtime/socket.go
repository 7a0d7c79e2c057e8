package realtime

import (
	"encoding/json"
	"errors"
	"strings"
	"sync"
	"time"

	"github.com/gorilla/websocket"
)

// wsMessage is a Pusher protocol 7 frame. Data is a JSON string for server events (decode twice), but some
// servers send an object, so it is kept raw.
type wsMessage struct {
	Event   string          `json:"event"`
	Channel string          `json:"channel,omitempty"`
	Data    json.RawMessage `json:"data,omitempty"`
}

// frame is one read from the socket, stamped as soon as ReadMessage returned (the latency reference).
type frame struct {
	at  time.Time
	msg wsMessage
	err error
}

// socket owns a connection and the one goroutine that reads it. Only the LiveTest goroutine writes.
type socket struct {
	conn   *websocket.Conn
	frames chan frame
	done   chan struct{}
	wg     sync.WaitGroup
	once   sync.Once
}

func newSocket(conn *websocket.Conn) *socket {
	s := &socket{conn: conn, frames: make(chan frame, 16), done: make(chan struct{})}
	s.wg.Add(1)
	go s.read()
	return s
}

func (s *socket) read() {
	defer s.wg.Done()
	for {
		_, b, err := s.conn.ReadMessage()
		f := frame{at: time.Now(), err: err}
		if err == nil {
			if jerr := json.Unmarshal(b, &f.msg); jerr != nil {
				continue // not a Pusher frame; nothing to act on
			}
		}
		select {
		case s.frames <- f:
		case <-s.done:
			return
		}
		if err != nil {
			return
		}
	}
}

// send writes one protocol frame.
func (s *socket) send(event string, data any) error {
	b, err := json.Marshal(map[string]any{"event": event, "data": data})
	if err != nil {
		return err
	}
	_ = s.conn.SetWriteDeadline(time.Now().Add(2 * time.Second))
	return s.conn.WriteMessage(websocket.TextMessage, b)
}

// close says goodbye (so the server frees the connection slot at once), closes the socket and waits for
// the reader, so no goroutine outlives the check.
func (s *socket) close() {
	s.once.Do(func() {
		_ = s.conn.WriteControl(websocket.CloseMessage,
			websocket.FormatCloseMessage(websocket.CloseNormalClosure, ""), time.Now().Add(200*time.Millisecond))
		close(s.done)
		_ = s.conn.Close()
		s.wg.Wait()
	})
}

// decodeData unwraps a data field that is either a JSON string holding JSON, or JSON itself.
func decodeData(raw json.RawMessage, v any) error {
	var inner string
	if err := json.Unmarshal(raw, &inner); err == nil {
		return json.Unmarshal([]byte(inner), v)
	}
	return json.Unmarshal(raw, v)
}

// pusherError is the data of pusher:error.
type pusherError struct {
	Message string `json:"message"`
	Code    int    `json:"code"`
}

// closeCode maps a Pusher WebSocket error code (from pusher:error or the close frame) to a check code.
func closeCode(code int, text string) string {
	switch {
	case code == 4001 && strings.Contains(strings.ToLower(text), "not in this cluster"):
		return CodeClusterMismatch
	case code == 4001:
		return CodeAppKeyNotFound
	case code == 4003:
		return CodeAppDisabled
	case code == 4004 || code == 4100:
		return CodeConnectionQuota
	case code == 4009:
		return CodeUnauthorized
	case code >= 4200 && code <= 4299:
		return CodeServiceBusyRetry
	case code >= 4000 && code <= 4199:
		return CodeProtocolError
	}
	return CodeConnectionDropped
}

// readErrorCode classifies the error that ended the reader.
func readErrorCode(err error) (code string, wsCode int, text string) {
	var ce *websocket.CloseError
	if errors.As(err, &ce) {
		return closeCode(ce.Code, ce.Text), ce.Code, ce.Text
	}
	return CodeConnectionDropped, 0, ""
}
