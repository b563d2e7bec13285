package account

import (
	"strings"
	"testing"
	"time"

	"github.com/pquerna/otp/totp"
)

func TestWait(t *testing.T) {
	for _, c := range []struct {
		failures int
		want     time.Duration
	}{
		{0, 0}, {1, 0}, {FreeFailures, 0},
		{FreeFailures + 1, 2 * time.Second},
		{FreeFailures + 2, 4 * time.Second},
		{FreeFailures + 9, 512 * time.Second},
		{FreeFailures + 10, MaxWait},
		{1000, MaxWait},
	} {
		if got := Wait(c.failures); got != c.want {
			t.Errorf("Wait(%d) = %v, want %v", c.failures, got, c.want)
		}
	}
}

func TestCheckPassword(t *testing.T) {
	for _, c := range []struct {
		pw string
		ok bool
	}{
		{"", false},
		{"elevenchars", false},
		{"twelve chars", true},
		{"мамедов мамедов", true}, // counted in characters, not bytes
		{"ab\xffcdefghijklmn", false},
		{strings.Repeat("x", MaxPassword), true},
		{strings.Repeat("x", MaxPassword+1), false},
	} {
		if err := CheckPassword(c.pw); (err == nil) != c.ok {
			t.Errorf("CheckPassword(%q) = %v, want ok=%v", c.pw, err, c.ok)
		}
	}
}

func TestHashVerify(t *testing.T) {
	cheap := Params{Memory: 64, Time: 1, Threads: 1}
	h := Hash("correct horse battery staple", cheap)
	if !strings.HasPrefix(h, "$argon2id$v=19$m=64,t=1,p=1$") {
		t.Fatalf("hash %q", h)
	}
	if h2 := Hash("correct horse battery staple", cheap); h2 == h {
		t.Error("two hashes of one password are equal: no salt")
	}
	if ok, stale := Verify("correct horse battery staple", h, cheap); !ok || stale {
		t.Errorf("right password: ok=%v stale=%v", ok, stale)
	}
	if ok, stale := Verify("correct horse battery staple", h, Default); !ok || !stale {
		t.Errorf("right password, other costs: ok=%v stale=%v", ok, stale)
	}
	for _, bad := range []string{
		"correct horse battery stapl", "Correct horse battery staple", "",
	} {
		if ok, _ := Verify(bad, h, cheap); ok {
			t.Errorf("%q verified", bad)
		}
	}
	for _, bad := range []string{
		"", "plain", strings.Replace(h, "argon2id", "argon2i", 1),
		strings.Replace(h, "m=64", "m=99999999", 1), // a cost that would stall the server
		strings.Replace(h, "v=19", "v=16", 1),
		h[:len(h)-20],
	} {
		if ok, _ := Verify("correct horse battery staple", bad, cheap); ok {
			t.Errorf("malformed hash %q verified", bad)
		}
	}
}

func TestTOTP(t *testing.T) {
	secret, url, err := NewTOTP("IHR", "ayla@example.org")
	if err != nil || !strings.HasPrefix(url, "otpauth://totp/IHR:ayla@example.org?") {
		t.Fatalf("%q %v", url, err)
	}
	now := time.Date(2025, 5, 15, 10, 0, 10, 0, time.UTC)
	code := func(at time.Time) string { c, _ := totp.GenerateCode(secret, at); return c }
	step, ok := CheckTOTP(secret, code(now), now, 0)
	if !ok || step != now.Unix()/30 {
		t.Fatalf("the current code: %d %v", step, ok)
	}
	for _, c := range []struct {
		name string
		code string
		last int64
		ok   bool
	}{
		{"previous step", code(now.Add(-30 * time.Second)), 0, true},
		{"next step", code(now.Add(30 * time.Second)), 0, true},
		{"two steps ago", code(now.Add(-60 * time.Second)), 0, false},
		{"already used", code(now), step, false},
		{"spaces", " " + code(now)[:3] + " " + code(now)[3:], 0, true},
		{"too short", code(now)[:5], 0, false},
		{"letters", "abcdef", 0, false},
	} {
		if _, ok := CheckTOTP(secret, c.code, now, c.last); ok != c.ok {
			t.Errorf("%s: ok=%v, want %v", c.name, ok, c.ok)
		}
	}
	if png, err := QR(url, 200); err != nil || string(png[1:4]) != "PNG" {
		t.Errorf("QR: %v", err)
	}
}

func TestRecoveryCodes(t *testing.T) {
	codes, hashes := NewRecoveryCodes(RecoveryCodes)
	seen := map[string]bool{}
	for i, c := range codes {
		if len(c) != 14 || c[4] != '-' || c[9] != '-' || seen[c] {
			t.Errorf("code %q", c)
		}
		seen[c] = true
		if HashCode(c) != hashes[i] || HashCode(strings.ToUpper(strings.ReplaceAll(c, "-", " "))) != hashes[i] {
			t.Errorf("code %q does not match its hash as typed", c)
		}
	}
}

// BenchmarkHash is the cost of one login with the default parameters.
func BenchmarkHash(b *testing.B) {
	for b.Loop() {
		Hash("correct horse battery staple", Default)
	}
}
