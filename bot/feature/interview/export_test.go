package interview

// The lifecycle's timing and the internals the external tests use.
const (
	CheckinAfter        = checkinAfter
	ReminderAfterFinish = reminderAfterFinish
	Silence             = silence
	NoShowGrace         = noShowGrace
)

var (
	Pick       = pick
	RoundTopic = roundTopic
	TopicOf    = topicOf
)

// The input custom_ids of the feedback form.
const (
	FbCommunication = fbCommunication
	FbProblem       = fbProblem
	FbStructure     = fbStructure
	FbWell          = fbWell
	FbImprove       = fbImprove
)
