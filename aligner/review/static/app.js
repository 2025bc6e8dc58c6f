// The review page's pairs view: no framework, nothing fetched but this server's own API.
// Every edit is a decision sent to the server, which replays all of them and answers with
// the beads the page shows: the page never computes an alignment itself.
"use strict";

function select(i, scroll = true) {
  if (!S.beads.length) return;
  const next = Math.max(0, Math.min(S.beads.length - 1, i));
  if (next !== S.sel) S.cur = 0;
  S.sel = next;
  if (scroll) scrollToSelected();
  paintWindow(); drawMinimap();
}

function step(delta) {
  const pos = S.visible.indexOf(S.sel);
  if (pos < 0) { if (S.visible.length) select(S.visible[0]); return; }
  select(S.visible[Math.max(0, Math.min(S.visible.length - 1, pos + delta))]);
}

function moveCursor(delta) {  // h / l: the sentence of the selected bead that `n` acts on
  const b = S.beads[S.sel];
  if (!b) return;
  S.cur = Math.max(0, Math.min(cursorSentences(b).length - 1, S.cur + delta));
  paintWindow();
}

async function save(message) {
  try {
    const data = await api(`/api/doc/${encodeURIComponent(S.doc.doc)}/decisions`, { decisions: S.decisions });
    S.beads = data.beads;
    S.sel = Math.min(S.sel, S.beads.length - 1);
    S.cur = Math.min(S.cur, Math.max(0, cursorSentences(S.beads[S.sel]).length - 1));
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

function orphanSentence() {  // n: the sentence under the cursor has no counterpart
  const b = S.beads[S.sel];
  if (!b) return;
  const [side, k] = cursorSentences(b)[S.cur] || [];
  if (side === undefined) return;
  return decide("orphan", { side, sentence: k });
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

async function applyAll() {
  try {
    const data = await api("/api/apply", {});
    status("wrote: " + data.written.join(" | "));
  } catch (err) { status(`not written: ${err.message}`, true); }
}

async function loadDoc(stem) {
  const data = await api(`/api/doc/${encodeURIComponent(stem)}`);
  S.low = { zh: data.zh.map((s) => s.text.toLowerCase()), en: data.en.map((s) => s.text.toLowerCase()) };
  S.doc = data; S.beads = data.beads; S.decisions = data.decisions; S.redo = []; S.sel = 0; S.cur = 0;
  S.heights = new Map();
  $("list").scrollTop = 0;
  render();
  status(`${data.decisions.length} decisions loaded`);
  if (!window.reviewFirstPaint) window.reviewFirstPaint = performance.now();  // ms since navigation (bench)
  document.body.dataset.ready = "1";
}

const PAIR_KEYS = {
  j: () => step(1), ArrowDown: () => step(1), k: () => step(-1), ArrowUp: () => step(-1),
  h: () => moveCursor(-1), ArrowLeft: () => moveCursor(-1), l: () => moveCursor(1), ArrowRight: () => moveCursor(1),
  a: queued(() => decide("accept")), r: queued(() => decide("reject")), m: queued(() => decide("merge")),
  s: queued(split), n: queued(orphanSentence), N: queued(() => decide("orphan")),
  "]": queued(() => decide("move", { side: "zh", by: 1 })), "[": queued(() => decide("move", { side: "zh", by: -1 })),
  "}": queued(() => decide("move", { side: "en", by: 1 })), "{": queued(() => decide("move", { side: "en", by: -1 })),
  u: queued(undo), U: queued(redo), w: queued(applyAll), "/": () => $("search").focus(),
};

function glossaryShown() { return document.body.classList.contains("glossary"); }

document.addEventListener("keydown", (ev) => {
  const inField = ["INPUT", "SELECT", "TEXTAREA"].includes(document.activeElement.tagName);
  if (inField) { if (ev.key === "Escape") document.activeElement.blur(); return; }
  const keys = glossaryShown() ? GLOSSARY_KEYS : PAIR_KEYS;
  if (ev.ctrlKey || ev.metaKey) {
    const k = ev.key.toLowerCase();
    if (k === "z" && !ev.shiftKey) { ev.preventDefault(); keys.u(); }
    else if (k === "y" || (k === "z" && ev.shiftKey)) { ev.preventDefault(); keys.U(); }
    return;
  }
  if (ev.key === "g") { ev.preventDefault(); showGlossary(!glossaryShown()); return; }
  const action = keys[ev.key];
  if (action && S.doc) { ev.preventDefault(); action(); }
});

$("rows").addEventListener("click", (ev) => {
  const row = ev.target.closest(".row");
  if (!row) return;
  const i = Number(row.dataset.i), s = ev.target.closest(".s");
  if (i !== S.sel) { S.sel = i; S.cur = 0; }
  if (s) S.cur = Math.max(0, cursorSentences(S.beads[i]).findIndex(([side, k]) => side === s.dataset.side && k === Number(s.dataset.k)));
  select(i, false);
});
$("minimap").addEventListener("click", (ev) => {
  const r = ev.target.getBoundingClientRect(), x = ev.clientX - r.left, y = ev.clientY - r.top;
  let best = null, dist = Infinity;
  for (const [mx, my, i] of S.marks || []) { const d = (mx - x) ** 2 + (my - y) ** 2; if (d < dist) { dist = d; best = i; } }
  if (best !== null) { $("below").value = ""; $("nm").checked = $("orphans").checked = false; $("search").value = ""; render(); select(best); }
});
for (const id of ["below", "nm", "orphans", "search"]) $(id).addEventListener("input", () => { $("list").scrollTop = 0; render(); });
$("doc").addEventListener("change", (ev) => loadDoc(ev.target.value));
for (const [id, key] of [["undo", "u"], ["redo", "U"]]) $(id).addEventListener("click", () => (glossaryShown() ? GLOSSARY_KEYS : PAIR_KEYS)[key]());
$("apply").addEventListener("click", () => PAIR_KEYS.w());
for (const button of document.querySelectorAll("#tools button[data-key]")) {
  button.addEventListener("click", () => PAIR_KEYS[button.dataset.key]());
}
$("tab-pairs").addEventListener("click", () => showGlossary(false));
$("tab-glossary").addEventListener("click", () => showGlossary(true));

(async () => {
  try {
    const session = await api("/api/session");
    S.docs = session.documents;
    buildGlossary(session.glossary);
    $("doc").innerHTML = S.docs.map((d) => `<option value="${esc(d.doc)}">${esc(d.doc)} (${d.pairs} pairs)</option>`).join("");
    const params = new URLSearchParams(location.search), wanted = params.get("doc");
    await loadDoc(wanted && S.docs.some((d) => d.doc === wanted) ? wanted : S.docs[0].doc);
    if (wanted) $("doc").value = wanted;
    if (params.get("view") === "glossary") await showGlossary(true);
  } catch (err) { status(`cannot load the review: ${err.message}`, true); }
})();
