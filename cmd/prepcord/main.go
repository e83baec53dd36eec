// Command prepcord runs the prepcord Discord bot and its offline tools.
//
//	prepcord [run]          run the bot (needs DISCORD_TOKEN)
//	prepcord try            try the bot locally against a built-in Discord, no account needed
//	prepcord questions      list questions from the bank
//	prepcord import FILE    import questions from YAML, JSON or CSV
//	prepcord export         export the bank
//	prepcord invite         print the invite URL for your bot
//	prepcord backup FILE    copy the live database safely
//	prepcord version        print the version
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"syscall"
	_ "time/tzdata" // zone data for slim images without /usr/share/zoneinfo
)

// version is set at build time with -ldflags "-X main.version=…".
var version = "dev"

// errUsage marks bad command-line usage: exit code 2.
var errUsage = errors.New("usage")

// usageError is bad usage with a message.
type usageError struct{ msg string }

func (e usageError) Error() string { return e.msg }
func (e usageError) Is(target error) bool {
	return target == errUsage
}

// env is what a subcommand gets from the process.
type env struct {
	stdin          io.Reader
	stdout, stderr io.Writer
	getenv         func(string) string
}

type subcommand struct {
	name, summary string
	run           func(ctx context.Context, e *env, args []string) error
}

func subcommands() []subcommand {
	return []subcommand{
		{"run", "run the bot (default; needs DISCORD_TOKEN)", cmdRun},
		{"try", "try prepcord locally against a built-in Discord (no account or token needed)", cmdTry},
		{"questions", "list questions from the bank", cmdQuestions},
		{"import", "import questions from a YAML, JSON or CSV file", cmdImport},
		{"export", "export the question bank as YAML, JSON or CSV", cmdExport},
		{"invite", "print the URL that adds your bot to a server", cmdInvite},
		{"backup", "write a consistent copy of the database while the bot runs", cmdBackup},
		{"copy-db", "copy a database into an empty one, SQLite to PostgreSQL or back (stop the bot first)", cmdCopyDB},
		{"version", "print the version", cmdVersion},
	}
}

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	code := runCLI(ctx, os.Args[1:], &env{stdin: os.Stdin, stdout: os.Stdout, stderr: os.Stderr, getenv: os.Getenv})
	stop()
	os.Exit(code)
}

// runCLI runs one subcommand and returns the process exit code: 0 on
// success, 2 on bad usage, 1 on failure, with one clear line on stderr.
func runCLI(ctx context.Context, args []string, e *env) int {
	if err := loadDotEnv(".env"); err != nil {
		e.printErr("prepcord:", err)
		return 1
	}
	name := "run"
	if len(args) > 0 {
		switch args[0] {
		case "-h", "-help", "--help", "help":
			printUsage(e.stdout)
			return 0
		case "-version", "--version":
			name, args = "version", args[1:]
		default:
			if args[0] != "" && args[0][0] != '-' {
				name, args = args[0], args[1:]
			}
		}
	}
	for _, sc := range subcommands() {
		if sc.name != name {
			continue
		}
		err := sc.run(ctx, e, args)
		switch {
		case err == nil:
			return 0
		case errors.Is(err, flag.ErrHelp):
			return 0
		case errors.Is(err, errUsage):
			e.printErr("prepcord "+name+":", err)
			return 2
		default:
			e.printErr("prepcord "+name+":", err)
			return 1
		}
	}
	e.printErr("prepcord:", fmt.Errorf("unknown command %q", name))
	printUsage(e.stderr)
	return 2
}

// printErr prints an error line on stderr with every secret hidden.
func (e *env) printErr(prefix string, err error) {
	fmt.Fprintln(e.stderr, prefix, hideSecrets(err.Error(), e.getenv))
}

func printUsage(w io.Writer) {
	fmt.Fprintln(w, "Usage: prepcord <command> [flags]")
	fmt.Fprintln(w)
	fmt.Fprintln(w, "Commands:")
	for _, sc := range subcommands() {
		fmt.Fprintf(w, "  %-10s %s\n", sc.name, sc.summary)
	}
	fmt.Fprintln(w)
	fmt.Fprintln(w, "With no command, prepcord runs the bot. prepcord <command> -h lists a command's flags.")
	fmt.Fprintln(w, "Settings come from the environment and a .env file; see .env.example.")
}

// newFlags returns a flag set that reports errors instead of exiting. Its
// usage, printed for -h, goes to standard output.
func newFlags(e *env, name, usage string) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(e.stdout)
	fs.Usage = func() {
		fmt.Fprintf(fs.Output(), "Usage: prepcord %s\n", usage)
		fs.PrintDefaults()
	}
	return fs
}

// parseFlags parses args, mapping flag errors to usage errors. Flags may
// come before or after positional arguments. The flag package prints its
// errors and the usage itself; that is silenced, so that a bad flag gives
// the one line runCLI prints, and -h prints the usage once.
func parseFlags(fs *flag.FlagSet, args []string) ([]string, error) {
	out := fs.Output()
	fs.SetOutput(io.Discard)
	defer fs.SetOutput(out)
	var pos []string
	for {
		if err := fs.Parse(args); err != nil {
			if errors.Is(err, flag.ErrHelp) {
				fs.SetOutput(out)
				fs.Usage()
				return nil, err
			}
			return nil, usageError{fmt.Sprintf("%v (prepcord %s -h lists the flags)", err, fs.Name())}
		}
		args = fs.Args()
		if len(args) == 0 {
			return pos, nil
		}
		pos = append(pos, args[0])
		args = args[1:]
	}
}
