package discordtest

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/bwmarrin/discordgo"
)

// ConsoleOptions configures a Console.
type ConsoleOptions struct {
	// User to act as at start (created on demand); default "member".
	User string
	// Channel to act in at start (name or id); default the first guild's first text channel.
	Channel string
	// IsError reports whether a bot message is an error reply; Run fails when any was seen.
	IsError func(*discordgo.Message) bool
	// Interactive prompts for commands and for modal fields the script does not fill.
	Interactive bool
	// ReplyTimeout bounds the wait for an initial response; default 5s.
	ReplyTimeout time.Duration
	// Quiet is how long the bot must stay silent before the console moves on; default 300ms.
	Quiet time.Duration
	// Clock, when set, is the clock the bot, its database and the server share: the clock
	// command shows it and moves it forward.
	Clock *Clock
	// RunDue does the bot's background work that is due at the clock's time (its scheduler
	// sweeps). The clock command calls it at every step as it moves the clock.
	RunDue func(ctx context.Context) error
	// ClockStep is how far the clock command moves the clock between two RunDue calls;
	// default one minute, as often as the bot's scheduler ticks. Moves longer than
	// MaxClockSteps steps take longer steps.
	ClockStep time.Duration
	// FilesDir, when set, is the folder where the attachments of the messages shown (the
	// /profile picture, exports) are saved; the console prints each file's path.
	FilesDir string
}

// MaxClockSteps bounds the RunDue calls of one clock command (a week of one-minute
// steps): a longer move takes proportionally longer steps.
const MaxClockSteps = 7 * 24 * 60

// Console drives the server from a script or a terminal, for `prepcord try`:
//
//	/question company:tiktok difficulty:medium   run a slash command
//	click Solution                               press a button (by label) on the last message shown
//	select <option label>...                     choose in the select menu of the last message shown
//	modal field=value ...                        submit the form the bot just showed
//	as user2 | as admin                          switch user (admin has Manage Server)
//	as user2 /mock topic:behavioral              run one line as another user
//	as user2 modal field=value ...               submit the form user2 has open
//	role @mock-rounds | role -@mock-rounds       give yourself a role, or take it away
//	say <text>                                   post a message in the current channel or thread
//	in #channel | in thread [name] | in dm       move (a thread by name, a part of it, or the newest)
//	wait 2s                                      let time pass, then show what the bot posted
//	clock | clock +25h | clock 2026-12-03 09:00  show the bot's clock, or move it forward
//	help, quit
//
// It prints every reply and every message the bot posts, and threads it creates.
type Console struct {
	srv  *Server
	in   *bufio.Reader
	out  io.Writer
	opts ConsoleOptions

	user     string
	channel  string // id
	dm       bool
	seen     map[string]string // message id -> last shown edit stamp
	threads  map[string]bool
	shown    []*discordgo.Message // messages shown, oldest first
	violSeen int
	errors   int
	saved    map[string]string // attachment id -> path it was saved to
	startErr error             // switching to ConsoleOptions.User failed
	// forms are the forms (modals) open on each user's screen, by lower-case username:
	// the custom_id of the one the bot showed them last. Submitting closes it.
	forms    map[string]string
	lastForm string // the user whose form was shown last
	asInline bool   // the line runs under "as USER ...": a bare modal means USER's form
}

// NewConsole returns a console reading commands from in and writing to out.
func NewConsole(srv *Server, in io.Reader, out io.Writer, opts ConsoleOptions) *Console {
	if opts.User == "" {
		opts.User = "member"
	}
	if opts.ReplyTimeout <= 0 {
		opts.ReplyTimeout = 5 * time.Second
	}
	if opts.Quiet <= 0 {
		opts.Quiet = 300 * time.Millisecond
	}
	if opts.ClockStep <= 0 {
		opts.ClockStep = time.Minute
	}
	c := &Console{srv: srv, in: bufio.NewReader(in), out: out, opts: opts,
		seen: map[string]string{}, threads: map[string]bool{}, saved: map[string]string{}, forms: map[string]string{}}
	// The first user is set up as "as USER" would: "admin" gets Manage Server.
	c.startErr = c.as(opts.User)
	if g := srv.DefaultGuild(); g != nil {
		name := opts.Channel
		if name == "" {
			name = "general"
			if ch := srv.ChannelByName(g.ID, name); ch == nil {
				name = g.SystemChannelID
			}
		}
		if ch := srv.ChannelByName(g.ID, name); ch != nil {
			c.channel = ch.ID
		}
	}
	return c
}

// Run executes commands until the input ends, quit, or ctx ends. It returns an error when
// a reply was an error reply (opts.IsError), the bot did not answer, or a violation was
// recorded; the script still runs to its end first.
func (c *Console) Run(ctx context.Context) error {
	if c.startErr != nil {
		return fmt.Errorf("acting as %q: %w", c.opts.User, c.startErr)
	}
	var failures []string
	for {
		if c.opts.Interactive {
			fmt.Fprintf(c.out, "%s %s> ", c.user, c.where())
		}
		line, err := c.in.ReadString('\n')
		line = strings.TrimSpace(line)
		if line != "" && !strings.HasPrefix(line, "#") {
			if !c.opts.Interactive {
				fmt.Fprintf(c.out, "\n%s %s> %s\n", c.user, c.where(), line)
			}
			quit, cerr := c.exec(ctx, line)
			if cerr != nil {
				fmt.Fprintf(c.out, "! %v\n", cerr)
				failures = append(failures, line+": "+cerr.Error())
			}
			if quit {
				break
			}
		}
		if err != nil || ctx.Err() != nil {
			break
		}
	}
	c.flush(ctx)
	if c.errors > 0 {
		failures = append(failures, fmt.Sprintf("%d error replies", c.errors))
	}
	if len(failures) > 0 {
		return errors.New(strings.Join(failures, "; "))
	}
	return nil
}

func (c *Console) where() string {
	if c.dm {
		return "in DM"
	}
	if ch := c.srv.Channel(c.channel); ch != nil {
		return "#" + ch.Name
	}
	return ""
}

const consoleHelp = `commands:
  /command name:value ...   run a slash command (quote values with spaces: company:"tik tok")
  click <label>             press a button on the last message shown
  select <option>...        choose options in the last message's select menu (labels as shown)
  modal field=value ...     submit the form the bot showed last, as whoever opened it
                            (field by id or label; quote values with spaces: notes="well done")
  as <user>                 act as another user; "as admin" has Manage Server
  as <user> <command>       run one command as another user, e.g. as user2 modal ...
  role @name | role -@name  give yourself a role, or take it away; "role" lists them
  say <text>                post a message here
  in #channel | in thread [name] | in dm     (a thread by name or a part of it; the newest without)
  wait <duration>           e.g. wait 2s
  clock                     show the bot's clock
  clock +25h | +30m | +1d   move the bot's clock forward; what falls due meanwhile
                            (daily posts, reveals, queue expiry, reminders, rounds) happens
  clock 2026-12-03 09:00 [Europe/London]   move it forward to a date and time (UTC by default)
  help, quit`

// exec runs one command line.
func (c *Console) exec(ctx context.Context, line string) (quit bool, err error) {
	verb, rest, _ := strings.Cut(line, " ")
	rest = strings.TrimSpace(rest)
	switch {
	case strings.HasPrefix(line, "/"):
		channel := c.channel
		if c.dm {
			channel = "dm"
		}
		cmd, err := c.srv.ParseCommandIn(channel, line)
		if err != nil {
			return false, err
		}
		cmd.User = c.user
		return false, c.interact(ctx, func(ctx context.Context) (*Interaction, error) { return c.srv.Slash(ctx, cmd) })
	case verb == "click":
		m := c.lastWith(func(m *discordgo.Message) bool { return findButton(m, rest) != "" })
		if m == nil {
			return false, fmt.Errorf("no button %q on the messages shown", rest)
		}
		return false, c.interact(ctx, func(ctx context.Context) (*Interaction, error) {
			return c.srv.Click(ctx, c.user, m, findButton(m, rest))
		})
	case verb == "select":
		m := c.lastWith(func(m *discordgo.Message) bool { return findSelect(m) != "" })
		if m == nil {
			return false, errors.New("no select menu on the messages shown")
		}
		values, err := selectValues(m, rest)
		if err != nil {
			return false, err
		}
		return false, c.interact(ctx, func(ctx context.Context) (*Interaction, error) {
			return c.srv.Select(ctx, c.user, m, findSelect(m), values...)
		})
	case verb == "modal":
		return false, c.submitModal(ctx, rest)
	case verb == "as":
		// "as user2" switches user; "as user2 /mock topic:behavioral" runs
		// one line as user2 and switches back.
		name, line, inline := strings.Cut(strings.TrimSpace(rest), " ")
		if !inline {
			return false, c.as(name)
		}
		prev, prevInline := c.user, c.asInline
		if err := c.as(name); err != nil {
			return false, err
		}
		c.asInline = true
		defer func() { c.user, c.asInline = prev, prevInline }()
		return c.exec(ctx, strings.TrimSpace(line))
	case verb == "role":
		return false, c.role(rest)
	case verb == "say":
		target := c.channel
		if c.dm {
			return false, errors.New("say works in guild channels and threads")
		}
		if _, err := c.srv.Say(c.user, target, rest); err != nil {
			return false, err
		}
		c.flush(ctx)
		return false, nil
	case verb == "in":
		return false, c.move(rest)
	case verb == "wait":
		d, err := time.ParseDuration(rest)
		if err != nil {
			return false, err
		}
		select {
		case <-time.After(d):
		case <-ctx.Done():
		}
		c.flush(ctx)
		return false, nil
	case verb == "clock":
		return false, c.clock(ctx, rest)
	case verb == "help":
		fmt.Fprintln(c.out, consoleHelp)
		return false, nil
	case verb == "quit" || verb == "exit":
		return true, nil
	}
	return false, fmt.Errorf("unknown command %q (try help)", verb)
}

// interact sends an interaction, waits for the response and shows what followed.
func (c *Console) interact(ctx context.Context, send func(context.Context) (*Interaction, error)) error {
	in, err := send(ctx)
	if err != nil {
		return err
	}
	wctx, cancel := context.WithTimeout(ctx, c.opts.ReplyTimeout)
	defer cancel()
	resp, err := in.Wait(wctx)
	if err != nil {
		c.errors++
		c.flush(ctx)
		return errors.New("the bot did not respond (Discord shows \"The application did not respond\")")
	}
	switch resp.Type {
	case discordgo.InteractionResponseModal:
		if id, _, _, ok := c.srv.Modal(c.user); ok {
			c.forms[strings.ToLower(c.user)] = id
			c.lastForm = strings.ToLower(c.user)
		}
		c.showModal()
		if c.opts.Interactive {
			return c.promptModal(ctx)
		}
	case discordgo.InteractionResponseDeferredChannelMessageWithSource, discordgo.InteractionResponseDeferredMessageUpdate:
		_, _ = in.WaitMessage(wctx)
	}
	c.flush(ctx)
	return nil
}

// clock shows the bot's clock, or moves it forward to the time arg names in steps of
// opts.ClockStep, running the bot's due work at every step and printing what it posted
// under the time it happened.
func (c *Console) clock(ctx context.Context, arg string) error {
	if c.opts.Clock == nil {
		return errors.New("this console has no clock to move")
	}
	now := c.opts.Clock.Now()
	if arg == "" {
		fmt.Fprintf(c.out, "── clock: %s\n", FormatClock(now))
		return nil
	}
	target, err := ParseClockTarget(arg, now)
	if err != nil {
		return err
	}
	if !target.After(now) {
		return fmt.Errorf("%w: %s is not after the bot's clock, %s", ErrClockBackwards, FormatClock(target), FormatClock(now))
	}
	c.flush(ctx)
	step := c.opts.ClockStep
	if span := target.Sub(now); span > step*MaxClockSteps {
		step = (span/MaxClockSteps + time.Minute - 1).Truncate(time.Minute)
		fmt.Fprintf(c.out, "── (a long move: the bot's work runs every %s of it, so a daily post may count as late)\n", step)
	}
	fmt.Fprintf(c.out, "── clock: %s → %s\n", FormatClock(now), FormatClock(target))
	var firstErr error
	for t := now; t.Before(target) && ctx.Err() == nil; {
		t = t.Add(step)
		if t.After(target) {
			t = target
		}
		// Real time keeps running meanwhile: a step it already passed is not set back.
		if err := c.opts.Clock.Set(t); err != nil && !errors.Is(err, ErrClockBackwards) {
			return err
		}
		before := c.srv.activity()
		if c.opts.RunDue != nil {
			if err := c.opts.RunDue(ctx); err != nil && firstErr == nil {
				firstErr = fmt.Errorf("the bot's background work at %s: %w", FormatClock(t), err)
			}
		}
		if c.srv.activity() != before {
			fmt.Fprintf(c.out, "── %s\n", FormatClock(t))
			c.flush(ctx)
		}
	}
	fmt.Fprintf(c.out, "── clock: now %s\n", FormatClock(c.opts.Clock.Now()))
	return firstErr
}

func (c *Console) showModal() {
	id, title, fields, ok := c.srv.Modal(c.user)
	if !ok {
		return
	}
	fmt.Fprintf(c.out, "── modal %q (%s)\n", title, id)
	for _, f := range fields {
		req := ""
		if f.Required {
			req = " *"
		}
		fmt.Fprintf(c.out, "  %s [%s]%s %s\n", f.Label, f.CustomID, req, f.Placeholder)
	}
	if !c.opts.Interactive {
		fmt.Fprintln(c.out, "  (answer with: modal field=value ...)")
	}
}

// promptModal asks for each field of the modal on the console's input.
func (c *Console) promptModal(ctx context.Context) error {
	_, _, fields, ok := c.srv.Modal(c.user)
	if !ok {
		return ErrNoModal
	}
	values := map[string]string{}
	for _, f := range fields {
		fmt.Fprintf(c.out, "  %s: ", f.Label)
		v, err := c.in.ReadString('\n')
		v = strings.TrimRight(v, "\r\n")
		if v != "" {
			values[f.CustomID] = v
		}
		if err != nil {
			break
		}
	}
	return c.submitForm(ctx, c.user, values)
}

// formUser picks whose form a modal command submits: under "as USER", USER's; otherwise
// the form shown last while it is open (whoever opened it), else the current user's.
func (c *Console) formUser() (string, error) {
	me := strings.ToLower(c.user)
	if !c.asInline {
		if _, open := c.forms[c.lastForm]; open {
			return c.lastForm, nil
		}
	}
	if _, open := c.forms[me]; open {
		return me, nil
	}
	if c.asInline || len(c.forms) == 0 {
		return "", fmt.Errorf("%s has no form open: press a button that opens one first (e.g. click Give feedback)", c.user)
	}
	return "", fmt.Errorf("%s has no form open (%s do: use as NAME modal ...)", c.user, strings.Join(sortedKeys(c.forms), ", "))
}

// submitForm submits the form open for user with values; a form the server accepted
// is closed, as Discord closes a modal once it is sent.
func (c *Console) submitForm(ctx context.Context, user string, values map[string]string) error {
	key := strings.ToLower(user)
	id, ok := c.forms[key]
	if !ok {
		return ErrNoModal
	}
	if key != strings.ToLower(c.user) {
		fmt.Fprintf(c.out, "   (submitted by %s, who opened this form)\n", user)
	}
	return c.interact(ctx, func(ctx context.Context) (*Interaction, error) {
		in, err := c.srv.SubmitModal(ctx, user, id, values)
		if err == nil {
			delete(c.forms, key)
		}
		return in, err
	})
}

func (c *Console) submitModal(ctx context.Context, rest string) error {
	user, err := c.formUser()
	if err != nil {
		return err
	}
	toks, err := tokenize(rest)
	if err != nil {
		return err
	}
	values := map[string]string{}
	for _, t := range toks {
		k, v, found := strings.Cut(t, "=")
		if !found {
			return fmt.Errorf("write field=value, not %q", t)
		}
		values[k] = v
	}
	return c.submitForm(ctx, user, values)
}

// role gives the current user a role ("@name" or "name"), takes it away ("-@name"), or,
// with no argument, lists the server's roles and marks the user's.
func (c *Console) role(arg string) error {
	g := c.srv.DefaultGuild()
	u := c.srv.User(c.user)
	if g == nil || u == nil {
		return errors.New("no server to have roles in")
	}
	if arg == "" {
		m := c.srv.Member(g.ID, u.ID)
		var names []string
		for _, r := range c.srv.Roles(g.ID) {
			if r.ID == g.ID || r.Managed {
				continue
			}
			mark := ""
			if m != nil && slices.Contains(m.Roles, r.ID) {
				mark = " (you)"
			}
			names = append(names, "@"+r.Name+mark)
		}
		fmt.Fprintf(c.out, "── roles: %s\n", strings.Join(names, ", "))
		return nil
	}
	take := strings.HasPrefix(arg, "-")
	name := strings.TrimPrefix(strings.TrimPrefix(arg, "-"), "@")
	r := c.srv.Role(g.ID, name)
	if r == nil || r.ID == g.ID || r.Managed {
		return fmt.Errorf("no role @%s to give (role lists them)", name)
	}
	if take {
		if err := c.srv.RemoveMemberRole(g.ID, u.ID, r.ID); err != nil {
			return err
		}
		fmt.Fprintf(c.out, "── %s no longer has @%s\n", c.user, r.Name)
		return nil
	}
	if _, err := c.srv.AddMember(g.ID, u.ID, r.ID); err != nil {
		return err
	}
	fmt.Fprintf(c.out, "── %s now has @%s\n", c.user, r.Name)
	return nil
}

// as switches user; "admin" gets the Admin role (Manage Server) in every guild.
func (c *Console) as(name string) error {
	if name == "" {
		return errors.New("as whom?")
	}
	u := c.srv.AddUser(name)
	if strings.EqualFold(name, "admin") {
		for _, g := range c.srv.Guilds() {
			if r := c.srv.Role(g.ID, "Admin"); r != nil {
				if _, err := c.srv.AddMember(g.ID, u.ID, r.ID); err != nil {
					return err
				}
			}
		}
	}
	c.user = u.Username
	return nil
}

func (c *Console) move(where string) error {
	g := c.srv.DefaultGuild()
	switch {
	case strings.EqualFold(where, "dm"):
		c.dm = true
		return nil
	case where == "thread" || strings.HasPrefix(where, "thread "):
		name := strings.TrimSpace(strings.TrimPrefix(where, "thread"))
		threads := c.srv.Threads()
		// The name exactly, else the newest thread whose name holds it.
		for _, th := range slices.Backward(threads) {
			if strings.EqualFold(th.Name, name) || th.ID == name {
				c.channel, c.dm = th.ID, false
				return nil
			}
		}
		for _, th := range slices.Backward(threads) {
			if strings.Contains(strings.ToLower(th.Name), strings.ToLower(name)) {
				c.channel, c.dm = th.ID, false
				return nil
			}
		}
		return fmt.Errorf("no thread %q", name)
	}
	if g == nil {
		return errors.New("no guild")
	}
	ch := c.srv.ChannelByName(g.ID, where)
	if ch == nil {
		return fmt.Errorf("no channel %q", where)
	}
	c.channel, c.dm = ch.ID, false
	return nil
}

// lastWith finds the newest shown message matching f.
func (c *Console) lastWith(f func(*discordgo.Message) bool) *discordgo.Message {
	for i := len(c.shown) - 1; i >= 0; i-- {
		// Use the current version: the message may have been edited since.
		m := c.srv.Message(c.shown[i].ID)
		if m != nil && f(m) {
			return m
		}
	}
	return nil
}

func findButton(m *discordgo.Message, label string) string {
	for _, row := range m.Components {
		r, ok := row.(*discordgo.ActionsRow)
		if !ok {
			continue
		}
		for _, it := range r.Components {
			if b, ok := it.(*discordgo.Button); ok && b.CustomID != "" && !b.Disabled && strings.EqualFold(b.Label, label) {
				return b.CustomID
			}
		}
	}
	return ""
}

// selectValues reads the options chosen with a select command. Labels may have spaces
// without quotes ("select Product Manager"): words are joined into the longest option
// label (or value) of the menu they spell.
func selectValues(m *discordgo.Message, rest string) ([]string, error) {
	toks, err := tokenize(rest)
	if err != nil {
		return nil, err
	}
	var menu *discordgo.SelectMenu
	for _, row := range m.Components {
		if r, ok := row.(*discordgo.ActionsRow); ok {
			for _, it := range r.Components {
				if s, ok := it.(*discordgo.SelectMenu); ok && !s.Disabled && menu == nil {
					menu = s
				}
			}
		}
	}
	if menu == nil || len(menu.Options) == 0 {
		return toks, nil
	}
	isOption := func(v string) bool {
		for _, o := range menu.Options {
			if strings.EqualFold(o.Label, v) || o.Value == v {
				return true
			}
		}
		return false
	}
	var out []string
	for i := 0; i < len(toks); {
		j := i + 1
		for k := len(toks); k > i+1; k-- {
			if isOption(strings.Join(toks[i:k], " ")) {
				j = k
				break
			}
		}
		out = append(out, strings.Join(toks[i:j], " "))
		i = j
	}
	return out, nil
}

func findSelect(m *discordgo.Message) string {
	for _, row := range m.Components {
		r, ok := row.(*discordgo.ActionsRow)
		if !ok {
			continue
		}
		for _, it := range r.Components {
			if s, ok := it.(*discordgo.SelectMenu); ok && !s.Disabled {
				return s.CustomID
			}
		}
	}
	return ""
}

// flush waits until the bot has been quiet for opts.Quiet, then prints new and edited
// messages, new threads and new violations.
func (c *Console) flush(ctx context.Context) {
	deadline := time.Now().Add(c.opts.ReplyTimeout)
	last := c.srv.activity()
	for time.Now().Before(deadline) && ctx.Err() == nil {
		time.Sleep(c.opts.Quiet / 3)
		now := c.srv.activity()
		if now == last && time.Since(c.srv.lastActivity()) >= c.opts.Quiet {
			break
		}
		last = now
	}
	for _, th := range c.srv.Threads() {
		if !c.threads[th.ID] {
			c.threads[th.ID] = true
			kind := "public"
			if th.Type == discordgo.ChannelTypeGuildPrivateThread {
				kind = "private"
			}
			var names []string
			for _, id := range c.srv.ThreadMembers(th.ID) {
				if u := c.srv.User(id); u != nil {
					names = append(names, u.Username)
				}
			}
			fmt.Fprintf(c.out, "── 🧵 %s thread %q created (members: %s)\n", kind, th.Name, strings.Join(names, ", "))
		}
	}
	for _, m := range c.srv.botMessages() {
		stamp := ""
		if m.EditedTimestamp != nil {
			stamp = m.EditedTimestamp.String()
		}
		if m.Flags&discordgo.MessageFlagsLoading != 0 {
			stamp = "loading"
		}
		if prev, ok := c.seen[m.ID]; ok && prev == stamp {
			continue
		}
		c.seen[m.ID] = stamp
		if ch := c.srv.Channel(m.ChannelID); ch != nil && ch.ID != c.channel && !c.dm {
			fmt.Fprintf(c.out, "   (in %s)\n", channelLabel(ch))
		}
		var text strings.Builder
		_ = Render(&text, m)
		io.WriteString(c.out, c.readable(text.String()))
		c.saveAttachments(m)
		c.shown = append(c.shown, m)
		if c.opts.IsError != nil && m.Flags&discordgo.MessageFlagsLoading == 0 && c.opts.IsError(m) {
			c.errors++
		}
	}
	v := c.srv.Violations()
	for _, x := range v[c.violSeen:] {
		fmt.Fprintf(c.out, "⚠ Discord would reject this: %s\n", x)
		c.errors++
	}
	c.violSeen = len(v)
}

// saveAttachments writes the attachments of a message to opts.FilesDir, once each, and
// prints where they are.
func (c *Console) saveAttachments(m *discordgo.Message) {
	if c.opts.FilesDir == "" {
		return
	}
	for _, a := range m.Attachments {
		if path, done := c.saved[a.ID]; done {
			fmt.Fprintf(c.out, "  💾 %s\n", path)
			continue
		}
		f, ok := c.srv.Attachment(a.ID)
		if !ok {
			continue
		}
		path, err := saveNew(c.opts.FilesDir, a.Filename, f.Data)
		if err != nil {
			fmt.Fprintf(c.out, "! saving %s: %v\n", a.Filename, err)
			continue
		}
		c.saved[a.ID] = path
		fmt.Fprintf(c.out, "  💾 saved as %s\n", path)
	}
}

// saveNew writes data to a new file named after name in dir: name itself, or name-2,
// name-3 ... (before the extension) when that is taken. Only the base of name is used.
func saveNew(dir, name string, data []byte) (string, error) {
	name = filepath.Base(filepath.Clean("/" + strings.ReplaceAll(name, "\\", "/")))
	if name == "/" || name == "." {
		name = "attachment"
	}
	ext := filepath.Ext(name)
	stem := strings.TrimSuffix(name, ext)
	for i := 1; ; i++ {
		candidate := name
		if i > 1 {
			candidate = fmt.Sprintf("%s-%d%s", stem, i, ext)
		}
		path := filepath.Join(dir, candidate)
		f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
		if errors.Is(err, fs.ErrExist) {
			continue
		}
		if err != nil {
			return "", err
		}
		_, err = f.Write(data)
		if cerr := f.Close(); err == nil {
			err = cerr
		}
		if err != nil {
			os.Remove(path)
			return "", err
		}
		return path, nil
	}
}

// markupRE matches the mention and timestamp markup Discord draws: <@id>, <@!id>,
// <@&role>, <#channel>, <t:unix> and <t:unix:style>.
var markupRE = regexp.MustCompile(`<(@!?|@&|#|t:)(\d+)(:[tTdDfFR])?>`)

// readable draws mentions and timestamps as a Discord client shows them: @name, #name
// and the time (as the clock command writes it). Unknown ids stay as written.
func (c *Console) readable(text string) string {
	guild := ""
	if g := c.srv.DefaultGuild(); g != nil {
		guild = g.ID
	}
	return markupRE.ReplaceAllStringFunc(text, func(tag string) string {
		sub := markupRE.FindStringSubmatch(tag)
		kind, id := sub[1], sub[2]
		switch kind {
		case "@", "@!":
			if u := c.srv.User(id); u != nil {
				return "@" + u.Username
			}
		case "@&":
			if r := c.srv.Role(guild, id); r != nil {
				return "@" + r.Name
			}
		case "#":
			if ch := c.srv.Channel(id); ch != nil {
				return "#" + ch.Name
			}
		case "t:":
			if sec, err := strconv.ParseInt(id, 10, 64); err == nil {
				if sub[3] == ":R" {
					return relativeTime(time.Unix(sec, 0).Sub(c.srv.now()))
				}
				return FormatClock(time.Unix(sec, 0))
			}
		}
		return tag
	})
}

// relativeTime writes d as Discord's relative timestamps do: "in 3 hours", "2 days ago".
func relativeTime(d time.Duration) string {
	ago := d < 0
	if ago {
		d = -d
	}
	n, unit := int64(d/time.Second), "second"
	for _, u := range []struct {
		size time.Duration
		name string
	}{{24 * time.Hour, "day"}, {time.Hour, "hour"}, {time.Minute, "minute"}} {
		if d >= u.size {
			n, unit = int64((d+u.size/2)/u.size), u.name
			break
		}
	}
	if n != 1 {
		unit += "s"
	}
	if ago {
		return fmt.Sprintf("%d %s ago", n, unit)
	}
	return fmt.Sprintf("in %d %s", n, unit)
}

func channelLabel(ch *discordgo.Channel) string {
	switch {
	case ch.Type == discordgo.ChannelTypeDM && len(ch.Recipients) > 0:
		return "DM to " + ch.Recipients[0].Username
	case ch.Type == discordgo.ChannelTypeDM:
		return "DM"
	case ch.IsThread():
		return "thread " + ch.Name
	}
	return "#" + ch.Name
}
