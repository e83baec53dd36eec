package schedule

import (
	"fmt"
	"strings"
	"time"
)

// Weekdays is a set of days of the week, one bit per time.Weekday
// (bit 0 is Sunday). The zero value is the empty set.
type Weekdays uint8

// Common sets of days.
const (
	// NoDays is the empty set: a schedule with it never posts.
	NoDays Weekdays = 0
	// WorkWeek is Monday to Friday.
	WorkWeek Weekdays = 1<<time.Monday | 1<<time.Tuesday | 1<<time.Wednesday | 1<<time.Thursday | 1<<time.Friday
	// Weekend is Saturday and Sunday.
	Weekend Weekdays = 1<<time.Saturday | 1<<time.Sunday
	// EveryDay is all seven days.
	EveryDay Weekdays = WorkWeek | Weekend
)

// DaysOf returns the set holding the given days.
func DaysOf(days ...time.Weekday) Weekdays {
	var w Weekdays
	for _, d := range days {
		w |= 1 << (d % 7)
	}
	return w
}

// Has reports whether d is in the set.
func (w Weekdays) Has(d time.Weekday) bool { return w&(1<<(d%7)) != 0 }

// Len returns the number of days in the set.
func (w Weekdays) Len() int {
	n := 0
	for d := time.Sunday; d <= time.Saturday; d++ {
		if w.Has(d) {
			n++
		}
	}
	return n
}

// shortNames are the canonical three-letter names, indexed by time.Weekday.
var shortNames = [7]string{"sun", "mon", "tue", "wed", "thu", "fri", "sat"}

// mondayFirst lists the days in the order users expect to read them.
var mondayFirst = [7]time.Weekday{time.Monday, time.Tuesday, time.Wednesday, time.Thursday, time.Friday, time.Saturday, time.Sunday}

// String returns the canonical short form: "every day", "mon-fri",
// "mon,wed,fri", "tue-thu,sat", or "never" for the empty set. Days read
// Monday first; runs of three or more days become ranges. ParseWeekdays
// accepts every string String returns.
func (w Weekdays) String() string {
	w &= EveryDay
	switch w {
	case EveryDay:
		return "every day"
	case NoDays:
		return "never"
	}
	var parts []string
	for i := 0; i < 7; {
		if !w.Has(mondayFirst[i]) {
			i++
			continue
		}
		j := i
		for j+1 < 7 && w.Has(mondayFirst[j+1]) {
			j++
		}
		switch {
		case j-i >= 2:
			parts = append(parts, shortNames[mondayFirst[i]]+"-"+shortNames[mondayFirst[j]])
		default:
			for k := i; k <= j; k++ {
				parts = append(parts, shortNames[mondayFirst[k]])
			}
		}
		i = j + 1
	}
	return strings.Join(parts, ",")
}

// dayNames maps every accepted spelling of a day to the day.
var dayNames = map[string]time.Weekday{
	"mo": time.Monday, "mon": time.Monday, "monday": time.Monday, "mondays": time.Monday,
	"tu": time.Tuesday, "tue": time.Tuesday, "tues": time.Tuesday, "tuesday": time.Tuesday, "tuesdays": time.Tuesday,
	"we": time.Wednesday, "wed": time.Wednesday, "weds": time.Wednesday, "wednesday": time.Wednesday, "wednesdays": time.Wednesday,
	"th": time.Thursday, "thu": time.Thursday, "thur": time.Thursday, "thurs": time.Thursday, "thursday": time.Thursday, "thursdays": time.Thursday,
	"fr": time.Friday, "fri": time.Friday, "friday": time.Friday, "fridays": time.Friday,
	"sa": time.Saturday, "sat": time.Saturday, "saturday": time.Saturday, "saturdays": time.Saturday,
	"su": time.Sunday, "sun": time.Sunday, "sunday": time.Sunday, "sundays": time.Sunday,
}

// groupNames maps the accepted names of whole groups of days.
var groupNames = map[string]Weekdays{
	"daily": EveryDay, "every day": EveryDay, "everyday": EveryDay, "all": EveryDay, "all days": EveryDay,
	"every": EveryDay, "any": EveryDay, "*": EveryDay,
	"weekdays": WorkWeek, "weekday": WorkWeek, "work days": WorkWeek, "workdays": WorkWeek,
	"weekends": Weekend, "weekend": Weekend,
	"never": NoDays, "none": NoDays,
}

// weekdaysHelp ends every ParseWeekdays error.
const weekdaysHelp = `use day names or ranges such as "mon-fri", "mon,wed,fri", "tue-thu,sat", "weekdays", "weekends" or "every day"`

// ParseWeekdays parses a set of days: "" (every day), "daily", "every day",
// "weekdays", "weekends", "mon-fri", "mon,wed,fri", "tue-thu,sat", full names
// ("Monday, Wednesday"), in any letter case. Items are separated by commas,
// semicolons, slashes, "&", "and" or spaces; a range is "a-b" or "a to b" and
// may wrap around the week ("fri-mon"). The error names the bad item.
func ParseWeekdays(s string) (Weekdays, error) {
	in := strings.ToLower(strings.TrimSpace(s))
	if in == "" {
		return EveryDay, nil
	}
	if g, ok := groupNames[in]; ok {
		return g, nil
	}
	in = strings.NewReplacer("–", "-", "—", "-", " to ", "-", " through ", "-", " thru ", "-").Replace(in)
	fields := strings.FieldsFunc(in, func(r rune) bool {
		return r == ',' || r == ';' || r == '/' || r == '&' || r == '+' || r == ' ' || r == '\t' || r == '\n'
	})
	var w Weekdays
	for i := 0; i < len(fields); i++ {
		f := fields[i]
		if f == "and" {
			continue
		}
		// "every day" and "all days" split into two fields.
		if i+1 < len(fields) {
			if g, ok := groupNames[f+" "+fields[i+1]]; ok {
				w |= g
				i++
				continue
			}
		}
		if g, ok := groupNames[f]; ok {
			w |= g
			continue
		}
		// A range split around spaces: "mon - fri".
		if f == "-" || strings.HasSuffix(f, "-") || (i+1 < len(fields) && strings.HasPrefix(fields[i+1], "-")) {
			for i+1 < len(fields) && (strings.HasSuffix(f, "-") || strings.HasPrefix(fields[i+1], "-")) {
				f += fields[i+1]
				i++
			}
		}
		days, err := parseDayItem(f)
		if err != nil {
			return NoDays, fmt.Errorf("%w; %s", err, weekdaysHelp)
		}
		w |= days
	}
	return w, nil
}

// parseDayItem parses one day name or one range of days.
func parseDayItem(f string) (Weekdays, error) {
	from, to, isRange := strings.Cut(f, "-")
	a, ok := dayNames[from]
	if !ok {
		return NoDays, fmt.Errorf("%q is not a day of the week", from)
	}
	if !isRange {
		return DaysOf(a), nil
	}
	b, ok := dayNames[to]
	if !ok {
		if to == "" {
			return NoDays, fmt.Errorf("range %q has no end day", f)
		}
		return NoDays, fmt.Errorf("%q is not a day of the week (in range %q)", to, f)
	}
	var w Weekdays
	for d := a; ; d = (d + 1) % 7 {
		w |= DaysOf(d)
		if d == b {
			break
		}
	}
	return w, nil
}
