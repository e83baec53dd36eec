package pgtest

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"net/url"
	"os"
	"os/exec"
	"os/user"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"syscall"
	"time"

	"github.com/jackc/pgx/v5"
)

// dirPrefix names the temporary folder of each throwaway server:
// prepcord-pgtest-<pid of the test process>-<random>.
const dirPrefix = "prepcord-pgtest-"

// startTimeout bounds initdb plus the wait for the server to accept
// connections; these machines are shared, so it is generous.
const startTimeout = 90 * time.Second

// server is a throwaway PostgreSQL this test process started: a postmaster
// run directly as a child, listening only on a Unix socket in dir/sock.
type server struct {
	dir     string // the temporary folder holding data/, sock/ and postgres.log
	url     string // the maintenance database's URL
	bin     string // the folder holding initdb and postgres
	cred    *syscall.Credential
	cmd     *exec.Cmd
	exited  chan struct{} // closed when the postmaster has exited
	waitErr error         // the postmaster's exit, valid once exited is closed
}

// binDirs lists the folders to look for initdb and postgres in, in order:
// only PREPCORD_TEST_POSTGRES_BIN when it is set (tests point it at an empty
// folder to hide the binaries), else `pg_config --bindir`, PATH and
// /usr/lib/postgresql/*/bin, newest version first.
func binDirs(getenv func(string) string) []string {
	if dir := getenv(EnvBin); dir != "" {
		return []string{dir}
	}
	var dirs []string
	if out, err := exec.Command("pg_config", "--bindir").Output(); err == nil {
		dirs = append(dirs, strings.TrimSpace(string(out)))
	}
	dirs = append(dirs, filepath.SplitList(getenv("PATH"))...)
	versions, _ := filepath.Glob("/usr/lib/postgresql/*/bin")
	// Newest first: "9" sorts after "15" as text, so compare as numbers.
	major := func(p string) int {
		n, _ := strconv.Atoi(filepath.Base(filepath.Dir(p)))
		return n
	}
	for i := 1; i < len(versions); i++ {
		for j := i; j > 0 && major(versions[j]) > major(versions[j-1]); j-- {
			versions[j], versions[j-1] = versions[j-1], versions[j]
		}
	}
	return append(dirs, versions...)
}

// findBinaries returns the first folder of dirs holding both initdb and
// postgres as executables.
func findBinaries(dirs []string) (string, bool) {
	for _, dir := range dirs {
		if dir == "" {
			continue
		}
		if isExecutable(filepath.Join(dir, "initdb")) && isExecutable(filepath.Join(dir, "postgres")) {
			return dir, true
		}
	}
	return "", false
}

func isExecutable(path string) bool {
	fi, err := os.Stat(path)
	return err == nil && !fi.IsDir() && fi.Mode()&0o111 != 0
}

// startServer runs initdb into a new temporary folder and starts a postmaster
// on it, as the user nobody when this process is root (initdb refuses root).
// It returns once the server accepts connections.
func startServer(binDir string) (*server, error) {
	tmp := socketSafeTempDir()
	removeStaleDirs(tmp)
	base, err := os.MkdirTemp(tmp, dirPrefix+strconv.Itoa(os.Getpid())+"-")
	if err != nil {
		return nil, fmt.Errorf("pgtest: temporary folder: %w", err)
	}
	s := &server{dir: base, bin: binDir, exited: make(chan struct{})}
	fail := func(err error) (*server, error) {
		s.stop()
		return nil, err
	}
	cred, err := unprivileged()
	if err != nil {
		return fail(err)
	}
	s.cred = cred
	data, sock := filepath.Join(base, "data"), filepath.Join(base, "sock")
	if err := os.Mkdir(sock, 0o700); err != nil {
		return fail(fmt.Errorf("pgtest: %w", err))
	}
	if cred != nil {
		for _, d := range []string{base, sock} {
			if err := os.Chown(d, int(cred.Uid), int(cred.Gid)); err != nil {
				return fail(fmt.Errorf("pgtest: handing %s to the unprivileged user: %w", d, err))
			}
		}
	}
	ctx, cancel := context.WithTimeout(context.Background(), startTimeout)
	defer cancel()

	if err := initDataDir(ctx, binDir, base, data, cred); err != nil {
		return fail(err)
	}

	if err := s.launch(ctx); err != nil {
		return fail(err)
	}
	return s, nil
}

// launch starts the postmaster on s's data folder and waits until it
// accepts connections.
func (s *server) launch(ctx context.Context) error {
	data, sock := filepath.Join(s.dir, "data"), filepath.Join(s.dir, "sock")
	s.exited = make(chan struct{})
	logFile, err := os.OpenFile(filepath.Join(s.dir, "postgres.log"), os.O_CREATE|os.O_WRONLY|os.O_APPEND, 0o644)
	if err != nil {
		return fmt.Errorf("pgtest: %w", err)
	}
	defer logFile.Close() // the postmaster keeps its own copy of the descriptor
	cmd := exec.Command(filepath.Join(s.bin, "postgres"),
		"-D", data, "-k", sock, "-p", "5432",
		"-c", "listen_addresses=",
		"-c", "fsync=off", "-c", "synchronous_commit=off", "-c", "full_page_writes=off",
		"-c", "max_connections=200", "-c", "shared_buffers=32MB",
		"-c", "unix_socket_permissions=0777")
	cmd.Dir, cmd.Env = s.dir, serverEnv(s.dir)
	cmd.Stdout, cmd.Stderr = logFile, logFile
	// Pdeathsig ties the postmaster to the OS thread that started it: when
	// that thread dies (this process exits or is SIGKILLed) the postmaster
	// gets SIGQUIT, an immediate shutdown that ends its backends too. The
	// thread is kept alive, locked to its goroutine, for as long as the
	// postmaster runs.
	cmd.SysProcAttr = &syscall.SysProcAttr{Credential: s.cred, Pdeathsig: syscall.SIGQUIT}
	started := make(chan error, 1)
	go func() {
		runtime.LockOSThread() // never unlocked: the thread ends with this goroutine
		if err := cmd.Start(); err != nil {
			started <- err
			close(s.exited)
			return
		}
		started <- nil
		s.waitErr = cmd.Wait()
		close(s.exited)
	}()
	if err := <-started; err != nil {
		return fmt.Errorf("pgtest: starting postgres from %s: %w", s.bin, err)
	}
	s.cmd = cmd
	s.url = (&url.URL{Scheme: "postgres", Path: "/postgres",
		RawQuery: url.Values{"host": {sock}, "user": {"postgres"}}.Encode()}).String()
	return s.waitReady(ctx)
}

// waitReady polls until the server accepts a connection, it exits, or ctx
// ends; a failure carries the end of the server's log.
func (s *server) waitReady(ctx context.Context) error {
	for {
		attempt, cancel := context.WithTimeout(ctx, 2*time.Second)
		conn, err := pgx.Connect(attempt, s.url)
		cancel()
		if err == nil {
			conn.Close(ctx)
			return nil
		}
		select {
		case <-s.exited:
			return fmt.Errorf("pgtest: postgres exited before accepting connections (%v); end of its log:\n%s",
				s.waitErr, s.logTail())
		case <-ctx.Done():
			return fmt.Errorf("pgtest: postgres did not accept connections within %s (last error: %v); end of its log:\n%s",
				startTimeout, err, s.logTail())
		case <-time.After(20 * time.Millisecond):
		}
	}
}

func (s *server) logTail() string {
	b, err := os.ReadFile(filepath.Join(s.dir, "postgres.log"))
	if err != nil {
		return "(no log: " + err.Error() + ")"
	}
	return tail(b)
}

// tail returns the last 20 lines of out.
func tail(out []byte) string {
	lines := bytes.Split(bytes.TrimRight(out, "\n"), []byte("\n"))
	if len(lines) > 20 {
		lines = lines[len(lines)-20:]
	}
	return string(bytes.Join(lines, []byte("\n")))
}

// pid is the postmaster's process id, or 0 when it is not running.
func (s *server) pid() int {
	if s == nil || s.cmd == nil || s.cmd.Process == nil {
		return 0
	}
	return s.cmd.Process.Pid
}

// stop shuts the postmaster down (immediate shutdown: nothing here needs to
// survive), waits for it, and removes its folder.
func (s *server) stop() {
	if s == nil {
		return
	}
	if s.cmd != nil && s.cmd.Process != nil {
		s.cmd.Process.Signal(syscall.SIGQUIT)
		select {
		case <-s.exited:
		case <-time.After(10 * time.Second):
			s.cmd.Process.Kill()
			<-s.exited
		}
	}
	if s.dir != "" {
		os.RemoveAll(s.dir)
	}
}

// unprivileged returns the credential initdb and postgres run with: nil (this
// process's own user) unless this process is root, then the user nobody.
func unprivileged() (*syscall.Credential, error) {
	if os.Geteuid() != 0 {
		return nil, nil
	}
	u, err := user.Lookup("nobody")
	if err != nil {
		return nil, fmt.Errorf("pgtest: running as root, and initdb refuses root; no user nobody to run it as: %w", err)
	}
	uid, err1 := strconv.ParseUint(u.Uid, 10, 32)
	gid, err2 := strconv.ParseUint(u.Gid, 10, 32)
	if err := errors.Join(err1, err2); err != nil {
		return nil, fmt.Errorf("pgtest: user nobody: %w", err)
	}
	return &syscall.Credential{Uid: uint32(uid), Gid: uint32(gid)}, nil
}

// serverEnv is the environment of initdb and postgres: none of this
// process's PG* variables (PGPORT, PGDATA, ...) leak into the server.
func serverEnv(home string) []string {
	return []string{"PATH=/usr/bin:/bin", "HOME=" + home, "LC_ALL=C"}
}

// socketSafeTempDir is the folder for the server's files: os.TempDir, unless
// its path is so long that the socket's path would pass the 107 bytes a Unix
// socket path may have, then /tmp.
func socketSafeTempDir() string {
	dir := os.TempDir()
	// dir + "/prepcord-pgtest-<pid>-<random>/sock/.s.PGSQL.5432.lock"
	if len(dir)+len(dirPrefix)+50 > 107 {
		return "/tmp"
	}
	return dir
}

// removeStaleDirs removes the folders of throwaway servers whose test process
// was killed before it could remove them (the postmaster itself dies with
// it): those whose test process and postmaster are both gone.
func removeStaleDirs(tmp string) {
	dirs, _ := filepath.Glob(filepath.Join(tmp, dirPrefix+"*"))
	for _, dir := range dirs {
		owner, _, ok := strings.Cut(strings.TrimPrefix(filepath.Base(dir), dirPrefix), "-")
		pid, err := strconv.Atoi(owner)
		if !ok || err != nil || pid == os.Getpid() || alive(pid) {
			continue
		}
		if b, err := os.ReadFile(filepath.Join(dir, "data", "postmaster.pid")); err == nil {
			first, _, _ := strings.Cut(string(b), "\n")
			if pm, err := strconv.Atoi(strings.TrimSpace(first)); err == nil && alive(pm) {
				continue
			}
		}
		os.RemoveAll(dir)
	}
}

// alive reports whether a process with this id exists and is not a zombie
// (a process of another user counts as alive). A postmaster orphaned by a
// SIGKILLed test process can stay a zombie where nothing reaps orphans.
func alive(pid int) bool {
	if pid <= 0 {
		return false
	}
	if err := syscall.Kill(pid, 0); err != nil && !errors.Is(err, syscall.EPERM) {
		return false
	}
	stat, err := os.ReadFile("/proc/" + strconv.Itoa(pid) + "/stat")
	if err != nil {
		return true // no /proc: the signal said it exists
	}
	// The state follows the command name, which is in parentheses.
	if i := bytes.LastIndexByte(stat, ')'); i >= 0 && i+2 < len(stat) {
		return stat[i+2] != 'Z' && stat[i+2] != 'X'
	}
	return true
}
