package daily

// Bounds of the retries, for the external tests that count them.
const (
	MaxPostAttempts = maxPostAttempts
	SendTries       = sendTries
)
