package web

import (
	"context"
	"fmt"
	"net/http"
	"strconv"
	"strings"

	"github.com/bwmarrin/discordgo"

	"github.com/prepcord/prepcord/bot"
	"github.com/prepcord/prepcord/bot/suggestcheck"
	"github.com/prepcord/prepcord/data"
	"github.com/prepcord/prepcord/errs"
	"github.com/prepcord/prepcord/store"
)

// suggestionsPageSize is how many pending suggestions the review page shows.
const suggestionsPageSize = 25

// suggestionsView is the review page.
type suggestionsView struct {
	Guild   adminGuild
	Pending []*store.Suggestion
	Total   int
	// Problem is the refusal of the last form, for suggestion ProblemID.
	Problem   string
	ProblemID int64
}

// suggestions lists the server's pending suggestions, each with an
// editable form (approve as edited) and a reject form with a reason.
func (s *Server) suggestions(w http.ResponseWriter, r *http.Request) {
	s.renderSuggestions(w, r, http.StatusOK, "", 0)
}

func (s *Server) renderSuggestions(w http.ResponseWriter, r *http.Request, status int, problem string, id int64) {
	g := adminGuildOf(r)
	v := &suggestionsView{Guild: g, Problem: problem, ProblemID: id}
	var err error
	if v.Pending, v.Total, err = s.st.Suggestions.Pending(r.Context(), g.ID, suggestionsPageSize); err != nil {
		s.internal(w, r, err)
		return
	}
	s.render(w, r, status, "suggestions", "Suggestions: "+g.Name, v)
}

// formSuggestion reads the suggestion a form is about.
func (s *Server) formSuggestion(w http.ResponseWriter, r *http.Request) (*store.Suggestion, bool) {
	id, err := strconv.ParseInt(r.PostFormValue("id"), 10, 64)
	if err != nil || id <= 0 {
		s.fail(w, r, http.StatusBadRequest, "This form names no suggestion.")
		return nil, false
	}
	sg, err := s.st.Suggestions.Get(r.Context(), adminGuildOf(r).ID, id)
	if errs.CodeOf(err) == errs.NotFound {
		s.fail(w, r, http.StatusNotFound, "This server has no such suggestion.")
		return nil, false
	}
	if err != nil {
		s.internal(w, r, err)
		return nil, false
	}
	return sg, true
}

// suggestionApprove approves a pending suggestion, as edited in the form
// when the fields changed: Update (which checks the question as import
// does) then Approve, the store operations of Discord's Edit and Approve
// buttons. Approve is atomic: when Discord and the web race, one wins and
// the other is told the suggestion was already decided.
func (s *Server) suggestionApprove(w http.ResponseWriter, r *http.Request) {
	sg, ok := s.formSuggestion(w, r)
	if !ok {
		return
	}
	ctx, g := r.Context(), adminGuildOf(r)
	if sg.Status != store.SuggestionPending {
		s.renderSuggestions(w, r, http.StatusConflict, fmt.Sprintf("Suggestion #%d was already %s.", sg.ID, sg.Status), sg.ID)
		return
	}
	edited := sg.Question
	if r.PostForm.Has("title") {
		edited.Title = strings.TrimSpace(r.PostFormValue("title"))
		edited.Company = strings.TrimSpace(r.PostFormValue("company"))
		edited.Category = strings.TrimSpace(r.PostFormValue("category"))
		edited.Difficulty = strings.TrimSpace(r.PostFormValue("difficulty"))
		edited.Roles = data.SplitList(r.PostFormValue("roles"))
		edited.Prompt = strings.TrimSpace(r.PostFormValue("prompt"))
		edited.Solution = strings.TrimSpace(r.PostFormValue("solution"))
	}
	// The bank's spelling of names it has, and no near miss of a known name
	// unless kept as written: the checks of Discord's Approve.
	edited.Roles = append([]string{}, edited.Roles...)
	fresh, err := suggestcheck.Names(ctx, s.st.Questions, g.ID, &edited)
	if err != nil {
		s.internal(w, r, err)
		return
	}
	if near := suggestcheck.Near(fresh); len(near) > 0 && r.PostFormValue("keep_names") != "1" {
		if now, err := s.st.Suggestions.Get(ctx, g.ID, sg.ID); err == nil && now.Status != store.SuggestionPending {
			s.renderSuggestions(w, r, http.StatusConflict, fmt.Sprintf("Suggestion #%d was already %s.", sg.ID, now.Status), sg.ID)
			return
		}
		msgs := make([]string, len(near))
		for i, n := range near {
			msgs[i] = suggestcheck.NearProblem(n, strconv.Quote)
		}
		s.renderSuggestions(w, r, http.StatusUnprocessableEntity, strings.Join(msgs, " ")+" Correct the name, or tick “Keep new names as written” to approve it as it is.", sg.ID)
		return
	}
	changed := edited.Title != sg.Question.Title || edited.Company != sg.Question.Company || edited.Category != sg.Question.Category ||
		edited.Difficulty != sg.Question.Difficulty || strings.Join(edited.Roles, ",") != strings.Join(sg.Question.Roles, ",") ||
		edited.Prompt != sg.Question.Prompt || edited.Solution != sg.Question.Solution
	if changed {
		if _, err := s.st.Suggestions.Update(ctx, g.ID, sg.ID, edited); err != nil {
			s.suggestionRefused(w, r, sg.ID, err)
			return
		}
	}
	id := sg.ID
	sg, q, err := s.st.Suggestions.Approve(ctx, g.ID, id, sessionOf(r).UserID)
	if err != nil {
		s.suggestionRefused(w, r, id, err)
		return
	}
	detail := fmt.Sprintf("suggestion #%d %q approved as question %s", sg.ID, sg.Question.Title, q.ID)
	if changed {
		detail += " (edited first)"
	}
	s.audit(r, "suggestion.approve", detail)
	s.showDecision(ctx, sg)
	s.tellMember(ctx, sg.AuthorID, fmt.Sprintf("Good news: your suggestion **%s** was approved in **%s**. It is now question `%s`.",
		bot.EscapeText(sg.Question.Title), bot.EscapeText(g.Name), q.ID))
	s.back(w, r, "suggestions")
}

// suggestionRefused shows the review page with why a decision was refused
// (a bad edit, a suggestion decided meanwhile), or a 500.
func (s *Server) suggestionRefused(w http.ResponseWriter, r *http.Request, id int64, err error) {
	switch errs.CodeOf(err) {
	case errs.Invalid:
		s.renderSuggestions(w, r, http.StatusUnprocessableEntity, errs.Message(err), id)
	case errs.Conflict, errs.NotFound:
		s.renderSuggestions(w, r, http.StatusConflict, errs.Message(err), id)
	default:
		s.internal(w, r, err)
	}
}

// maxRejectReason bounds the reason told to the author, in characters.
const maxRejectReason = 500

// suggestionReject rejects a pending suggestion with a reason, which the
// author is told by DM and the audit line keeps.
func (s *Server) suggestionReject(w http.ResponseWriter, r *http.Request) {
	sg, ok := s.formSuggestion(w, r)
	if !ok {
		return
	}
	reason := strings.TrimSpace(r.PostFormValue("reason"))
	if len([]rune(reason)) > maxRejectReason {
		s.renderSuggestions(w, r, http.StatusUnprocessableEntity, fmt.Sprintf("The reason is at most %d characters.", maxRejectReason), sg.ID)
		return
	}
	g, id := adminGuildOf(r), sg.ID
	sg, err := s.st.Suggestions.Reject(r.Context(), g.ID, id, sessionOf(r).UserID)
	if err != nil {
		s.suggestionRefused(w, r, id, err)
		return
	}
	detail := fmt.Sprintf("suggestion #%d %q rejected", sg.ID, sg.Question.Title)
	text := fmt.Sprintf("Your suggestion **%s** in **%s** was not added to the bank this time. Thank you for suggesting it!",
		bot.EscapeText(sg.Question.Title), bot.EscapeText(g.Name))
	if reason != "" {
		detail += ": " + reason
		text += "\nThe moderators said: " + bot.EscapeText(reason)
	}
	s.audit(r, "suggestion.reject", detail)
	s.showDecision(r.Context(), sg)
	s.tellMember(r.Context(), sg.AuthorID, text)
	s.back(w, r, "suggestions")
}

// showDecision edits the suggestion's review post in Discord as the
// review buttons do (the suggest feature, through bot.ReviewPoster), so
// the post shows who decided and keeps no buttons; a failure is logged,
// the decision stands.
func (s *Server) showDecision(ctx context.Context, sg *store.Suggestion) {
	if s.cfg.ReviewPosts == nil {
		return
	}
	if err := s.cfg.ReviewPosts.ShowDecision(ctx, sg); err != nil {
		s.log.Warn("web: could not update a suggestion's review post", "suggestion", sg.ID, "err", err)
	}
}

// tellMember sends a member a DM from the bot, as Discord's review does;
// closed DMs or no bot connection are logged, the decision stands.
func (s *Server) tellMember(ctx context.Context, userID, text string) {
	if s.cfg.Bot == nil {
		return
	}
	ch, err := s.cfg.Bot.UserChannelCreate(userID, discordgo.WithContext(ctx))
	if err == nil {
		_, err = s.cfg.Bot.ChannelMessageSendComplex(ch.ID, &discordgo.MessageSend{Content: bot.Truncate(text, bot.MaxContent),
			AllowedMentions: &discordgo.MessageAllowedMentions{}}, discordgo.WithContext(ctx))
	}
	if err != nil {
		s.log.Info("web: could not DM a member", "user", userID, "err", err)
	}
}
