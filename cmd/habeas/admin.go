package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"
	"time"

	"codeberg.org/habeas/habeas"
	"codeberg.org/habeas/habeas/demo"
	"codeberg.org/habeas/habeas/store"
)

// siteOrigin is where printed links point: the base URL, else the
// address serve listens on by default.
func siteOrigin(baseURL string) string {
	if baseURL == "" {
		return "http://127.0.0.1:8080"
	}
	return strings.TrimRight(baseURL, "/")
}

// openFor parses the flags of a command that only needs the database, and
// opens it; asOf is the clock's date when --now is not given (zero: the
// real date).
func openFor(ctx context.Context, name string, args []string, asOf time.Time, stderr io.Writer) (*store.Store, Config, error) {
	var cfg Config
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(stderr)
	cfg.flags(fs)
	if err := cfg.parse(fs, args); err != nil {
		return nil, cfg, err
	}
	clock, err := cfg.clock(asOf)
	if err != nil {
		return nil, cfg, err
	}
	s, err := cfg.open(ctx, clock, true, stderr)
	return s, cfg, err
}

func runMigrate(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	s, _, err := openFor(ctx, "migrate", args, timeZero, stderr)
	if err != nil {
		return err
	}
	defer s.Close()
	fmt.Fprintln(stdout, "habeas: the database schema is up to date")
	return nil
}

func runDemo(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	s, cfg, err := openFor(ctx, "demo", args, demo.AsOf, stderr)
	if err != nil {
		return err
	}
	defer s.Close()
	if err := demo.Load(ctx, s); err != nil {
		return err
	}
	fmt.Fprintf(stdout, "habeas: loaded the demo data into %s\n", describeDB(cfg))
	return nil
}

func runUser(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	if len(args) == 0 {
		fmt.Fprint(stderr, "usage: habeas user add|passwd|token|role --email E [--role R] …\n")
		return errUsage
	}
	var cfg Config
	var email, name, role string
	var confidential bool
	fs := flag.NewFlagSet("user "+args[0], flag.ContinueOnError)
	fs.SetOutput(stderr)
	cfg.flags(fs)
	fs.StringVar(&email, "email", "", "the account's e-mail address")
	var baseURL string
	fs.StringVar(&baseURL, "base-url", os.Getenv("HABEAS_BASE_URL"), "the site's origin, for the printed set-up link; or HABEAS_BASE_URL")
	switch args[0] {
	case "add", "role":
		fs.StringVar(&role, "role", "", strings.Join(habeas.Roles, ", "))
		fs.BoolVar(&confidential, "confidential", false, "grant access to confidential records and fields")
		if args[0] == "add" {
			fs.StringVar(&name, "name", "", "the person's name")
		}
	case "token", "passwd":
	default:
		fmt.Fprintf(stderr, "habeas user: unknown subcommand %q (want add, passwd, token or role)\n", args[0])
		return errUsage
	}
	if err := cfg.parse(fs, args[1:]); err != nil {
		return err
	}
	if email == "" {
		fmt.Fprintln(stderr, "habeas user: --email is required")
		return errUsage
	}
	clock, err := cfg.clock(timeZero)
	if err != nil {
		return err
	}
	s, err := cfg.open(ctx, clock, false, stderr)
	if err != nil {
		return err
	}
	defer s.Close()
	var u *habeas.User
	switch args[0] {
	case "add":
		u = &habeas.User{Email: email, Name: name, Role: role, Confidential: confidential}
		if err := s.CreateUser(ctx, u); err != nil {
			return err
		}
		fmt.Fprintf(stdout, "habeas: created %s (%s)\n", u.Email, u.Role)
		link, err := s.CreateAccountLink(ctx, habeas.Operator, u.ID, habeas.LinkSetup)
		if err != nil {
			return err
		}
		fmt.Fprintf(stdout, "To choose a password and log in to the workspace, open within 7 days (once):\n  %s/admin/link/%s\n", siteOrigin(baseURL), link)
	case "role":
		if u, err = s.UserByEmail(ctx, email); err != nil {
			return err
		}
		if err := s.SetRole(ctx, u.ID, role, confidential); err != nil {
			return err
		}
		fmt.Fprintf(stdout, "habeas: %s is now %s (confidential access: %t)\n", email, role, confidential)
		return nil
	case "token":
		if u, err = s.UserByEmail(ctx, email); err != nil {
			return err
		}
	case "passwd":
		if u, err = s.UserByEmail(ctx, email); err != nil {
			return err
		}
		link, err := s.CreateAccountLink(ctx, habeas.Operator, u.ID, habeas.LinkReset)
		if err != nil {
			return err
		}
		fmt.Fprintf(stdout, "To choose a new password for %s, open within 24 hours (once):\n  %s/admin/link/%s\n", email, siteOrigin(baseURL), link)
		return nil
	}
	token, err := s.CreateToken(ctx, u.ID)
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "API token (shown once, keep it secret):\n%s\n", token)
	return nil
}
