// The glossary view: the build's entries with their evidence and sources, conflicts first.
// The reviewer accepts, rejects, edits or picks the form that wins; each decision is saved
// to the review file's glossary section as it is made and the server answers with the table.
"use strict";
const G = { rows: null, decisions: [], redo: [], sel: 0, editing: false };

async function showGlossary(on) {
  document.body.classList.toggle("glossary", on);
  $("tab-pairs").classList.toggle("on", !on); $("tab-glossary").classList.toggle("on", on);
  if (on && G.rows === null) {
    try { takeTable(await api("/api/glossary")); } catch (err) { status(`cannot load the glossary: ${err.message}`, true); }
  }
}

function takeTable(data, keep) {
  G.rows = data.rows; G.decisions = data.decisions; G.note = data.note;
  if (keep) {
    const at = G.rows.findIndex((r) => r.zh === keep.zh && r.en === keep.en);
    if (at >= 0) G.sel = at;
  }
  G.sel = Math.max(0, Math.min(G.sel, G.rows.length - 1));
  renderGlossary();
}

function picks(r) {  // the forms that can win, numbered 1.. in the row
  const out = [];
  for (const side of ["en", "zh"]) for (const form of (r.choices[side] || [])) if (form !== r[side]) out.push([side, form]);
  return out;
}

function glossaryRow(r, n) {
  const cls = ["grow", r.mark, r.conflict ? "conflict" : "", n === G.sel ? "sel" : ""].join(" ");
  const forms = n === G.sel && G.editing
    ? `<td><input id="edit-zh" value="${esc(r.zh)}" lang="zh"></td><td><input id="edit-en" value="${esc(r.en)}" lang="en"></td>`
    : `<td lang="zh">${esc(r.zh)}</td><td lang="en">${esc(r.en)}</td>`;
  const pickButtons = picks(r).map(([side, form], k) =>
    `<button class="pick" data-n="${n}" data-side="${side}" data-form="${esc(form)}" title="this ${side === "zh" ? "Chinese" : "English"} form wins (${k + 1})">${k + 1} ${esc(form)}</button>`).join(" ");
  const variants = r.variants.filter((v) => !picks(r).some(([, f]) => f === v));
  return `<tr class="${cls}" data-n="${n}">${forms}` +
    `<td class="ev">${esc(r.kind)} · ${esc(r.status)}${r.evidence ? " · " + esc(r.evidence) : ""}${r.definition ? `<div class="def">${esc(r.definition)}</div>` : ""}</td>` +
    `<td class="src">${esc(r.sources.slice(0, 4).join(", "))}${r.sources.length > 4 ? ` (+${r.sources.length - 4})` : ""}</td>` +
    `<td>${pickButtons}${variants.length ? `<div class="var">also ${esc(variants.join(", "))}</div>` : ""}</td>` +
    `<td class="mark">${esc(r.mark)}</td>` +
    `<td class="acts">${n === G.sel && G.editing
      ? `<button data-act="save" data-n="${n}">save</button> <button data-act="cancel" data-n="${n}">cancel</button>`
      : `<button data-act="accept" data-n="${n}" title="accept (a)">✓</button> <button data-act="reject" data-n="${n}" title="reject (r)">✗</button> <button data-act="edit" data-n="${n}" title="edit (e)">✎</button>`}</td></tr>`;
}

function gpasses(r) {  // the glossary view's filters: only conflicts, only undecided, search either form
  if ($("gconflicts").checked && !r.conflict) return false;
  if ($("gundecided").checked && r.mark) return false;
  const q = $("gsearch").value.trim().toLowerCase();
  return !q || [r.zh, r.en, ...r.variants].some((f) => f.toLowerCase().includes(q));
}

function renderGlossary() {
  let html = "", group = null;
  G.rows.forEach((r, n) => {
    if (!gpasses(r)) return;
    if (r.group && r.group !== group) html += `<tr class="ghead"><td colspan="7">conflict: ${esc(r.conflict)}</td></tr>`;
    else if (!r.group && group) html += `<tr class="ghead"><td colspan="7">other entries</td></tr>`;
    group = r.group;
    html += glossaryRow(r, n);
  });
  $("gbody").innerHTML = html;
  $("gsummary").textContent = G.note || "";
  if (G.editing) { const el = $("edit-en"); el.focus(); el.select(); }
}

async function saveGlossary(message, keep) {
  try {
    const data = await api("/api/glossary/decisions", { decisions: G.decisions });
    takeTable(data, keep);
    status(`${message}; saved ${data.saved} glossary decisions`);
    return true;
  } catch (err) { status(`not saved: ${err.message}`, true); return false; }
}

async function decideEntry(op, extra = {}, n = G.sel) {
  const r = G.rows && G.rows[n];
  if (!r) return;
  G.sel = n; G.editing = false;
  G.decisions.push({ op, zh: r.zh, en: r.en, ...extra });
  const keep = op === "edit" ? { zh: extra.to_zh, en: extra.to_en } : op === "pick" ? { [extra.side]: extra.form, [extra.side === "zh" ? "en" : "zh"]: r[extra.side === "zh" ? "en" : "zh"] } : r;
  if (!(await saveGlossary(op, keep))) G.decisions.pop(); else G.redo = [];
}

function saveEdit() {
  const zh = $("edit-zh").value.trim(), en = $("edit-en").value.trim();
  const r = G.rows[G.sel];
  if (!zh || !en) { status("both forms are needed", true); return; }
  if (zh === r.zh && en === r.en) { G.editing = false; renderGlossary(); return; }
  return decideEntry("edit", { to_zh: zh, to_en: en });
}

function pickNth(k) {
  const r = G.rows && G.rows[G.sel], choice = r && picks(r)[k];
  if (!choice) return status("no such form to pick", true);
  return decideEntry("pick", { side: choice[0], form: choice[1] });
}

function gstep(delta) {
  if (!G.rows || !G.rows.length) return;
  const shown = G.rows.map((r, n) => n).filter((n) => gpasses(G.rows[n]));
  if (!shown.length) return;
  const pos = shown.indexOf(G.sel);
  G.sel = pos < 0 ? shown[0] : shown[Math.max(0, Math.min(shown.length - 1, pos + delta))]; G.editing = false;
  renderGlossary();
  const el = document.querySelector(`.grow[data-n="${G.sel}"]`);
  if (el) el.scrollIntoView({ block: "nearest" });
}

async function gundo() {
  if (!G.decisions.length) return status("nothing to undo");
  G.redo.push(G.decisions.pop());
  await saveGlossary("undone");
}

async function gredo() {
  if (!G.redo.length) return status("nothing to redo");
  G.decisions.push(G.redo.pop());
  await saveGlossary("redone");
}

const GLOSSARY_KEYS = {
  j: () => gstep(1), ArrowDown: () => gstep(1), k: () => gstep(-1), ArrowUp: () => gstep(-1),
  a: queued(() => decideEntry("accept")), r: queued(() => decideEntry("reject")),
  e: () => { if (G.rows && G.rows.length) { G.editing = true; renderGlossary(); } },
  u: queued(gundo), U: queued(gredo), w: queued(() => applyAll()),  // app.js, loaded after this file
};
for (let k = 1; k <= 9; k++) GLOSSARY_KEYS[String(k)] = queued(() => pickNth(k - 1));

$("gbody").addEventListener("click", (ev) => {
  const button = ev.target.closest("button");
  const row = ev.target.closest(".grow");
  if (!row) return;
  const n = Number(row.dataset.n);
  if (!button) { if (n !== G.sel) { G.sel = n; G.editing = false; renderGlossary(); } return; }
  const act = button.dataset.act;
  if (button.classList.contains("pick")) queued(() => decideEntry("pick", { side: button.dataset.side, form: button.dataset.form }, n))();
  else if (act === "accept" || act === "reject") queued(() => decideEntry(act, {}, n))();
  else if (act === "edit") { G.sel = n; G.editing = true; renderGlossary(); }
  else if (act === "save") queued(saveEdit)();
  else if (act === "cancel") { G.editing = false; renderGlossary(); }
});
for (const id of ["gconflicts", "gundecided", "gsearch"]) $(id).addEventListener("input", () => { if (G.rows) renderGlossary(); });
$("gbody").addEventListener("keydown", (ev) => {
  if (ev.target.tagName !== "INPUT") return;
  if (ev.key === "Enter") { ev.preventDefault(); queued(saveEdit)(); }
  else if (ev.key === "Escape") { G.editing = false; renderGlossary(); }
});
