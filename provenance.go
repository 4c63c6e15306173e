package newsqual

import (
	"crypto/sha256"
	"encoding/hex"

	"github.com/newsqual/newsqual/model"
)

// ModelSHA256 returns the hex SHA-256 of m as model.Write encodes it: the
// hash of the model file itself when newsqual wrote the file, and the name
// of the embedded default model in version output, /v1/model and reports.
func ModelSHA256(m *model.Model) (string, error) {
	h := sha256.New()
	if err := m.Write(h); err != nil {
		return "", err
	}
	return hex.EncodeToString(h.Sum(nil)), nil
}
