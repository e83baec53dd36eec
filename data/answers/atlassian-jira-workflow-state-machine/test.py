from answer import *

wf = TEAM_WORKFLOW
dev, dev2 = User("dana", ["developer"]), User("eli", ["developer"])
qa, admin, guest = User("quinn", ["qa"]), User("ari", ["admin"]), User("gus")
issue = Issue("PAY-7")


def raises(exc, fn, *args):
    try:
        fn(*args)
    except exc as e:
        return str(e)
    raise AssertionError(f"expected {exc.__name__}")


assert wf.available(issue, guest) == []
assert wf.available(issue, dev) == ["Start"]
assert wf.available(issue, admin) == ["Won't do"]
raises(Forbidden, wf.transition, issue, "Start", guest)
raises(TransitionError, wf.transition, issue, "Approve", qa)
raises(TransitionError, wf.transition, issue, "Nope", admin)

wf.transition(issue, "Start", dev)
assert issue.status == "In Progress" and issue.assignee == "dana"
raises(Forbidden, wf.transition, issue, "Review", dev2)       # only the assignee
wf.transition(issue, "Review", dev)
assert wf.available(issue, qa) == ["Approve"]

msg = raises(Invalid, wf.transition, issue, "Approve", qa, {"resolution": ""})
assert "resolution" in msg
assert issue.status == "In Review" and "resolution" not in issue.fields   # nothing applied
wf.transition(issue, "Approve", qa, {"resolution": "Fixed"})
assert issue.status == "Done" and issue.fields["resolution"] == "Fixed"
assert wf.available(issue, admin) == ["Reopen"]                 # global transition not from its target
wf.transition(issue, "Reopen", admin)
assert issue.status == "To Do" and issue.fields["resolution"] is None
wf.transition(issue, "Won't do", admin)
assert issue.status == "Done" and issue.fields["resolution"] == "Won't Do"
assert [h[2] for h in issue.history] == ["Start", "Review", "Approve", "Reopen", "Won't do"]
assert issue.history[0] == ("To Do", "In Progress", "Start", "dana")

# assignment is kept when already set
other = Issue("PAY-8", assignee="eli")
wf.transition(other, "Start", dev)
assert other.assignee == "eli"
print("ok")
