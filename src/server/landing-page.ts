export const EXAMPLE_QUERY = `{
  entities(kinds: [PEACEKEEPING_OPERATION]) {
    code
    name
    workforce(year: 2021) { headcount womenShare }
  }
  workforce(year: 2021, filter: { gradeCategories: [PROFESSIONAL_AND_HIGHER, FIELD_SERVICE] }) {
    headcount
    womenShare
  }
  recruitment(year: 2019) { recruitments averageDaysToRecruit }
}`;

const escapeHtml = (text: string): string =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/**
 * A self-contained page (no CDN, works offline): a query box that POSTs to this endpoint, the
 * example query, and the curl equivalent. Served at /graphql only while the bundled explorer is
 * not built (`npm run build` builds it).
 */
export function landingPageHtml(url: string): string {
  const curlBody = JSON.stringify({ query: '{ workforce(year: 2021) { headcount womenShare } }' });
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>reformgraph</title>
<style>
body{font-family:system-ui,sans-serif;margin:2rem;max-width:72rem;color:#1b1b1b}
textarea{width:100%;height:18rem;font-family:monospace;font-size:.9rem}
pre{background:#f4f4f4;padding:1rem;overflow:auto;max-height:30rem}
button{font-size:1rem;padding:.4rem 1.2rem}
</style></head>
<body>
<h1>reformgraph</h1>
<p>GraphQL over UN Secretariat human-resources data. POST queries to <code>${escapeHtml(url)}</code>.
The schema is in <code>schema/schema.graphql</code>; demo data is synthetic.</p>
<label for="q">Query</label>
<textarea id="q">${escapeHtml(EXAMPLE_QUERY)}</textarea>
<p><label>Bearer token (optional) <input id="t" size="40"></label> <button id="run">Run</button></p>
<pre id="out">Press Run.</pre>
<h2>From a shell</h2>
<pre>curl -s ${escapeHtml(url)} -H 'content-type: application/json' \\
  --data '${escapeHtml(curlBody)}'</pre>
<script>
document.getElementById('run').onclick = async () => {
  const out = document.getElementById('out');
  out.textContent = '...';
  const headers = { 'content-type': 'application/json' };
  const token = document.getElementById('t').value.trim();
  if (token) headers.authorization = 'Bearer ' + token;
  try {
    const res = await fetch(location.pathname, { method: 'POST', headers,
      body: JSON.stringify({ query: document.getElementById('q').value }) });
    out.textContent = JSON.stringify(await res.json(), null, 2);
  } catch (e) { out.textContent = String(e); }
};
</script>
</body></html>`;
}
