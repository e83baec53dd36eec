package main

import (
	"testing"
	"time"

	"github.com/prepcord/prepcord/bot/match"
)

// MOCK_QUEUE_EXPIRY reads the same forms, with the same limits, as
// /mock-admin setup expiry: what bot/match.ParseExpiry reads (its tests
// hold the forms and the limits), its errors named by the variable, and
// match.DefaultExpiry when the variable is unset.
func TestConfigQueueExpiry(t *testing.T) {
	expiry := func(val string) (time.Duration, error) {
		cfg, err := loadConfig(func(k string) string {
			if k == "MOCK_QUEUE_EXPIRY" {
				return val
			}
			return ""
		})
		if err != nil {
			return 0, err
		}
		return cfg.QueueExpiry, nil
	}
	for _, val := range []string{"", "  "} {
		if got, err := expiry(val); err != nil || got != match.DefaultExpiry {
			t.Errorf("MOCK_QUEUE_EXPIRY=%q: %v, %v; want %v", val, got, err, match.DefaultExpiry)
		}
	}
	accepted, refused := 0, 0
	for _, val := range []string{"90", " 90 ", "2h", "1h30m", "1d", "0", "1000h", "2 hours please"} {
		want, wantErr := match.ParseExpiry(val)
		got, err := expiry(val)
		switch {
		case wantErr == nil:
			accepted++
			if err != nil || got != want {
				t.Errorf("MOCK_QUEUE_EXPIRY=%q: %v, %v; want %v", val, got, err, want)
			}
		default:
			refused++
			if err == nil || err.Error() != "MOCK_QUEUE_EXPIRY: "+wantErr.Error() {
				t.Errorf("MOCK_QUEUE_EXPIRY=%q: error %v; want %q", val, err, "MOCK_QUEUE_EXPIRY: "+wantErr.Error())
			}
		}
	}
	if accepted == 0 || refused == 0 {
		t.Errorf("the values tried: %d accepted, %d refused; want some of each", accepted, refused)
	}
}
