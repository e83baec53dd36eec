// Package e2e runs the real prepcord binary, built once per test run,
// against the loopback Discord in the test process: crash safety under
// SIGKILL, a Discord fault soak, /healthz and /metrics, the token's
// secrecy in the process's output, and backup and restore.
package e2e
