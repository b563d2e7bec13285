package main

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"strings"
	"time"

	"codeberg.org/habeas/habeas"
	"codeberg.org/habeas/habeas/notify"
)

// runAlerts implements `habeas alerts run`: the rules, once, over every case.
func runAlerts(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	if len(args) == 0 || args[0] != "run" {
		fmt.Fprintln(stderr, "usage: habeas alerts run [--data DIR | --db …] [--now YYYY-MM-DD]")
		return errUsage
	}
	s, _, err := openFor(ctx, "alerts run", args[1:], timeZero, stderr)
	if err != nil {
		return err
	}
	defer s.Close()
	sum, err := s.SweepAlerts(ctx)
	if err != nil {
		return err
	}
	fmt.Fprintln(stdout, sweepLine(sum))
	return nil
}

func sweepLine(sum habeas.AlertSweep) string {
	return fmt.Sprintf("habeas: alerts: %d cases evaluated in %s (those already swept today are passed over); "+
		"%d opened, %d changed, %d resolved; %d unresolved now",
		sum.Cases, sum.Took.Round(time.Millisecond), sum.Opened, sum.Changed, sum.Resolved, sum.Open)
}

// sweep runs the rules over every case every period until ctx ends, the
// first time at once (days may have passed while serve was stopped). It
// logs counts only: never a name or a sentence.
func (m *Main) sweep(ctx context.Context, every time.Duration) {
	defer close(m.swept)
	t := time.NewTicker(every)
	defer t.Stop()
	for {
		sum, err := m.Store.SweepAlerts(ctx)
		if m.metrics != nil && ctx.Err() == nil {
			// When it ended in real time, for a monitor's "sweep stopped"
			// alarm: not a "today", which is the settable clock's.
			m.metrics.Swept(sum.Took, sum.Cases, err, time.Now())
		}
		switch {
		case ctx.Err() != nil:
			return
		case err != nil:
			m.Logger.Error("alerts sweep", "err", err)
		default:
			m.Logger.Info("alerts sweep", slog.Int("cases", sum.Cases), slog.Int("opened", sum.Opened),
				slog.Int("changed", sum.Changed), slog.Int("resolved", sum.Resolved), slog.Int("unresolved", sum.Open),
				slog.Duration("took", sum.Took))
		}
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
	}
}

// logRound logs a round of deliveries: counts only, and nothing when
// nothing was due or serve is stopping.
func (m *Main) logRound(ctx context.Context, what string, sent, failed int, err error) {
	switch {
	case ctx.Err() != nil:
	case err != nil:
		m.Logger.Error(what, "err", err)
	case sent+failed > 0:
		m.Logger.Info(what, slog.Int("sent", sent), slog.Int("failed", failed))
	}
}

// letter is what the mails say of the site: its name, and its origin for
// links.
func (m *Main) letter(ctx context.Context) notify.Letter {
	l := notify.Letter{Site: "habeas", Base: strings.TrimSuffix(m.Config.BaseURL, "/")}
	if st, err := m.Store.Settings(ctx); err == nil && st.Name != "" {
		l.Site = st.Name
	}
	return l
}

// deliverEvery is how often serve sends the outbox's due notices.
const deliverEvery = 15 * time.Second

// deliver sends the outbox's due notices to their webhooks, and its due
// mails to their mail server, every deliverEvery until ctx ends. It logs
// counts only: never an address, a name or a mail server's answer.
func (m *Main) deliver(ctx context.Context) {
	defer close(m.delivered)
	t := time.NewTicker(deliverEvery)
	defer t.Stop()
	for {
		sent, failed, err := notify.Deliver(ctx, m.Store, m.Clock.Now)
		m.logRound(ctx, "webhook delivery", sent, failed, err)
		if m.Mailer != nil && ctx.Err() == nil {
			sent, failed, err := notify.DeliverMail(ctx, m.Store, m.Mailer, m.letter(ctx), m.Clock.Now)
			m.logRound(ctx, "mail delivery", sent, failed, err)
		}
		if ctx.Err() != nil {
			return
		}
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
	}
}
