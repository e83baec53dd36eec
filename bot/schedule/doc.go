// Package schedule computes when a server's daily post is due.
//
// A server chooses a local time of day (Clock), the weekdays it posts on
// (Weekdays) and an IANA time zone. Schedule.NextAfter turns that into the
// instant of the next post, with the rules the bot promises:
//
//   - a post is due at the local Clock on each allowed local date, exactly once
//     per date;
//   - if that wall-clock time does not exist on the date (it falls in a
//     spring-forward gap), the post is due at the first instant after the gap;
//   - if it occurs twice (a fall-back overlap), the post is due at the first
//     occurrence only.
//
// The package is pure: no Discord, no SQL, and no function reads the clock;
// every time-dependent function takes the current time as a parameter.
package schedule
