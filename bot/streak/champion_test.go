package streak

import "testing"

func TestChampionRanking(t *testing.T) {
	tests := []struct {
		name string
		in   []Contender
		want string
	}{
		{"nobody", nil, ""},
		{"no day answered", []Contender{{UserID: "1", BestAnswers: 3}}, ""},
		{"most days", []Contender{{"1", 3, 9, 1}, {"2", 4, 0, 9}}, "2"},
		{"then best answers", []Contender{{"1", 4, 1, 1}, {"2", 4, 2, 9}}, "2"},
		{"then first to reach the count", []Contender{{"1", 4, 2, 9}, {"2", 4, 2, 5}}, "2"},
		{"then the lower id, as a number", []Contender{{"100000000000000002", 4, 2, 5}, {"99999999999999999", 4, 2, 5}}, "99999999999999999"},
		{"same length ids", []Contender{{"300", 1, 0, 5}, {"200", 1, 0, 5}}, "200"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, ok := Champion(tt.in)
			if ok != (tt.want != "") || got.UserID != tt.want {
				t.Errorf("Champion = %+v %v, want %q", got, ok, tt.want)
			}
		})
	}
}
