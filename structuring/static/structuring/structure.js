// The structuring screen: plain JavaScript over the JSON endpoints of the story admin.
// Every text from the story or the registry is inserted with textContent, never as markup.
(function () {
  "use strict";

  const read = (id) => JSON.parse(document.getElementById(id).textContent);
  let state = read("structure-state");
  const choices = read("structure-choices");
  const urls = read("structure-urls");
  const csrf = document.querySelector("[name=csrfmiddlewaretoken]").value;
  let current = 0;
  let selection = null;

  const $ = (id) => document.getElementById(id);
  const make = (tag, props = {}, children = []) => {
    const node = document.createElement(tag);
    for (const [key, value] of Object.entries(props)) {
      if (key === "text") node.textContent = value;
      else if (key === "on") for (const [event, handler] of Object.entries(value)) node.addEventListener(event, handler);
      else if (key in node && typeof value !== "string") node[key] = value;
      else node.setAttribute(key, value);
    }
    for (const child of children) if (child) node.append(child);
    return node;
  };
  const button = (label, handler, extra = {}) =>
    make("button", { type: "button", class: "button", text: label, on: { click: handler }, ...extra });

  // Messages float over the screen, never in the flow of the page, so that the words under an
  // editor's selection do not move when one arrives; a confirmation fades after a while, an
  // error stays until the next message (or a click on it).
  let fading = null;
  function flash(message, isError) {
    const box = $("structure-flash");
    box.textContent = message || "";
    box.className = isError ? "error" : "";
    window.clearTimeout(fading);
    if (message && !isError) fading = window.setTimeout(() => { box.textContent = ""; }, 8000);
  }
  $("structure-flash").addEventListener("click", () => flash(""));

  async function call(path, body) {
    const options = { headers: { "X-CSRFToken": csrf, "Content-Type": "application/json" }, credentials: "same-origin" };
    if (body !== undefined) Object.assign(options, { method: "POST", body: JSON.stringify(body) });
    let data;
    try {
      const response = await fetch(urls.base + path, options);
      data = await response.json();
    } catch (error) {
      flash("The server could not be reached; nothing was changed. " + error, true);
      return null;
    }
    if (data.state) state = data.state;
    if (data.error) flash(data.error.message, true);
    else flash(data.message);
    render();
    return data;
  }

  const pending = () => state.annotations.filter((a) => a.review_state === "suggested").sort((a, b) => a.start - b.start);
  const doubtful = () => state.annotations.filter((a) => a.review_state !== "rejected" && a.anchor_state !== "anchored");
  const confirmed = (kind) => state.annotations.filter((a) => a.review_state === "confirmed" && a.kind === kind);
  const describe = (a) => a.target ? a.target.name : (a.proposal && (a.proposal.name || a.proposal.agreement_kind)) || "new";

  // --- the body ---------------------------------------------------------------------------
  // The body is drawn again only when what it shows changed; then the editor's selection is
  // put back on the same words, so a message or a decision never takes it away.
  let drawn = null;
  function renderBody() {
    const body = state.article.body;
    const shown = state.annotations.filter((a) => a.review_state !== "rejected" && a.anchor_state !== "orphaned" && a.end <= body.length);
    const focus = pending()[current];
    const key = JSON.stringify([body, focus && focus.id, shown.map((a) => [a.id, a.start, a.end, a.kind, a.review_state, a.anchor_state])]);
    if (key === drawn) return;
    drawn = key;
    const root = $("structure-body");
    root.replaceChildren();
    let offset = 0;
    for (const text of body.split("\n\n")) {
      const start = offset;
      const end = start + text.length;
      offset = end + 2;
      const cuts = new Set([start, end]);
      for (const a of shown) {
        if (a.start > start && a.start < end) cuts.add(a.start);
        if (a.end > start && a.end < end) cuts.add(a.end);
      }
      const points = [...cuts].sort((x, y) => x - y);
      const paragraph = make("p");
      for (let i = 0; i < points.length - 1; i++) {
        const [from, to] = [points[i], points[i + 1]];
        const covering = shown.filter((a) => a.start <= from && a.end >= to);
        const span = make("span", { text: body.slice(from, to) });
        span.dataset.start = from;
        if (covering.length) {
          const classes = ["seg"];
          for (const a of covering) {
            classes.push("kind-" + a.kind);
            if (a.review_state === "suggested") classes.push("state-suggested");
            if (a.anchor_state !== "anchored") classes.push("state-doubt");
            if (focus && a.id === focus.id) classes.push("current");
          }
          span.className = [...new Set(classes)].join(" ");
          span.title = covering.map((a) => `${a.kind} (${a.review_state}): ${describe(a)}`).join("\n");
        }
        paragraph.append(span);
      }
      root.append(paragraph);
    }
    if (selection) restoreSelection(selection);
  }

  function pointAt(offset) {
    for (const span of $("structure-body").querySelectorAll("span[data-start]")) {
      const from = Number(span.dataset.start);
      const node = span.firstChild;
      if (node && offset >= from && offset <= from + node.length) return [node, offset - from];
    }
    return null;
  }

  function restoreSelection(chosen) {
    const [start, end] = [pointAt(chosen.start), pointAt(chosen.end)];
    if (!start || !end) return;
    const range = document.createRange();
    range.setStart(...start);
    range.setEnd(...end);
    const current = window.getSelection();
    current.removeAllRanges();
    current.addRange(range);
  }

  // --- the lists --------------------------------------------------------------------------
  function renderSuggestions() {
    const items = pending();
    if (current >= items.length) current = Math.max(0, items.length - 1);
    $("suggestion-count").textContent = `(${items.length})`;
    $("accept-all").disabled = items.length === 0;
    const list = $("suggestions");
    list.replaceChildren();
    items.forEach((a, index) => {
      const item = make("li", { class: index === current ? "current" : "" }, [
        make("span", { class: "badge", text: a.kind }),
        make("strong", { text: a.exact.length > 60 ? a.exact.slice(0, 59) + "…" : a.exact }),
        make("span", { text: " → " + describe(a) + ` (${Math.round(a.confidence * 100)}%)` }),
        make("span", { class: "why", text: "Why: " + a.why }),
        button("Accept", () => call(`annotations/${a.id}/accept/`, {})),
        button("Reject", () => call(`annotations/${a.id}/reject/`, {})),
        a.target && a.target.type === "company" ? button(`Accept every ${a.target.name}`, () => call(`annotations/${a.id}/accept-company/`, {})) : null,
      ]);
      list.append(item);
    });
    // Scroll the list alone to the current suggestion: scrolling the page would move the text.
    const currentItem = list.querySelector(".current");
    if (currentItem) {
      const box = list.getBoundingClientRect();
      const item = currentItem.getBoundingClientRect();
      if (item.top < box.top) list.scrollTop -= box.top - item.top;
      else if (item.bottom > box.bottom) list.scrollTop += item.bottom - box.bottom;
    }
  }

  function renderDoubtful() {
    const list = $("doubtful");
    list.replaceChildren();
    for (const a of doubtful()) {
      list.append(make("li", {}, [
        make("span", { class: "badge", text: a.anchor_state.replace("_", " ") }),
        make("strong", { text: a.exact }),
        make("span", { text: " → " + describe(a) }),
        a.anchor_state === "needs_review" ? button("Keep on the words now there", () => call(`annotations/${a.id}/keep/`, {})) : null,
        button("Reject", () => call(`annotations/${a.id}/drop/`, {})),
      ]));
    }
    if (!list.children.length) list.append(make("li", { text: "Nothing in doubt." }));
  }

  function provenance(a) {
    const made = a.source === "editor" ? `tagged by ${a.made_by || "an editor"}` : `suggested by the machine (${a.source})`;
    const reviewed = a.reviewed_by ? `, confirmed by ${a.reviewed_by} at ${a.reviewed_at.slice(0, 16).replace("T", " ")}` : "";
    return made + reviewed;
  }

  function renderCompanies() {
    const list = $("companies");
    list.replaceChildren();
    const groups = new Map();
    for (const a of confirmed("company")) {
      const key = a.target ? a.target.name : a.exact;
      if (!groups.has(key)) groups.set(key, []);
      groups.get(key).push(a);
    }
    for (const [name, mentions] of groups) {
      list.append(make("li", {}, [make("strong", { text: name }), make("span", { text: ` · ${mentions.length} mention(s)` }), make("span", { class: "why", text: provenance(mentions[0]) })]));
    }
    if (!groups.size) list.append(make("li", { text: "No companies confirmed yet." }));
  }

  function renderPeople() {
    const list = $("people");
    list.replaceChildren();
    for (const a of [...confirmed("person"), ...confirmed("quote")]) {
      const who = a.target ? a.target.name : "speaker unknown";
      list.append(make("li", {}, [make("span", { class: "badge", text: a.kind }), make("span", { text: a.kind === "quote" ? `“${a.exact.slice(0, 70)}” — ${who}` : who }), make("span", { class: "why", text: provenance(a) })]));
    }
    if (!list.children.length) list.append(make("li", { text: "No people or quotes confirmed yet." }));
  }

  const select = (name, options, value, label) => {
    const node = make("select", label ? { name, "aria-label": label } : { name });
    for (const [key, label] of options) node.append(make("option", { value: key, text: label, selected: key === value }));
    return node;
  };

  function renderAgreements() {
    const root = $("agreements");
    root.replaceChildren();
    const storyCompanies = state.companies;
    for (const g of state.agreements) {
      const form = make("form", { class: "agreement-editor", "aria-label": "Edit " + g.title });
      const parties = make("ul", { class: "items" });
      for (const p of g.parties) {
        const row = make("li", {}, [make("span", { text: p.name + " " }), select(`role-${p.company_id}`, choices.roles, p.role, `Role of ${p.name}`)]);
        row.dataset.company = p.company_id;
        parties.append(row);
      }
      const addParty = select("add-party", [["", "Add a party from the story…"], ...storyCompanies.filter((c) => !g.parties.some((p) => p.company_id === c.id)).map((c) => [String(c.id), c.name])], "", "Add a party");
      const jv = select("resulting", [["", "No joint-venture company"], ...storyCompanies.map((c) => [String(c.id), c.name])], g.resulting_company ? String(g.resulting_company.id) : "");
      const eventKind = select("event-kind", choices.event_kinds, g.status in Object.fromEntries(choices.event_kinds) ? g.status : "announced");
      form.append(
        make("h3", { text: g.title }),
        make("label", {}, [make("span", { text: "Kind " }), select("kind", choices.agreement_kinds, g.kind)]),
        make("label", {}, [make("span", { text: "Status " }), select("status", choices.agreement_statuses, g.status)]),
        make("p", { text: "Parties and roles:" }), parties, addParty,
        make("label", {}, [make("span", { text: "Sectors " }), make("input", { type: "text", name: "sectors", value: g.sectors.join(", ") })]),
        make("label", {}, [make("span", { text: "Regions " }), make("input", { type: "text", name: "regions", value: g.regions.join(", ") })]),
        make("label", {}, [make("span", { text: "Announced " }), make("input", { type: "date", name: "announced_on", value: g.announced_on || "" })]),
        make("label", {}, [make("span", { text: "Place " }), make("input", { type: "text", name: "announced_place", value: g.announced_place || "" })]),
        make("label", {}, [make("span", { text: "Joint-venture company " }), jv]),
        make("p", { text: `Timeline: ${g.events.map((e) => `${e.occurred_on} ${e.kind}`).join("; ") || "no events yet"}` }),
        make("label", {}, [make("span", { text: "Add an event citing this story " }), eventKind]),
      );
      const gather = (withEvent) => {
        const data = Object.fromEntries(new FormData(form));
        const list = (text) => text.split(",").map((v) => v.trim()).filter(Boolean);
        const chosen = [...parties.children].map((row) => ({ company_id: Number(row.dataset.company), role: form.elements[`role-${row.dataset.company}`].value }));
        if (data["add-party"]) chosen.push({ company_id: Number(data["add-party"]), role: "partner" });
        const payload = {
          kind: data.kind, status: data.status, parties: chosen, sectors: list(data.sectors), regions: list(data.regions),
          announced_on: data.announced_on || null, announced_place: data.announced_place,
          resulting_company_id: data.resulting ? Number(data.resulting) : null,
        };
        if (withEvent) payload.event = { kind: data["event-kind"] };
        return payload;
      };
      form.append(
        button("Save agreement", () => call(`agreements/${g.id}/`, gather(false))),
        button("Save and add the event", () => call(`agreements/${g.id}/`, gather(true)), { class: "button add-event" }),
      );
      root.append(form, renderClaims(g));
    }
    if (!state.agreements.length) root.append(make("p", { text: "No agreements in this story yet." }));
  }

  // What this story claims about the deal, each with its words or the editor's assertion, and
  // side by side with any live story that says otherwise.
  function renderClaims(g) {
    const box = make("section", { class: "claims", "aria-label": "Claims of this story about " + g.title });
    const list = make("ul", { class: "items" });
    for (const c of g.claims) {
      const words = c.evidence.length ? c.evidence.map((e) => `“${e.exact}”${e.anchor_state === "anchored" ? "" : " (" + e.anchor_state.replace("_", " ") + ")"}`).join(", ") : "asserted by the editor";
      list.append(make("li", { class: "claim" }, [
        make("strong", { text: `${c.label}: ` }), make("span", { text: `${c.text} — ${words}${c.resolution ? " · " + c.resolution : ""} ` }),
        button("Withdraw", () => call(`claims/${c.id}/withdraw/`, {}), { class: "button withdraw-claim" }),
      ]));
    }
    box.append(make("h4", { text: "This story claims" }), list);
    if (g.contradictions.length) {
      const table = make("table", { class: "contradictions" });
      table.append(make("tr", {}, [make("th", { text: "Term" }), make("th", { text: "This story" }), make("th", { text: "Live story" }), make("th", { text: "Decide" })]));
      for (const x of g.contradictions) {
        table.append(make("tr", {}, [
          make("td", { text: x.term }), make("td", { text: x.ours }), make("td", {}, [make("a", { href: x.story_url, text: `${x.theirs} (${x.story})` })]),
          make("td", {}, [
            button("Supersedes it", () => call(`claims/${x.claim_id}/supersedes/`, {}), { class: "button supersede" }),
            button("Known conflict", () => call(`claims/${x.claim_id}/conflict/`, {}), { class: "button conflict" }),
          ]),
        ]));
      }
      box.append(make("h4", { text: "Contradicts a live story" }), table);
    }
    return box;
  }

  function renderProblems() {
    $("structure-status").textContent = state.status_line;
    const list = $("structure-problems");
    list.replaceChildren();
    for (const problem of state.problems) list.append(make("li", { text: problem }));
    const published = state.article.status === "published";
    if (!state.problems.length) list.append(make("li", { class: "ready", text: published ? "Nothing in doubt." : "Ready to publish." }));
    const button = $("publish-button");
    if (button) button.hidden = published;
  }

  // Suggestions are made by a worker after each save: ask again until they have arrived.
  let polling = null;
  function watchPending() {
    $("suggestions-pending").hidden = !state.suggestions_pending;
    if (state.suggestions_pending && polling === null) {
      polling = window.setTimeout(async () => {
        polling = null;
        try {
          const response = await fetch(urls.base + "state/", { credentials: "same-origin" });
          const data = await response.json();
          if (data.state) state = data.state;
        } catch (error) {
          // The next save or action reads the state again; nothing to tell the editor here.
        }
        render();
      }, 2000);
    }
  }

  function render() {
    renderBody();
    renderSuggestions();
    renderDoubtful();
    renderAgreements();
    renderCompanies();
    renderPeople();
    renderProblems();
    watchPending();
    placeToolbar();
  }

  // --- tagging a selection ----------------------------------------------------------------
  function offsetOf(node, offset) {
    const span = node.nodeType === Node.TEXT_NODE ? node.parentElement : node;
    if (!span || span.dataset.start === undefined) return null;
    return Number(span.dataset.start) + (node.nodeType === Node.TEXT_NODE ? offset : 0);
  }

  function readSelection() {
    const chosen = window.getSelection();
    if (!chosen || chosen.isCollapsed || !$("structure-body").contains(chosen.anchorNode)) return null;
    const range = chosen.getRangeAt(0);
    let start = offsetOf(range.startContainer, range.startOffset);
    let end = offsetOf(range.endContainer, range.endOffset);
    if (start === null || end === null) return null;
    const body = state.article.body;
    while (start < end && /\s/.test(body[start])) start++;
    while (end > start && /[\s,.;:]/.test(body[end - 1])) end--;
    return end > start ? { start, end, text: body.slice(start, end) } : null;
  }

  // The toolbar floats just under the selected words (above them near the foot of the
  // window), out of the page's flow: showing it moves no text.
  function placeToolbar() {
    const toolbar = $("structure-toolbar");
    const chosen = window.getSelection();
    if (toolbar.hidden || !chosen || !chosen.rangeCount) return;
    const words = chosen.getRangeAt(0).getBoundingClientRect();
    const frame = toolbar.offsetParent.getBoundingClientRect();
    const below = words.bottom + 8 + toolbar.offsetHeight <= window.innerHeight;
    const top = below ? words.bottom - frame.top + 8 : words.top - frame.top - toolbar.offsetHeight - 8;
    toolbar.style.top = `${Math.max(top, 0)}px`;
    toolbar.style.left = `${Math.max(0, Math.min(words.left - frame.left, frame.width - toolbar.offsetWidth))}px`;
  }

  function showToolbar() {
    selection = readSelection();
    $("structure-toolbar").hidden = !selection;
    $("tag-panel").replaceChildren();
    if (selection) {
      $("selection-text").textContent = selection.text;
      placeToolbar();
    }
  }

  function hideToolbar() {
    $("structure-toolbar").hidden = true;
    selection = null;
  }

  const tag = (extra) => call("tag/", { start: selection.start, end: selection.end, version: state.article.version, ...extra }).then((data) => {
    if (data && data.ok) hideToolbar();
  });

  async function search(what, q) {
    try {
      const response = await fetch(`${urls.base}search/${what}/?q=${encodeURIComponent(q)}`, { credentials: "same-origin" });
      return (await response.json()).results || [];
    } catch (error) {
      flash("Search failed: " + error, true);
      return [];
    }
  }

  async function companyPanel(panel) {
    const input = make("input", { type: "search", value: selection.text, "aria-label": "Search the registry" });
    const results = make("ul", { class: "items" });
    const refresh = async () => {
      results.replaceChildren();
      for (const c of await search("companies", input.value)) results.append(make("li", {}, [button(c.name, () => tag({ kind: "company", company_id: c.id }))]));
    };
    input.addEventListener("input", refresh);
    panel.append(input, button(`Create “${selection.text}”`, () => tag({ kind: "company", new_company: selection.text }), { class: "button create-company" }), results);
    await refresh();
  }

  function agreementPanel(panel) {
    for (const g of state.agreements) panel.append(button(`Part of: ${g.title}`, () => tag({ kind: "agreement", agreement_id: g.id })));
    const boxes = state.companies.map((c) => make("label", {}, [make("input", { type: "checkbox", value: String(c.id) }), make("span", { text: " " + c.name })]));
    const kind = select("agreement_kind", choices.agreement_kinds, "partnership", "Kind of the new agreement");
    panel.append(make("p", { text: "Or a new agreement between:" }), ...boxes, kind, button("Create agreement", () => {
      const parties = boxes.map((b) => b.querySelector("input")).filter((i) => i.checked).map((i) => ({ company_id: Number(i.value), role: "partner" }));
      tag({ kind: "agreement", agreement_kind: kind.value, parties });
    }));
  }

  // Read a value from the selected words: "$1.2bn", "a 49% stake", "14 May 2025".
  const SYMBOLS = { "$": "USD", "€": "EUR", "£": "GBP", "¥": "JPY" };
  const SCALE = { bn: 1e9, billion: 1e9, m: 1e6, million: 1e6, tn: 1e12, trillion: 1e12 };
  function guess(text) {
    const found = {};
    const money = text.match(/([$€£¥]|[A-Z]{3})?\s?([\d.,]+)\s?(bn|billion|m|million|tn|trillion)?\b/i);
    if (money) {
      const number = Number(money[2].replace(/,/g, "")) * (SCALE[(money[3] || "").toLowerCase()] || 1);
      if (!Number.isNaN(number)) found.amount = String(Math.round(number * 100) / 100);
      if (money[1]) found.currency = SYMBOLS[money[1]] || money[1].toUpperCase();
    }
    const percent = text.match(/([\d.]+)\s?(%|per ?cent)/i);
    if (percent) found.percent = percent[1];
    const when = Date.parse(text);
    if (!Number.isNaN(when)) found.on = new Date(when - new Date(when).getTimezoneOffset() * 60000).toISOString().slice(0, 10);
    return found;
  }

  const TERM_FIELDS = {
    value: [["amount", "Amount"], ["currency", "Currency (ISO 4217)"]],
    stake: [["percent", "Percent"], ["company_id", "In company"]],
    adviser: [["company_id", "Adviser"], ["counterpart_id", "Advising"]],
    approval: [["company_id", "Regulator (a company)"], ["text", "or its name"], ["approval", "State"]],
    announced: [["on", "Date"], ["precision", "Precision"]],
    expected_close: [["on", "Date"], ["precision", "Precision"]],
    completed: [["on", "Date"], ["precision", "Precision"]],
    status: [["status", "Status"]],
    party: [["company_id", "Company"], ["role", "Role"]],
    place: [["text", "Place"]],
  };

  function termPanel(panel) {
    if (!state.agreements.length) { panel.append(make("p", { text: "Mark the deal in the story first." })); return; }
    const deal = select("deal", state.agreements.map((g) => [String(g.id), g.title]), String(state.agreements[0].id));
    const term = select("term", choices.claim_terms.filter(([k]) => k in TERM_FIELDS), "value");
    const fields = make("div", { class: "term-fields" });
    const companies = [["", "—"], ...state.companies.map((c) => [String(c.id), c.name])];
    const draw = () => {
      fields.replaceChildren();
      const guessed = guess(selection.text);
      for (const [name, label] of TERM_FIELDS[term.value]) {
        let input;
        if (name.endsWith("_id")) input = select(name, companies, "");
        else if (name === "approval") input = select(name, choices.approvals, "required");
        else if (name === "precision") input = select(name, choices.precisions, "day");
        else if (name === "status") input = select(name, choices.agreement_statuses, "announced");
        else if (name === "role") input = select(name, choices.roles, "partner");
        else input = make("input", { type: name === "on" ? "date" : "text", name, value: guessed[name] || (name === "text" ? selection.text : "") });
        fields.append(make("label", {}, [make("span", { text: label + " " }), input]));
      }
    };
    term.addEventListener("change", draw);
    draw();
    const send = () => {
      const payload = { term: term.value, start: selection.start, end: selection.end };
      for (const input of fields.querySelectorAll("input, select")) {
        if (input.value === "") continue;
        payload[input.name] = input.name.endsWith("_id") ? Number(input.value) : input.value;
      }
      call(`agreements/${deal.value}/claims/`, payload).then((data) => {
        if (data && data.ok) hideToolbar();
      });
    };
    panel.append(make("label", {}, [make("span", { text: "Deal " }), deal]), make("label", {}, [make("span", { text: "Term " }), term]), fields, button("Set as evidence", send, { class: "button set-term" }));
    term.focus();
  }

  async function personPanel(panel, kind) {
    const people = await search("people", kind === "person" ? selection.text : "");
    for (const p of people) panel.append(button(p.name, () => tag({ kind, person_id: p.id })));
    const name = make("input", { type: "text", value: kind === "person" ? selection.text : "", "aria-label": "Name of a new person" });
    panel.append(name, button(kind === "person" ? "Create person" : "Speaker is a new person", () => tag({ kind, new_person: name.value })));
    if (kind === "quote") panel.append(button("Speaker unknown", () => tag({ kind })));
  }

  $("structure-toolbar").addEventListener("click", async (event) => {
    const choice = event.target.dataset && event.target.dataset.tag;
    if (!choice || !selection) return;
    const panel = $("tag-panel");
    panel.replaceChildren();
    if (choice === "cancel") { hideToolbar(); return; }
    if (choice === "company") await companyPanel(panel);
    if (choice === "agreement") agreementPanel(panel);
    if (choice === "person" || choice === "quote") await personPanel(panel, choice);
    if (choice === "term") termPanel(panel);
    placeToolbar();
  });
  // The selection is final only after the browser handled the gesture: read it a tick later.
  const later = () => window.setTimeout(showToolbar, 0);
  for (const event of ["mouseup", "dblclick", "keyup"]) $("structure-body").addEventListener(event, later);

  // --- keyboard ---------------------------------------------------------------------------
  document.addEventListener("keydown", (event) => {
    if (event.key === "Escape" && selection) { hideToolbar(); return; }
    if (event.target.closest("input, select, textarea, [contenteditable]") || event.ctrlKey || event.metaKey || event.altKey) return;
    const items = pending();
    if (event.key === "j") { current = Math.min(current + 1, Math.max(items.length - 1, 0)); render(); }
    else if (event.key === "k") { current = Math.max(current - 1, 0); render(); }
    else if (event.key === "a" && items[current]) call(`annotations/${items[current].id}/accept/`, {});
    else if (event.key === "r" && items[current]) call(`annotations/${items[current].id}/reject/`, {});
    else if (event.key === "A" && items.length) call("accept-all/", {});
    else if (event.key === "t" && selection) { $("tag-panel").replaceChildren(); termPanel($("tag-panel")); }
    else return;
    event.preventDefault();
  });
  $("accept-all").addEventListener("click", () => call("accept-all/", {}));

  render();
})();
