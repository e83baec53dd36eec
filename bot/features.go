package bot

// buildFeatures lists the bot's features. Each feature lives in its own
// file with its command definitions beside its handlers.
func (b *Bot) buildFeatures() []Feature {
	return []Feature{
		newDailyFeature(b),
		&questionFeature{b: b}, &suggestFeature{b: b}, &bankFeature{b: b},
		&mockFeature{b: b},
	}
}
