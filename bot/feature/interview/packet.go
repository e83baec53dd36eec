package interview

import (
	"cmp"
	"fmt"
	"strings"

	"github.com/bwmarrin/discordgo"

	"github.com/prepcord/prepcord/bot"
	"github.com/prepcord/prepcord/data"
	"github.com/prepcord/prepcord/store"
)

// packetPartner is whom member asks: the next member in the pairing who
// still takes part.
func packetPartner(p *store.Pairing, userID string) store.PairMember {
	active := p.ActiveMembers()
	for i, x := range active {
		if x.UserID == userID {
			return active[(i+1)%len(active)]
		}
	}
	return store.PairMember{}
}

// packet is the My packet button: the question the caller asks their
// partner (chosen for the partner's role and company, kept once chosen),
// what to listen for, and the model answer, all shown to the caller alone.
func (f *Feature) packet(c *bot.Ctx) error {
	p, err := f.pairingFor(c)
	if err != nil {
		return err
	}
	me, partner := p.Member(c.UserID()), packetPartner(p, c.UserID())
	topic := topicOf(p.Topic)
	role, company := cmp.Or(partner.Role, me.Role), cmp.Or(partner.Company, me.Company)
	base := store.Filter{Scope: p.GuildID, Category: topic.Category}
	var filters []store.Filter
	add := func(fl store.Filter) {
		for _, x := range filters {
			if x == fl {
				return
			}
		}
		filters = append(filters, fl)
	}
	add(base.With(data.KindRole, role).With(data.KindCompany, company))
	add(base.With(data.KindCompany, company))
	add(base.With(data.KindRole, role))
	add(base)
	q, err := f.interviews.AssignPacket(c, p.ID, c.UserID(), filters)
	if err != nil {
		return err
	}
	qe := bot.QuestionEmbed(q)
	look := &discordgo.MessageEmbed{Title: "What to look for", Description: lookFor(q, topic.Key), Color: bot.BrandColor}
	intro := fmt.Sprintf("📋 **Your interview packet.** You ask <@%s> this question; do not share it before the session.", partner.UserID)
	embeds := []*discordgo.MessageEmbed{qe}
	if embedsLen(qe, look) <= bot.MaxEmbedsTotal-200 {
		embeds = append(embeds, look)
		look = nil
	}
	if err := c.Reply(&discordgo.InteractionResponseData{Flags: discordgo.MessageFlagsEphemeral, Content: intro,
		Embeds: embeds, AllowedMentions: &discordgo.MessageAllowedMentions{}}); err != nil {
		return err
	}
	if look != nil {
		if err := c.Reply(&discordgo.InteractionResponseData{Flags: discordgo.MessageFlagsEphemeral, Embeds: []*discordgo.MessageEmbed{look}}); err != nil {
			return err
		}
	}
	for _, page := range bot.SolutionPages(q) {
		if err := c.Reply(&discordgo.InteractionResponseData{Flags: discordgo.MessageFlagsEphemeral, Embeds: page}); err != nil {
			return err
		}
	}
	return nil
}

// lookFor is what the interviewer listens for: the question's overview
// and the topic's rubric.
func lookFor(q *store.Question, topic string) string {
	rubric := map[string]string{
		"behavioral":       "A real situation with stakes; the candidate's own actions (\"I\", not \"we\"); a measurable result; what they learned. Ask one follow-up on a decision they made.",
		"coding":           "Clarifying questions and examples before coding; a brute force first, then a better approach; correct complexity; clean code; testing with edge cases.",
		"system-design":    "Requirements and scale first; a simple design, then bottlenecks; data model and APIs; trade-offs named and justified.",
		"ml-system-design": "The business metric and the ML objective; data and labels; features; model choice with a baseline; offline and online evaluation; serving and monitoring.",
		"machine-learning": "Precise definitions; intuition before formulas; trade-offs (bias and variance, cost, latency); how it fails in practice.",
		"product":          "Users and goals first; a structured list of options; prioritisation with a reason; metrics to judge success.",
		"sql-data":         "Questions about the schema and edge cases (NULLs, duplicates); a correct query built step by step; how to check the result.",
		"statistics":       "Assumptions stated; the right test or model; power and sample size; pitfalls such as peeking and multiple comparisons.",
	}
	var b strings.Builder
	if q.Overview != "" {
		b.WriteString(q.Overview)
		b.WriteString("\n\n")
	}
	if r, ok := rubric[topic]; ok {
		b.WriteString(r)
	} else {
		b.WriteString("A clear structure, reasoning out loud, and trade-offs named.")
	}
	b.WriteString("\nThe model answer follows; keep it to yourself until the debrief.")
	return bot.Truncate(b.String(), bot.MaxDescription)
}

// embedsLen counts the characters Discord counts towards 6000.
func embedsLen(es ...*discordgo.MessageEmbed) int {
	n := 0
	for _, e := range es {
		n += len([]rune(e.Title)) + len([]rune(e.Description))
		for _, f := range e.Fields {
			n += len([]rune(f.Name)) + len([]rune(f.Value))
		}
		if e.Footer != nil {
			n += len([]rune(e.Footer.Text))
		}
	}
	return n
}
