package bot_test

import (
	"os"
	"testing"

	"github.com/prepcord/prepcord/bot"
	"github.com/prepcord/prepcord/bot/assemble"
)

// TestMain has package bot's harness build the bot as prepcord does, with
// the features that moved to bot/feature (see bot.AssembleBot).
func TestMain(m *testing.M) {
	bot.AssembleBot = func(cfg bot.Config) (*bot.Bot, error) { return assemble.New(cfg, assemble.Options{}) }
	os.Exit(m.Run())
}
