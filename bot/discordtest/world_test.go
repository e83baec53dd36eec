package discordtest_test

import (
	"testing"

	"github.com/bwmarrin/discordgo"
	"github.com/prepcord/prepcord/bot/discordtest"
)

// TestStableIDs: with StableIDs, two servers built from the same spec give
// the guild, its channels and roles, and users the same ids, whatever order
// users are created in; what is made later gets a fresh id.
func TestStableIDs(t *testing.T) {
	spec := []discordtest.GuildSpec{{Name: "Prep Community", Channels: []discordtest.ChannelSpec{{Name: "general"}, {Name: "daily"}}}}
	a := discordtest.New(discordtest.Options{Guilds: spec, StableIDs: true})
	defer a.Close()
	b := discordtest.New(discordtest.Options{Guilds: spec, StableIDs: true})
	defer b.Close()
	ga, gb := a.DefaultGuild(), b.DefaultGuild()
	if ga.ID != gb.ID {
		t.Fatalf("guild ids %s and %s", ga.ID, gb.ID)
	}
	for _, name := range []string{"general", "daily"} {
		if ca, cb := a.ChannelByName(ga.ID, name), b.ChannelByName(gb.ID, name); ca.ID != cb.ID || ca.ID == ga.ID {
			t.Errorf("#%s: ids %s and %s", name, ca.ID, cb.ID)
		}
	}
	if ra, rb := a.Role(ga.ID, "Admin"), b.Role(gb.ID, "Admin"); ra.ID != rb.ID {
		t.Errorf("Admin role ids %s and %s", ra.ID, rb.ID)
	}
	a.AddUser("member")
	ua2 := a.AddUser("user2")
	ub2 := b.AddUser("user2")
	ub1 := b.AddUser("Member") // usernames are case-insensitive
	if ua2.ID != ub2.ID || a.User("member").ID != ub1.ID || ua2.ID == ub1.ID {
		t.Errorf("user ids differ across servers or collide: %s %s %s %s", ua2.ID, ub2.ID, a.User("member").ID, ub1.ID)
	}
	later, err := a.AddChannel(ga.ID, "general", discordgo.ChannelTypeGuildText, "")
	if err != nil {
		t.Fatal(err)
	}
	if later.ID == b.ChannelByName(gb.ID, "general").ID {
		t.Errorf("a channel added later took the stable id %s", later.ID)
	}
}
