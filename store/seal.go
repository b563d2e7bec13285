package store

import (
	"crypto/aes"
	"crypto/cipher"
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
)

// sealer encrypts confidential fields with AES-256-GCM. The key lives
// outside the database (a key file or the environment), so a copy of the
// database alone does not reveal them.
type sealer struct {
	aead    cipher.AEAD
	check   string // keyCheck of the key, kept in the database (see keys.go)
	nameKey []byte // keys the hashes of confidential names' blocking keys
	// clientKey keys the hashes that stand for the addresses of the
	// visitors who use the public forms (see hashClient).
	clientKey []byte
}

func newSealer(key []byte) (*sealer, error) {
	if len(key) != 32 {
		return nil, fmt.Errorf("store: the encryption key must be 32 bytes, got %d", len(key))
	}
	block, err := aes.NewCipher(key)
	if err != nil {
		return nil, err
	}
	aead, err := cipher.NewGCM(block)
	if err != nil {
		return nil, err
	}
	mac := hmac.New(sha256.New, key)
	mac.Write([]byte("habeas name keys v1"))
	nameKey := mac.Sum(nil)
	mac = hmac.New(sha256.New, key)
	mac.Write([]byte("habeas client addresses v1"))
	return &sealer{aead: aead, check: keyCheck(key), nameKey: nameKey, clientKey: mac.Sum(nil)}, nil
}

// randomHex returns n random bytes in hexadecimal.
func randomHex(n int) string {
	b := make([]byte, n)
	rand.Read(b)
	return hex.EncodeToString(b)
}

// seal encrypts plain; "" stays NULL so an empty field costs nothing.
func (s *sealer) seal(plain string, field string) any {
	if plain == "" {
		return nil
	}
	nonce := make([]byte, s.aead.NonceSize())
	rand.Read(nonce)
	return s.aead.Seal(nonce, nonce, []byte(plain), []byte(field))
}

// open decrypts a sealed value; the field name is bound in as additional
// data so a value copied into another column does not decrypt.
func (s *sealer) open(sealed []byte, field string) (string, error) {
	if len(sealed) == 0 {
		return "", nil
	}
	n := s.aead.NonceSize()
	if len(sealed) < n {
		return "", errors.New("sealed value too short")
	}
	plain, err := s.aead.Open(nil, sealed[:n], sealed[n:], []byte(field))
	if err != nil {
		return "", fmt.Errorf("decrypt %s (wrong key?): %w", field, err)
	}
	return string(plain), nil
}

// hashClient returns the keyed hash (HMAC-SHA256) that stands for a
// visitor's client address in the rate limits: the database never holds
// the address, and without the key a hash cannot be tried against the
// few billion addresses there are.
func (s *sealer) hashClient(client string) string {
	mac := hmac.New(sha256.New, s.clientKey)
	mac.Write([]byte(client))
	return hex.EncodeToString(mac.Sum(nil))
}
