package main

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"net"
	"os"
	"path/filepath"
	"strconv"
	"time"

	"github.com/prepcord/prepcord/bot"
	"github.com/prepcord/prepcord/bot/discordtest"
	"github.com/prepcord/prepcord/store"
)

const tryBanner = `prepcord try: the real bot, talking to a Discord that lives in this process.
Type slash commands as in Discord, e.g.
  /question company:tiktok difficulty:medium
  click Solution          (press a button by its label)
  as admin                (act as a member with Manage Server; "as user2" for anyone else)
  /daily setup channel:#general time:09:00 timezone:Europe/London
  clock +25h              (move the bot's clock forward: what falls due meanwhile happens)
  channels #general #daily #mock #review, roles @members @mock-rounds ("role @mock-rounds" to get one)
  help, quit
`

func cmdTry(ctx context.Context, e *env, args []string) error {
	fs := newFlags(e, "try", "try [--db FILE] [--as USER] [--clock TIME] [--files DIR]   (commands from standard input; a script file works: prepcord try < script.txt)")
	db := fs.String("db", "", "database file to keep (default: a temporary one, removed afterwards)")
	user := fs.String("as", "member", "the member you act as at the start")
	start := fs.String("clock", "", `the bot's clock at the start, e.g. "2026-11-30 08:00 Europe/London" (default: now); the clock command moves it on`)
	webOn := fs.Bool("web", false, "also serve the web companion against this loopback Discord (at WEB_ADDR, default a free port on 127.0.0.1): public bank pages and login with Discord, approved as the --as member (--as admin opens the admin pages)")
	files := fs.String("files", "", "folder for the attachments the bot sends (/profile picture, /bank export) (default: a new temporary folder, kept when not empty)")
	if _, err := parseFlags(fs, args); err != nil {
		return err
	}
	var startAt time.Time
	if *start != "" {
		t, err := discordtest.ParseClockTarget(*start, time.Now())
		if err != nil {
			return usageError{"--clock: " + err.Error()}
		}
		startAt = t
	}
	clock := discordtest.NewClock(startAt)
	cfg, err := loadConfig(e.getenv)
	if err != nil {
		return err
	}
	if *db == "" {
		dir, err := os.MkdirTemp("", "prepcord-try-*")
		if err != nil {
			return err
		}
		defer os.RemoveAll(dir)
		*db = filepath.Join(dir, "try.db")
	}
	cfg.DatabasePath = *db
	cfg.DatabaseURL = "" // try keeps its rehearsal in its own SQLite file
	cfg.GuildID = ""
	// Stable ids: settings a run with --db makes (a daily channel, a role
	// to ping) name the same channel and role in the next run.
	srv := discordtest.New(discordtest.Options{Now: clock.Now, StableIDs: true, Guilds: []discordtest.GuildSpec{tryGuild()}})
	defer srv.Close()
	cfg.Token = srv.Token()
	var webLn net.Listener
	if *webOn {
		// The site listens before the bot is built, so that what the bot
		// says of it (question embeds' links, /bank publish) has its address.
		if webLn, err = listenWeb(cmp.Or(cfg.WebAddr, "127.0.0.1:0")); err != nil {
			return err
		}
		defer webLn.Close()
		cfg.WebAddr = webLn.Addr().String()
		cfg.PublicURL, cfg.PublicBank = "http://"+cfg.WebAddr, true
	}
	log := cfg.quietLogger(e.stderr)
	a, err := openApp(ctx, cfg, log, appOverrides{APIURL: srv.APIURL(), Now: clock.Now})
	if err != nil {
		return err
	}
	defer a.Close()
	resumed, err := resumeTryClock(ctx, a.store, clock, *start != "")
	if err != nil {
		return err
	}
	defer func() {
		if err := a.store.SetMeta(context.WithoutCancel(ctx), tryClockKey, strconv.FormatInt(clock.Now().UnixMilli(), 10)); err != nil {
			log.Warn("saving the clock", "err", err)
		}
	}()

	runCtx, stop := context.WithCancel(ctx)
	defer stop()
	runErr := make(chan error, 1)
	go func() { runErr <- a.bot.Run(runCtx) }()
	select {
	case <-a.bot.Started():
	case err := <-runErr:
		return fmt.Errorf("the bot did not start: %w", err)
	case <-time.After(30 * time.Second):
		return errors.New("the bot did not start within 30 seconds")
	}
	if *webOn {
		wl, err := a.startTryWeb(runCtx, cfg, srv, webLn, *user, clock.Now)
		if err != nil {
			return err
		}
		defer func() { stop(); _ = wl.wait() }()
		fmt.Fprintf(e.stdout, "The web companion is at http://%s/ (Log in with Discord approves you as %s).\n", wl.addr, *user)
	}
	filesDir, removeFiles, err := tryFilesDir(*files)
	if err != nil {
		return err
	}
	defer removeFiles()
	interactive := isTerminalReader(e.stdin)
	if interactive {
		fmt.Fprint(e.stdout, tryBanner)
	}
	if resumed {
		fmt.Fprintf(e.stdout, "The clock resumes at %s, where the last run with this database left it.\n", discordtest.FormatClock(clock.Now()))
	}
	fmt.Fprintf(e.stdout, "Attachments the bot sends are saved in %s\n", filesDir)
	console := discordtest.NewConsole(srv, e.stdin, e.stdout, discordtest.ConsoleOptions{
		User: *user, IsError: bot.IsErrorMessage, Interactive: interactive,
		Clock: clock, RunDue: a.bot.RunDue, FilesDir: filesDir,
	})
	cerr := console.Run(ctx)
	stop()
	if err := <-runErr; err != nil && !errors.Is(err, context.Canceled) {
		log.Warn("bot stopped", "err", err)
	}
	return cerr
}

// startTryWeb serves the web companion on ln against the loopback Discord:
// the public bank on, and login approved as user with the loopback's OAuth2.
func (a *app) startTryWeb(ctx context.Context, cfg *Config, srv *discordtest.Server, ln net.Listener, user string, now func() time.Time) (*webListener, error) {
	srv.SetOAuth2User(user)
	return a.startWeb(ctx, cfg, ln, webOptions{
		APIURL: srv.APIURL(), ClientID: srv.ApplicationID(), Secret: srv.ClientSecret(), Now: now,
	})
}

// tryGuild is the server try builds: a channel for each thing prepcord
// posts (named in options as channel:#daily), and roles to ping or to
// require (role:@members, ping:@members; "role @mock-rounds" in the
// console gives one to the member you act as).
func tryGuild() discordtest.GuildSpec {
	return discordtest.GuildSpec{
		Name: "Prep Community",
		Channels: []discordtest.ChannelSpec{
			{Name: "general"}, {Name: "daily"}, {Name: "mock"}, {Name: "review"},
		},
		Roles: []discordtest.RoleSpec{
			{Name: "members", Mentionable: true}, {Name: "mock-rounds", Mentionable: true},
		},
	}
}

// tryClockKey is the meta key where try keeps its clock (unix ms) when it
// ends, so that a database's time never goes back.
const tryClockKey = "try_clock"

// resumeTryClock moves the clock forward to where the last try with this
// database left it, when that is later; it reports whether it did. With
// an explicit --clock (explicit), an earlier start is an error instead:
// the database has seen later times, and its posts, streaks and queues
// would be read out of order.
func resumeTryClock(ctx context.Context, st *store.Store, clock *discordtest.Clock, explicit bool) (bool, error) {
	raw, err := st.Meta(ctx, tryClockKey)
	if err != nil || raw == "" {
		return false, err
	}
	ms, err := strconv.ParseInt(raw, 10, 64)
	if err != nil {
		return false, nil // unreadable: start where asked
	}
	last := time.UnixMilli(ms)
	if !last.After(clock.Now()) {
		return false, nil
	}
	if explicit {
		return false, fmt.Errorf("--clock %s is before %s, where the last run with this database left the clock: time only moves forward in a try database (start later, leave --clock out, or use another --db)",
			discordtest.FormatClock(clock.Now()), discordtest.FormatClock(last))
	}
	return true, clock.Set(last)
}

// tryFilesDir returns the folder for try's attachments: dir, created when
// missing, or a new temporary folder. The returned func removes a
// temporary folder that stayed empty.
func tryFilesDir(dir string) (string, func(), error) {
	if dir != "" {
		if err := os.MkdirAll(dir, 0o700); err != nil {
			return "", nil, fmt.Errorf("--files: %w", err)
		}
		abs, err := filepath.Abs(dir)
		if err != nil {
			return "", nil, fmt.Errorf("--files: %w", err)
		}
		return abs, func() {}, nil
	}
	tmp, err := os.MkdirTemp("", "prepcord-try-files-*")
	if err != nil {
		return "", nil, err
	}
	// os.Remove removes only an empty folder: saved files stay to be opened.
	return tmp, func() { _ = os.Remove(tmp) }, nil
}

func isTerminalReader(r any) bool {
	f, ok := r.(*os.File)
	return ok && isTerminal(f)
}
