package daily

// A server's daily feeds: up to store.MaxDailyFeeds schedules, each with
// its own name, channel, time, zone, days, ping and filters. Every /daily
// command takes feed: (autocompleted); a server with one feed never needs
// it.

import (
	"context"
	"fmt"
	"net/http"
	"strconv"
	"strings"

	"github.com/bwmarrin/discordgo"

	"github.com/prepcord/prepcord/bot"
	"github.com/prepcord/prepcord/bot/dailysetup"
	"github.com/prepcord/prepcord/bot/schedule"
	"github.com/prepcord/prepcord/errs"
	"github.com/prepcord/prepcord/store"
)

// maxFeedName is the longest feed name, in characters.
const maxFeedName = dailysetup.MaxFeedName

// feedName checks a feed name typed by an admin (dailysetup.FeedName).
func feedName(s string) (string, error) { return dailysetup.FeedName(s) }

// feedOption is the feed: option every /daily subcommand takes.
func feedOption(desc string) *discordgo.ApplicationCommandOption {
	return &discordgo.ApplicationCommandOption{Type: discordgo.ApplicationCommandOptionString, Name: "feed",
		Description: desc, Autocomplete: true, MaxLength: 40}
}

var errNotSetUp = errs.E(errs.NotFound, "The daily question is not set up in this server yet: use `/daily setup`.")

func feedNames(feeds []*store.DailyConfig) []string {
	out := make([]string, len(feeds))
	for i, c := range feeds {
		out[i] = c.Feed
	}
	return out
}

// findFeed returns the feed named name (any case) among feeds, or nil.
func findFeed(feeds []*store.DailyConfig, name string) *store.DailyConfig {
	for _, c := range feeds {
		if strings.EqualFold(c.Feed, strings.TrimSpace(name)) {
			return c
		}
	}
	return nil
}

// feedArg returns the feed a command is about: the one named in feed:,
// or the server's only feed. With several feeds and none named, or an
// unknown name, the error lists the server's feeds. It also returns every
// feed of the server.
func (f *Feature) feedArg(c *bot.Ctx) (*store.DailyConfig, []*store.DailyConfig, error) {
	feeds, err := f.days.Feeds(c, c.GuildID())
	if err != nil {
		return nil, nil, err
	}
	if len(feeds) == 0 {
		return nil, nil, errNotSetUp
	}
	name := strings.TrimSpace(c.String("feed"))
	if name == "" {
		if len(feeds) == 1 {
			return feeds[0], feeds, nil
		}
		return nil, nil, errs.E(errs.Invalid, "This server has %d daily feeds: %s. Say which one with `feed:`.", len(feeds), store.FeedList(feedNames(feeds)))
	}
	if cfg := findFeed(feeds, name); cfg != nil {
		return cfg, feeds, nil
	}
	return nil, nil, errs.E(errs.NotFound, "There is no daily feed named “%s” in this server. Its feeds: %s.",
		bot.Truncate(bot.EscapeText(name), maxFeedName+10), store.FeedList(feedNames(feeds)))
}

// setupFeed returns the name /daily setup writes to and the feed it
// replaces (nil for a new one): feed: when given, else the server's only
// feed, else store.DefaultFeed for a server's first.
func (f *Feature) setupFeed(c *bot.Ctx) (string, *store.DailyConfig, []*store.DailyConfig, error) {
	feeds, err := f.days.Feeds(c, c.GuildID())
	if err != nil {
		return "", nil, nil, err
	}
	if strings.TrimSpace(c.String("feed")) == "" {
		switch len(feeds) {
		case 0:
			return store.DefaultFeed, nil, feeds, nil
		case 1:
			return feeds[0].Feed, feeds[0], feeds, nil
		}
		return "", nil, nil, errs.E(errs.Invalid, "This server has %d daily feeds: %s. Say which one to change with `feed:`, or name a new one.",
			len(feeds), store.FeedList(feedNames(feeds)))
	}
	name, err := feedName(c.String("feed"))
	if err != nil {
		return "", nil, nil, err
	}
	old := findFeed(feeds, name)
	if old == nil && len(feeds) >= store.MaxDailyFeeds {
		return "", nil, nil, store.TooManyFeeds(feedNames(feeds))
	}
	return name, old, feeds, nil
}

// feedLabel names a feed in replies when the server has several, or when
// it is not the default one: " (feed `swe`)"; "" otherwise.
func feedLabel(cfg *store.DailyConfig, feeds int) string {
	if feeds <= 1 && cfg.Feed == store.DefaultFeed {
		return ""
	}
	return " (feed `" + cfg.Feed + "`)"
}

// feedKey is what a feed's nonces are derived from: the server alone for
// the default feed (as before servers had several), else server and feed.
func feedKey(guildID, feed string) string {
	if feed == "" || feed == store.DefaultFeed {
		return guildID
	}
	return guildID + "/" + feed
}

// feedChoices suggests the server's feeds whose name contains typed.
func (f *Feature) feedChoices(c *bot.Ctx, typed string) error {
	feeds, err := f.days.Feeds(c, c.GuildID())
	if err != nil {
		return err
	}
	var names []string
	for _, cfg := range feeds {
		if strings.Contains(cfg.Feed, strings.ToLower(strings.TrimSpace(typed))) {
			names = append(names, cfg.Feed)
		}
	}
	return c.Choices(bot.NameChoices(names))
}

// lowBankText tells admins a feed is running out of unseen questions.
func lowBankText(cfg *store.DailyConfig, left int) string {
	return fmt.Sprintf("⚠️ **The daily feed `%s` (<#%s>) has %d question%s left before it repeats** (cycle %d). "+
		"Add questions (`/bank import`, or approve suggestions), or widen its filters with `/daily setup feed:%s`. "+
		"This is said once per cycle; `/daily status feed:%s` shows the count.",
		cfg.Feed, cfg.ChannelID, left, bot.Plural(left), cfg.Cycle, cfg.Feed, cfg.Feed)
}

// warnLowBank tells the server's admins, once per feed and cycle, when a
// post leaves fewer than lowBank unseen questions in its feed: in the
// suggestion review channel when one is set (the feed's channel standing
// in when prepcord cannot post there), else in the feed's channel,
// without a ping. The warning is claimed in the database before it is
// sent, so a restart or a second process does not repeat it; a failed
// send gives the claim back for the next post to retry.
func (f *Feature) warnLowBank(ctx context.Context, p *store.DailyPost) error {
	if p.Remaining >= lowBank || p.Status != store.DailyPosted {
		return nil
	}
	ok, err := f.days.ClaimLowBank(ctx, p.GuildID, p.Feed, p.Cycle)
	if err != nil || !ok {
		return err
	}
	cfg, err := f.days.Feed(ctx, p.GuildID, p.Feed)
	if err != nil {
		return err
	}
	cfg.Cycle = p.Cycle
	channels := []string{cfg.ChannelID}
	if f.suggestions != nil {
		if s, err := f.suggestions.Settings(ctx, p.GuildID); err == nil && s.ReviewChannelID != "" && s.ReviewChannelID != cfg.ChannelID {
			// The feed's channel stands in when prepcord cannot post in the review channel.
			channels = []string{s.ReviewChannelID, cfg.ChannelID}
		}
	}
	body := &dailyMessage{Content: lowBankText(cfg, p.Remaining), AllowedMentions: &discordgo.MessageAllowedMentions{},
		Nonce: dailyNonce(feedKey(p.GuildID, p.Feed)+"/low-bank", strconv.Itoa(p.Cycle), 0), EnforceNonce: true}
	for _, ch := range channels {
		err = f.call(ctx, func() error {
			_, err := f.env.Session.RequestWithBucketID(http.MethodPost, discordgo.EndpointChannelMessages(ch), body,
				discordgo.EndpointChannelMessages(ch), discordgo.WithContext(ctx))
			return err
		})
		if classify(err) != failAccess {
			break
		}
	}
	if err != nil {
		f.env.Log.Warn("daily low-bank warning", "guild", p.GuildID, "feed", p.Feed, "err", err)
		if classify(err) == failTransient {
			return f.days.ReleaseLowBank(ctx, p.GuildID, p.Feed, p.Cycle)
		}
	}
	return nil
}

// overview is /daily status without feed: in a server with several
// feeds: one line per feed (channel, time, next post, questions left), the
// low ones marked.
func (f *Feature) overview(c *bot.Ctx, feeds []*store.DailyConfig) error {
	now := f.env.Now()
	e := &discordgo.MessageEmbed{Title: fmt.Sprintf("Daily feeds (%d of %d)", len(feeds), store.MaxDailyFeeds), Color: bot.BrandColor,
		Footer: &discordgo.MessageEmbedFooter{Text: "/daily status feed:NAME shows one feed in full."}}
	for _, cfg := range feeds {
		v := fmt.Sprintf("<#%s> at %s %s, %s", cfg.ChannelID, cfg.Clock, cfg.Zone, schedule.Weekdays(cfg.Days))
		if ft := filterText(cfg); ft != "" {
			v += "\nQuestions: " + ft
		}
		switch sch, err := scheduleOf(cfg); {
		case cfg.Paused:
			v += "\nPaused."
		case err != nil:
			v += "\nThe schedule cannot be read: run `/daily setup feed:" + cfg.Feed + "` again."
		default:
			if next := f.upcoming(c, cfg, sch, now, 1); len(next) > 0 {
				v += "\nNext post: " + discordTime(next[0])
			}
		}
		if left, total, err := f.days.Remaining(c, cfg.GuildID, cfg.Feed); err == nil {
			l := fmt.Sprintf("%d of %d questions left before repeats.", left, total)
			if left < lowBank {
				l = "⚠️ " + l
			}
			v += "\n" + l
		}
		if cfg.LastError != "" {
			v += "\n⚠️ " + cfg.LastError
		}
		e.Fields = append(e.Fields, &discordgo.MessageEmbedField{Name: bot.Truncate("Feed "+cfg.Feed, bot.MaxFieldName),
			Value: bot.Truncate(v, bot.MaxFieldValue)})
	}
	return c.Reply(ephemeral("", e))
}

// reply answers a command about one feed privately, naming the feed first
// when the server has several (or the feed is not the default one).
func (f *Feature) reply(c *bot.Ctx, cfg *store.DailyConfig, text string, embeds ...*discordgo.MessageEmbed) error {
	if feeds, err := f.days.Feeds(c, cfg.GuildID); err == nil && feedLabel(cfg, len(feeds)) != "" {
		text = "**Feed `" + cfg.Feed + "`:** " + text
	}
	return c.Reply(ephemeral(text, embeds...))
}

// feedFlag is the feed: option to repeat in a command a reply suggests:
// " feed:swe" when the server has several feeds or the feed is not the
// default one, "" otherwise (as feedLabel).
func feedFlag(cfg *store.DailyConfig, feeds int) string {
	if feedLabel(cfg, feeds) == "" {
		return ""
	}
	return " feed:" + cfg.Feed
}

// remove is /daily remove: it names what removing the feed does and asks
// for a click to confirm, so a slip of the autocomplete removes nothing.
func (f *Feature) remove(c *bot.Ctx) error {
	cfg, _, err := f.feedArg(c)
	if err != nil {
		return err
	}
	msg := ephemeral(fmt.Sprintf("Remove the daily feed `%s` (<#%s> at %s %s)? It posts no more questions. "+
		"Its past posts, members' streaks and answers stay; `/daily setup feed:%s` brings it back later with a fresh question cycle.",
		cfg.Feed, cfg.ChannelID, cfg.Clock, cfg.Zone, cfg.Feed))
	msg.Components = []discordgo.MessageComponent{discordgo.ActionsRow{Components: []discordgo.MessageComponent{
		discordgo.Button{Label: "Remove feed " + cfg.Feed, Style: discordgo.DangerButton, CustomID: routeRemove.ID(cfg.Feed)},
	}}}
	return c.Reply(msg)
}

// removeConfirmed removes the feed named by the confirmation's button
// and replaces the question with what was done.
func (f *Feature) removeConfirmed(c *bot.Ctx) error {
	feed := c.Var("feed")
	removed, err := f.days.RemoveFeed(c, c.GuildID(), feed)
	if err != nil {
		return err
	}
	text := fmt.Sprintf("Removed the daily feed `%s`: it posts no more questions.", feed)
	if removed {
		f.audit(c, "daily.remove", "feed "+feed+" removed")
	} else {
		text = fmt.Sprintf("The daily feed `%s` was already removed.", feed)
	}
	if feeds, err := f.days.Feeds(c, c.GuildID()); err == nil && len(feeds) > 0 {
		text += " Feeds left: " + store.FeedList(feedNames(feeds)) + "."
	}
	return c.Update(&discordgo.InteractionResponseData{Content: text, Components: []discordgo.MessageComponent{},
		AllowedMentions: &discordgo.MessageAllowedMentions{}})
}
