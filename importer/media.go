package importer

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strconv"

	"codeberg.org/habeas/habeas"
)

// decodeMedia decodes a record of media.jsonl; creating it reads its
// original from MediaDir, which must match the record's SHA-256.
func decodeMedia(at, dir string, text []byte, b habeas.Batch) jsonRecord {
	var v habeas.Media
	d := decodeAs(at, text, &v, &v.ID, nil, nil)
	given := v.ID
	d.create = func() error {
		name := filepath.Join(MediaDir, strconv.FormatInt(given, 10))
		data, err := os.ReadFile(filepath.Join(dir, name))
		if errors.Is(err, os.ErrNotExist) {
			return fileProblem("no file " + name + " holds its original")
		} else if err != nil {
			return fmt.Errorf("read %s: %w", name, err)
		}
		sum := sha256.Sum256(data)
		if got := hex.EncodeToString(sum[:]); v.SHA256 != "" && got != v.SHA256 {
			return fileProblem("the SHA-256 of " + name + " is " + got + ", not the record's " + v.SHA256)
		}
		return b.CreateMedia(&v, data)
	}
	return d
}

func fileProblem(reason string) error {
	return &habeas.Error{Code: habeas.EINVALID, Message: "invalid media", Fields: map[string]string{"file": reason}}
}
