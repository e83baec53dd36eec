package store

import (
	"context"
	"crypto/aes"
	"crypto/cipher"
	"crypto/hkdf"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"strings"

	"github.com/jmoiron/sqlx"

	"github.com/prepcord/prepcord/errs"
)

// Web is what the web companion keeps: the sessions of members logged in
// with Discord, and which servers publish their own questions.
type Web struct{ *shared }

// WebSession is a member logged in to the web companion.
type WebSession struct {
	UserID   string `db:"user_id"`
	Username string `db:"username"`
	// CSRF is the token every form of the session carries.
	CSRF string `db:"csrf"`
	// Guilds is the member's servers as Discord listed them at login
	// (JSON), for the pages to read.
	Guilds string `db:"guilds"`
	// AccessToken is the member's Discord OAuth2 token, used only to
	// re-check their permissions before an admin change. It is stored
	// sealed with a key derived from the session id (sealToken).
	AccessToken string `db:"access_token"`
	CreatedAt   int64  `db:"created_at"` // unix milliseconds
	ExpiresAt   int64  `db:"expires_at"` // unix milliseconds
}

// sessionKey is how a session id is stored: its SHA-256, so that a copy
// of the database does not hold ids that log anyone in.
func sessionKey(id string) string {
	sum := sha256.Sum256([]byte(id))
	return hex.EncodeToString(sum[:])
}

// CreateSession stores a session under id (kept hashed) and deletes the
// sessions that have expired.
func (s *Web) CreateSession(ctx context.Context, id string, ws WebSession) error {
	if ws.CreatedAt == 0 {
		ws.CreatedAt = s.now().UnixMilli()
	}
	return s.write(ctx, func(tx *sqlx.Tx) error {
		if _, err := tx.ExecContext(ctx, "DELETE FROM web_sessions WHERE expires_at < ?", s.now().UnixMilli()); err != nil {
			return err
		}
		_, err := tx.ExecContext(ctx, `INSERT INTO web_sessions (id_hash, user_id, username, csrf, guilds, access_token, created_at, expires_at)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?)`, sessionKey(id), ws.UserID, ws.Username, ws.CSRF, ws.Guilds, sealToken(id, ws.AccessToken), ws.CreatedAt, ws.ExpiresAt)
		return err
	})
}

// Session returns the session with id; NotFound when there is none or it
// has expired.
func (s *Web) Session(ctx context.Context, id string) (*WebSession, error) {
	ws, err := getRow[WebSession](ctx, s.r, `SELECT user_id, username, csrf, guilds, access_token, created_at, expires_at
		FROM web_sessions WHERE id_hash = ? AND expires_at > ?`, sessionKey(id), s.now().UnixMilli())
	ended := errs.E(errs.NotFound, "Your session has ended: log in again.")
	if ws, err = found(ws, err, ended); err != nil {
		return nil, err
	}
	var ok bool
	if ws.AccessToken, ok = openToken(id, ws.AccessToken); !ok {
		return nil, ended
	}
	return ws, nil
}

// sealedPrefix marks an access token stored sealed; tokens of sessions
// made before sealing are stored as they are, and read as they are.
const sealedPrefix = "sealed1:"

// sealToken encrypts a session's Discord access token (AES-GCM) with a key
// derived from the session id, which only the member's cookie holds: a
// copy of the database has neither ids that log in nor tokens that work.
func sealToken(id, token string) string {
	if token == "" {
		return ""
	}
	aead := tokenAEAD(id)
	nonce := make([]byte, aead.NonceSize())
	_, _ = rand.Read(nonce) // crypto/rand.Read never fails
	return sealedPrefix + base64.RawStdEncoding.EncodeToString(aead.Seal(nonce, nonce, []byte(token), nil))
}

// openToken returns the access token stored for the session id; false
// when it does not open with that id's key.
func openToken(id, stored string) (string, bool) {
	rest, sealed := strings.CutPrefix(stored, sealedPrefix)
	if !sealed {
		return stored, true
	}
	raw, err := base64.RawStdEncoding.DecodeString(rest)
	aead := tokenAEAD(id)
	if err != nil || len(raw) < aead.NonceSize() {
		return "", false
	}
	plain, err := aead.Open(nil, raw[:aead.NonceSize()], raw[aead.NonceSize():], nil)
	return string(plain), err == nil
}

// tokenAEAD is the cipher of a session's access token.
func tokenAEAD(id string) cipher.AEAD {
	// HKDF over a 256-bit random id, AES-256 and GCM take any such input:
	// none of these can fail.
	key, _ := hkdf.Key(sha256.New, []byte(id), nil, "prepcord web session access token", 32)
	block, _ := aes.NewCipher(key)
	aead, _ := cipher.NewGCM(block)
	return aead
}

// DeleteSession deletes the session with id (logout). Deleting a session
// that is gone is not an error.
func (s *Web) DeleteSession(ctx context.Context, id string) error {
	_, err := s.w.ExecContext(ctx, "DELETE FROM web_sessions WHERE id_hash = ?", sessionKey(id))
	return err
}

// SetPublished publishes guildID's own questions on the public bank
// pages, or stops publishing them.
func (s *Web) SetPublished(ctx context.Context, guildID string, published bool) error {
	if !published {
		_, err := s.w.ExecContext(ctx, "DELETE FROM web_published_banks WHERE guild_id = ?", guildID)
		return err
	}
	_, err := s.w.ExecContext(ctx, `INSERT INTO web_published_banks (guild_id, published_at) VALUES (?, ?)
		ON CONFLICT (guild_id) DO NOTHING`, guildID, s.now().UnixMilli())
	return err
}

// Published reports whether guildID publishes its own questions.
func (s *Web) Published(ctx context.Context, guildID string) (bool, error) {
	n, err := getOr(ctx, s.r, 0, "SELECT COUNT(*) FROM web_published_banks WHERE guild_id = ?", guildID)
	return n > 0, err
}
