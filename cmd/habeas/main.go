// Command habeas runs the case-file platform: the public site, the
// workspace API and the command-line tools, in one binary.
package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"syscall"
)

const usage = `habeas keeps the case files of people detained for political reasons.

Usage:
  habeas serve [--addr 127.0.0.1:8080] [--data DIR | --db postgres://…] [--demo] [--now YYYY-MM-DD] [--sweep-every 10m]
               [--base-url URL] [--smtp smtp://…|smtps://…|smtp+plain://… --mail-from ADDRESS] [--metrics-alerts]
  habeas migrate [--data DIR | --db …]      apply database migrations
  habeas demo [--data DIR | --db …]         load the demo data (the case of the seed post)
  habeas user add --email E --role R [--name N] [--confidential]
                                            create a staff account and print its API token once
  habeas user token --email E               print a new API token for an account
  habeas user role --email E --role R [--confidential]
                                            change an account's role
  habeas key rotate [--data DIR | --db …]   re-seal every confidential field with a new key
  habeas import [--dry-run] [--quiet] EXPORT-FOLDER
                                            import a habeas export in one transaction (docs/import.md)
  habeas export [--all] [--format csv|json|popolo] --out DIR
                                            write what the public may see (--all: everything) into a new folder
  habeas backup FILE                        copy the SQLite database, while serve runs, to a new file
  habeas restore FILE --data DIR [--key KEYFILE]
                                            restore a backup into a new, empty data folder
  habeas alerts run [--data DIR | --db …]   run the alert rules once over every case (serve does it every --sweep-every, default 10m)
  habeas verify [--data DIR | --db …] [--head ID:HASH]
                                            check the audit chain and the database, and print the chain's head
  habeas names score                        score NAME_A<TAB>NAME_B lines from standard input
  habeas bench gen --people N --out DIR [--seed S] [--now YYYY-MM-DD]
                                            write the synthetic data set (habeas bench gen -h)
  habeas bench [--set DIR | --people N] [--duration 5s] [--kill-rounds 50] [--json]
                                            import a generated set, start serve on it, load its routes
                                            and kill habeas during imports and writes (habeas bench -h)
  habeas bench run --url URL [--duration 5s] [--conns 1,8,64] [--routes R,…] [--pid N] [--json]
                                            measure the public routes of a running server

Roles: viewer, editor, admin. Every command takes --data DIR (default ./habeas-data)
or --db postgres://…, and --now YYYY-MM-DD (or HABEAS_NOW) to set what "today" is.
The key that encrypts confidential fields is HABEAS_KEY (base64 of 32 bytes) or
the file secret.key in the data folder, created on first start: back it up apart
from the database. One key per installation: a database refuses any other key,
so every process on one PostgreSQL needs the same HABEAS_KEY (docs/keys.md).
`

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	if err := run(ctx, os.Args[1:], os.Stdin, os.Stdout, os.Stderr); err != nil {
		if !errors.Is(err, errUsage) {
			fmt.Fprintln(os.Stderr, "habeas:", err)
		}
		os.Exit(1)
	}
}

var errUsage = errors.New("usage")

// run dispatches a command line; tests call it as the binary would be.
func run(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) error {
	if len(args) == 0 || args[0] == "help" || args[0] == "-h" || args[0] == "--help" {
		fmt.Fprint(stdout, usage)
		if len(args) == 0 {
			return errUsage
		}
		return nil
	}
	switch args[0] {
	case "serve":
		return runServe(ctx, args[1:], stdout, stderr)
	case "migrate":
		return runMigrate(ctx, args[1:], stdout, stderr)
	case "demo":
		return runDemo(ctx, args[1:], stdout, stderr)
	case "user":
		return runUser(ctx, args[1:], stdout, stderr)
	case "key":
		return runKey(ctx, args[1:], stdout, stderr)
	case "import":
		return runImport(ctx, args[1:], stdout, stderr)
	case "export":
		return runExport(ctx, args[1:], stdout, stderr)
	case "backup":
		return runBackup(ctx, args[1:], stdout, stderr)
	case "restore":
		return runRestore(ctx, args[1:], stdout, stderr)
	case "names":
		return runNames(args[1:], stdin, stdout, stderr)
	case "bench":
		return runBench(ctx, args[1:], stdout, stderr)
	case "alerts":
		return runAlerts(ctx, args[1:], stdout, stderr)
	case "verify":
		return runVerify(ctx, args[1:], stdout, stderr)
	}
	fmt.Fprintf(stderr, "habeas: unknown command %q\n\n%s", args[0], usage)
	return errUsage
}
