// "Add reports": paste a text, give a URL or choose files; POST /api/ingest runs them through the
// same pipeline as `eventatlas ingest`, then the map reloads. Writing needs the server's write token:
// asked for once and kept in sessionStorage (gone when the tab closes), sent as X-Eventatlas-Token.
// Everything the server sends back is put on the page as text, never as HTML.

const TOKEN_KEY = "eventatlas.writeToken";

function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === null || v === undefined || v === false) continue;
    if (k === "class") node.className = v;
    else if (k === "text") node.textContent = v;
    else node.setAttribute(k, v === true ? "" : v);
  }
  for (const c of children) node.append(c instanceof Node ? c : document.createTextNode(String(c)));
  return node;
}

function field(label, input, hint = null) {
  return el("label", {}, label, input, hint ? el("span", { class: "hint" }, hint) : "");
}

const add = {
  dialog: null,
  busy: false,
  last: null, // the last answer of /api/ingest (tests and scripts read it)
};
window.atlasAdd = add;

function storedToken() {
  try { return sessionStorage.getItem(TOKEN_KEY) || ""; } catch { return ""; }
}

function storeToken(value) {
  try {
    if (value) sessionStorage.setItem(TOKEN_KEY, value);
    else sessionStorage.removeItem(TOKEN_KEY);
  } catch { /* storage off: the token is asked for each time */ }
}

function build() {
  const f = {
    text: el("textarea", { id: "add-text", name: "text", rows: "7", placeholder: "Paste the text of a news report…" }),
    title: el("input", { id: "add-title", name: "title", type: "text", placeholder: "optional" }),
    url: el("input", { id: "add-url", name: "url", type: "url", placeholder: "https://… (a page or a feed)" }),
    files: el("input", { id: "add-files", name: "files", type: "file", multiple: true }),
    source: el("input", { id: "add-source", name: "source", type: "text", placeholder: "e.g. Libya Herald" }),
    published: el("input", { id: "add-published", name: "published", type: "date" }),
    token: el("input", { id: "add-token", name: "token", type: "password", autocomplete: "off", placeholder: "printed by eventatlas serve" }),
  };
  const tokenBox = el("div", { id: "add-token-box" },
    field("Write token", f.token, el("span", {}, "Printed by ", el("code", {}, "eventatlas serve"), " on first run and kept in ", el("code", {}, "<db>.token"), "; this tab remembers it until it closes.")),
  );
  const submit = el("button", { type: "submit", id: "add-submit" }, "Add");
  const cancel = el("button", { type: "button", id: "add-close" }, "Close");
  const forget = el("button", { type: "button", id: "add-forget", class: "linkish" }, "forget the token");
  const status = el("p", { id: "add-status", role: "status", "aria-live": "polite" });
  const results = el("div", { id: "add-results" });
  const form = el("form", { id: "add-form", method: "dialog" },
    el("h2", {}, "Add reports"),
    el("p", { class: "hint" }, "Paste a report, give a URL, or choose files (text, Markdown, HTML, JSONL, RSS/Atom, ACLED or UCDP CSV). They go through the same pipeline as ", el("code", {}, "eventatlas ingest"), "; a report already stored is not added twice."),
    field("Text", f.text),
    field("Title of the pasted text", f.title),
    field("URL", f.url, "Fetched by the server: http(s) only, public addresses only."),
    field("Files", f.files),
    el("div", { class: "add-row" }, field("Source", f.source), field("Published", f.published)),
    el("p", { class: "hint" }, "Source and date apply where an input does not give its own."),
    tokenBox,
    el("div", { class: "add-actions" }, submit, cancel, forget),
    status,
    results,
  );
  const dialog = el("dialog", { id: "add-dialog", "aria-labelledby": "add-heading" }, form);
  form.querySelector("h2").id = "add-heading";
  document.body.append(dialog);

  form.addEventListener("submit", (ev) => { ev.preventDefault(); send(f); });
  cancel.addEventListener("click", () => dialog.close());
  forget.addEventListener("click", () => {
    storeToken("");
    f.token.value = "";
    showToken(true);
    setStatus("The token is forgotten.");
  });
  add.fields = f;
  return dialog;
}

function showToken(on) {
  document.getElementById("add-token-box").hidden = !on;
  document.getElementById("add-forget").hidden = on;
}

function setStatus(text, error = false) {
  const s = document.getElementById("add-status");
  s.textContent = text;
  s.classList.toggle("error", error);
}

function open() {
  if (!add.dialog) add.dialog = build();
  showToken(!storedToken());
  setStatus("");
  if (!add.dialog.open) add.dialog.showModal();
  add.fields.text.focus();
}

async function send(f) {
  if (add.busy) return;
  const token = f.token.value.trim() || storedToken();
  const files = [...f.files.files];
  const text = f.text.value;
  const url = f.url.value.trim();
  if (!text.trim() && !url && !files.length) { setStatus("Paste a text, give a URL or choose files.", true); return; }
  if (!token) { showToken(true); setStatus("The write token is needed to add reports.", true); f.token.focus(); return; }
  const body = new FormData();
  if (text.trim()) body.append("text", text);
  if (url) body.append("url", url);
  for (const file of files) body.append("files", file, file.name);
  for (const k of ["title", "source", "published"]) if (f[k].value.trim()) body.append(k, f[k].value.trim());
  add.busy = true;
  document.getElementById("add-submit").disabled = true;
  document.getElementById("add-results").replaceChildren();
  setStatus("Reading, geoparsing and coding… (the first time, the language model loads: a few seconds)");
  let res;
  let answer = null;
  try {
    res = await fetch("/api/ingest", { method: "POST", body, headers: { "X-Eventatlas-Token": token } });
    try { answer = await res.json(); } catch { answer = null; }
  } catch (err) {
    setStatus(`The server did not answer (${err.message}); uploads over its size limit (25 MB unless set otherwise) are cut off.`, true);
    return;
  } finally {
    add.busy = false;
    document.getElementById("add-submit").disabled = false;
  }
  const message = answer && (answer.message || (typeof answer.detail === "string" ? answer.detail : null));
  if (res.status === 401 || res.status === 403) {
    storeToken("");
    showToken(true);
    f.token.value = "";
    setStatus(res.status === 403 ? "Wrong token: check the one eventatlas serve printed." : (message || "The write token is needed."), true);
    f.token.focus();
    return;
  }
  if (!res.ok || !answer) {
    setStatus(`Not added (${res.status}): ${message || JSON.stringify(answer && answer.detail) || res.statusText}`, true);
    return;
  }
  storeToken(token);
  f.token.value = "";
  showToken(false);
  add.last = answer;
  renderResults(answer);
  if (answer.documents_added || answer.imported_added) {
    f.text.value = "";
    f.title.value = "";
    f.url.value = "";
    f.files.value = "";
    if (window.atlas && typeof window.atlas.reload === "function") await window.atlas.reload();
  }
  add.done = (add.done || 0) + 1;
}

function plural(n, word) { return `${n} ${word}${n === 1 ? "" : "s"}`; }

function renderResults(answer) {
  const parts = [
    `${plural(answer.documents_added, "report")} added (${plural(answer.events_added, "event")})`,
  ];
  if (answer.imported_added) parts.push(`${plural(answer.imported_added, "dataset row")} imported`);
  if (answer.documents_skipped) parts.push(`${answer.documents_skipped} already stored`);
  if (answer.errors) parts.push(`${answer.errors} failed`);
  setStatus(parts.join(", ") + ".", answer.errors > 0 && !answer.documents_added);
  const list = el("ul", { class: "add-list" });
  for (const r of answer.results) {
    const li = el("li", { class: r.ok ? "ok" : "failed" },
      el("strong", {}, r.input), " — ",
      r.ok
        ? `${plural(r.documents_added + r.imported_added, "new report")}${r.documents_skipped ? `, ${r.documents_skipped} already stored` : ""}`
        : "failed");
    for (const e of r.errors) li.append(el("div", { class: "add-error" }, e));
    if (r.events.length) {
      const evs = el("ul", { class: "event-list" });
      for (const e of r.events) {
        const label = `${e.date || "undated"} · ${e.event_type}${e.sub_event_type ? ` (${e.sub_event_type})` : ""} · ${e.place_name || "no place"}`;
        const b = el("button", { type: "button", class: "linkish", "data-event": e.id }, label);
        b.addEventListener("click", () => {
          add.dialog.close();
          if (window.atlas && window.atlas.showEvent) window.atlas.showEvent(e.id);
        });
        evs.append(el("li", {}, b));
      }
      li.append(evs);
    } else if (r.ok) {
      li.append(el("div", { class: "hint" }, "No event found in this text."));
    }
    list.append(li);
  }
  document.getElementById("add-results").replaceChildren(list);
}

add.open = open;
const opener = document.getElementById("add-open");
if (opener) opener.addEventListener("click", open);
