package interview

import (
	"testing"

	"github.com/prepcord/prepcord/bot"
)

// Members' old messages keep their buttons: every custom_id the feature
// builds is the one it built before its routes were constants.
func TestCustomIDsAreUnchanged(t *testing.T) {
	for _, tt := range []struct {
		route bot.Route
		args  []string
		want  string
	}{
		{routeLeave, nil, "m1/leave"},
		{routePacket, []string{"42"}, "m1/packet/42"},
		{routeStart, []string{"42"}, "m1/start/42"},
		{routeSwap, []string{"42"}, "m1/swap/42"},
		{routeFinish, []string{"42"}, "m1/finish/42"},
		{routeFeedback, []string{"42"}, "m1/feedback/42"},
		{routeFeedback, []string{"42", "7"}, "m1/feedback/42/7"},
		{routeFeedbackForm, []string{"42", "7"}, "m1/feedback/42/7"},
		{routeNoShow, []string{"42"}, "m1/noshow/42"},
		{routeNoShow, []string{"42", "7"}, "m1/noshow/42/7"},
		{routeCheckin, []string{"42", "yes"}, "m1/checkin/42/yes"},
		{routeCheckin, []string{"42", "no"}, "m1/checkin/42/no"},
		{routeRounds, []string{"join"}, "m1/rounds/join"},
		{routeRounds, []string{"leave"}, "m1/rounds/leave"},
		{routeRounds, []string{"topic"}, "m1/rounds/topic"},
	} {
		if got := tt.route.ID(tt.args...); got != tt.want {
			t.Errorf("%s with %q: %q, want %q", tt.route, tt.args, got, tt.want)
		}
	}
}
