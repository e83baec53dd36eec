package main

import (
	"strings"
	"testing"
	"time"
)

// MOCK_QUEUE_EXPIRY reads the same forms, with the same limits, as
// /mock-admin setup expiry (bot/match.ParseExpiry).
func TestConfigQueueExpiry(t *testing.T) {
	tests := []struct {
		val  string
		want time.Duration
		err  string
	}{
		{"", 2 * time.Hour, ""},
		{"90", 90 * time.Minute, ""},
		{"2h", 2 * time.Hour, ""},
		{"1h30m", 90 * time.Minute, ""},
		{"1d", 24 * time.Hour, ""},
		{"0", 0, "MOCK_QUEUE_EXPIRY: \"0\" (minutes) is too short"},
		{"1000h", 0, "MOCK_QUEUE_EXPIRY: \"1000h\" is too long"},
		{"2 hours please", 0, "is not a queue expiry: use minutes (90)"},
	}
	for _, tt := range tests {
		cfg, err := loadConfig(func(k string) string {
			if k == "MOCK_QUEUE_EXPIRY" {
				return tt.val
			}
			return ""
		})
		switch {
		case tt.err == "" && (err != nil || cfg.QueueExpiry != tt.want):
			t.Errorf("MOCK_QUEUE_EXPIRY=%q: %v, %v; want %v", tt.val, cfg, err, tt.want)
		case tt.err != "" && (err == nil || !strings.Contains(err.Error(), tt.err)):
			t.Errorf("MOCK_QUEUE_EXPIRY=%q: error %v; want %q", tt.val, err, tt.err)
		}
	}
}
