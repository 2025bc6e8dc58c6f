// The review page: no framework, nothing fetched but this server's own API.
// Every edit is a decision sent to the server, which replays all of them and answers with
// the beads the page shows: the page never computes an alignment itself.
"use strict";
const PAGE = 200;
const $ = (id) => document.getElementById(id);
const S = { docs: [], glossary: [], zhTerms: null, doc: null, beads: [], decisions: [], redo: [],
            sel: 0, page: 0, visible: [] };

function esc(t) { return t.replace(/[&<>"]/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" })[c]); }
function reEsc(t) { return t.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"); }
function colour(score) { return score == null ? "#999" : `hsl(${Math.round(Math.max(0, Math.min(1, score)) * 120)}, 65%, 40%)`; }
// A pair from a TMX without confidence (another tool's) has score null: no number, no colour.
function scoreText(score) { return score == null ? "—" : score.toFixed(2); }
function status(text, error) { const el = $("status"); el.textContent = text; el.className = error ? "error" : ""; }

async function api(path, body) {
  const opts = body === undefined ? {} : { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(body) };
  const res = await fetch(path, opts);
  const data = await res.json();
  if (!res.ok) throw new Error(data.error || res.statusText);
  return data;
}

function buildGlossary(entries) {
  S.glossary = entries;
  const zh = entries.map((e) => e.zh).filter((t) => t.length > 1).sort((a, b) => b.length - a.length);
  S.zhTerms = zh.length ? new RegExp(zh.map(reEsc).join("|"), "g") : null;
  S.byZh = new Map(entries.map((e) => [e.zh, e]));
}

function highlight(text, regex) {
  if (!regex) return esc(text);
  let out = "", last = 0;
  for (const m of text.matchAll(regex)) {
    if (!m[0]) continue;
    out += esc(text.slice(last, m.index)) + "<mark>" + esc(m[0]) + "</mark>";
    last = m.index + m[0].length;
  }
  return out + esc(text.slice(last));
}

function sideText(side, idx) { return idx.map((k) => S.doc[side][k].text).join(side === "zh" ? "" : " "); }

function rowHtml(i) {
  const b = S.beads[i];
  const zh = sideText("zh", b.zh), en = sideText("en", b.en);
  let enRe = null;
  if (S.zhTerms && zh) {
    const found = new Set();
    for (const m of zh.matchAll(S.zhTerms)) { const e = S.byZh.get(m[0]); if (e) [e.en, ...e.variants].forEach((t) => t && found.add(t)); }
    if (found.size) enRe = new RegExp([...found].sort((a, b) => b.length - a.length).map(reEsc).join("|"), "gi");
  }
  const paired = b.zh.length && b.en.length;
  const score = b.edited ? 1 : b.score;
  const shape = `${b.zh.length}:${b.en.length}`;
  const mark = b.status !== "auto" ? b.status : (b.edited ? "edited" : (paired && b.score < S.doc.min_score ? "out" : ""));
  const cls = ["row", b.status, paired ? "" : "orphan", i === S.sel ? "sel" : ""].join(" ");
  const lines = (side, idx) => idx.length ? `<div class="meta">line ${S.doc[side][idx[0]].line}</div>` : "";
  return `<div class="${cls}" data-i="${i}" style="--conf:${paired ? colour(score) : "#bbb"}">` +
    `<div class="zh" lang="zh">${zh ? highlight(zh, S.zhTerms) : '<span class="none">no Chinese</span>'}${lines("zh", b.zh)}</div>` +
    `<div class="score">${paired ? scoreText(score) : "—"}<small>${shape} ${mark}</small></div>` +
    `<div class="en" lang="en">${en ? highlight(en, enRe) : '<span class="none">no English</span>'}${lines("en", b.en)}</div>` +
    (b.anchors.length ? `<div class="anchors">${esc(b.anchors.join(" · "))}</div>` : "") + `</div>`;
}

function passes(b) {
  const below = parseFloat($("below").value);
  const paired = b.zh.length && b.en.length;
  if (!isNaN(below) && !(paired && !b.edited && b.score < below)) return false;
  if ($("nm").checked && !(paired && (b.zh.length !== 1 || b.en.length !== 1))) return false;
  if ($("orphans").checked && paired) return false;
  const q = $("search").value.trim().toLowerCase();
  if (q && !(b.zh.map((k) => S.low.zh[k]).join("") + "\n" + b.en.map((k) => S.low.en[k]).join(" ")).includes(q)) return false;
  return true;
}

function render() {
  S.visible = [];
  S.beads.forEach((b, i) => { if (passes(b)) S.visible.push(i); });
  const pages = Math.max(1, Math.ceil(S.visible.length / PAGE));
  S.page = Math.min(S.page, pages - 1);
  const shown = S.visible.slice(S.page * PAGE, (S.page + 1) * PAGE);
  $("list").innerHTML = shown.map(rowHtml).join("");
  $("pageinfo").textContent = `page ${S.page + 1} of ${pages}`;
  const pairs = S.beads.filter((b) => b.zh.length && b.en.length).length;
  $("summary").textContent = `${S.doc.doc}: ${S.beads.length} beads, ${pairs} pairs; showing ${S.visible.length}; ` +
    `${S.decisions.length} decisions saved in the review file`;
  drawMinimap(); drawBands();
}

function drawMinimap() {
  const c = $("minimap"), g = c.getContext("2d"), W = c.width, H = c.height, pad = 6;
  g.clearRect(0, 0, W, H);
  const nz = Math.max(1, S.doc.zh.length), ne = Math.max(1, S.doc.en.length);
  S.marks = [];
  S.beads.forEach((b, i) => {
    const mid = (idx, n) => (idx.reduce((a, k) => a + k + 0.5, 0) / idx.length) / n;
    let x, y;
    if (b.zh.length && b.en.length) { x = pad + mid(b.zh, nz) * (W - 2 * pad); y = pad + mid(b.en, ne) * (H - 2 * pad); }
    else if (b.zh.length) { x = pad + mid(b.zh, nz) * (W - 2 * pad); y = H - 3; }
    else { x = 3; y = pad + mid(b.en, ne) * (H - 2 * pad); }
    g.fillStyle = b.zh.length && b.en.length ? colour(b.edited ? 1 : b.score) : "#888";
    g.fillRect(x - 2, y - 2, 4, 4);
    if (i === S.sel) { g.strokeStyle = "#2962ff"; g.strokeRect(x - 5, y - 5, 10, 10); }
    S.marks.push([x, y, i]);
  });
}

function drawBands() {
  const bands = [[0.9, 1.01, "0.9–1.0"], [0.8, 0.9, "0.8–0.9"], [0.7, 0.8, "0.7–0.8"], [0.5, 0.7, "0.5–0.7"], [0, 0.5, "< 0.5"]];
  const scores = S.beads.filter((b) => b.zh.length && b.en.length && b.score != null).map((b) => b.edited ? 1 : b.score);
  const max = Math.max(1, ...bands.map(([lo, hi]) => scores.filter((s) => s >= lo && s < hi).length));
  $("bands").innerHTML = bands.map(([lo, hi, label]) => {
    const n = scores.filter((s) => s >= lo && s < hi).length;
    return `<div class="band"><span class="label">${label}</span><span class="bar" style="width:${Math.round(140 * n / max)}px;background:${colour(lo + 0.05)}"></span>${n}</div>`;
  }).join("");
}

function select(i, scroll = true) {
  if (!S.beads.length) return;
  S.sel = Math.max(0, Math.min(S.beads.length - 1, i));
  const pos = S.visible.indexOf(S.sel);
  if (pos >= 0 && Math.floor(pos / PAGE) !== S.page) S.page = Math.floor(pos / PAGE);
  render();
  const el = document.querySelector(`.row[data-i="${S.sel}"]`);
  if (el && scroll) el.scrollIntoView({ block: "nearest" });
}

function step(delta) {
  const pos = S.visible.indexOf(S.sel);
  if (pos < 0) { if (S.visible.length) select(S.visible[0]); return; }
  const next = S.visible[Math.max(0, Math.min(S.visible.length - 1, pos + delta))];
  select(next);
}

async function save(message) {
  try {
    const data = await api(`/api/doc/${encodeURIComponent(S.doc.doc)}/decisions`, { decisions: S.decisions });
    S.beads = data.beads;
    S.sel = Math.min(S.sel, S.beads.length - 1);
    render();
    status(`${message}; saved ${data.saved} decisions`);
    return true;
  } catch (err) {
    status(`not saved: ${err.message}`, true);
    return false;
  }
}

async function decide(op, extra = {}) {
  const b = S.beads[S.sel];
  if (!b) return;
  S.decisions.push({ op, zh: b.zh, en: b.en, ...extra });
  if (!(await save(op))) S.decisions.pop(); else S.redo = [];
}

function split() {
  const b = S.beads[S.sel];
  if (!b) return;
  let i = b.zh.length > 1 ? 1 : b.zh.length, j = b.en.length > 1 ? 1 : b.en.length;
  if (i === b.zh.length && j === b.en.length) {
    if (b.zh.length && b.en.length) j = 0; else { status("nothing to split", true); return; }
  }
  return decide("split", { at: [i, j] });
}

async function undo() {
  if (!S.decisions.length) return status("nothing to undo");
  S.redo.push(S.decisions.pop());
  await save("undone");
}

async function redo() {
  if (!S.redo.length) return status("nothing to redo");
  S.decisions.push(S.redo.pop());
  await save("redone");
}

async function applyTmx() {
  try {
    const data = await api("/api/apply", {});
    status("wrote: " + data.written.join(" | "));
  } catch (err) { status(`TMX not written: ${err.message}`, true); }
}

async function loadDoc(stem) {
  const data = await api(`/api/doc/${encodeURIComponent(stem)}`);
  S.low = { zh: data.zh.map((s) => s.text.toLowerCase()), en: data.en.map((s) => s.text.toLowerCase()) };
  S.doc = data; S.beads = data.beads; S.decisions = data.decisions; S.redo = []; S.sel = 0; S.page = 0;
  render();
  status(`${data.decisions.length} decisions loaded`);
  if (!window.reviewFirstPaint) window.reviewFirstPaint = performance.now();  // ms since navigation (bench)
  document.body.dataset.ready = "1";
}

// Edits run one after the other: each waits for the answer to the one before, so a fast
// typist's decisions reach the file in order and each acts on the beads as they now are.
let chain = Promise.resolve();
const queued = (fn) => () => { chain = chain.then(fn, fn); return chain; };

const KEYS = {
  j: () => step(1), ArrowDown: () => step(1), k: () => step(-1), ArrowUp: () => step(-1),
  a: queued(() => decide("accept")), r: queued(() => decide("reject")), m: queued(() => decide("merge")),
  s: queued(split), n: queued(() => decide("orphan")),
  "]": queued(() => decide("move", { side: "zh", by: 1 })), "[": queued(() => decide("move", { side: "zh", by: -1 })),
  "}": queued(() => decide("move", { side: "en", by: 1 })), "{": queued(() => decide("move", { side: "en", by: -1 })),
  u: queued(undo), U: queued(redo), w: queued(applyTmx), "/": () => $("search").focus(),
};

document.addEventListener("keydown", (ev) => {
  const inField = ["INPUT", "SELECT", "TEXTAREA"].includes(document.activeElement.tagName);
  if (inField) { if (ev.key === "Escape") document.activeElement.blur(); return; }
  if (ev.ctrlKey || ev.metaKey) {
    const k = ev.key.toLowerCase();
    if (k === "z" && !ev.shiftKey) { ev.preventDefault(); KEYS.u(); }
    else if (k === "y" || (k === "z" && ev.shiftKey)) { ev.preventDefault(); KEYS.U(); }
    return;
  }
  const action = KEYS[ev.key];
  if (action && S.doc) { ev.preventDefault(); action(); }
});

$("list").addEventListener("click", (ev) => {
  const row = ev.target.closest(".row");
  if (row) select(Number(row.dataset.i), false);
});
$("minimap").addEventListener("click", (ev) => {
  const r = ev.target.getBoundingClientRect(), x = ev.clientX - r.left, y = ev.clientY - r.top;
  let best = null, dist = Infinity;
  for (const [mx, my, i] of S.marks || []) { const d = (mx - x) ** 2 + (my - y) ** 2; if (d < dist) { dist = d; best = i; } }
  if (best !== null) { $("below").value = ""; $("nm").checked = $("orphans").checked = false; $("search").value = ""; select(best); }
});
for (const id of ["below", "nm", "orphans", "search"]) $(id).addEventListener("input", () => { S.page = 0; render(); });
$("doc").addEventListener("change", (ev) => loadDoc(ev.target.value));
$("undo").addEventListener("click", () => KEYS.u());
$("redo").addEventListener("click", () => KEYS.U());
$("apply").addEventListener("click", () => KEYS.w());
$("prev").addEventListener("click", () => { S.page = Math.max(0, S.page - 1); render(); });
$("next").addEventListener("click", () => { S.page += 1; render(); });

(async () => {
  try {
    const session = await api("/api/session");
    S.docs = session.documents;
    buildGlossary(session.glossary);
    $("doc").innerHTML = S.docs.map((d) => `<option value="${esc(d.doc)}">${esc(d.doc)} (${d.pairs} pairs)</option>`).join("");
    const wanted = new URLSearchParams(location.search).get("doc");
    await loadDoc(wanted && S.docs.some((d) => d.doc === wanted) ? wanted : S.docs[0].doc);
    if (wanted) $("doc").value = wanted;
  } catch (err) { status(`cannot load the review: ${err.message}`, true); }
})();
