package daily

import (
	"context"
	"crypto/sha256"
	"encoding/json"
	"fmt"
	"net/http"
	"strconv"
	"time"

	"github.com/bwmarrin/discordgo"

	"github.com/prepcord/prepcord/bot"
	"github.com/prepcord/prepcord/store"
)

// The members' answers at the reveal: posted into the post's thread once
// each, in submission order, each claimed in the store before it is sent
// and each of its messages recorded as it goes out; then, bestDelay after
// the reveal, the best answer chosen once and announced.

// answerHeadroom is what the attribution line of an answer's message
// takes of Discord's 2,000 characters.
const answerHeadroom = 100

// postAnswers posts a revealed post's answers that are not posted yet, in
// submission order. It stops at an answer another process is posting (a
// live claim) or that failed transiently (released for the next sweep),
// so that no answer overtakes an earlier one.
func (f *Feature) postAnswers(ctx context.Context, p *store.DailyPost, now time.Time) error {
	list, err := f.answers.Unposted(ctx, p.ID)
	if err != nil {
		return err
	}
	stale := now.Add(-claimLease).UnixMilli()
	for _, a := range list {
		if a.PostState == "claimed" && a.ClaimedAt >= stale {
			return nil
		}
		if a.Attempts >= maxPostAttempts {
			why := a.Error
			if why == "" {
				why = "the process posting it stopped each time"
			}
			f.env.Log.Warn("daily answer not posted", "guild", p.GuildID, "answer", a.ID, "err", why)
			if err := f.answers.FinishPost(ctx, a.ID, store.AnswerFailed, why); err != nil {
				return err
			}
			continue
		}
		ok, err := f.answers.ClaimPost(ctx, a, f.instance, now.UnixMilli())
		if err != nil || !ok {
			return err
		}
		if f.at("answer-claimed", p) {
			return ErrCrashed
		}
		if done, err := f.sendAnswer(ctx, p, a, now); err != nil || !done {
			return err
		}
	}
	return nil
}

// sendAnswer sends a claimed answer's messages from the first not yet
// sent, each with its own nonce, the last with the Vote button. It
// reports false when a transient failure released the answer for a later
// sweep.
func (f *Feature) sendAnswer(ctx context.Context, p *store.DailyPost, a *store.DailyAnswer, now time.Time) (bool, error) {
	msgs := answerMessages(a)
	msgID := a.MessageID
	for i := a.PartsSent; i < len(msgs); i++ {
		var m discordgo.Message
		err := f.call(ctx, func() error {
			raw, err := f.env.Session.RequestWithBucketID(http.MethodPost, discordgo.EndpointChannelMessages(p.ThreadID), msgs[i],
				discordgo.EndpointChannelMessages(p.ThreadID), discordgo.WithContext(ctx))
			if err != nil {
				return err
			}
			return json.Unmarshal(raw, &m)
		})
		if err != nil {
			why := f.explain(p.ChannelID, err)
			f.env.Log.Warn("daily answer post failed", "guild", p.GuildID, "answer", a.ID, "err", err)
			if classify(err) == failTransient {
				return false, f.answers.FinishPost(ctx, a.ID, "", why)
			}
			return true, f.answers.FinishPost(ctx, a.ID, store.AnswerFailed, why)
		}
		if f.at("answer-sent", p) {
			return false, ErrCrashed
		}
		msgID = m.ID
		if err := f.answers.PartSent(ctx, a.ID, i+1, msgID, f.env.Now().UnixMilli()); err != nil {
			return false, err
		}
	}
	return true, f.answers.FinishPost(ctx, a.ID, store.AnswerPosted, "")
}

// answerMessages renders an answer as messages within Discord's limit,
// attributed to its author without pinging them; the last carries the
// Vote button. Each has a nonce of its own, the same in every attempt.
func answerMessages(a *store.DailyAnswer) []*dailyMessage {
	parts := splitAnswer(a.Body, bot.MaxContent-answerHeadroom)
	out := make([]*dailyMessage, len(parts))
	for i, part := range parts {
		head := fmt.Sprintf("💬 **Answer from <@%s>**", a.UserID)
		if len(parts) > 1 {
			head += fmt.Sprintf(" (%d/%d)", i+1, len(parts))
		}
		out[i] = &dailyMessage{Content: head + "\n" + part, AllowedMentions: &discordgo.MessageAllowedMentions{},
			Nonce: answerNonce("answer", a.ID, i), EnforceNonce: true}
	}
	last := out[len(out)-1]
	last.Components = []discordgo.MessageComponent{discordgo.ActionsRow{Components: []discordgo.MessageComponent{
		discordgo.Button{Label: "Vote", Style: discordgo.SecondaryButton, CustomID: routeVote.ID(strconv.FormatInt(a.ID, 10)),
			Emoji: &discordgo.ComponentEmoji{Name: "👍"}},
	}}}
	return out
}

// answerNonce is the nonce of part of what is posted for an answer or a
// post (kind names which): 21 characters, the same from every process.
func answerNonce(kind string, id int64, part int) string {
	sum := sha256.Sum256([]byte(kind + "/" + strconv.FormatInt(id, 10) + "/" + strconv.Itoa(part)))
	return fmt.Sprintf("a%x", sum[:10])
}

// announceBest chooses a post's best answer, once (see
// store.Answers.ClaimBest), and announces it in the thread.
func (f *Feature) announceBest(ctx context.Context, p *store.DailyPost, now time.Time) error {
	b, ok, err := f.answers.ClaimBest(ctx, p, f.instance, now.UnixMilli(), now.Add(-claimLease).UnixMilli())
	if err != nil || !ok {
		return err
	}
	if f.at("best-claimed", p) {
		return ErrCrashed
	}
	text := fmt.Sprintf("🏆 **Best answer:** <@%s>, with %d vote%s. Congratulations!", b.UserID, b.Votes, bot.Plural(b.Votes))
	if a, err := f.answers.Get(ctx, b.AnswerID); err == nil && a.MessageID != "" {
		text += " " + messageLink(p.GuildID, p.ThreadID, a.MessageID)
	}
	body := &dailyMessage{Content: text, AllowedMentions: &discordgo.MessageAllowedMentions{}, Nonce: answerNonce("best", p.ID, 0), EnforceNonce: true}
	err = f.call(ctx, func() error {
		_, err := f.env.Session.RequestWithBucketID(http.MethodPost, discordgo.EndpointChannelMessages(p.ThreadID), body,
			discordgo.EndpointChannelMessages(p.ThreadID), discordgo.WithContext(ctx))
		return err
	})
	if err != nil {
		f.env.Log.Warn("daily best answer announcement failed", "guild", p.GuildID, "post", p.ID, "err", err)
		return f.answers.FinishBest(ctx, p.ID, "failed", f.explain(p.ChannelID, err))
	}
	return f.answers.FinishBest(ctx, p.ID, "done", "")
}
