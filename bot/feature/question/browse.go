package question

import (
	"fmt"
	"strconv"

	"github.com/bwmarrin/discordgo"

	"github.com/prepcord/prepcord/bot"
	"github.com/prepcord/prepcord/errs"
	"github.com/prepcord/prepcord/store"
)

// pageSize is how many questions /questions shows a page.
const pageSize = 10

// browse is /questions: the matching questions, 10 a page, with Previous
// and Next buttons and a menu to open one; only the member who asked can
// use them.
func (f *Feature) browse(c *bot.Ctx) error {
	flt, err := filterFromOptions(c)
	if err != nil {
		return err
	}
	note := aliasNote(flt)
	flt, unknown, err := f.resolveFilter(c, flt)
	if err != nil {
		return err
	}
	if len(unknown) > 0 {
		return c.Reply(withNote(f.unknownReply(c, flt, unknown), note))
	}
	msg, err := f.browsePage(c, flt, 0)
	if err != nil {
		return err
	}
	return c.Reply(withNote(msg, note))
}

// page is the Previous and Next buttons: q1/page/{owner}/{page} and the
// filter (filterCustomID).
func (f *Feature) page(c *bot.Ctx) error {
	if len(c.Args) < 3 {
		return errs.E(errs.Invalid, "This button is from an older version of prepcord. Run /questions again.")
	}
	if c.Args[0] != c.UserID() {
		return errs.E(errs.Invalid, "This list belongs to someone else; run /questions for your own.")
	}
	n, err := strconv.Atoi(c.Args[1])
	if err != nil || n < 0 {
		n = 0
	}
	flt, err := f.decodeFilter(c, c.GuildID(), c.Args[2:])
	if err != nil {
		return err
	}
	flt, _, err = f.resolveFilter(c, flt)
	if err != nil {
		return err
	}
	msg, err := f.browsePage(c, flt, n)
	if err != nil {
		return err
	}
	return c.Update(msg)
}

// browsePage renders page n (from 0) of the questions matching flt.
func (f *Feature) browsePage(c *bot.Ctx, flt store.Filter, n int) (*discordgo.InteractionResponseData, error) {
	total, err := f.questions.Count(c, flt)
	if err != nil {
		return nil, err
	}
	if total == 0 {
		return f.emptyReply(c, flt)
	}
	pages := (total + pageSize - 1) / pageSize
	if n >= pages {
		n = pages - 1
	}
	list, err := f.questions.List(c, flt, pageSize, n*pageSize)
	if err != nil {
		return nil, err
	}
	title := fmt.Sprintf("%d question%s · %s", total, bot.Plural(total), stripMarkdown(describe(flt)))
	msg := questionList(c, title, list, fmt.Sprintf("Page %d of %d", n+1, pages), n*pageSize)
	prev, err := f.filterCustomID(c, routePage, flt, c.UserID(), strconv.Itoa(max(n-1, 0)))
	if err != nil {
		return nil, err
	}
	next, err := f.filterCustomID(c, routePage, flt, c.UserID(), strconv.Itoa(min(n+1, pages-1)))
	if err != nil {
		return nil, err
	}
	if prev == next {
		// One page: the buttons would share a custom_id; keep them apart.
		next, err = f.filterCustomID(c, routePage, flt, c.UserID(), strconv.Itoa(n+1))
		if err != nil {
			return nil, err
		}
	}
	msg.Components = append(msg.Components, discordgo.ActionsRow{Components: []discordgo.MessageComponent{
		discordgo.Button{Label: "Previous", Style: discordgo.SecondaryButton, CustomID: prev, Disabled: n == 0},
		discordgo.Button{Label: "Next", Style: discordgo.SecondaryButton, CustomID: next, Disabled: n >= pages-1},
	}})
	return msg, nil
}
