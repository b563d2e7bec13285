package store

import (
	"crypto/aes"
	"crypto/cipher"
	"crypto/rand"
	"errors"
	"fmt"
)

// sealer encrypts confidential fields with AES-256-GCM. The key lives
// outside the database (a key file or the environment), so a copy of the
// database alone does not reveal them.
type sealer struct {
	aead  cipher.AEAD
	check string // keyCheck of the key, kept in the database (see keys.go)
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
	return &sealer{aead: aead, check: keyCheck(key)}, nil
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
