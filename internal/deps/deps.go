// Package deps pins the project's chosen dependencies while the packages
// that use them are being written. It is removed once each one is imported
// by real code.
package deps

import (
	_ "github.com/bwmarrin/discordgo"
	_ "github.com/getkin/kin-openapi/openapi3"
	_ "github.com/gorilla/websocket"
	_ "github.com/jmoiron/sqlx"
	_ "github.com/joho/godotenv"
	_ "github.com/lithammer/fuzzysearch/fuzzy"
	_ "github.com/mattn/go-sqlite3"
	_ "github.com/pressly/goose/v3"
	_ "github.com/prometheus/client_golang/prometheus"
	_ "github.com/robfig/cron/v3"
	_ "github.com/schollz/progressbar/v3"
	_ "go.yaml.in/yaml/v3"
	_ "golang.org/x/term"
)
