package question

// StripMarkdown is stripMarkdown, for the external tests that read a
// reply's text without its markup.
var StripMarkdown = stripMarkdown
