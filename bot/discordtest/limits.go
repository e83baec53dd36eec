package discordtest

import (
	"encoding/json"
	"fmt"
	"net/url"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"unicode/utf8"
)

// formErrors builds Discord's nested "errors" object of a 50035 Invalid Form Body answer:
// {"embeds": {"0": {"title": {"_errors": [{"code": ..., "message": ...}]}}}}.
type formErrors struct {
	tree map[string]any
	list []string // "embeds.0.title: Must be 256 or fewer in length."
}

func newFormErrors() *formErrors { return &formErrors{tree: map[string]any{}} }

func (fe *formErrors) empty() bool { return len(fe.list) == 0 }

func (fe *formErrors) String() string { return strings.Join(fe.list, "; ") }

func (fe *formErrors) add(path []string, code, message string) {
	node := fe.tree
	for _, p := range path {
		next, ok := node[p].(map[string]any)
		if !ok {
			next = map[string]any{}
			node[p] = next
		}
		node = next
	}
	errs, _ := node["_errors"].([]any)
	node["_errors"] = append(errs, map[string]any{"code": code, "message": message})
	where := strings.Join(path, ".")
	if where == "" {
		where = "(body)"
	}
	fe.list = append(fe.list, where+": "+message)
}

func at(path []string, more ...string) []string {
	return append(append([]string{}, path...), more...)
}

func runeLen(s string) int { return utf8.RuneCountInString(s) }

// str reads a string field; ok is false when present with another type.
func str(obj map[string]any, key string) (string, bool, bool) {
	v, present := obj[key]
	if !present || v == nil {
		return "", false, true
	}
	s, ok := v.(string)
	return s, true, ok
}

func (fe *formErrors) maxLen(obj map[string]any, key string, path []string, max int) int {
	s, present, ok := str(obj, key)
	if !present {
		return 0
	}
	if !ok {
		fe.add(at(path, key), "BASE_TYPE_STRING", "Could not interpret value as string.")
		return 0
	}
	if n := runeLen(s); n > max {
		fe.add(at(path, key), "BASE_TYPE_MAX_LENGTH", fmt.Sprintf("Must be %d or fewer in length.", max))
	}
	return runeLen(s)
}

func (fe *formErrors) lenRange(obj map[string]any, key string, path []string, min, max int, required bool) int {
	s, present, ok := str(obj, key)
	if !present {
		if required {
			fe.add(at(path, key), "BASE_TYPE_REQUIRED", "This field is required")
		}
		return 0
	}
	if !ok {
		fe.add(at(path, key), "BASE_TYPE_STRING", "Could not interpret value as string.")
		return 0
	}
	if n := runeLen(s); n < min || n > max {
		fe.add(at(path, key), "BASE_TYPE_BAD_LENGTH", fmt.Sprintf("Must be between %d and %d in length.", min, max))
	}
	return runeLen(s)
}

func array(obj map[string]any, key string) ([]any, bool) {
	v, ok := obj[key]
	if !ok || v == nil {
		return nil, false
	}
	a, ok := v.([]any)
	return a, ok
}

func object(v any) map[string]any {
	m, _ := v.(map[string]any)
	return m
}

func num(v any) (float64, bool) {
	switch n := v.(type) {
	case json.Number:
		f, err := n.Float64()
		return f, err == nil
	case float64:
		return n, true
	case int64:
		return float64(n), true
	case int:
		return float64(n), true
	case string:
		f, err := strconv.ParseFloat(n, 64)
		return f, err == nil
	}
	return 0, false
}

func intField(obj map[string]any, key string) (int64, bool) {
	f, ok := num(obj[key])
	return int64(f), ok
}

// messageRules tunes checkMessage to where the body comes from.
type messageRules struct {
	flagsMask int64 // flags the caller may set; 0 leaves flags unchecked
}

// Message flags the API lets bots set.
const (
	flagSuppressEmbeds        = 1 << 2
	flagEphemeral             = 1 << 6
	flagLoading               = 1 << 7
	flagSuppressNotifications = 1 << 12
)

// checkMessage applies Discord's limits to a message body (create, edit, webhook or
// interaction response data) and adds what fails to fe under path.
func checkMessage(fe *formErrors, obj map[string]any, path []string, rules messageRules) {
	content := fe.maxLen(obj, "content", path, 2000)
	embeds, hasEmbeds := array(obj, "embeds")
	if _, present := obj["embeds"]; present && obj["embeds"] != nil && !hasEmbeds {
		fe.add(at(path, "embeds"), "BASE_TYPE_LIST", "Must be a list.")
	}
	if len(embeds) > 10 {
		fe.add(at(path, "embeds"), "BASE_TYPE_MAX_LENGTH", "Must be 10 or fewer in length.")
	}
	total := 0
	for i, e := range embeds {
		total += checkEmbed(fe, object(e), at(path, "embeds", strconv.Itoa(i)))
	}
	if total > 6000 {
		fe.add(at(path, "embeds"), "MAX_EMBED_SIZE_EXCEEDED", "Embed size exceeds maximum size of 6000")
	}
	if comps, ok := array(obj, "components"); ok {
		checkComponents(fe, comps, at(path, "components"))
	}
	if f, ok := intField(obj, "flags"); ok && rules.flagsMask != 0 && f&^rules.flagsMask != 0 {
		fe.add(at(path, "flags"), "MESSAGE_FLAGS_INVALID", "Invalid flags")
	}
	if am := object(obj["allowed_mentions"]); am != nil {
		if parse, ok := array(am, "parse"); ok {
			for i, p := range parse {
				if s, _ := p.(string); s != "users" && s != "roles" && s != "everyone" {
					fe.add(at(path, "allowed_mentions", "parse", strconv.Itoa(i)), "BASE_TYPE_CHOICES", "Value must be one of {'users', 'roles', 'everyone'}.")
				}
			}
		}
	}
	if n, ok := obj["nonce"]; ok && n != nil {
		if s, isStr := n.(string); isStr && runeLen(s) > 25 {
			fe.add(at(path, "nonce"), "BASE_TYPE_MAX_LENGTH", "Must be 25 or fewer in length.")
		}
	}
	_ = content
}

// emptyMessage reports whether a new message would have nothing to show, which Discord
// answers with 50006 Cannot send an empty message (components alone are not enough).
func emptyMessage(obj map[string]any, hasFiles bool) bool {
	content, _, _ := str(obj, "content")
	embeds, _ := array(obj, "embeds")
	stickers, _ := array(obj, "sticker_ids")
	return strings.TrimSpace(content) == "" && len(embeds) == 0 && !hasFiles && len(stickers) == 0 && obj["poll"] == nil
}

// checkEmbed checks one embed and returns its character count toward the 6000 total.
func checkEmbed(fe *formErrors, e map[string]any, path []string) int {
	if e == nil {
		fe.add(path, "MODEL_TYPE_CONVERT", "Only dictionaries may be used in a ModelType")
		return 0
	}
	n := fe.maxLen(e, "title", path, 256)
	n += fe.maxLen(e, "description", path, 4096)
	checkURL(fe, e, "url", path, false)
	if c, ok := intField(e, "color"); ok && (c < 0 || c > 0xFFFFFF) {
		fe.add(at(path, "color"), "NUMBER_TYPE_MAX", "int value should be <= 16777215.")
	}
	if f := object(e["footer"]); f != nil {
		n += fe.lenRange(f, "text", at(path, "footer"), 1, 2048, true)
		checkURL(fe, f, "icon_url", at(path, "footer"), true)
	}
	if a := object(e["author"]); a != nil {
		n += fe.lenRange(a, "name", at(path, "author"), 1, 256, true)
		checkURL(fe, a, "url", at(path, "author"), false)
		checkURL(fe, a, "icon_url", at(path, "author"), true)
	}
	for _, k := range []string{"image", "thumbnail"} {
		if img := object(e[k]); img != nil {
			checkURL(fe, img, "url", at(path, k), true)
		}
	}
	fields, _ := array(e, "fields")
	if len(fields) > 25 {
		fe.add(at(path, "fields"), "BASE_TYPE_MAX_LENGTH", "Must be 25 or fewer in length.")
	}
	for i, f := range fields {
		fo := object(f)
		fp := at(path, "fields", strconv.Itoa(i))
		if fo == nil {
			fe.add(fp, "MODEL_TYPE_CONVERT", "Only dictionaries may be used in a ModelType")
			continue
		}
		n += fe.lenRange(fo, "name", fp, 1, 256, true)
		n += fe.lenRange(fo, "value", fp, 1, 1024, true)
	}
	return n
}

func checkURL(fe *formErrors, obj map[string]any, key string, path []string, allowAttachment bool) {
	s, present, ok := str(obj, key)
	if !present || !ok {
		return
	}
	u, err := url.Parse(s)
	switch {
	case err != nil || u.Scheme == "":
		fe.add(at(path, key), "URL_TYPE_INVALID_URL", "Not a well formed URL.")
	case u.Scheme == "attachment" && allowAttachment:
	case u.Scheme != "http" && u.Scheme != "https":
		fe.add(at(path, key), "URL_TYPE_INVALID_SCHEME", "Scheme \""+u.Scheme+"\" is not supported. Scheme must be one of ('http', 'https').")
	}
}

// Component types.
const (
	compActionRow  = 1
	compButton     = 2
	compStringSel  = 3
	compTextInput  = 4
	compUserSel    = 5
	compRoleSel    = 6
	compMentionSel = 7
	compChannelSel = 8
)

func isSelect(t int64) bool {
	return t == compStringSel || (t >= compUserSel && t <= compChannelSel)
}

// checkComponents checks message components: 5 action rows, 5 buttons or 1 select per row.
func checkComponents(fe *formErrors, rows []any, path []string) {
	if len(rows) > 5 {
		fe.add(path, "BASE_TYPE_MAX_LENGTH", "Must be 5 or fewer in length.")
	}
	seen := map[string]bool{}
	for i, r := range rows {
		rp := at(path, strconv.Itoa(i))
		row := object(r)
		if t, _ := intField(row, "type"); row == nil || t != compActionRow {
			fe.add(at(rp, "type"), "COMPONENT_LAYOUT_WIDTH_EXCEEDED", "Top-level components must be action rows")
			continue
		}
		items, _ := array(row, "components")
		if len(items) == 0 || len(items) > 5 {
			fe.add(at(rp, "components"), "BASE_TYPE_BAD_LENGTH", "Must be between 1 and 5 in length.")
		}
		selects := 0
		for j, it := range items {
			cp := at(rp, "components", strconv.Itoa(j))
			c := object(it)
			t, _ := intField(c, "type")
			switch {
			case t == compButton:
				checkButton(fe, c, cp, seen)
			case isSelect(t):
				selects++
				checkSelect(fe, c, t, cp, seen)
			default:
				fe.add(at(cp, "type"), "COMPONENT_TYPE_INVALID", fmt.Sprintf("Component type %d is not allowed here", t))
			}
		}
		if selects > 0 && len(items) > 1 {
			fe.add(at(rp, "components"), "COMPONENT_LAYOUT_WIDTH_EXCEEDED", "The specified component exceeds the maximum width")
		}
	}
}

func checkCustomID(fe *formErrors, c map[string]any, path []string, seen map[string]bool) {
	id, present, ok := str(c, "custom_id")
	if !present || !ok {
		fe.add(at(path, "custom_id"), "BASE_TYPE_REQUIRED", "This field is required")
		return
	}
	if n := runeLen(id); n < 1 || n > 100 {
		fe.add(at(path, "custom_id"), "BASE_TYPE_BAD_LENGTH", "Must be between 1 and 100 in length.")
	}
	if seen[id] {
		fe.add(at(path, "custom_id"), "COMPONENT_CUSTOM_ID_DUPLICATED", "Component custom id cannot be duplicated")
	}
	seen[id] = true
}

func checkButton(fe *formErrors, c map[string]any, path []string, seen map[string]bool) {
	style, _ := intField(c, "style")
	if style < 1 || style > 6 {
		fe.add(at(path, "style"), "BASE_TYPE_CHOICES", "Value must be one of {1, 2, 3, 4, 5, 6}.")
	}
	label := fe.maxLen(c, "label", path, 80)
	if style == 5 {
		if _, present, _ := str(c, "url"); !present {
			fe.add(at(path, "url"), "BASE_TYPE_REQUIRED", "This field is required")
		}
		checkURL(fe, c, "url", path, false)
		if _, present, _ := str(c, "custom_id"); present {
			fe.add(at(path, "custom_id"), "BUTTON_LINK_CUSTOM_ID", "A custom id cannot be specified for link buttons")
		}
	} else if style != 6 {
		checkCustomID(fe, c, path, seen)
	}
	if label == 0 && c["emoji"] == nil && style != 6 {
		fe.add(at(path, "label"), "BUTTON_COMPONENT_LABEL_OR_EMOJI_REQUIRED", "A label or emoji is required")
	}
}

func checkSelect(fe *formErrors, c map[string]any, typ int64, path []string, seen map[string]bool) {
	checkCustomID(fe, c, path, seen)
	fe.maxLen(c, "placeholder", path, 150)
	minV, hasMin := intField(c, "min_values")
	maxV, hasMax := intField(c, "max_values")
	if hasMin && (minV < 0 || minV > 25) {
		fe.add(at(path, "min_values"), "NUMBER_TYPE_MAX", "int value should be <= 25.")
	}
	if hasMax && (maxV < 1 || maxV > 25) {
		fe.add(at(path, "max_values"), "NUMBER_TYPE_MAX", "int value should be <= 25.")
	}
	if typ != compStringSel {
		return
	}
	opts, _ := array(c, "options")
	if len(opts) < 1 || len(opts) > 25 {
		fe.add(at(path, "options"), "BASE_TYPE_BAD_LENGTH", "Must be between 1 and 25 in length.")
	}
	if hasMax && int(maxV) > len(opts) {
		fe.add(at(path, "max_values"), "SELECT_COMPONENT_MAX_VALUES_TOO_LARGE", "max_values must be less than or equal to the number of options")
	}
	values := map[string]bool{}
	for i, o := range opts {
		op := at(path, "options", strconv.Itoa(i))
		oo := object(o)
		if oo == nil {
			fe.add(op, "MODEL_TYPE_CONVERT", "Only dictionaries may be used in a ModelType")
			continue
		}
		fe.lenRange(oo, "label", op, 1, 100, true)
		fe.lenRange(oo, "value", op, 1, 100, true)
		fe.maxLen(oo, "description", op, 100)
		v, _, _ := str(oo, "value")
		if values[v] {
			fe.add(at(op, "value"), "SELECT_COMPONENT_OPTION_VALUE_DUPLICATED", "Select option values must be unique")
		}
		values[v] = true
	}
}

// checkModal checks interaction response data of type 9.
func checkModal(fe *formErrors, d map[string]any, path []string) {
	fe.lenRange(d, "title", path, 1, 45, true)
	seen := map[string]bool{}
	checkCustomID(fe, d, path, seen)
	rows, _ := array(d, "components")
	if len(rows) < 1 || len(rows) > 5 {
		fe.add(at(path, "components"), "BASE_TYPE_BAD_LENGTH", "Must be between 1 and 5 in length.")
	}
	for i, r := range rows {
		rp := at(path, "components", strconv.Itoa(i))
		row := object(r)
		items, _ := array(row, "components")
		if t, _ := intField(row, "type"); t != compActionRow || len(items) != 1 {
			fe.add(rp, "COMPONENT_LAYOUT_WIDTH_EXCEEDED", "A modal action row holds exactly one text input")
			continue
		}
		c := object(items[0])
		cp := at(rp, "components", "0")
		if t, _ := intField(c, "type"); t != compTextInput {
			fe.add(at(cp, "type"), "COMPONENT_TYPE_INVALID", "Only text inputs are allowed in modals")
			continue
		}
		checkCustomID(fe, c, cp, seen)
		fe.lenRange(c, "label", cp, 1, 45, true)
		if st, _ := intField(c, "style"); st != 1 && st != 2 {
			fe.add(at(cp, "style"), "BASE_TYPE_CHOICES", "Value must be one of {1, 2}.")
		}
		minL, hasMin := intField(c, "min_length")
		maxL, hasMax := intField(c, "max_length")
		if hasMin && (minL < 0 || minL > 4000) {
			fe.add(at(cp, "min_length"), "NUMBER_TYPE_MAX", "int value should be <= 4000.")
		}
		if hasMax && (maxL < 1 || maxL > 4000) {
			fe.add(at(cp, "max_length"), "NUMBER_TYPE_MAX", "int value should be <= 4000.")
		}
		fe.maxLen(c, "value", cp, 4000)
		fe.maxLen(c, "placeholder", cp, 100)
	}
}

// checkChoices checks autocomplete results (type 8).
func checkChoices(fe *formErrors, d map[string]any, path []string) {
	choices, ok := array(d, "choices")
	if !ok {
		fe.add(at(path, "choices"), "BASE_TYPE_REQUIRED", "This field is required")
		return
	}
	if len(choices) > 25 {
		fe.add(at(path, "choices"), "BASE_TYPE_MAX_LENGTH", "Must be 25 or fewer in length.")
	}
	for i, c := range choices {
		checkChoice(fe, object(c), at(path, "choices", strconv.Itoa(i)))
	}
}

func checkChoice(fe *formErrors, c map[string]any, path []string) int {
	if c == nil {
		fe.add(path, "MODEL_TYPE_CONVERT", "Only dictionaries may be used in a ModelType")
		return 0
	}
	n := fe.lenRange(c, "name", path, 1, 100, true)
	switch v := c["value"].(type) {
	case string:
		if runeLen(v) > 100 {
			fe.add(at(path, "value"), "BASE_TYPE_MAX_LENGTH", "Must be 100 or fewer in length.")
		}
		n += runeLen(v)
	case json.Number, float64:
	default:
		fe.add(at(path, "value"), "BASE_TYPE_REQUIRED", "This field is required")
	}
	return n
}

// commandNameRE is Discord's command and option name pattern (lower case enforced apart).
var commandNameRE = regexp.MustCompile(`^[-_'\p{L}\p{N}\p{Devanagari}\p{Thai}]{1,32}$`)

func checkName(fe *formErrors, obj map[string]any, path []string, chat bool) string {
	name, present, ok := str(obj, "name")
	if !present || !ok {
		fe.add(at(path, "name"), "BASE_TYPE_REQUIRED", "This field is required")
		return ""
	}
	if chat && (!commandNameRE.MatchString(name) || strings.ToLower(name) != name) {
		fe.add(at(path, "name"), "APPLICATION_COMMAND_INVALID_NAME", "Command name is invalid")
	}
	if !chat && (runeLen(name) < 1 || runeLen(name) > 32) {
		fe.add(at(path, "name"), "BASE_TYPE_BAD_LENGTH", "Must be between 1 and 32 in length.")
	}
	return name
}

// checkCommands checks a bulk overwrite body: names, descriptions, options, choices and
// the 8000 character budget of each command.
func checkCommands(fe *formErrors, list []any) {
	names := map[string]bool{}
	chatCount := 0
	for i, c := range list {
		path := []string{strconv.Itoa(i)}
		cmd := object(c)
		if cmd == nil {
			fe.add(path, "MODEL_TYPE_CONVERT", "Only dictionaries may be used in a ModelType")
			continue
		}
		typ, ok := intField(cmd, "type")
		if !ok {
			typ = 1
		}
		chat := typ == 1
		if chat {
			chatCount++
		}
		name := checkName(fe, cmd, path, chat)
		key := fmt.Sprint(typ, name)
		if names[key] {
			fe.add(at(path, "name"), "APPLICATION_COMMANDS_DUPLICATE_NAME", "Application command names must be unique")
		}
		names[key] = true
		size := runeLen(name)
		if chat {
			size += fe.lenRange(cmd, "description", path, 1, 100, true)
		} else if d, _, _ := str(cmd, "description"); d != "" {
			fe.add(at(path, "description"), "APPLICATION_COMMAND_DESCRIPTION_NOT_ALLOWED", "Context menu commands cannot have a description")
		}
		if v, ok := cmd["default_member_permissions"]; ok && v != nil {
			if _, ok := num(v); !ok {
				fe.add(at(path, "default_member_permissions"), "BASE_TYPE_INTEGER", "Value \"%v\" is not int.")
			}
		}
		opts, _ := array(cmd, "options")
		if !chat && len(opts) > 0 {
			fe.add(at(path, "options"), "APPLICATION_COMMAND_OPTIONS_NOT_ALLOWED", "Context menu commands cannot have options")
		}
		size += checkOptions(fe, opts, at(path, "options"), 0)
		if size > 8000 {
			fe.add(path, "APPLICATION_COMMAND_TOO_LARGE", "Command exceeds maximum size (8000)")
		}
	}
	if chatCount > 100 {
		fe.add(nil, "BASE_TYPE_MAX_LENGTH", "Must be 100 or fewer in length.")
	}
}

// checkOptions checks command options at a nesting depth (0 command, 1 group or
// subcommand, 2 subcommand in a group) and returns their character count.
func checkOptions(fe *formErrors, opts []any, path []string, depth int) int {
	if len(opts) > 25 {
		fe.add(path, "BASE_TYPE_MAX_LENGTH", "Must be 25 or fewer in length.")
	}
	size := 0
	names := map[string]bool{}
	optionalSeen := false
	subs, plain := 0, 0
	for i, o := range opts {
		op := at(path, strconv.Itoa(i))
		opt := object(o)
		if opt == nil {
			fe.add(op, "MODEL_TYPE_CONVERT", "Only dictionaries may be used in a ModelType")
			continue
		}
		typ, _ := intField(opt, "type")
		if typ < 1 || typ > 11 {
			fe.add(at(op, "type"), "BASE_TYPE_CHOICES", "Value must be one of {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11}.")
		}
		name := checkName(fe, opt, op, true)
		if names[name] {
			fe.add(at(op, "name"), "APPLICATION_COMMAND_OPTION_NAME_ALREADY_EXISTS", "Option names must be unique")
		}
		names[name] = true
		size += runeLen(name) + fe.lenRange(opt, "description", op, 1, 100, true)
		req, _ := opt["required"].(bool)
		if req && optionalSeen {
			fe.add(at(op, "required"), "APPLICATION_COMMAND_OPTIONS_REQUIRED_INVALID", "Required options must be placed before non-required options")
		}
		if !req {
			optionalSeen = true
		}
		sub, _ := array(opt, "options")
		switch typ {
		case 1, 2:
			subs++
			if (typ == 2 && depth > 0) || (typ == 1 && depth > 1) {
				fe.add(at(op, "type"), "APPLICATION_COMMAND_OPTION_TYPE_INVALID", "Sub-command and sub-command group option types are mutually exclusive to all other types")
			}
			next := depth + 1
			if typ == 2 {
				for j, so := range sub {
					if t, _ := intField(object(so), "type"); t != 1 {
						fe.add(at(op, "options", strconv.Itoa(j), "type"), "APPLICATION_COMMAND_OPTION_TYPE_INVALID", "Sub-command groups may only hold sub-commands")
					}
				}
			}
			size += checkOptions(fe, sub, at(op, "options"), next)
		default:
			plain++
			choices, _ := array(opt, "choices")
			if len(choices) > 25 {
				fe.add(at(op, "choices"), "BASE_TYPE_MAX_LENGTH", "Must be 25 or fewer in length.")
			}
			for j, c := range choices {
				size += checkChoice(fe, object(c), at(op, "choices", strconv.Itoa(j)))
			}
			if ac, _ := opt["autocomplete"].(bool); ac && len(choices) > 0 {
				fe.add(at(op, "autocomplete"), "APPLICATION_COMMAND_AUTOCOMPLETE_CHOICES", "Autocomplete cannot be set with choices")
			}
			if ac, _ := opt["autocomplete"].(bool); ac && typ != 3 && typ != 4 && typ != 10 {
				fe.add(at(op, "autocomplete"), "APPLICATION_COMMAND_AUTOCOMPLETE_TYPE", "Autocomplete is only allowed on string, integer and number options")
			}
			if len(sub) > 0 {
				fe.add(at(op, "options"), "APPLICATION_COMMAND_OPTIONS_NOT_ALLOWED", "Only sub-commands and groups may have options")
			}
			if ml, ok := intField(opt, "max_length"); ok && (ml < 1 || ml > 6000) {
				fe.add(at(op, "max_length"), "NUMBER_TYPE_MAX", "int value should be <= 6000.")
			}
		}
	}
	if subs > 0 && plain > 0 {
		fe.add(path, "APPLICATION_COMMAND_OPTION_TYPE_INVALID", "Sub-command and sub-command group option types are mutually exclusive to all other types")
	}
	return size
}

// sortedKeys returns a map's keys in order (stable error output).
func sortedKeys[V any](m map[string]V) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}
