"""``GET /docs``: an interactive page over ``/openapi.json`` — every operation with its
parameters and body schema, a form to call it with a token or key, the answer shown as sent.
Self-contained (no script from elsewhere): the server may have no way out to the internet."""
from __future__ import annotations

PAGE = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>wms-desktop API</title>
<style>
body{font:14px system-ui,sans-serif;margin:0 auto;max-width:1100px;padding:1em}
details{border:1px solid #ccc;border-radius:4px;margin:.4em 0;padding:.3em .6em}
summary{cursor:pointer}.m{display:inline-block;width:4.5em;font-weight:bold}
textarea{width:100%;font:12px monospace;min-height:6em}pre{background:#f6f6f6;padding:.5em;overflow:auto;max-height:30em}
input{font:13px monospace}label{display:block;margin:.2em 0}
</style></head><body>
<h1>wms-desktop API</h1>
<p>The OpenAPI document: <a href="/openapi.json">/openapi.json</a>. Sign in with <code>POST /api/auth/login</code>;
its access token is kept here for the other calls.</p>
<label>Bearer token <input id="token" size="60"></label>
<label>or X-API-Key <input id="key" size="60"></label>
<div id="ops">loading…</div>
<script>
const $ = (tag, props = {}, ...kids) => { const e = Object.assign(document.createElement(tag), props); e.append(...kids); return e; };
function resolve(doc, s) { return s && s.$ref ? doc.components.schemas[s.$ref.split("/").pop()] : s; }
function example(doc, s) {
  s = resolve(doc, s) || {};
  if (s.anyOf) return example(doc, s.anyOf[0]);
  if (s.type === "object") { const o = {}; for (const n of s.required || []) o[n] = example(doc, s.properties[n]); return o; }
  if (s.type === "array") return [];
  return s.default ?? {integer: 1, boolean: false, string: ""}[s.type] ?? null;
}
async function call(doc, path, method, op, fields, body, out) {
  let url = path, query = new URLSearchParams(), headers = {"Content-Type": "application/json"};
  for (const [p, input] of fields) {
    if (!input.value) continue;
    if (p.in === "path") url = url.replace("{" + p.name + "}", encodeURIComponent(input.value));
    else if (p.in === "query") query.append(p.name, input.value);
    else headers[p.name] = input.value;
  }
  const token = document.getElementById("token").value, key = document.getElementById("key").value;
  if (token) headers.Authorization = "Bearer " + token;
  if (key) headers["X-API-Key"] = key;
  const answer = await fetch(url + (query.size ? "?" + query : ""), {method: method.toUpperCase(), headers,
    body: body && body.value.trim() ? body.value : undefined});
  const text = await answer.text();
  try {
    const json = JSON.parse(text);
    out.textContent = answer.status + "\\n" + JSON.stringify(json, null, 2);
    if (path === "/api/auth/login" && json.success) document.getElementById("token").value = json.data.access_token;
  } catch { out.textContent = answer.status + "\\n" + text; }
}
fetch("/openapi.json").then(r => r.json()).then(doc => {
  const ops = document.getElementById("ops"); ops.textContent = "";
  for (const [path, item] of Object.entries(doc.paths)) for (const [method, op] of Object.entries(item)) {
    const fields = (op.parameters || []).map(p => [p, $("input", {placeholder: p.schema.type || "", size: 40})]);
    const schema = op.requestBody && op.requestBody.content["application/json"].schema;
    const body = schema && $("textarea", {value: JSON.stringify(example(doc, schema), null, 2)});
    const out = $("pre");
    const form = $("div", {},
      ...fields.map(([p, input]) => $("label", {}, p.name + " (" + p.in + (p.required ? ", required" : "") + ") ", input)),
      ...(body ? [$("div", {}, "body: " + (resolve(doc, schema).title || "")), body,
                  $("details", {}, $("summary", {}, "schema"), $("pre", {}, JSON.stringify(resolve(doc, schema), null, 2)))] : []),
      $("button", {onclick: () => call(doc, path, method, op, fields, body, out)}, "Send"), out);
    ops.append($("details", {}, $("summary", {}, $("span", {className: "m"}, method.toUpperCase()), path + " — " + op.summary), form));
  }
});
</script></body></html>
"""
