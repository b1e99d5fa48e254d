// Package password hashes and checks passwords.
package password

import (
	"crypto/rand"
	"crypto/sha256"
	"crypto/subtle"
	"encoding/hex"
	"strings"
	"unicode/utf8"

	"example.com/shop/platform/errs"
)

// rounds makes each guess cost enough to slow down offline attacks.
const rounds = 100_000

// Check enforces the password policy.
func Check(plain string) error {
	if utf8.RuneCountInString(plain) < 10 {
		return errs.Invalid("password.Check", "password must have at least 10 characters")
	}
	return nil
}

// Hash returns "salt$digest" for plain.
func Hash(plain string) string {
	salt := make([]byte, 16)
	_, _ = rand.Read(salt)
	return hex.EncodeToString(salt) + "$" + digest(salt, plain)
}

// Verify reports whether plain matches a hash made by Hash, in constant
// time so that timing does not reveal partial matches.
func Verify(hash, plain string) bool {
	saltHex, want, ok := strings.Cut(hash, "$")
	if !ok {
		return false
	}
	salt, err := hex.DecodeString(saltHex)
	if err != nil {
		return false
	}
	return subtle.ConstantTimeCompare([]byte(digest(salt, plain)), []byte(want)) == 1
}

func digest(salt []byte, plain string) string {
	sum := sha256.Sum256(append(salt, plain...))
	for i := 1; i < rounds; i++ {
		sum = sha256.Sum256(sum[:])
	}
	return hex.EncodeToString(sum[:])
}
