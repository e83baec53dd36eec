package match

import (
	"strconv"
	"strings"
	"time"
)

// LengthForm says which lengths of time ParseLength accepts beyond
// numbers with units.
type LengthForm struct {
	// Bare reads a number without a unit as minutes ("90").
	Bare bool
	// Fractions accepts numbers with a fraction ("1.5h").
	Fractions bool
	// MaxDigits, when set, refuses a number longer than that.
	MaxDigits int
}

var lengthUnits = map[string]time.Duration{
	"m": time.Minute, "min": time.Minute, "mins": time.Minute, "minute": time.Minute, "minutes": time.Minute,
	"h": time.Hour, "hr": time.Hour, "hrs": time.Hour, "hour": time.Hour, "hours": time.Hour,
	"d": 24 * time.Hour, "day": 24 * time.Hour, "days": 24 * time.Hour,
	"w": 7 * 24 * time.Hour, "wk": 7 * 24 * time.Hour, "wks": 7 * 24 * time.Hour, "week": 7 * 24 * time.Hour, "weeks": 7 * 24 * time.Hour,
}

// ParseLength reads a length of time typed by a person: numbers with
// units m, h, d and w (or their words) in any combination ("2h", "1h30m",
// "1 day", "2 weeks", "1w3d"), case and spaces ignored, plus what form
// allows. It returns the length in minutes, as a float so that huge values
// stay comparable instead of overflowing; ok is false when s is not such
// a length (or is empty). The queue expiry (ParseExpiry) and the lengths
// members and admins type for breaks and check-ins (mocksetup.ParseSpan)
// both read with it.
func ParseLength(s string, form LengthForm) (minutes float64, ok bool) {
	k := strings.ToLower(strings.Join(strings.Fields(s), ""))
	if k == "" {
		return 0, false
	}
	isNum := func(r rune) bool { return r >= '0' && r <= '9' || form.Fractions && r == '.' }
	if form.Bare && strings.Trim(k, "0123456789") == "" {
		if form.MaxDigits > 0 && len(k) > form.MaxDigits {
			return 0, false
		}
		minutes, _ = strconv.ParseFloat(k, 64) // digits only: cannot fail
		return minutes, true
	}
	for rest := k; rest != ""; {
		i := strings.IndexFunc(rest, func(r rune) bool { return !isNum(r) })
		if i <= 0 || form.MaxDigits > 0 && i > form.MaxDigits {
			return 0, false
		}
		num, err := strconv.ParseFloat(rest[:i], 64)
		if err != nil {
			return 0, false
		}
		rest = rest[i:]
		j := strings.IndexFunc(rest, isNum)
		if j < 0 {
			j = len(rest)
		}
		unit, ok := lengthUnits[rest[:j]]
		if !ok {
			return 0, false
		}
		rest = rest[j:]
		minutes += num * float64(unit/time.Minute)
	}
	return minutes, true
}
