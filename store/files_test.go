package store

import (
	"bytes"
	"context"
	"errors"
	"io/fs"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"

	"github.com/prepcord/prepcord/errs"
)

// withUmask runs the test under umask, the usual 022 of a server, so that
// a file created with the default 0644 would be readable by others.
func withUmask(t *testing.T, umask int) {
	old := syscall.Umask(umask)
	t.Cleanup(func() { syscall.Umask(old) })
}

func perm(t *testing.T, name string) fs.FileMode {
	t.Helper()
	fi, err := os.Lstat(name)
	if err != nil {
		t.Fatal(err)
	}
	return fi.Mode().Perm()
}

// TestDatabaseAndBackupFilesArePrivate: a new database, its -wal and -shm
// files and a backup are created 0600 under umask 022, because they hold
// members' private feedback.
func TestDatabaseAndBackupFilesArePrivate(t *testing.T) {
	sqliteOnly(t)
	withUmask(t, 0o022)
	ctx := context.Background()
	dir := t.TempDir()
	db := filepath.Join(dir, "prepcord.db")
	s, err := Open(ctx, db, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if err := s.SetMeta(ctx, "k", "v"); err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{db, db + "-wal", db + "-shm"} {
		if got := perm(t, name); got != 0o600 {
			t.Errorf("%s has mode %v, want 0600", filepath.Base(name), got)
		}
	}
	backup := filepath.Join(dir, "backup.db")
	if err := s.Backup(ctx, backup); err != nil {
		t.Fatal(err)
	}
	if got := perm(t, backup); got != 0o600 {
		t.Errorf("backup has mode %v, want 0600", got)
	}

	// An existing database keeps its mode, and a readable one is reported.
	old := filepath.Join(dir, "old.db")
	if err := os.WriteFile(old, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	var logged bytes.Buffer
	o, err := Open(ctx, old, Options{Logger: slog.New(slog.NewTextHandler(&logged, nil))})
	if err != nil {
		t.Fatal(err)
	}
	o.Close()
	if got := perm(t, old); got != 0o644 {
		t.Errorf("an existing database's mode changed to %v", got)
	}
	if !strings.Contains(logged.String(), "chmod 600") {
		t.Errorf("no warning about a readable database: %q", logged.String())
	}
}

// TestBackupNeverReplacesAnExistingName: whatever holds the name already,
// a file, a dangling link or a folder, stays as it was, and of several
// backups racing for one name exactly one wins.
func TestBackupNeverReplacesAnExistingName(t *testing.T) {
	sqliteOnly(t)
	ctx := context.Background()
	s := openTest(t)
	if err := s.SetMeta(ctx, "k", "v"); err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	file := filepath.Join(dir, "file.db")
	os.WriteFile(file, []byte("an admin's own file"), 0o600)
	link := filepath.Join(dir, "link.db")
	if err := os.Symlink(filepath.Join(dir, "nowhere.db"), link); err != nil {
		t.Fatal(err)
	}
	folder := filepath.Join(dir, "folder.db")
	os.Mkdir(folder, 0o700)
	for _, name := range []string{file, link, folder} {
		err := s.Backup(ctx, name)
		if errs.CodeOf(err) != errs.Conflict || !strings.Contains(err.Error(), "already exists") {
			t.Errorf("backup to existing %s: %v", filepath.Base(name), err)
		}
	}
	if b, _ := os.ReadFile(file); string(b) != "an admin's own file" {
		t.Errorf("the existing file was replaced: %q", b)
	}
	if fi, err := os.Lstat(link); err != nil || fi.Mode()&fs.ModeSymlink == 0 {
		t.Errorf("the existing link was replaced: %v %v", fi, err)
	}
	if _, err := os.Stat(filepath.Join(dir, "nowhere.db")); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("a backup was written through the dangling link")
	}

	race := filepath.Join(dir, "race.db")
	var wg sync.WaitGroup
	results := make([]error, 6)
	for i := range results {
		wg.Add(1)
		go func() {
			defer wg.Done()
			results[i] = s.Backup(ctx, race)
		}()
	}
	wg.Wait()
	won := 0
	for _, err := range results {
		switch {
		case err == nil:
			won++
		case errs.CodeOf(err) != errs.Conflict:
			t.Errorf("racing backup: %v", err)
		}
	}
	if won != 1 {
		t.Errorf("%d racing backups to one name succeeded, want 1", won)
	}
	if b, err := Open(ctx, race, Options{}); err != nil {
		t.Errorf("the winning backup does not open: %v", err)
	} else {
		b.Close()
	}
	left, _ := filepath.Glob(filepath.Join(dir, ".prepcord-backup-*"))
	if len(left) > 0 {
		t.Errorf("temporary files left behind: %v", left)
	}
}

// TestBackupIntoMissingFolderSaysSo: the error names the folder, not the
// temporary file prepcord would have written there.
func TestBackupIntoMissingFolderSaysSo(t *testing.T) {
	sqliteOnly(t)
	s := openTest(t)
	missing := filepath.Join(t.TempDir(), "no-such-folder")
	err := s.Backup(context.Background(), filepath.Join(missing, "b.db"))
	if err == nil || !strings.Contains(err.Error(), "folder "+missing+" does not exist") || strings.Contains(err.Error(), ".prepcord-backup") {
		t.Fatalf("backup into a missing folder: %v", err)
	}
}
