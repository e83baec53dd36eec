package fsrs

import (
	"fmt"
	"strings"
)

// Rating is how well a member recalled a question: Again, Hard, Good or Easy.
// The values are FSRS's grades 1…4, which the formulas use as numbers.
type Rating int

// The four ratings.
const (
	Again Rating = 1 // forgot it, or could not answer
	Hard  Rating = 2 // answered, with serious difficulty
	Good  Rating = 3 // answered after some thought
	Easy  Rating = 4 // answered at once
)

// Ratings lists the four ratings in order, for buttons and loops.
func Ratings() [4]Rating { return [4]Rating{Again, Hard, Good, Easy} }

// Valid reports whether r is one of Again, Hard, Good and Easy.
func (r Rating) Valid() bool { return r >= Again && r <= Easy }

// String gives the rating's name as a button shows it ("Good"), or
// "Rating(7)" for a value that is not a rating.
func (r Rating) String() string {
	switch r {
	case Again:
		return "Again"
	case Hard:
		return "Hard"
	case Good:
		return "Good"
	case Easy:
		return "Easy"
	}
	return fmt.Sprintf("Rating(%d)", int(r))
}

// ParseRating reads a rating's name, in any case and with surrounding
// spaces: "again", "hard", "good" or "easy".
func ParseRating(s string) (Rating, error) {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "again":
		return Again, nil
	case "hard":
		return Hard, nil
	case "good":
		return Good, nil
	case "easy":
		return Easy, nil
	}
	return 0, fmt.Errorf("fsrs: %q is not a rating (again, hard, good or easy)", s)
}

// State is where a card is in its life. The values are the reference
// implementations' (New 0, Learning 1, Review 2, Relearning 3), so a state
// stored as a number means the same thing everywhere.
//
// This package's scheduler is long-term only: it gives a card that has been
// reviewed the state Review. It never produces Learning or Relearning, and
// reviews a card in either of them as a Review card, as the reference
// long-term scheduler does.
type State int

// The card states.
const (
	New        State = 0 // never reviewed
	Learning   State = 1 // in same-day learning steps (not produced here)
	Review     State = 2 // scheduled days ahead
	Relearning State = 3 // in same-day relearning steps after a lapse (not produced here)
)

// String gives the state's name.
func (s State) String() string {
	switch s {
	case New:
		return "New"
	case Learning:
		return "Learning"
	case Review:
		return "Review"
	case Relearning:
		return "Relearning"
	}
	return fmt.Sprintf("State(%d)", int(s))
}
