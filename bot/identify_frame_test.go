package bot

import (
	"bytes"
	"testing"
)

// isIdentifyFrame recognises the IDENTIFY frames gorilla/websocket writes
// as a client, and no other frame.
func TestIsIdentifyFrame(t *testing.T) {
	for _, c := range []struct {
		payload string
		want    bool
	}{
		{`{"op":2,"d":{"token":"x","properties":{"os":"linux"},"shard":[1,3]}}`, true},
		{`{"op":6,"d":{"token":"x","session_id":"s","seq":4}}`, false},
		{`{"op":1,"d":42}`, false},
		{`{"op":2`, false},
		{`{"op":2,"d":` + string(bytes.Repeat([]byte(" "), 300)) + `{}}`, true}, // a 16-bit length
	} {
		frame := clientFrame(t, c.payload)
		if got := isIdentifyFrame(frame); got != c.want {
			t.Errorf("isIdentifyFrame(%.30q…) = %v, want %v", c.payload, got, c.want)
		}
	}
	if isIdentifyFrame([]byte{0x81}) || isIdentifyFrame(nil) {
		t.Error("a truncated frame was taken for an IDENTIFY")
	}
}

// clientFrame returns a client's masked text frame for payload (RFC 6455).
func clientFrame(t *testing.T, payload string) []byte {
	t.Helper()
	key := []byte{0x37, 0xfa, 0x21, 0x3d}
	f := []byte{0x81}
	switch n := len(payload); {
	case n < 126:
		f = append(f, 0x80|byte(n))
	case n < 1<<16:
		f = append(f, 0x80|126, byte(n>>8), byte(n))
	default:
		t.Fatal("payload too long for this test")
	}
	f = append(f, key...)
	for i := range len(payload) {
		f = append(f, payload[i]^key[i%4])
	}
	return f
}
