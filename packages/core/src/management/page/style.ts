/**
 * The default page's stylesheet: system fonts, no images, no external resources. It follows the
 * system's light or dark preference and keeps a visible focus ring for keyboard users.
 */
export const PAGE_STYLE = `
:root {
  color-scheme: light dark;
  --bg: #f5f6f8; --card: #fff; --text: #1d2330; --muted: #5d6675; --line: #dde1e7;
  --accent: #3451c7; --accent-text: #fff; --danger: #b42323; --ok-bg: #e6f4ea; --ok: #1e6b35;
  --err-bg: #fdecec; --off-bg: #eceef2; --focus: #7c93f0; --code-bg: #f0f2f5;
}
@media (prefers-color-scheme: dark) {
  :root {
    --bg: #14171c; --card: #1d2128; --text: #e6e8ec; --muted: #a0a7b4; --line: #313743;
    --accent: #7d95f5; --accent-text: #10131a; --danger: #f07a7a; --ok-bg: #173222; --ok: #7fd69a;
    --err-bg: #3a1d1d; --off-bg: #2a2f38; --focus: #9fb0f7; --code-bg: #262b33;
  }
}
* { box-sizing: border-box; }
body {
  margin: 0; background: var(--bg); color: var(--text); line-height: 1.45;
  font: 15px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif;
}
.wrap { max-width: 78rem; margin: 0 auto; padding: 0 1.25rem; }
.top { background: var(--card); border-bottom: 1px solid var(--line); margin-bottom: 1.5rem; }
.top .wrap { padding-top: 1rem; padding-bottom: 1rem; }
.top h1 { margin: 0; font-size: 1.35rem; letter-spacing: -0.01em; }
.top p { margin: 0.15rem 0 0; color: var(--muted); }
section { margin-bottom: 2.5rem; }
h2 { font-size: 1.15rem; margin: 0 0 0.75rem; display: flex; align-items: center; gap: 0.5rem; }
h3 { font-size: 1rem; margin: 0 0 0.75rem; }
.count {
  font-size: 0.8rem; font-weight: 600; color: var(--muted); background: var(--off-bg);
  border-radius: 999px; padding: 0.05rem 0.55rem;
}
.card {
  background: var(--card); border: 1px solid var(--line); border-radius: 10px;
  padding: 1rem 1.1rem; margin-bottom: 1rem; box-shadow: 0 1px 2px rgb(0 0 0 / 4%);
}
.fields { display: grid; grid-template-columns: repeat(auto-fit, minmax(13rem, 1fr)); gap: 0.75rem 1.25rem; align-items: start; }
.fields + .fields { margin-top: 0.9rem; }
.field { display: flex; flex-direction: column; gap: 0.25rem; min-width: 0; }
label, legend { font-weight: 600; font-size: 0.875rem; }
.hint { color: var(--muted); font-size: 0.825rem; margin: 0.6rem 0 0; }
.field .hint { margin: 0.1rem 0 0; }
input[type=text], input[type=password], input:not([type]) {
  font: inherit; color: inherit; background: var(--card); width: 100%;
  border: 1px solid var(--line); border-radius: 6px; padding: 0.45rem 0.6rem;
}
fieldset { border: 0; padding: 0; margin: 0; min-width: 0; }
legend { padding: 0; margin-bottom: 0.35rem; }
.choices { display: flex; flex-wrap: wrap; gap: 0.35rem 1rem; }
.choices label { font-weight: 400; display: inline-flex; align-items: center; gap: 0.35rem; }
button, summary {
  font: inherit; font-size: 0.875rem; font-weight: 600; cursor: pointer; border-radius: 6px;
  padding: 0.45rem 0.85rem; border: 1px solid var(--accent); background: var(--accent);
  color: var(--accent-text); white-space: nowrap;
}
button.quiet, summary { background: transparent; color: var(--accent); border-color: var(--line); }
button.danger { background: transparent; color: var(--danger); border-color: var(--line); }
button.quiet:hover, summary:hover, button.danger:hover { border-color: currentcolor; }
:focus-visible { outline: 3px solid var(--focus); outline-offset: 2px; }
.form-end { display: flex; justify-content: flex-end; margin-top: 0.9rem; }
.table-wrap { position: relative; overflow-x: auto; background: var(--card); border: 1px solid var(--line); border-radius: 10px; }
table { border-collapse: collapse; width: 100%; font-size: 0.9rem; }
th, td { text-align: left; padding: 0.6rem 0.8rem; border-bottom: 1px solid var(--line); vertical-align: top; }
tbody tr:last-child td { border-bottom: 0; }
th { font-size: 0.75rem; text-transform: uppercase; letter-spacing: 0.04em; color: var(--muted); }
td.empty { color: var(--muted); text-align: center; padding: 1.25rem; }
code, .mono { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; font-size: 0.82rem; }
td code { word-break: break-all; }
.chip { display: inline-block; background: var(--code-bg); border-radius: 4px; padding: 0 0.35rem; margin: 0 0.25rem 0.2rem 0; }
.badge { font-size: 0.75rem; font-weight: 600; border-radius: 999px; padding: 0.1rem 0.55rem; white-space: nowrap; }
.badge.ok { background: var(--ok-bg); color: var(--ok); }
.badge.off { background: var(--off-bg); color: var(--muted); }
.none { color: var(--muted); }
.row-actions { display: flex; gap: 0.4rem; align-items: flex-start; }
td.actions { width: 1%; white-space: nowrap; }
td time { white-space: nowrap; }
.row-actions form { margin: 0; }
details { position: relative; }
summary { list-style: none; display: inline-block; }
summary::-webkit-details-marker { display: none; }
details[open] summary { border-color: currentcolor; }
details .card { margin: 0.5rem 0 0; min-width: 15rem; display: grid; gap: 0.5rem; }
.flash { border-radius: 10px; padding: 0.8rem 1rem; margin-bottom: 1.5rem; border: 1px solid; }
.flash p { margin: 0; }
.flash-success { background: var(--ok-bg); border-color: var(--ok); }
.flash-error { background: var(--err-bg); border-color: var(--danger); }
.secret { margin-top: 0.7rem; }
.secret-row { display: flex; flex-wrap: wrap; gap: 0.5rem; align-items: center; margin-top: 0.4rem; }
.secret-value {
  background: var(--card); border: 1px solid var(--line); border-radius: 6px;
  padding: 0.4rem 0.6rem; user-select: all; word-break: break-all;
}
.sr-only {
  position: absolute; width: 1px; height: 1px; padding: 0; margin: -1px; overflow: hidden;
  clip: rect(0 0 0 0); white-space: nowrap; border: 0;
}
@media (max-width: 48rem) {
  .wrap { padding: 0 0.75rem; }
  .form-end button { width: 100%; }
  /* Each table row becomes a card, each cell a labelled line. */
  .table-wrap { overflow: visible; background: none; border: 0; }
  table, tbody, tr, td { display: block; }
  thead { display: none; }
  tr { background: var(--card); border: 1px solid var(--line); border-radius: 10px; margin-bottom: 0.75rem; padding: 0.35rem 0; }
  td, tbody tr:last-child td { position: relative; border: 0; padding: 0.3rem 0.9rem 0.3rem 7.4rem; }
  td::before {
    content: attr(data-label); position: absolute; left: 0.9rem; top: 0.45rem; width: 6rem;
    font-size: 0.72rem; font-weight: 600; text-transform: uppercase; letter-spacing: 0.04em; color: var(--muted);
  }
  td.empty { padding: 1rem; }
  td.empty::before { content: none; }
  td.actions { width: auto; white-space: normal; }
  .row-actions { flex-wrap: wrap; }
}
`;
