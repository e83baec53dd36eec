package bot

import (
	"errors"

	"github.com/bwmarrin/discordgo"
)

// IsRESTError reports whether err is a Discord REST error with the given HTTP
// status (0: any) and JSON error code (0: any).
func IsRESTError(err error, status, code int) bool {
	var re *discordgo.RESTError
	if !errors.As(err, &re) {
		return false
	}
	if status != 0 && (re.Response == nil || re.Response.StatusCode != status) {
		return false
	}
	if code != 0 && (re.Message == nil || re.Message.Code != code) {
		return false
	}
	return true
}
