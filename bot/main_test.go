package bot_test

import (
	"os"
	"testing"

	"github.com/prepcord/prepcord/bot"
	"github.com/prepcord/prepcord/bot/assemble"
)

// TestMain has the tests still in package bot build their bot as prepcord
// does, with assemble.New, so that the features moved to bot/feature
// answer in them (see AssembleForTest in harness_test.go).
func TestMain(m *testing.M) {
	bot.AssembleForTest = func(cfg bot.Config) (*bot.Bot, error) { return assemble.New(cfg, assemble.Options{}) }
	os.Exit(m.Run())
}
