package schedule

import (
	"fmt"
	"strings"
	"time"
)

// placeZones maps names that are not a place's zone to the zones of the
// places they usually mean: abbreviations that are no zone at all (PST,
// CEST, IST), fixed offsets that load but never change for daylight saving
// (EST, MST, HST), and legacy names kept for old systems (PST8PDT, CET).
var placeZones = map[string][]string{
	"est": {"America/New_York"}, "mst": {"America/Denver", "America/Phoenix"}, "hst": {"Pacific/Honolulu"},
	"est5edt": {"America/New_York"}, "cst6cdt": {"America/Chicago"}, "mst7mdt": {"America/Denver"}, "pst8pdt": {"America/Los_Angeles"},
	"cet": {"Europe/Paris", "Europe/Berlin"}, "met": {"Europe/Paris", "Europe/Berlin"}, "eet": {"Europe/Athens", "Europe/Helsinki"},
	"wet": {"Europe/Lisbon"},
	"pst": {"America/Los_Angeles"}, "pdt": {"America/Los_Angeles"}, "mdt": {"America/Denver"},
	"cst": {"America/Chicago", "Asia/Shanghai"}, "cdt": {"America/Chicago"}, "edt": {"America/New_York"},
	"akst": {"America/Anchorage"}, "akdt": {"America/Anchorage"}, "bst": {"Europe/London"},
	"cest": {"Europe/Paris", "Europe/Berlin"}, "eest": {"Europe/Athens", "Europe/Helsinki"}, "west": {"Europe/Lisbon"},
	"ist": {"Asia/Kolkata", "Europe/Dublin", "Asia/Jerusalem"}, "aest": {"Australia/Sydney", "Australia/Brisbane"},
	"aedt": {"Australia/Sydney"}, "acst": {"Australia/Adelaide"}, "awst": {"Australia/Perth"},
	"nzst": {"Pacific/Auckland"}, "nzdt": {"Pacific/Auckland"}, "jst": {"Asia/Tokyo"}, "kst": {"Asia/Seoul"},
	"sgt": {"Asia/Singapore"}, "hkt": {"Asia/Hong_Kong"}, "msk": {"Europe/Moscow"}, "brt": {"America/Sao_Paulo"},
}

// offsetExamples are well-known zones by whole-hour UTC offset, suggested
// for a fixed Etc/GMT offset.
var offsetExamples = map[int]string{
	-10: "Pacific/Honolulu", -9: "America/Anchorage", -8: "America/Los_Angeles", -7: "America/Denver",
	-6: "America/Chicago", -5: "America/New_York", -4: "America/Halifax", -3: "America/Sao_Paulo",
	0: "Europe/London", 1: "Europe/Paris", 2: "Europe/Athens", 3: "Europe/Moscow", 4: "Asia/Dubai",
	5: "Asia/Karachi", 6: "Asia/Dhaka", 7: "Asia/Bangkok", 8: "Asia/Singapore", 9: "Asia/Tokyo",
	10: "Australia/Sydney", 12: "Pacific/Auckland",
}

// ParseZone is LoadZone with ZoneAdvice: the zone for name, and a warning
// for whoever set it when the zone does not follow a place's clock ("" when
// it does). Every command that sets a time zone uses it, so they accept and
// warn alike.
func ParseZone(name string) (*time.Location, string, error) {
	loc, err := LoadZone(name)
	if err != nil {
		return nil, "", err
	}
	return loc, ZoneAdvice(loc), nil
}

// ZoneAdvice returns a warning for a zone that loads but does not follow
// the clock of a place: a fixed offset such as EST or Etc/GMT+5, which never
// changes for daylight saving, or a legacy name such as PST8PDT or CET. It
// names the zone to use instead. It returns "" for a place's zone and for
// UTC, which is fixed on purpose.
func ZoneAdvice(loc *time.Location) string {
	if loc == nil {
		return ""
	}
	name := loc.String()
	key := strings.ToLower(name)
	if use, ok := placeZones[key]; ok {
		if fixed, off := fixedOffset(loc); fixed {
			return fmt.Sprintf("%s is a fixed offset (%s): it never changes for daylight saving, so for part of the year it is an hour off the local clock where daylight saving applies. If your members follow a place's clock, use its zone instead: %s.", name, utcOffset(off), quoteJoin(use))
		}
		return fmt.Sprintf("%s is a legacy zone name, not a place. Use the zone of a place instead: %s.", name, quoteJoin(use))
	}
	rest, ok := strings.CutPrefix(key, "etc/gmt")
	if !ok || rest == "" || rest == "0" || rest == "+0" || rest == "-0" {
		return ""
	}
	_, off := fixedOffset(loc)
	example := "type your city in the timezone option to find it"
	if ex, ok := offsetExamples[off/3600]; ok && off%3600 == 0 {
		example = "e.g. " + ex
	}
	return fmt.Sprintf("%s is a fixed offset (%s; these names invert the sign): it never changes for daylight saving. If your members follow a place's clock, use its zone instead, %s.", name, utcOffset(off), example)
}

// fixedOffset reports whether loc has the same UTC offset in January and
// July of 2026, and that offset in seconds east of UTC.
func fixedOffset(loc *time.Location) (bool, int) {
	_, jan := time.Date(2026, 1, 15, 12, 0, 0, 0, loc).Zone()
	_, jul := time.Date(2026, 7, 15, 12, 0, 0, 0, loc).Zone()
	return jan == jul, jan
}

// utcOffset formats seconds east of UTC as "UTC-05:00".
func utcOffset(sec int) string {
	sign := "+"
	if sec < 0 {
		sign, sec = "-", -sec
	}
	return fmt.Sprintf("UTC%s%02d:%02d", sign, sec/3600, sec%3600/60)
}

// loadLegacy loads, whatever its letter case, a legacy name or fixed offset
// that tzdata spells in capitals ("est", "pst8pdt", "etc/gmt+5"), or returns
// nil; ZoneAdvice then warns about it.
func loadLegacy(key string) *time.Location {
	name := strings.ToUpper(key)
	if rest, ok := strings.CutPrefix(key, "etc/gmt"); ok {
		name = "Etc/GMT" + rest
	} else if _, ok := placeZones[key]; !ok {
		return nil
	}
	if !validZoneSyntax(name) {
		return nil
	}
	loc, err := time.LoadLocation(name)
	if err != nil {
		return nil
	}
	return loc
}

// abbreviationHint explains, for an abbreviation such as "PST" that is not
// a zone name, which zones it usually means; "" for anything else.
func abbreviationHint(raw string) string {
	zs, ok := placeZones[normZone(raw)]
	if !ok {
		return ""
	}
	return fmt.Sprintf("%q is an abbreviation, not a time zone, and does not say when daylight saving applies; use the zone of a place: %s", raw, quoteJoin(zs))
}
