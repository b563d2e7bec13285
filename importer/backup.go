package importer

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"

	"codeberg.org/habeas/habeas"
	"codeberg.org/habeas/habeas/store"
)

// A backup is a copy of the SQLite database file, made while serve runs;
// a restore puts one into a new data folder after checking it. Neither
// ever writes over a file: a backup goes to a new file, a restore into a
// new or empty folder, each written under a temporary name first and given
// its name only once whole and checked.

// Backup copies the SQLite database at dbPath into file, which must not
// exist yet, while writers go on (see store.VacuumInto), and checks the
// copy's integrity. It returns the copy's size. The copy holds the
// confidential fields sealed, and not the key.
func Backup(ctx context.Context, dbPath, file string) (int64, error) {
	if _, err := os.Lstat(file); err == nil {
		return 0, fmt.Errorf("backup: %s exists: a backup never writes over a file; name a new one", file)
	} else if !errors.Is(err, fs.ErrNotExist) {
		return 0, fmt.Errorf("backup: %w", err)
	}
	if _, err := os.Stat(dbPath); err != nil {
		return 0, fmt.Errorf("backup: no database at %s: %w", dbPath, err)
	}
	dir := filepath.Dir(file)
	// An empty file readable by its owner only, which VACUUM INTO fills.
	f, err := os.CreateTemp(dir, "."+filepath.Base(file)+".partial-*")
	if err != nil {
		return 0, fmt.Errorf("backup: %w", err)
	}
	tmp := f.Name()
	f.Close()
	defer os.Remove(tmp) // gone once linked; left over only on an error
	if err := store.VacuumInto(ctx, dbPath, tmp); err != nil {
		return 0, fmt.Errorf("backup: %w", err)
	}
	size, err := syncFile(tmp)
	if err != nil {
		return 0, fmt.Errorf("backup: %w", err)
	}
	if err := store.CheckIntegrity(ctx, tmp); err != nil {
		return 0, fmt.Errorf("backup: the copy of %s: %w", dbPath, err)
	}
	if err := os.Link(tmp, file); err != nil {
		return 0, fmt.Errorf("backup: %w", err)
	}
	return size, syncDir(dir)
}

// RestoreReport says what a restore did.
type RestoreReport struct {
	// Migrations lists the migrations the backup was brought up to date
	// with (a backup made by an older habeas).
	Migrations []string
}

// Restore puts the SQLite backup file at dbPath, whose folder must be new
// or empty, after checking the copy: PRAGMA integrity_check and the
// foreign keys, that key is the key the database was sealed with (the
// store refuses any other), that its schema is one this habeas reads
// (migrating an older one), and that its people lists agree with its case
// files. On any error it removes what it made and dbPath's folder is left
// as it was.
func Restore(ctx context.Context, file, dbPath string, key []byte, clock habeas.Clock) (*RestoreReport, error) {
	info, err := os.Stat(file)
	if err != nil {
		return nil, fmt.Errorf("restore: %w", err)
	}
	if !info.Mode().IsRegular() {
		return nil, fmt.Errorf("restore: %s is not a backup file", file)
	}
	dir := filepath.Dir(dbPath)
	made, err := emptyDir(dir, "restore", "a restore goes into a new or empty data folder, never over a database")
	if err != nil {
		return nil, err
	}
	tmp := dbPath + ".restoring"
	rep, err := restoreInto(ctx, file, tmp, dbPath, key, clock)
	if err != nil {
		for _, f := range []string{tmp, tmp + "-wal", tmp + "-shm", tmp + "-journal"} {
			os.Remove(f)
		}
		if made {
			os.Remove(dir)
		}
		return nil, err
	}
	return rep, nil
}

func restoreInto(ctx context.Context, file, tmp, dbPath string, key []byte, clock habeas.Clock) (*RestoreReport, error) {
	if err := copyFile(file, tmp); err != nil {
		return nil, fmt.Errorf("restore: %w", err)
	}
	if err := store.CheckIntegrity(ctx, tmp); err != nil {
		return nil, fmt.Errorf("restore: %s: %w", file, err)
	}
	s, err := store.Open(ctx, store.Config{DSN: tmp, Key: key, Clock: clock})
	if err != nil {
		return nil, fmt.Errorf("restore: %w", err)
	}
	rep := &RestoreReport{}
	rep.Migrations, err = s.Migrate(ctx)
	if err == nil {
		err = s.CheckSchema(ctx)
	}
	if err == nil {
		err = s.VerifyLists(ctx)
	}
	if cerr := s.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return nil, fmt.Errorf("restore %s: %w", file, err)
	}
	// The last connection to close folds the WAL into the file and
	// removes it; one left with pages in it would be lost by the rename.
	if info, err := os.Stat(tmp + "-wal"); err == nil && info.Size() > 0 {
		return nil, fmt.Errorf("restore: the checked copy still has a write-ahead log; nothing was restored")
	}
	os.Remove(tmp + "-wal")
	os.Remove(tmp + "-shm")
	if _, err := syncFile(tmp); err != nil {
		return nil, fmt.Errorf("restore: %w", err)
	}
	if err := os.Link(tmp, dbPath); err != nil {
		return nil, fmt.Errorf("restore: %w", err)
	}
	if err := os.Remove(tmp); err != nil {
		return nil, fmt.Errorf("restore: %w", err)
	}
	return rep, syncDir(filepath.Dir(dbPath))
}

// copyFile copies src to dst, a new file readable by its owner only, and
// makes it durable.
func copyFile(src, dst string) error {
	in, err := os.Open(src)
	if err != nil {
		return err
	}
	defer in.Close()
	out, err := os.OpenFile(dst, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
	if err != nil {
		return err
	}
	_, err = io.Copy(out, in)
	if err == nil {
		err = out.Sync()
	}
	if cerr := out.Close(); err == nil {
		err = cerr
	}
	return err
}

// syncFile makes a written file durable and returns its size.
func syncFile(path string) (int64, error) {
	f, err := os.OpenFile(path, os.O_RDWR, 0)
	if err != nil {
		return 0, err
	}
	defer f.Close()
	info, err := f.Stat()
	if err != nil {
		return 0, err
	}
	return info.Size(), f.Sync()
}
