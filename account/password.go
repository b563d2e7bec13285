// Package account holds what staff logins are made of, without storage:
// passwords hashed with argon2id, the TOTP second factor and its recovery
// codes, and the back-off that slows down guessing. The store keeps the
// results; the workspace asks it.
package account

import (
	"crypto/rand"
	"crypto/subtle"
	"encoding/base64"
	"errors"
	"fmt"
	"strings"
	"unicode/utf8"

	"golang.org/x/crypto/argon2"
)

// Params are argon2id's costs. Default follows RFC 9106's second
// recommended option, with two lanes for a two-core server: 64 MiB of
// memory and three passes, about a tenth of a second a login on such a
// machine (docs/workspace.md has the figure).
type Params struct {
	Memory  uint32 // KiB
	Time    uint32 // passes
	Threads uint8
}

// Default is what new passwords are hashed with.
var Default = Params{Memory: 64 * 1024, Time: 3, Threads: 2}

const (
	saltLen = 16
	keyLen  = 32
	// MinPassword and MaxPassword bound a password's length in
	// characters: long enough to resist guessing offline, short enough
	// that hashing it costs no more than any other.
	MinPassword = 12
	MaxPassword = 256
)

// CheckPassword says what is wrong with a new password, or nil.
func CheckPassword(pw string) error {
	n := utf8.RuneCountInString(pw)
	switch {
	case !utf8.ValidString(pw):
		return errors.New("must be valid text")
	case n < MinPassword:
		return fmt.Errorf("must be at least %d characters (a few unrelated words make a good one)", MinPassword)
	case n > MaxPassword:
		return fmt.Errorf("must be at most %d characters", MaxPassword)
	}
	return nil
}

// Hash returns pw hashed with p, in the PHC string format
// ($argon2id$v=19$m=…,t=…,p=…$salt$key), so that a later change of
// costs still verifies old hashes.
func Hash(pw string, p Params) string {
	defer hold()()
	salt := make([]byte, saltLen)
	rand.Read(salt)
	key := argon2.IDKey([]byte(pw), salt, p.Time, p.Memory, p.Threads, keyLen)
	b64 := base64.RawStdEncoding
	return fmt.Sprintf("$argon2id$v=%d$m=%d,t=%d,p=%d$%s$%s",
		argon2.Version, p.Memory, p.Time, p.Threads, b64.EncodeToString(salt), b64.EncodeToString(key))
}

// Verify reports whether pw matches hash. A malformed hash matches
// nothing. stale says the hash was made with other costs than want, so
// the caller may store a new one now that it knows the password.
func Verify(pw, hash string, want Params) (ok, stale bool) {
	p, salt, key, err := decode(hash)
	if err != nil {
		return false, false
	}
	defer hold()()
	got := argon2.IDKey([]byte(pw), salt, p.Time, p.Memory, p.Threads, uint32(len(key)))
	if subtle.ConstantTimeCompare(got, key) != 1 {
		return false, false
	}
	return true, p != want
}

// slots bounds how many hashes run at once: each holds Memory KiB, and
// a burst of logins must not take a small server's memory.
var slots = make(chan struct{}, 2)

func hold() (release func()) {
	slots <- struct{}{}
	return func() { <-slots }
}

// dummy is a hash of nothing anyone can type, verified when an account
// does not exist so that a login takes as long for a wrong address as
// for a wrong password.
var dummy = Hash("\x00not a password\x00", Default)

// Waste spends the time of one verification.
func Waste(pw string) { Verify(pw, dummy, Default) }

func decode(hash string) (p Params, salt, key []byte, err error) {
	parts := strings.Split(hash, "$")
	if len(parts) != 6 || parts[0] != "" || parts[1] != "argon2id" {
		return p, nil, nil, errors.New("not an argon2id hash")
	}
	var v int
	if _, err := fmt.Sscanf(parts[2], "v=%d", &v); err != nil || v != argon2.Version {
		return p, nil, nil, errors.New("unknown argon2 version")
	}
	if _, err := fmt.Sscanf(parts[3], "m=%d,t=%d,p=%d", &p.Memory, &p.Time, &p.Threads); err != nil {
		return p, nil, nil, errors.New("bad argon2 parameters")
	}
	// Refuse costs that would make one verification a denial of service.
	if p.Memory < 8 || p.Memory > 1<<20 || p.Time < 1 || p.Time > 20 || p.Threads < 1 {
		return p, nil, nil, errors.New("argon2 parameters out of range")
	}
	b64 := base64.RawStdEncoding
	if salt, err = b64.DecodeString(parts[4]); err != nil || len(salt) < 8 {
		return p, nil, nil, errors.New("bad salt")
	}
	if key, err = b64.DecodeString(parts[5]); err != nil || len(key) < 16 || len(key) > 64 {
		return p, nil, nil, errors.New("bad key")
	}
	return p, salt, key, nil
}

// NewPassword returns a random password such as "k7qm-3xvd-p2ab-9fgh"
// (80 bits), for an account made on the server (the demo's admin).
func NewPassword() string {
	codes, _ := NewRecoveryCodes(2)
	return codes[0] + "-" + codes[1][:4]
}
