package importer

import (
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"

	"codeberg.org/habeas/habeas"
)

// Services is what Import needs: the batch it writes in, and the reads
// that match the rows of flat files to what is stored.
type Services interface {
	habeas.BatchService
	Reader
}

// Import imports every path as u in one batch: an export folder (see
// ImportDir) or a CSV file in the flat layout. Either everything is
// imported or nothing; a dry run checks everything and imports nothing.
//
// The rows of flat files are matched to what u may see, read outside the
// batch before each row (so that a record hidden from u is, to the
// import, one that does not exist), and to the earlier rows of the import.
func Import(ctx context.Context, svc Services, u *habeas.User, paths []string, opt Options) (*Report, error) {
	// Check every argument before anything is read into the batch: a
	// folder that is no export, a file that is not the flat layout.
	type input struct {
		dir  string
		flat *flatReader
	}
	var inputs []input
	defer func() {
		for _, in := range inputs {
			if in.flat != nil {
				in.flat.close()
			}
		}
	}()
	for _, p := range paths {
		st, err := os.Stat(p)
		if err != nil {
			return nil, fmt.Errorf("import: %w", err)
		}
		if st.IsDir() {
			if err := readManifest(p); err != nil {
				return nil, err
			}
			inputs = append(inputs, input{dir: p})
			continue
		}
		f, err := os.Open(p)
		if err != nil {
			return nil, fmt.Errorf("import: %w", err)
		}
		fr, err := openFlat(filepath.Base(p), f, opt.Encoding, opt.Mapping)
		if err != nil {
			f.Close()
			return nil, err
		}
		fr.closer = f
		inputs = append(inputs, input{flat: fr})
	}
	return inBatch(ctx, svc, u, opt, func(r *run) error {
		var flat *flatRun
		for _, in := range inputs {
			if in.dir != "" {
				if err := r.dir(ctx, in.dir); err != nil {
					return err
				}
				continue
			}
			if flat == nil {
				var err error
				if flat, err = newFlatRun(ctx, r, svc, u, opt); err != nil {
					return err
				}
			}
			if err := flat.file(in.flat); err != nil {
				return err
			}
		}
		return nil
	})
}

// ImportCSV imports, as Import does a path, one CSV file in the flat layout
// read from r; name names it in problems ("name:line: column: reason").
func ImportCSV(ctx context.Context, svc Services, u *habeas.User, name string, r io.Reader, opt Options) (*Report, error) {
	fr, err := openFlat(name, r, opt.Encoding, opt.Mapping)
	if err != nil {
		return nil, &habeas.Error{Code: habeas.EINVALID, Message: err.Error()} // not a list in the flat layout
	}
	defer fr.close()
	return inBatch(ctx, svc, u, opt, func(run *run) error {
		flat, err := newFlatRun(ctx, run, svc, u, opt)
		if err != nil {
			return err
		}
		return flat.file(fr)
	})
}
