// Package notify delivers the outbox's notices of alert changes to
// webhooks: a JSON body, POSTed with its signature, within a bounded time,
// retried with back-off by the store when the receiver fails.
//
// Each request carries
//
//	X-Habeas-Delivery:  the delivery's id (the same on every retry: a
//	                    receiver that saw it already ignores it)
//	X-Habeas-Timestamp: Unix seconds when it was sent
//	X-Habeas-Signature: sha256=HEX, HMAC-SHA256 with the webhook's secret
//	                    over "TIMESTAMP.BODY"
//
// A notice is sent at least once: should habeas stop between the receiver's
// answer and the record of it, the delivery is sent again when its lease
// ends, with the same X-Habeas-Delivery.
package notify

import (
	"bytes"
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"strconv"
	"syscall"
	"time"

	"codeberg.org/habeas/habeas"
)

// Store is what delivery needs of the store.
type Store interface {
	ClaimDeliveries(ctx context.Context, n int, lease time.Duration) ([]habeas.Outgoing, error)
	FinishDelivery(ctx context.Context, d habeas.Outgoing, status int, problem string, ok bool) error
}

// Timeout bounds one delivery: connecting, sending and the answer (a
// variable for tests).
var Timeout = 10 * time.Second

// lease is how long a claimed delivery is kept from other workers; it
// outlasts a batch of deliveries at Timeout each.
const lease = 5 * time.Minute

// batch is how many deliveries one round claims.
const batch = 20

// Sign returns the signature header's value for body sent at ts.
func Sign(secret string, ts int64, body []byte) string {
	m := hmac.New(sha256.New, []byte(secret))
	m.Write([]byte(strconv.FormatInt(ts, 10)))
	m.Write([]byte("."))
	m.Write(body)
	return "sha256=" + hex.EncodeToString(m.Sum(nil))
}

// Verify checks a signature as a receiver would, refusing one older than
// maxAge (a replayed request).
func Verify(secret, signature, timestamp string, body []byte, now time.Time, maxAge time.Duration) bool {
	ts, err := strconv.ParseInt(timestamp, 10, 64)
	if err != nil || now.Sub(time.Unix(ts, 0)).Abs() > maxAge {
		return false
	}
	return hmac.Equal([]byte(signature), []byte(Sign(secret, ts, body)))
}

// errPrivate is a dial refused because the address is inside the network.
var errPrivate = errors.New("the address is loopback or private, and this webhook may not reach such addresses")

// client returns an HTTP client that never follows redirects (a receiver
// that redirects could point it anywhere) and, unless allowPrivate,
// refuses to connect to a loopback or private address, whatever name
// resolved to it.
func client(allowPrivate bool) *http.Client {
	d := &net.Dialer{Timeout: Timeout}
	if !allowPrivate {
		d.Control = func(_, address string, _ syscall.RawConn) error {
			host, _, err := net.SplitHostPort(address)
			if err != nil {
				return err
			}
			if ip := net.ParseIP(host); ip == nil || habeas.PrivateIP(ip) {
				return errPrivate
			}
			return nil
		}
	}
	return &http.Client{
		Timeout: Timeout,
		Transport: &http.Transport{DialContext: d.DialContext, TLSHandshakeTimeout: Timeout,
			ResponseHeaderTimeout: Timeout, MaxIdleConns: 4, IdleConnTimeout: time.Minute, ForceAttemptHTTP2: true},
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse },
	}
}

// Deliver sends the due deliveries, a batch at a time, until none is due
// or ctx ends, and returns how many were sent and how many failed.
func Deliver(ctx context.Context, s Store, now func() time.Time) (sent, failed int, err error) {
	clients := map[bool]*http.Client{false: client(false), true: client(true)}
	for ctx.Err() == nil {
		due, err := s.ClaimDeliveries(ctx, batch, lease)
		if err != nil || len(due) == 0 {
			return sent, failed, err
		}
		for _, d := range due {
			status, problem := send(ctx, clients[d.AllowPrivate], d, now())
			ok := problem == ""
			if err := s.FinishDelivery(context.WithoutCancel(ctx), d, status, problem, ok); err != nil {
				return sent, failed, err
			}
			if ok {
				sent++
			} else {
				failed++
			}
		}
	}
	return sent, failed, ctx.Err()
}

// send POSTs one delivery and returns the receiver's status and, when it
// did not take it (no answer, or not 2xx), why.
func send(ctx context.Context, c *http.Client, d habeas.Outgoing, now time.Time) (int, string) {
	req, err := http.NewRequestWithContext(ctx, "POST", d.URL, bytes.NewReader(d.Body))
	if err != nil {
		return 0, "bad URL: " + err.Error()
	}
	ts := now.Unix()
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("User-Agent", "habeas-webhook/1")
	req.Header.Set("X-Habeas-Delivery", strconv.FormatInt(d.ID, 10))
	req.Header.Set("X-Habeas-Timestamp", strconv.FormatInt(ts, 10))
	req.Header.Set("X-Habeas-Signature", Sign(d.Secret, ts, d.Body))
	res, err := c.Do(req)
	if err != nil {
		if errors.Is(err, errPrivate) {
			return 0, errPrivate.Error()
		}
		var ne net.Error
		if errors.As(err, &ne) && ne.Timeout() {
			return 0, fmt.Sprintf("no answer within %s", Timeout)
		}
		return 0, "could not deliver: " + err.Error()
	}
	io.Copy(io.Discard, io.LimitReader(res.Body, 64<<10))
	res.Body.Close()
	if res.StatusCode < 200 || res.StatusCode > 299 {
		return res.StatusCode, "the receiver answered " + res.Status
	}
	return res.StatusCode, ""
}
