package account

import (
	"bytes"
	"image"
	"image/png"
	"time"
)

// FreeFailures is how many wrong passwords in a row cost nothing.
const FreeFailures = 4

// MaxWait caps the back-off: an attacker who fails for days still waits
// at most this long between tries, and so does the account's owner, who
// is never locked out for good by someone else's guessing.
const MaxWait = 15 * time.Minute

// Wait is how long to refuse logins after the failures-th failure in a
// row: nothing for the first few, then 2 s doubling to MaxWait.
func Wait(failures int) time.Duration {
	if failures <= FreeFailures {
		return 0
	}
	n := failures - FreeFailures
	if n > 10 {
		return MaxWait
	}
	return min(MaxWait, time.Second<<n)
}

func encodePNG(img image.Image) ([]byte, error) {
	var b bytes.Buffer
	err := png.Encode(&b, img)
	return b.Bytes(), err
}
