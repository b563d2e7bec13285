package account

import (
	"crypto/rand"
	"crypto/sha256"
	"crypto/subtle"
	"encoding/base32"
	"encoding/hex"
	"net/url"
	"strings"
	"time"

	"github.com/pquerna/otp"
	"github.com/pquerna/otp/totp"
)

// TOTP codes are RFC 6238's usual kind, which every authenticator app
// reads: six digits, a new one every 30 seconds, HMAC-SHA1.
const period = 30

var totpOpts = totp.ValidateOpts{Period: period, Digits: otp.DigitsSix, Algorithm: otp.AlgorithmSHA1}

// NewTOTP makes a new secret for the account email of the site issuer,
// and the otpauth:// address that authenticator apps read from a QR code.
func NewTOTP(issuer, email string) (secret, url string, err error) {
	k, err := totp.Generate(totp.GenerateOpts{Issuer: issuer, AccountName: email, Period: period,
		Digits: otp.DigitsSix, Algorithm: otp.AlgorithmSHA1})
	if err != nil {
		return "", "", err
	}
	return k.Secret(), k.URL(), nil
}

// QR returns a PNG of the otpauth address, for the set-up page.
func QR(url string, size int) ([]byte, error) {
	k, err := otp.NewKeyFromURL(url)
	if err != nil {
		return nil, err
	}
	img, err := k.Image(size, size)
	if err != nil {
		return nil, err
	}
	return encodePNG(img)
}

// CheckTOTP reports whether code is the secret's code for a time step
// after last (the step last accepted, 0 for none) and within one step of
// now, and returns that step: storing it makes each code good only once,
// so a code seen over a shoulder cannot be used again.
func CheckTOTP(secret, code string, now time.Time, last int64) (step int64, ok bool) {
	code = strings.ReplaceAll(strings.TrimSpace(code), " ", "")
	if len(code) != 6 {
		return 0, false
	}
	cur := now.Unix() / period
	for s := cur - 1; s <= cur+1; s++ {
		if s <= last {
			continue
		}
		want, err := totp.GenerateCodeCustom(secret, time.Unix(s*period, 0), totpOpts)
		if err != nil {
			return 0, false
		}
		if subtle.ConstantTimeCompare([]byte(want), []byte(code)) == 1 {
			return s, true
		}
	}
	return 0, false
}

// RecoveryCodes is how many one-use codes an account gets with its
// second factor.
const RecoveryCodes = 10

// NewRecoveryCodes returns n new codes such as "k7qm-3xvd-p2", to be
// shown once, and the hashes to store. Each has 60 random bits: a fast
// hash is enough, since nobody can try 2^60 guesses online and the
// back-off limits them offline to the database's own thief.
func NewRecoveryCodes(n int) (codes, hashes []string) {
	enc := base32.NewEncoding("abcdefghijkmnpqrstuvwxyz23456789").WithPadding(base32.NoPadding)
	for range n {
		b := make([]byte, 8)
		rand.Read(b)
		c := enc.EncodeToString(b)[:12]
		c = c[:4] + "-" + c[4:8] + "-" + c[8:]
		codes = append(codes, c)
		hashes = append(hashes, HashCode(c))
	}
	return codes, hashes
}

// HashCode returns the stored form of a recovery code or a one-time
// token, ignoring case, spaces and dashes as people type them.
func HashCode(c string) string {
	c = strings.ToLower(strings.NewReplacer(" ", "", "-", "").Replace(strings.TrimSpace(c)))
	h := sha256.Sum256([]byte(c))
	return hex.EncodeToString(h[:])
}

// TOTPURL is the otpauth:// address of a secret, for its QR code.
func TOTPURL(issuer, email, secret string) string {
	v := url.Values{}
	v.Set("secret", secret)
	v.Set("issuer", issuer)
	v.Set("algorithm", "SHA1")
	v.Set("digits", "6")
	v.Set("period", "30")
	return "otpauth://totp/" + url.PathEscape(issuer) + ":" + url.PathEscape(email) + "?" + v.Encode()
}
