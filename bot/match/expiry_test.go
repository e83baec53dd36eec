package match

import (
	"strings"
	"testing"
	"time"
)

func TestParseExpiry(t *testing.T) {
	tests := []struct {
		in   string
		want time.Duration
		err  string // part of the error; "" for none
	}{
		{"90", 90 * time.Minute, ""},
		{" 90 ", 90 * time.Minute, ""},
		{"5", 5 * time.Minute, ""},
		{"2h", 2 * time.Hour, ""},
		{"2H", 2 * time.Hour, ""},
		{"1h30m", 90 * time.Minute, ""},
		{"1h 30m", 90 * time.Minute, ""},
		{"1.5h", 90 * time.Minute, ""},
		{"1.1h", 66 * time.Minute, ""},
		{"0.7d", 1008 * time.Minute, ""},
		{"45 min", 45 * time.Minute, ""},
		{"1d", 24 * time.Hour, ""},
		{"7 days", 7 * 24 * time.Hour, ""},
		{"10080", 7 * 24 * time.Hour, ""},
		{"0", 0, `"0" (minutes) is too short`},
		{"4", 0, "too short"},
		{"4m", 0, "too short"},
		{"10080.5m", 0, "too long"},
		{"10081", 0, "too long"},
		{"1000h", 0, `"1000h" is too long`},
		{"99999999999999999999", 0, "too long"},
		{"8d", 0, "too long"},
		{"", 0, "no queue expiry"},
		{"-5m", 0, "is not a queue expiry"},
		{"90s", 0, "is not a queue expiry"},
		{"soon", 0, "is not a queue expiry"},
		{"h", 0, "is not a queue expiry"},
		{"1..5h", 0, "is not a queue expiry"},
		{"5.5m", 0, "whole number of minutes"},
	}
	for _, tt := range tests {
		got, err := ParseExpiry(tt.in)
		switch {
		case tt.err == "" && (err != nil || got != tt.want):
			t.Errorf("ParseExpiry(%q) = %v, %v; want %v", tt.in, got, err, tt.want)
		case tt.err != "" && (err == nil || !strings.Contains(err.Error(), tt.err)):
			t.Errorf("ParseExpiry(%q) = %v, %v; want an error with %q", tt.in, got, err, tt.err)
		case err != nil && !strings.Contains(err.Error(), "minutes") && !strings.Contains(err.Error(), "7 days"):
			t.Errorf("ParseExpiry(%q): the error does not say what is accepted: %v", tt.in, err)
		}
	}
	if d, err := ParseExpiry("2h"); err != nil || d != DefaultExpiry {
		t.Errorf("the default is not 2h: %v %v", d, err)
	}
}

func FuzzParseExpiry(f *testing.F) {
	for _, s := range []string{"90", "2h", "1h30m", "1.5d", "0", "1000h", ""} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		d, err := ParseExpiry(s)
		if err == nil && (d < MinExpiry || d > MaxExpiry || d%time.Minute != 0) {
			t.Fatalf("ParseExpiry(%q) = %v", s, d)
		}
	})
}
