package errs

import (
	"errors"
	"fmt"
	"testing"
)

func TestCodeAndMessage(t *testing.T) {
	cause := errors.New("disk I/O error")
	tests := []struct {
		name     string
		err      error
		wantCode Code
		wantMsg  string
	}{
		{"nil", nil, "", GenericMessage},
		{"plain error is internal", cause, Internal, GenericMessage},
		{"invalid shows its message", E(Invalid, "time must be HH:MM, got %q", "25:00"), Invalid, `time must be HH:MM, got "25:00"`},
		{"wrapped not found", fmt.Errorf("load: %w", E(NotFound, "no such question")), NotFound, "no such question"},
		{"internal hides its message", Wrap(Internal, cause, "save feedback"), Internal, GenericMessage},
		{"conflict", E(Conflict, "already queued"), Conflict, "already queued"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := CodeOf(tt.err); got != tt.wantCode {
				t.Errorf("CodeOf = %q, want %q", got, tt.wantCode)
			}
			if got := Message(tt.err); got != tt.wantMsg {
				t.Errorf("Message = %q, want %q", got, tt.wantMsg)
			}
		})
	}
	if err := Wrap(Internal, cause, "save"); !errors.Is(err, cause) {
		t.Error("Wrap lost its cause")
	}
}
