package match

import (
	"strings"
	"testing"
)

func TestParseLength(t *testing.T) {
	any := LengthForm{Bare: true, Fractions: true}
	span := LengthForm{MaxDigits: 4}
	tests := []struct {
		in   string
		form LengthForm
		want float64 // minutes; -1 for not a length
	}{
		{"90", any, 90},
		{"90", span, -1},
		{"2h", span, 120},
		{"1H 30 Min", span, 90},
		{"1w3d", span, 14400},
		{"2 weeks", span, 20160},
		{"1 day 6 hrs", any, 1800},
		{"1.5h", any, 90},
		{"1.5h", span, -1},
		{"1..5h", any, -1},
		{".h", any, -1},
		{"9999d", span, 9999 * 1440},
		{"10000d", span, -1},
		{"99999999999999999999", any, 99999999999999999999},
		{"", any, -1},
		{"   ", any, -1},
		{"h", any, -1},
		{"5s", any, -1},
		{"-5m", any, -1},
		{"5m-", any, -1},
		{"5m\x00", any, -1},
		{"５m", any, -1}, // a full-width digit is no digit here
		{strings.Repeat("1m", 10000), span, 10000},
	}
	for _, tt := range tests {
		got, ok := ParseLength(tt.in, tt.form)
		if tt.want < 0 && ok || tt.want >= 0 && (!ok || got != tt.want) {
			t.Errorf("ParseLength(%.30q, %+v) = %v, %v; want %v", tt.in, tt.form, got, ok, tt.want)
		}
	}
}
