// The HTML report's stylesheet, inlined into every report.
//
// One column of at most 1200 px; the cards sit in an auto-filling grid
// that folds to one column on a phone. Only the two tables may be wider
// than the screen, and they scroll inside their own box (`.scroll`), so
// the page itself never scrolls sideways. Long ids, paths and sentences
// wrap anywhere. Fonts are the system's, with CJK fallbacks named.

enum HTMLStyle {
  static let sheet = """
    :root{color-scheme:light;--fg:#1c2330;--muted:#5a6472;--bg:#fff;--soft:#f4f6f9;--line:#d8dde4;
    --p:#2e6db0;--r:#7b49b0;--f:#23794c;--fp:#b3261e;--fn:#9a5b00;--pick:#2e6db0;--mark:#ffe27a}
    *{box-sizing:border-box}
    html{-webkit-text-size-adjust:100%;text-size-adjust:100%}
    body{margin:0;color:var(--fg);background:var(--bg);overflow-wrap:anywhere;
    font:15px/1.55 system-ui,-apple-system,"Segoe UI",Roboto,"Noto Sans","Noto Sans CJK SC","Source Han Sans SC",
    "PingFang SC","Microsoft YaHei","WenQuanYi Micro Hei",sans-serif}
    .wrap{max-width:1200px;margin:0 auto;padding:16px 20px 32px}
    h1{font-size:1.6rem;margin:.2em 0 .4em;line-height:1.25}
    h1 .corpus{font-weight:400;color:var(--muted)}
    h2{font-size:1.25rem;margin:1.6em 0 .5em;padding-bottom:.2em;border-bottom:2px solid var(--line)}
    h3{font-size:1rem;margin:0 0 .3em}
    code{font-family:ui-monospace,"SFMono-Regular",Menlo,Consolas,"Liberation Mono",monospace;font-size:.9em}
    a{color:var(--p)}
    .note,.none{color:var(--muted);margin:.3em 0 .8em}
    .meta{display:grid;grid-template-columns:repeat(auto-fit,minmax(min(100%,26rem),1fr));gap:4px 24px;margin:0}
    .meta div{display:flex;gap:8px;min-width:0}
    .meta dt{font-weight:600;min-width:5.5em;white-space:nowrap}
    .meta dd{margin:0;min-width:0}
    .files{margin:.6em 0}
    .files summary{cursor:pointer;color:var(--muted)}
    .files ul{columns:18rem;margin:.4em 0;padding-left:1.2em}
    .toc{display:flex;flex-wrap:wrap;gap:6px 14px;margin-top:.8em;padding:8px 0;border-top:1px solid var(--line)}
    .cards{display:grid;grid-template-columns:repeat(auto-fill,minmax(min(100%,17.5rem),1fr));gap:12px}
    .card{border:1px solid var(--line);border-radius:8px;padding:10px 12px 8px;min-width:0;background:var(--bg)}
    .card.weak{border-left:4px solid var(--fp)}
    .card .tname,.mt .tname{font-weight:400;color:var(--muted)}
    .counts{margin:0 0 6px;color:var(--muted);font-size:.9em}
    svg.bars{display:block;width:100%;height:auto;max-height:7rem}
    svg .lab,svg .val{font:600 15px system-ui,sans-serif;fill:var(--fg)}
    svg .track{fill:var(--soft);stroke:var(--line)}
    svg .bar.p{fill:var(--p)}svg .bar.r{fill:var(--r)}svg .bar.f{fill:var(--f)}
    .scroll{overflow-x:auto;max-width:100%;border:1px solid var(--line);border-radius:6px}
    table{border-collapse:collapse;font-variant-numeric:tabular-nums}
    th,td{padding:4px 10px;text-align:right;white-space:nowrap;border-bottom:1px solid var(--line)}
    th.l{text-align:left}
    thead th{background:var(--soft);position:sticky;top:0}
    table.figures{width:100%}
    tr.avg th,tr.avg td{background:var(--soft);font-weight:600}
    table.matrix th,table.matrix td{padding:3px 6px;border:1px solid var(--line);min-width:2.2em;text-align:center}
    table.matrix th.l{text-align:left;position:sticky;left:0;background:var(--soft);z-index:1}
    table.matrix th.col{vertical-align:bottom;padding:6px 2px}
    table.matrix th.col span{writing-mode:vertical-rl;transform:rotate(180deg);display:inline-block;
    font-weight:500;max-height:12em}
    table.matrix .k{display:block;font-size:.75em;line-height:1.1}
    .z{background:var(--bg)}
    .d1{background:#e3f3e8}.d2{background:#bfe3ca}.d3{background:#8fcea5}.d4{background:#4fae73;color:#fff}
    .d5{background:#23794c;color:#fff}
    .c1{background:#e8eff8}.c2{background:#cbdcf0}.c3{background:#9fbfe3}.c4{background:#5d93cf;color:#fff}
    .c5{background:#2e6db0;color:#fff}
    .x1{background:#fbe4e2}.x2{background:#f6c4bf}.x3{background:#ee9a92}.x4{background:#dc5b50;color:#fff}
    .x5{background:#b3261e;color:#fff}
    .pick{position:absolute;opacity:0;width:1px;height:1px;margin:0}
    .filters{display:flex;flex-wrap:wrap;gap:6px;align-items:center;margin:.4em 0}
    .filters .fl{font-weight:600;min-width:3.5em}
    .filters label{border:1px solid var(--line);border-radius:999px;padding:2px 10px;cursor:pointer;
    background:var(--bg);user-select:none}
    .filters label b{font-weight:600;margin-left:2px}
    .mlist{margin-top:.8em}
    .mt{margin:1.2em 0}
    .mt h3{font-size:1.05rem}
    .mt .n{font-weight:400;color:var(--muted);font-size:.9em}
    .m{border:1px solid var(--line);border-left:5px solid var(--fp);border-radius:6px;padding:8px 12px;margin:8px 0;
    min-width:0}
    .m.fn{border-left-color:var(--fn)}
    .m header{display:flex;flex-wrap:wrap;gap:4px 10px;align-items:baseline}
    .m .kind{font-weight:700;color:#fff;background:var(--fp);border-radius:4px;padding:0 6px;font-size:.85em}
    .m.fn .kind{background:var(--fn)}
    .m .atitle{font-weight:600}
    .m .score{margin:.2em 0;color:var(--muted);font-size:.92em}
    .m .score b{color:var(--fg)}
    .rules{margin:.3em 0;padding-left:1.4em}
    .rules>li{margin:.35em 0}
    .w{font-weight:700;font-variant-numeric:tabular-nums}
    .w.pos{color:var(--f)}.w.neg{color:var(--fp)}
    .loc{color:var(--muted)}
    .src{background:var(--soft);border-radius:3px;padding:0 4px;font-size:.82em}
    .ev{margin:.2em 0;padding-left:1.1em;list-style:"» "}
    .ev li{margin:.15em 0}
    mark{background:var(--mark);color:inherit;border-radius:2px;padding:0 1px;box-shadow:inset 0 -2px 0 #d9a800}
    .field{font-size:.8em;color:var(--muted);border:1px solid var(--line);border-radius:3px;padding:0 3px}
    .gap{color:var(--muted)}
    .gold{margin:.4em 0 .1em;padding:4px 8px;background:var(--soft);border-radius:4px}
    .gl{font-size:.8em;font-weight:600;color:var(--muted);text-transform:uppercase;margin-right:6px}
    .issues li{margin:.2em 0}
    footer{margin-top:2.5em;color:var(--muted);font-size:.85em;border-top:1px solid var(--line)}
    @media (max-width:640px){
    .wrap{padding:10px 12px 24px}
    body{font-size:14.5px}
    h1{font-size:1.3rem}
    .meta div{flex-direction:column;gap:0}
    .m{padding:6px 9px}
    .rules{padding-left:1.1em}
    }
    @media print{.pick,.filters{display:none}.mt{display:block!important}.m{display:block!important;break-inside:avoid}}

    """
}
