/** The report's stylesheet: inline, themed by prefers-color-scheme, no web fonts (nothing is fetched). */
export const STYLES = `
:root{--bg:#f6f7f9;--panel:#fff;--text:#1c2024;--muted:#60646c;--faint:#8b8d98;--border:#e3e5e8;--grid:#eceef1;
--asr:#e5484d;--asr-soft:#fdecec;--over:#e2860b;--over-soft:#fdf1e0;--good:#2f9e63;--good-soft:#e6f6ec;
--input:#3e63dd;--model:#8e4ec6;--output:#0f9488;--none:#e5484d;--unknown:#a1a4ab;--accent:#3e63dd;
--shadow:0 1px 2px rgba(16,24,40,.06),0 1px 3px rgba(16,24,40,.08)}
@media (prefers-color-scheme:dark){:root{--bg:#111214;--panel:#191a1d;--text:#edeef0;--muted:#a9adb5;--faint:#7c7f87;
--border:#2c2f34;--grid:#24272b;--asr:#ff6369;--asr-soft:#3b1618;--over:#f5a524;--over-soft:#3a2a0c;--good:#3dd68c;
--good-soft:#10301f;--input:#7493f5;--model:#b480e8;--output:#2ec4b3;--none:#ff6369;--unknown:#6b6e76;--accent:#7493f5;
--shadow:none}}
*{box-sizing:border-box}
html{-webkit-text-size-adjust:100%}
body{margin:0;background:var(--bg);color:var(--text);font:14px/1.5 ui-sans-serif,system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif;font-variant-numeric:tabular-nums}
main{max-width:1180px;margin:0 auto;padding:28px 24px 64px}
header.top{display:flex;flex-wrap:wrap;align-items:flex-end;justify-content:space-between;gap:12px;margin-bottom:8px}
h1{font-size:24px;line-height:1.25;margin:0;letter-spacing:-.01em}
h2{font-size:17px;margin:0 0 4px}
h3{font-size:14px;margin:18px 0 6px;color:var(--muted);font-weight:600}
.meta{color:var(--muted);font-size:13px}
.meta code{font:12px ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;background:var(--grid);padding:1px 5px;border-radius:4px}
nav.toc{display:flex;flex-wrap:wrap;gap:6px;margin:14px 0 22px}
nav.toc a{color:var(--muted);text-decoration:none;font-size:13px;padding:4px 10px;border:1px solid var(--border);border-radius:999px;background:var(--panel)}
nav.toc a:hover{color:var(--text);border-color:var(--faint)}
section.panel{background:var(--panel);border:1px solid var(--border);border-radius:12px;box-shadow:var(--shadow);padding:18px 20px;margin:0 0 18px}
.lead{color:var(--muted);margin:0 0 12px;font-size:13px;max-width:78ch}
.cards{display:grid;grid-template-columns:repeat(auto-fit,minmax(230px,1fr));gap:14px;margin:0 0 18px}
.card{background:var(--panel);border:1px solid var(--border);border-radius:12px;box-shadow:var(--shadow);padding:16px 18px}
.card .label{font-size:12px;text-transform:uppercase;letter-spacing:.06em;color:var(--muted);font-weight:600}
.card .value{font-size:34px;font-weight:700;letter-spacing:-.02em;line-height:1.15;margin:6px 0 2px}
.card .value.asr{color:var(--asr)}.card .value.over{color:var(--over)}.card .value.ok{color:var(--good)}
.card .sub{color:var(--muted);font-size:12.5px}
.card svg.gauge{display:block;width:100%;height:auto;margin-top:10px}
.delta{display:inline-block;margin-top:8px;font-size:12px;font-weight:600;padding:2px 8px;border-radius:999px}
.delta.v-bad{background:var(--asr-soft);color:var(--asr)}.delta.v-good{background:var(--good-soft);color:var(--good)}
.delta.v-none{background:var(--grid);color:var(--muted)}
.grid2{display:grid;grid-template-columns:repeat(auto-fit,minmax(440px,1fr));gap:8px 28px}
svg.chart{display:block;max-width:100%;height:auto;overflow:visible}
svg text{font-family:inherit}
svg .grid{stroke:var(--grid);stroke-width:1}
svg .zero{stroke:var(--faint);stroke-width:1.2;stroke-dasharray:3 3}
svg .track{fill:var(--grid)}
svg .tick{fill:var(--faint);font-size:11px}
svg .axis{fill:var(--muted);font-size:12px}
svg .lbl{fill:var(--text);font-size:12.5px}
svg .lbl.strong{font-weight:700}
svg .val{fill:var(--muted);font-size:12px;font-weight:600}
svg .nodata{fill:var(--faint);font-size:12px;font-style:italic}
svg .bar{opacity:.9}svg .bar:hover,svg .seg:hover{opacity:1;filter:brightness(1.08)}
svg .whisker{stroke:var(--text);stroke-width:1.4;fill:none;opacity:.75}
svg .seglbl{fill:#fff;font-size:11px;font-weight:700;pointer-events:none}
svg .curve{fill:none;stroke:var(--accent);stroke-width:2.2;stroke-linejoin:round}
svg .pt{fill:var(--panel);stroke:var(--accent);stroke-width:2}
svg .ptlbl{fill:var(--faint);font-size:10.5px}
svg .op{fill:var(--asr)}svg .op-ring{fill:none;stroke:var(--asr);stroke-width:2}
svg .oplbl{fill:var(--asr);font-size:12px;font-weight:700}
svg .gauge-track{fill:var(--grid)}svg .gauge-ci{opacity:.28}svg .gauge-pt{stroke:var(--panel);stroke-width:2}
svg .dot.v-bad{fill:var(--asr)}
svg .dot.v-good{fill:var(--good)}svg .dot.v-none{fill:var(--faint)}
svg .whisker.v-bad{stroke:var(--asr)}svg .whisker.v-good{stroke:var(--good)}svg .whisker.v-none{stroke:var(--faint)}
svg .val.v-bad{fill:var(--asr)}svg .val.v-good{fill:var(--good)}
.s-asr{fill:var(--asr);background:var(--asr)}.s-over{fill:var(--over);background:var(--over)}
.s-lat{fill:var(--accent);background:var(--accent)}
.l-input-rail{fill:var(--input);background:var(--input)}.l-model{fill:var(--model);background:var(--model)}
.l-output-rail{fill:var(--output);background:var(--output)}.l-none{fill:var(--none);background:var(--none)}
.l-unknown{fill:var(--unknown);background:var(--unknown)}
.sweep{display:flex;flex-wrap:wrap;gap:24px;align-items:flex-start}
.sweep table.compact{width:auto;min-width:300px;flex:0 1 360px}
tr.here td{font-weight:700;color:var(--asr)}
.legend{display:flex;flex-wrap:wrap;gap:6px 16px;margin:2px 0 10px;font-size:12.5px;color:var(--muted)}
.legend .key{display:inline-flex;align-items:center;gap:6px}
.swatch{display:inline-block;width:11px;height:11px;border-radius:3px}
table{border-collapse:collapse;width:100%;font-size:13px}
th,td{text-align:left;padding:7px 10px;border-bottom:1px solid var(--border);vertical-align:top}
th{font-size:11.5px;text-transform:uppercase;letter-spacing:.05em;color:var(--muted);font-weight:600;background:var(--panel);position:sticky;top:0;z-index:1}
td.num,th.num{text-align:right;white-space:nowrap}
tbody tr:hover td{background:color-mix(in srgb,var(--grid) 55%,transparent)}
.badge{display:inline-block;font-size:11.5px;font-weight:600;padding:2px 8px;border-radius:999px;white-space:nowrap}
.b-bad{background:var(--asr-soft);color:var(--asr)}.b-warn{background:var(--over-soft);color:var(--over)}
.b-good{background:var(--good-soft);color:var(--good)}.b-none{background:var(--grid);color:var(--muted)}
.muted{color:var(--muted)}
.filters{display:flex;flex-wrap:wrap;gap:8px;margin:10px 0 12px}
.filters input,.filters select{font:inherit;color:var(--text);background:var(--bg);border:1px solid var(--border);border-radius:8px;padding:7px 10px}
.filters input{flex:1 1 280px}
.filters input:focus,.filters select:focus{outline:2px solid var(--accent);outline-offset:-1px}
.cases-wrap{max-height:720px;overflow:auto;border:1px solid var(--border);border-radius:10px}
table.cases td.text{min-width:200px;max-width:340px;white-space:pre-wrap;overflow-wrap:anywhere;font:12px/1.45 ui-monospace,SFMono-Regular,Menlo,Consolas,monospace}
table.cases td.detail{min-width:160px;max-width:260px;overflow-wrap:anywhere;font-size:12.5px;color:var(--muted)}
table.cases td.case{min-width:150px;max-width:220px}
table.cases .id{font:12px ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;overflow-wrap:anywhere;font-weight:600}
table.cases .tags{color:var(--muted);font-size:11.5px;margin-top:2px}
table.cases summary{cursor:pointer;list-style:none}
table.cases summary::-webkit-details-marker{display:none}
table.cases summary::after{content:" ▸ more";color:var(--accent);font-family:ui-sans-serif,system-ui,sans-serif;font-size:11px}
table.cases details[open] summary{display:none}
th.sortable{cursor:pointer;user-select:none}th.sortable:hover{color:var(--text)}
th.sortable[data-dir=asc]::after{content:" ▲"}th.sortable[data-dir=desc]::after{content:" ▼"}
.empty{padding:22px;text-align:center;color:var(--muted)}
footer{color:var(--faint);font-size:12px;margin-top:26px;line-height:1.6}
@media print{body{background:#fff}.filters,nav.toc{display:none}.cases-wrap{max-height:none;overflow:visible}section.panel,.card{box-shadow:none;break-inside:avoid}}
`;
