package bot

// buildFeatures lists the bot's features. Each feature lives in its own
// file with its command definitions beside its handlers.
func (b *Bot) buildFeatures() []Feature {
	return []Feature{
		&helpFeature{b: b},
		&profileFeature{b: b}, &leaderboardFeature{b: b},
	}
}
