package match

import (
	"fmt"
	"math"
	"strings"
	"time"
)

// Queue expiry: how long a member waits in the mock interview queue. The
// MOCK_QUEUE_EXPIRY variable and /mock-admin setup expiry both read it with
// ParseExpiry, so they accept the same values.
const (
	DefaultExpiry = 2 * time.Hour
	MinExpiry     = 5 * time.Minute
	MaxExpiry     = 7 * 24 * time.Hour
)

// ExpiryForms describes the values ParseExpiry accepts, for help texts.
const ExpiryForms = "minutes (90) or a duration (45m, 2h, 1h30m, 1d), from 5 minutes to 7 days"

// ParseExpiry reads a queue expiry with ParseLength: a whole number is
// minutes ("90"), otherwise numbers with units in any combination ("2h",
// "1h30m", "1.5h", "1 day", "45 min"), case and spaces ignored. The result
// is whole minutes from MinExpiry to MaxExpiry; anything else is an error
// whose message says why and what is accepted.
func ParseExpiry(s string) (time.Duration, error) {
	in := strings.TrimSpace(s)
	k := strings.ToLower(strings.Join(strings.Fields(in), ""))
	if k == "" {
		return 0, fmt.Errorf("no queue expiry given: use %s", ExpiryForms)
	}
	mins, ok := ParseLength(k, LengthForm{Bare: true, Fractions: true})
	if !ok {
		return 0, fmt.Errorf("%q is not a queue expiry: use %s", truncate(in, 20), ExpiryForms)
	}
	if mins > float64(MaxExpiry/time.Minute) {
		return 0, fmt.Errorf("%s is too long: a place in the queue lasts at most 7 days", expiryText(in))
	}
	if r := math.Round(mins); math.Abs(mins-r) < 1e-6 {
		mins = r // 1.1h is 66 minutes, whatever binary fractions make of it
	}
	d := time.Duration(mins * float64(time.Minute))
	switch {
	case d < MinExpiry:
		return 0, fmt.Errorf("%s is too short: a place in the queue lasts at least 5 minutes", expiryText(in))
	case d%time.Minute != 0:
		return 0, fmt.Errorf("%q is not a whole number of minutes", truncate(in, 20))
	}
	return d, nil
}

// expiryText names a value in an error: with its meaning in minutes when
// it was a bare number.
func expiryText(in string) string {
	if strings.Trim(in, "0123456789") == "" {
		return fmt.Sprintf("%q (minutes)", truncate(in, 20))
	}
	return fmt.Sprintf("%q", truncate(in, 20))
}

// truncate cuts s to n runes.
func truncate(s string, n int) string {
	if r := []rune(s); len(r) > n {
		return string(r[:n]) + "…"
	}
	return s
}
