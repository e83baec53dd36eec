package pgtest

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"syscall"
)

// initdbArgs are initdb's options besides the data folder: trust for the
// local socket (the only way in), UTF8, the C locale (text sorts by bytes,
// as SQLite's), and no fsync.
var initdbArgs = []string{"--username=postgres", "--auth=trust", "--encoding=UTF8",
	"--no-locale", "--no-sync", "--no-instructions"}

// initDataDir makes a new cluster in data. initdb takes seconds, so its
// first result is kept as a template in the temporary folder, keyed by the
// binaries, and later servers copy it (a fraction of that).
func initDataDir(ctx context.Context, binDir, base, data string, cred *syscall.Credential) error {
	template := filepath.Join(os.TempDir(), "prepcord-pgtemplate-"+templateKey(binDir))
	if _, err := os.Stat(filepath.Join(template, "PG_VERSION")); err == nil {
		if err := copyTree(template, data, cred); err == nil {
			return nil
		}
		os.RemoveAll(data) // a template being removed: fall back to initdb
	}
	initdb := exec.CommandContext(ctx, filepath.Join(binDir, "initdb"), append([]string{"--pgdata=" + data}, initdbArgs...)...)
	initdb.Dir, initdb.Env = base, serverEnv(base)
	initdb.SysProcAttr = &syscall.SysProcAttr{Credential: cred}
	if out, err := initdb.CombinedOutput(); err != nil {
		return fmt.Errorf("pgtest: initdb in %s failed: %v\n%s", binDir, err, tail(out))
	}
	// Keep it for the next servers; of processes racing here, one rename wins.
	tmp := fmt.Sprintf("%s.%d.tmp", template, os.Getpid())
	if err := copyTree(data, tmp, nil); err != nil || os.Rename(tmp, template) != nil {
		os.RemoveAll(tmp)
	}
	return nil
}

// templateKey identifies the binaries and options a template was made with.
func templateKey(binDir string) string {
	h := sha256.New()
	fmt.Fprintln(h, binDir, initdbArgs)
	for _, name := range []string{"initdb", "postgres"} {
		if fi, err := os.Stat(filepath.Join(binDir, name)); err == nil {
			fmt.Fprintln(h, fi.Size(), fi.ModTime().UnixNano())
		}
	}
	return hex.EncodeToString(h.Sum(nil))[:16]
}

// copyTree copies the folder src to dst (which must not exist) with the
// same permissions, owned by cred's user when cred is set.
func copyTree(src, dst string, cred *syscall.Credential) error {
	return filepath.WalkDir(src, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, err := filepath.Rel(src, path)
		if err != nil {
			return err
		}
		target := filepath.Join(dst, rel)
		info, err := d.Info()
		if err != nil {
			return err
		}
		switch {
		case d.IsDir():
			err = os.Mkdir(target, info.Mode().Perm())
		case info.Mode().IsRegular():
			err = copyFile(path, target, info.Mode().Perm())
		default:
			return fmt.Errorf("pgtest: unexpected file %s in a data folder", path)
		}
		if err == nil && cred != nil {
			err = os.Lchown(target, int(cred.Uid), int(cred.Gid))
		}
		return err
	})
}

func copyFile(src, dst string, perm fs.FileMode) error {
	in, err := os.Open(src)
	if err != nil {
		return err
	}
	defer in.Close()
	out, err := os.OpenFile(dst, os.O_WRONLY|os.O_CREATE|os.O_EXCL, perm)
	if err != nil {
		return err
	}
	if _, err := io.Copy(out, in); err != nil {
		out.Close()
		return err
	}
	return out.Close()
}
