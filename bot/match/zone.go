package match

import "time"

// NearZone is how far apart two members' clocks may be for matching to
// count their time zones as close: the difference of their UTC offsets at
// the time of matching, measured round the clock (UTC+12 and UTC-11 are
// an hour apart), at most this.
const NearZone = 3 * time.Hour

// zones reads members' time zones (IANA names, "" when unknown) as UTC
// offsets at one instant, caching each name: a queue repeats a few zones.
type zones struct {
	now time.Time
	off map[string]int // seconds east of UTC; absent: not read yet
	bad map[string]bool
}

func newZones(now time.Time) *zones {
	return &zones{now: now, off: map[string]int{}, bad: map[string]bool{}}
}

// offset returns the UTC offset of zone at z.now in seconds, and false
// for an empty or unknown zone.
func (z *zones) offset(zone string) (int, bool) {
	if zone == "" || z.bad[zone] {
		return 0, false
	}
	if o, ok := z.off[zone]; ok {
		return o, true
	}
	loc, err := time.LoadLocation(zone)
	if err != nil || zone == "Local" {
		z.bad[zone] = true
		return 0, false
	}
	_, o := z.now.In(loc).Zone()
	z.off[zone] = o
	return o, true
}

// zoneTier scores two UTC offsets (known: ok) as tier does a preference:
// 0 close (within NearZone round the clock), 1 either unknown (neutral),
// 2 far apart.
func zoneTier(a int, aok bool, b int, bok bool) uint32 {
	switch {
	case !aok || !bok:
		return 1
	case clockGap(a, b) <= NearZone:
		return 0
	}
	return 2
}

// clockGap is how far apart two UTC offsets (in seconds) put the clock,
// round the clock: at most 12 hours.
func clockGap(a, b int) time.Duration {
	d := a - b
	if d < 0 {
		d = -d
	}
	d %= 24 * 3600
	if d > 12*3600 {
		d = 24*3600 - d
	}
	return time.Duration(d) * time.Second
}

// ZoneGap returns how far apart two zones' clocks are at now, round the
// clock (at most 12 hours), and false when either zone is empty or
// unknown.
func ZoneGap(a, b string, now time.Time) (time.Duration, bool) {
	z := newZones(now)
	oa, aok := z.offset(a)
	ob, bok := z.offset(b)
	if !aok || !bok {
		return 0, false
	}
	return clockGap(oa, ob), true
}
