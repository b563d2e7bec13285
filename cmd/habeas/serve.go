package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"os"
	"strings"
	"time"

	"codeberg.org/habeas/habeas"
	"codeberg.org/habeas/habeas/account"
	"codeberg.org/habeas/habeas/alerts"
	"codeberg.org/habeas/habeas/api"
	"codeberg.org/habeas/habeas/demo"
	"codeberg.org/habeas/habeas/edtf"
	"codeberg.org/habeas/habeas/internal/metrics"
	"codeberg.org/habeas/habeas/notify"
	"codeberg.org/habeas/habeas/store"
	"codeberg.org/habeas/habeas/web"
	"codeberg.org/habeas/habeas/web/admin"
)

// Main is a running habeas server: built by Start, stopped by Close.
type Main struct {
	Config Config
	Store  *store.Store
	Clock  habeas.Clock
	Logger *slog.Logger

	listener net.Listener
	server   *http.Server
	tempDir  string // the demo's throwaway data folder
	done     chan error
	// stopSweep ends the periodic sweep; swept is closed when it has.
	stopSweep context.CancelFunc
	swept     chan struct{}
	// stopDeliver ends the webhook deliveries; delivered is closed when
	// they have.
	stopDeliver context.CancelFunc
	delivered   chan struct{}
	// Mailer sends the e-mails of alerts; nil when --smtp is not given.
	Mailer *notify.Mailer
	// metrics counts what /metrics reports.
	metrics *metrics.Registry
	// DemoPassword is the demo admin's password, made at each start
	// of the demo (empty otherwise).
	DemoPassword string
}

// DemoAdmin is the demo's staff account.
const DemoAdmin = "admin@demo.example"

// Start opens the database (migrating it), loads the demo when asked, and
// starts serving on cfg.Addr. It returns once the listener is open.
func Start(ctx context.Context, cfg Config, stderr io.Writer) (*Main, error) {
	m := &Main{Config: cfg, Logger: slog.New(slog.NewJSONHandler(stderr, &slog.HandlerOptions{Level: slog.LevelInfo}))}
	if cfg.SMTP != "" || cfg.MailFrom != "" {
		mailer, err := mailerOf(cfg)
		if err != nil {
			return nil, err
		}
		m.Mailer = mailer
		// Where mail goes, never the password.
		m.Logger.Info("e-mails of alerts", slog.String("server", mailer.Addr()), slog.String("tls", mailer.Mode),
			slog.Bool("log_in", mailer.User != ""))
	}
	if err := m.open(ctx, stderr); err != nil {
		m.Close()
		return nil, err
	}
	handler, err := m.handler()
	if err != nil {
		m.Close()
		return nil, err
	}
	ln, err := net.Listen("tcp", cfg.Addr)
	if err != nil {
		m.Close()
		return nil, fmt.Errorf("listen on %s: %w", cfg.Addr, err)
	}
	m.listener = ln
	m.server = &http.Server{
		Handler:           handler,
		ReadHeaderTimeout: 10 * time.Second,
		ReadTimeout:       30 * time.Second,
		WriteTimeout:      60 * time.Second,
		IdleTimeout:       120 * time.Second,
		MaxHeaderBytes:    64 << 10,
		ErrorLog:          slog.NewLogLogger(m.Logger.Handler(), slog.LevelWarn),
	}
	m.done = make(chan error, 1)
	go func() { m.done <- m.server.Serve(ln) }()
	if cfg.SweepEvery > 0 {
		var sctx context.Context
		sctx, m.stopSweep = context.WithCancel(context.WithoutCancel(ctx))
		m.swept = make(chan struct{})
		go m.sweep(sctx, cfg.SweepEvery)
	}
	var dctx context.Context
	dctx, m.stopDeliver = context.WithCancel(context.WithoutCancel(ctx))
	m.delivered = make(chan struct{})
	go m.deliver(dctx)
	return m, nil
}

func (m *Main) open(ctx context.Context, stderr io.Writer) error {
	cfg := &m.Config
	var asOf time.Time
	if cfg.Demo {
		asOf = demo.AsOf
		if !cfg.dataSet && cfg.DB == "" {
			// The demo never mixes into real data: a fresh folder each start.
			dir, err := os.MkdirTemp("", "habeas-demo-")
			if err != nil {
				return err
			}
			m.tempDir, cfg.DataDir = dir, dir
		}
	}
	clock, err := cfg.clock(asOf)
	if err != nil {
		return err
	}
	m.Clock = clock
	if m.Store, err = cfg.open(ctx, clock, true, stderr); err != nil {
		return err
	}
	if cfg.Demo {
		err := demo.Load(ctx, m.Store)
		if err != nil && habeas.ErrorCode(err) != habeas.ECONFLICT {
			return err
		}
		if err := m.demoAdmin(ctx); err != nil {
			return err
		}
	}
	return nil
}

// demoAdmin gives the demo an admin with a password made for this start
// only, so that a newcomer can try the workspace and nobody can log in to
// a demo left running with a password from the documentation.
func (m *Main) demoAdmin(ctx context.Context) error {
	u, err := m.Store.UserByEmail(ctx, DemoAdmin)
	if habeas.ErrorCode(err) == habeas.ENOTFOUND {
		u = &habeas.User{Email: DemoAdmin, Name: "Demo admin", Role: habeas.RoleAdmin, Confidential: true}
		err = m.Store.CreateUser(ctx, u)
	}
	if err != nil {
		return err
	}
	m.DemoPassword = account.NewPassword()
	return m.Store.SetPassword(ctx, u.ID, m.DemoPassword)
}

// handler joins the API and the public site.
func (m *Main) handler() (http.Handler, error) {
	banner := ""
	if m.Config.Demo {
		banner = "Demo data: the case of the news post of 15 May 2025. Today is " +
			edtf.Day(habeas.Today(m.Clock)).Format("en") + " for this demo."
	}
	site, err := web.New(web.Config{Store: m.Store, Clock: m.Clock, Banner: banner, BaseURL: m.Config.BaseURL, Logger: m.Logger})
	if err != nil {
		return nil, err
	}
	// The process's start is real time, not habeas's settable "today".
	reg := metrics.New(time.Now())
	m.metrics = reg
	reg.AddSource(m.outboxGauges)
	if m.Config.MetricsAlerts {
		reg.AddSource(m.alertGauges)
		reg.ShowCounts()
	}
	mux := http.NewServeMux()
	mux.Handle("/api/", reg.Count("api", api.New(api.Config{Services: m.Store, Clock: m.Clock, Logger: m.Logger})))
	ws, err := admin.New(admin.Config{Services: m.Store, Clock: m.Clock, Logger: m.Logger, BaseURL: m.Config.BaseURL,
		Secure: strings.HasPrefix(m.Config.BaseURL, "https://"), Mail: m.Mailer != nil})
	if err != nil {
		return nil, err
	}
	// The workspace is never answered from the public site's page cache.
	mux.Handle("/admin/", reg.CountClasses("admin", ws))
	counted := reg.Count("site", site)
	mux.Handle("GET /metrics", reg.Handler(counted))
	mux.Handle("/", counted)
	return mux, nil
}

// URL is where the server listens.
func (m *Main) URL() string { return "http://" + m.listener.Addr().String() }

// Close stops serving, letting requests in flight finish, and closes the database.
func (m *Main) Close() error {
	var err error
	if m.stopSweep != nil {
		m.stopSweep()
		<-m.swept
	}
	if m.stopDeliver != nil {
		m.stopDeliver()
		<-m.delivered
	}
	if m.server != nil {
		ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		defer cancel()
		err = m.server.Shutdown(ctx)
		if serr := <-m.done; serr != nil && !errors.Is(serr, http.ErrServerClosed) {
			err = errors.Join(err, serr)
		}
	}
	if m.Store != nil {
		err = errors.Join(err, m.Store.Close())
	}
	if m.tempDir != "" {
		os.RemoveAll(m.tempDir)
	}
	return err
}

// outboxGauges are the outbox's backlog, for /metrics: counts of
// notifications, never what they say.
func (m *Main) outboxGauges(ctx context.Context) ([]metrics.Gauge, error) {
	hooks, hooksGaveUp, err := m.Store.OutboxBacklog(ctx)
	if err != nil {
		return nil, err
	}
	mails, mailsGaveUp, err := m.Store.MailBacklog(ctx)
	if err != nil {
		return nil, err
	}
	const pending, gaveUp = "habeas_outbox_pending", "habeas_outbox_given_up"
	return []metrics.Gauge{
		{Name: pending, Help: "Notifications waiting to be sent, by channel.", Labels: [][2]string{{"channel", "webhook"}}, Value: float64(hooks)},
		{Name: pending, Labels: [][2]string{{"channel", "mail"}}, Value: float64(mails)},
		{Name: gaveUp, Help: "Notifications given up after every try, by channel.", Labels: [][2]string{{"channel", "webhook"}}, Value: float64(hooksGaveUp)},
		{Name: gaveUp, Labels: [][2]string{{"channel", "mail"}}, Value: float64(mailsGaveUp)},
	}, nil
}

// alertGauges are the unresolved alerts by rule and severity, for
// /metrics with --metrics-alerts.
func (m *Main) alertGauges(ctx context.Context) ([]metrics.Gauge, error) {
	counts, err := m.Store.UnresolvedAlertCounts(ctx)
	if err != nil {
		return nil, err
	}
	var out []metrics.Gauge
	for _, rule := range alerts.Rules {
		for _, sev := range habeas.AlertSeverities {
			out = append(out, metrics.Gauge{Name: "habeas_alerts_unresolved", Help: "Unresolved alerts, by rule and severity.",
				Labels: [][2]string{{"rule", rule}, {"severity", sev}}, Value: float64(counts[rule][sev])})
		}
	}
	return out, nil
}

// mailerOf reads the mail server of --smtp and --mail-from: both, or
// neither; and the links of an e-mail are absolute, so --base-url too.
func mailerOf(cfg Config) (*notify.Mailer, error) {
	switch {
	case cfg.SMTP == "":
		return nil, errors.New("--mail-from without --smtp: give the mail server too (or HABEAS_SMTP)")
	case cfg.MailFrom == "":
		return nil, errors.New("--smtp needs --mail-from, the sender's address (or HABEAS_MAIL_FROM)")
	case !strings.HasPrefix(cfg.BaseURL, "https://") && !strings.HasPrefix(cfg.BaseURL, "http://"):
		return nil, errors.New("--smtp needs --base-url (https://…): the links in an e-mail must be whole addresses")
	}
	m, err := notify.ParseSMTP(cfg.SMTP, cfg.MailFrom)
	if err != nil {
		return nil, fmt.Errorf("--smtp: %w", err)
	}
	return m, nil
}

func runServe(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	var cfg Config
	fs := flag.NewFlagSet("serve", flag.ContinueOnError)
	fs.SetOutput(stderr)
	cfg.flags(fs)
	fs.StringVar(&cfg.Addr, "addr", "127.0.0.1:8080", "address to listen on")
	fs.StringVar(&cfg.BaseURL, "base-url", os.Getenv("HABEAS_BASE_URL"), "the public site's origin (https://habeas.example.org), for absolute canonical links and og:url; or HABEAS_BASE_URL; default: canonical links are paths")
	fs.BoolVar(&cfg.Demo, "demo", false, "start with the demo data (in a throwaway folder unless --data or --db is given), today = 15 May 2025 unless --now")
	fs.DurationVar(&cfg.SweepEvery, "sweep-every", 10*time.Minute, "how often to run the alert rules over every case (and refresh the lists' derived columns); 0 never")
	fs.BoolVar(&cfg.MetricsAlerts, "metrics-alerts", false, "report on /metrics the counts of unresolved alerts by rule and severity (left out by default: the counts tell of the group's work)")
	fs.StringVar(&cfg.SMTP, "smtp", os.Getenv("HABEAS_SMTP"), "the mail server for e-mails of alerts: smtp://[user:password@]host[:587] (STARTTLS), smtps://… (TLS) or smtp+plain://host (a relay on this machine); or HABEAS_SMTP, which keeps a password out of the process list; default: no e-mail")
	fs.StringVar(&cfg.MailFrom, "mail-from", os.Getenv("HABEAS_MAIL_FROM"), "the sender's address of e-mails of alerts, such as alerts@example.org; or HABEAS_MAIL_FROM")
	if err := cfg.parse(fs, args); err != nil {
		return err
	}
	if cfg.SweepEvery < 0 || cfg.SweepEvery > 0 && cfg.SweepEvery < time.Second {
		return fmt.Errorf("--sweep-every: %s is not a period (want 0, or 1s or more, such as 10m)", cfg.SweepEvery)
	}
	m, err := Start(ctx, cfg, stderr)
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "habeas: serving %s (data: %s, today: %s)\n", m.URL(), describeDB(m.Config),
		habeas.Today(m.Clock).Format(time.DateOnly))
	if m.DemoPassword != "" {
		fmt.Fprintf(stdout, "habeas: the demo's workspace is %s/admin/ — log in as %s with the password %s (made for this start only)\n",
			m.URL(), DemoAdmin, m.DemoPassword)
	} else if n, err := m.Store.CountUsers(ctx); err == nil && n == 0 {
		fmt.Fprintf(stdout, "habeas: no staff account yet. Create the first admin with:\n  habeas user add --email you@example.org --role admin%s\n",
			dataFlag(m.Config))
	}
	select {
	case <-ctx.Done():
		fmt.Fprintln(stdout, "habeas: stopping")
	case err := <-m.done:
		m.done <- err // for Close
	}
	return m.Close()
}

func describeDB(c Config) string {
	if c.DB != "" {
		return "PostgreSQL " + store.RedactDSN(c.DB)
	}
	return c.dsn()
}

// dataFlag repeats the data flag a command needs to reach the same database.
func dataFlag(c Config) string {
	switch {
	case c.DB != "":
		// Never print the password: the operator puts it back for xxxxx.
		return " --db '" + store.RedactDSN(c.DB) + "'"
	case c.dataSet || c.Demo:
		return " --data " + c.DataDir
	}
	return ""
}
