package daily

import (
	"unicode/utf8"

	"github.com/prepcord/prepcord/bot"
	"github.com/prepcord/prepcord/bot/schedule"
	"github.com/prepcord/prepcord/data"
)

// autocomplete suggests the server's feeds for feed:, and, for /daily
// setup, time zones and the bank's companies, roles and categories
// (within the other filters typed).
func (f *Feature) autocomplete(c *bot.Ctx) error {
	opt := c.Focused()
	// /daily is for admins: a member's client can still send its
	// autocomplete, which gets no suggestions and reaches nothing.
	if opt == nil || !c.IsAdmin() {
		return c.Choices(nil)
	}
	typed, _ := opt.Value.(string)
	if utf8.RuneCountInString(typed) > bot.MaxNameInput {
		return c.Choices(nil)
	}
	var names []string
	switch opt.Name {
	case "feed":
		return f.feedChoices(c, typed)
	case "timezone":
		names = schedule.SuggestZones(typed, 25)
	case "company", "role", "category", "level":
		kind := data.Kind(opt.Name)
		flt := bot.AutocompleteFilter(c, dailyNameKinds, kind)
		vals, err := f.questions.Autocomplete(c, kind, flt, typed, 25)
		if err != nil {
			return err
		}
		for _, v := range vals {
			names = append(names, v.Name)
		}
	}
	return c.Choices(bot.NameChoices(names))
}

// dailyNameKinds are the name filters of /daily setup.
var dailyNameKinds = []data.Kind{data.KindCompany, data.KindRole, data.KindCategory, data.KindLevel}
