package bank

import (
	"fmt"
	"strings"

	"github.com/prepcord/prepcord/bot"
)

// publish is /bank publish [on]: the dashboard's "Publish this server's
// questions" switch (store.Web.SetPublished). Published, the server's own
// questions are on the web companion's public pages at
// PUBLIC_URL/s/{server}/bank; the answer gives that address, or says which
// setting the site still lacks.
func (f *Feature) publish(c *bot.Ctx) error {
	on := true
	if o := c.Option("on"); o != nil {
		on, _ = o.Value.(bool)
	}
	was, err := f.cfg.Web.Published(c, c.GuildID())
	if err != nil {
		return err
	}
	if err := f.cfg.Web.SetPublished(c, c.GuildID(), on); err != nil {
		return err
	}
	if was != on {
		bot.RecordAudit(c, f.cfg.Audit, "bank.publish", publishDetail(on))
	}
	if !on {
		return c.ReplyEphemeral("This server's own questions are not on the public pages (`/bank publish` publishes them).")
	}
	var missing []string
	site := f.cfg.Site
	if !site.Served {
		missing = append(missing, "`WEB_ADDR` (the site is not served)")
	}
	if site.URL == "" {
		missing = append(missing, "`PUBLIC_URL` (the site's address)")
	}
	if !site.PublicBank {
		missing = append(missing, "`WEB_PUBLIC_BANK=true` (the public bank pages are off)")
	}
	if len(missing) > 0 {
		return c.ReplyEphemeral("This server's own questions are published, but nobody can see them yet: whoever runs prepcord must set " +
			strings.Join(missing, ", ") + ".")
	}
	return c.ReplyEphemeral(fmt.Sprintf("This server's own questions are public at %s (`/bank publish on:false` stops it).",
		strings.TrimSuffix(site.URL, "/")+"/s/"+c.GuildID()+"/bank"))
}

// publishDetail is the audit line's detail of publishing a server's
// questions, worded as the dashboard's.
func publishDetail(on bool) string {
	if on {
		return "own questions published on the public pages"
	}
	return "own questions no longer published"
}
